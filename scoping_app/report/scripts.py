"""User text as the plan draws it: clean, in reading order, joined, and in a font that has it.

- :func:`clean` takes out what must never reach the PDF, its metadata included: control
  characters, lone surrogates and non-characters.
- Right-to-left text (Hebrew, Arabic) is put in display order line by line with the
  Unicode bidirectional algorithm (python-bidi), after Arabic letters took their joined
  presentation forms (arabic-reshaper), which DejaVu Sans draws; a mixed line such as
  English with an Arabic name reads correctly either way.
- CJK is drawn in a system font found through fontconfig (report/fonts.py), in runs; what
  no font has becomes □ and the plan's note names it.

Text with none of this (Latin, Greek, Cyrillic...) takes a fast path that only cleans.

For Paragraph markup, use report/escape.py's ``escape``, which calls :func:`line_markup`
on such text; a Paragraph of user text alone is best made with :func:`paragraph`, whose
right-to-left lines stay in reading order when it wraps. On a canvas or in a drawing, a
plain string is drawn with :func:`draw_string` or :func:`label`, measured with
:func:`text_width`, shortened with :func:`fit` and broken into lines with :func:`wrap`;
all take text in logical (typed) order.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, Literal

import arabic_reshaper
from bidi import get_base_level, get_display
from bidi import mirror as bidi_mirror
from reportlab.graphics.shapes import Group, String
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from scoping_app.report import fonts
from scoping_app.report.fonts import clean

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms,
# and the supplementary right-to-left blocks.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
# Explicit directional marks, embeddings, overrides and isolates: read by the bidi
# algorithm, then dropped (DejaVu Sans has no glyph for some of them).
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_DROP_BIDI_CONTROLS = re.compile(f"[{_BIDI_CONTROLS}]")
_NEEDS_BIDI = re.compile(f"[{_RTL}{_BIDI_CONTROLS}]")
Direction = Literal["ltr", "rtl"]


@functools.cache
def _complex() -> re.Pattern[str]:
    """Matches a character that needs more than the fast path: right-to-left, a bidi
    control, or anything the embedded font's upright faces cannot draw."""
    plain = fonts.char_class(fonts.covered() | {ord(char) for char in "\t\n\r\u2028\u2029"})
    return re.compile(f"[{_RTL}{_BIDI_CONTROLS}]|[^{plain}]")


def is_simple(text: str) -> bool:
    """Whether ``text`` is drawn as it is, in the embedded font (the fast path)."""
    return _complex().search(text) is None


@functools.cache
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    """Arabic joining into presentation forms, with only the ligatures the font draws."""
    have = fonts.covered()
    configuration: dict[str, Any] = {"delete_harakat": False}
    for name, (_letters, forms) in arabic_reshaper.ligatures.LIGATURES:
        if not all(ord(char) in have for form in forms for char in form):
            configuration[name] = False
    return arabic_reshaper.ArabicReshaper(configuration=configuration)


def _unjoined(char: str) -> str:
    """A presentation form the font lacks as its plain letters, which it may have."""
    if ord(char) in fonts.covered():
        return char
    plain = unicodedata.normalize("NFKC", char)
    return plain if all(ord(letter) in fonts.covered() for letter in plain) else char


def direction(text: str) -> Direction:
    """The base direction of a line: that of its first strong character (rule P2)."""
    return "rtl" if get_base_level(text) == 1 else "ltr"


_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
_TRAILING = frozenset({"WS", "FSI", "LRI", "RLI", "PDI", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"})


def _levels(line: str, base_dir: str | None) -> tuple[list[int], int] | None:
    """The bidi algorithm's resolved level of every character, and the paragraph's.

    python-bidi's ``get_display(..., debug=True)`` returns them (one per UTF-8 byte, as
    its Rust implementation counts); None if that text is not as expected.
    """
    info = get_display(line, base_dir=base_dir, debug=True)
    # The text itself comes first, escaped, so these headings are found after it.
    levels_at = info.find("\n    levels: [")
    paragraphs_at = info.find("\n    paragraphs: [", levels_at)
    if levels_at < 0 or paragraphs_at < 0:
        return None
    by_byte = [int(level) for level in _LEVEL.findall(info, levels_at, paragraphs_at)]
    paragraph = _LEVEL.search(info, paragraphs_at)
    if len(by_byte) != len(line.encode("utf-8")) or paragraph is None:
        return None
    levels, offset = [], 0
    for char in line:
        levels.append(by_byte[offset])
        offset += len(char.encode("utf-8"))
    return levels, int(paragraph.group(1))


def _reorder(line: str, base_dir: str | None) -> str:
    """Rules L1, L2 and L4 of the bidi algorithm on one line: display order, mirrored."""
    resolved = _levels(line, base_dir)
    if resolved is None:  # an unexpected python-bidi: its order, brackets unmirrored
        return get_display(line, base_dir=base_dir)
    levels, paragraph = resolved
    classes = [unicodedata.bidirectional(char) for char in line]
    trailing = True  # L1: white space at the end of the line takes the paragraph's level
    for index in range(len(line) - 1, -1, -1):
        if classes[index] in ("S", "B"):
            levels[index] = paragraph
            trailing = True
        elif trailing and classes[index] in _TRAILING:
            levels[index] = paragraph
        else:
            trailing = False
    chars = [
        bidi_mirror.MIRRORED.get(char, char) if level % 2 else char  # L4
        for char, level in zip(line, levels, strict=True)
    ]
    order = list(range(len(line)))
    highest = max(levels, default=0)
    lowest_odd = min((level for level in levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):  # L2
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = order[index:end][::-1]
                index = end
            else:
                index += 1
    return "".join(chars[index] for index in order)


@functools.lru_cache(maxsize=8192)
def visual(line: str, base: Direction | None = None) -> str:
    """One line of logical text in display order, left to right, Arabic joined.

    ``base`` forces the paragraph direction; by default it is that of the first strong
    character. Brackets in right-to-left runs are mirrored; bidi controls are read, then
    dropped. Combining marks (Hebrew points, Arabic harakat) stay before their letter, as
    reversed: DejaVu Sans draws them over the glyph that follows.
    """
    if not _NEEDS_BIDI.search(line):
        return line
    if _ARABIC.search(line):
        line = "".join(_unjoined(char) for char in _reshaper().reshape(line))
    shown = _reorder(line, {"ltr": "L", "rtl": "R", None: None}[base])
    return _DROP_BIDI_CONTROLS.sub("", shown)


def runs(line: str, base: Direction | None = None) -> list[tuple[str, str | None]]:
    """One line of logical text as drawn: (text, font) runs in display order, left to right.

    The font is None where the embedded font draws the text, else the name of the system
    font registered for it. What no font draws is □; invisible format characters that the
    font lacks are left out.
    """
    shown = visual(clean(line), base)
    if is_simple(shown):
        return [(shown, None)] if shown else []
    have = fonts.covered()
    result: list[tuple[str, str | None]] = []
    current: list[str] = []
    current_font: str | None = None
    for char in shown:
        font: str | None = None
        if ord(char) not in have and char not in "\t\n\r\u2028\u2029":
            if not char.isprintable():
                continue
            font = fonts.fallback_font(char)
            if font is None:
                char = fonts.REPLACEMENT
        if font != current_font and current:
            result.append(("".join(current), current_font))
            current = []
        current_font = font
        current.append(char)
    if current:
        result.append(("".join(current), current_font))
    return result


def _one_line(text: str) -> str:
    return " ".join(clean(text, one_line=True).split())


@functools.lru_cache(maxsize=65536)
def text_width(text: str, font: str, size: float) -> float:
    """The width of one line of ``text`` as drawn in ``font`` at ``size`` points.

    ``text`` may be in logical or display order: both have the same width. Remembered:
    the graph pages measure the same names again and again (every box, every link).
    """
    line = _one_line(text)
    if is_simple(line):
        return stringWidth(line, font, size)
    return sum(stringWidth(part, face or font, size) for part, face in runs(line))


def fit(text: str, font: str, size: float, room: float) -> str:
    """One line of ``text`` that fits ``room`` points, ending in … when shortened.

    Shortened in logical order, so that a right-to-left line loses its end, not its start.
    """
    line = _one_line(text)
    if text_width(line, font, size) <= room:
        return line
    low, high = 0, len(line)
    while low < high:  # the longest start that fits with the ellipsis
        middle = (low + high + 1) // 2
        if text_width(line[:middle].rstrip() + "…", font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return line[:low].rstrip() + "…"


_BREAK = re.compile(rf"\s+|(?<=[{fonts.CJK_CLASS}])(?=\S)|(?<=\S)(?=[{fonts.CJK_CLASS}])")


def wrap(
    text: str, font: str, size: float, width: float, *, max_lines: int | None = None
) -> list[str]:
    """``text`` broken into lines no wider than ``width`` where it can be, in logical order.

    Lines break at spaces and between CJK characters; a word longer than a line stays
    whole, as with reportlab's ``simpleSplit``. With ``max_lines``, what does not fit is
    cut and the last line ends in …. Draw each line with :func:`draw_string` or
    :func:`label`, which put it in display order.
    """
    line = _one_line(text)
    if not line:
        return []
    lines: list[str] = []
    current = ""
    position = 0
    pieces: list[str] = []
    for match in _BREAK.finditer(line):
        pieces.append(line[position : match.start()])
        pieces.append(match.group())  # the space, or "" between CJK characters
        position = match.end()
    pieces.append(line[position:])
    for index in range(0, len(pieces), 2):
        word = pieces[index]
        gap = pieces[index - 1] if index else ""
        candidate = current + gap + word if current else word
        if current and text_width(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = fit(lines[-1] + "…", font, size, width)
    return lines


def draw_string(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    *,
    align: Literal["left", "right"] = "left",
) -> float:
    """Draw one line of ``text`` at ``(x, y)``, from x or ending at x; return its width.

    The canvas's font is left as it was.
    """
    line = _one_line(text)
    parts = [(part, face or font) for part, face in runs(line)]
    width = sum(stringWidth(part, face, size) for part, face in parts)
    left = x - width if align == "right" else x
    saved = canvas._fontname, canvas._fontsize, canvas._leading
    for part, face in parts:
        canvas.setFont(face, size)
        canvas.drawString(left, y, part)
        left += stringWidth(part, face, size)
    canvas.setFont(*saved)
    return width


def label(x: float, y: float, text: str, font: str, size: float, **properties: Any) -> Group:
    """One line of ``text`` as a drawing's Strings from ``(x, y)``: a Group to add.

    ``properties`` go to every String (``fillColor``, say).
    """
    group = Group()
    for part, face in runs(_one_line(text)):
        group.add(String(x, y, part, fontName=face or font, fontSize=size, **properties))
        x += stringWidth(part, face or font, size)
    return group


_NEWLINE = re.compile("\r\n|\r|\n|\u2028|\u2029")


def entities(text: str) -> str:
    """``text`` with the characters that are markup to a Paragraph written as entities."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def line_markup(line: str, base: Direction | None = None) -> str:
    """One line of user text as Paragraph markup, in display order, CJK runs in their font."""
    return "".join(
        entities(part) if font is None else f'<font name="{font}">{entities(part)}</font>'
        for part, font in runs(line, base)
    )


def needs_bidi(text: str) -> bool:
    """Whether ``text`` holds right-to-left characters or bidi controls."""
    return _NEEDS_BIDI.search(text) is not None


class BidiParagraph(Flowable):
    """User text broken into lines in logical order, each then set in display order."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = clean(text).replace("\t", " ")
        self.style = style
        self._laid_out: Paragraph | None = None

    def _layout(self, available_width: float) -> Paragraph:
        style = self.style
        room = available_width - style.leftIndent - style.rightIndent
        room -= max(0.0, style.firstLineIndent)
        room *= 0.999  # what fits here fits in Paragraph's own measure
        lines = []
        for logical in _NEWLINE.split(self.text):
            base = direction(logical) if _NEEDS_BIDI.search(logical) else None
            pieces = wrap(logical, style.fontName, style.fontSize, room) or [""]
            lines += [line_markup(piece, base) for piece in pieces]
        if direction(self.text) == "rtl" and style.alignment == TA_LEFT:
            style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        self._laid_out = Paragraph("<br/>".join(lines), style)
        return self._laid_out

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self._layout(availWidth).wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return self._layout(availWidth).split(availWidth, availHeight)

    def draw(self) -> None:
        assert self._laid_out is not None
        self._laid_out.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter

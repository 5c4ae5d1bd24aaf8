"""Register the bundled DejaVu Sans family with reportlab, once, embedded as TrueType."""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from scoping_app.paths import resource
from scoping_app.report import systemfonts

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_lock = threading.RLock()
_registered = False


def register_fonts() -> str:
    """Register regular, bold, italic and bold-italic as one family; return the family name."""
    global _registered
    with _lock:
        if not _registered:
            for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
                if name not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
            # Paragraph's <b> and <i> find the faces through the family's mappings.
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _registered = True
    return FAMILY


REPLACEMENT = "\u25a1"  # □, drawn where no font of the plan has a glyph
_ALWAYS_DRAWABLE = frozenset("\n\r\t\u2028\u2029")
_coverage: frozenset[int] | None = None

# Scripts that DejaVu Sans lacks and a system font may have, looked up through
# fontconfig by language (report/systemfonts.py): Han, kana, Hangul, Bopomofo and their
# symbols, punctuation and full-width forms.
_CJK_RANGES = (
    (0x1100, 0x11FF),
    (0x2E80, 0x2FFF),
    (0x3000, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
    (0x1AFF0, 0x1B16F),  # kana supplements and extensions
    (0x1F200, 0x1F2FF),  # enclosed ideographic supplement
    (0x20000, 0x3FFFF),
)
CJK_CLASS = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _CJK_RANGES)


@dataclass(frozen=True)
class _Fallback:
    name: str
    coverage: frozenset[int]


_fallbacks: dict[str, _Fallback | None] = {}
_fallback_of: dict[str, str | None] = {}


def covered() -> frozenset[int]:
    """The code points the embedded font draws upright, in its regular and bold faces.

    The oblique faces lack some of them (Arabic, among others); the plan sets no user text
    in italics.
    """
    global _coverage
    if _coverage is None:
        register_fonts()
        regular, bold = (pdfmetrics.getFont(name).face for name in (REGULAR, BOLD))
        _coverage = frozenset(regular.charToGlyph.keys() & bold.charToGlyph.keys())
    return _coverage


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def _languages(char: str) -> tuple[str, ...]:
    """fontconfig languages whose fonts may have ``char``, the likeliest first."""
    code = ord(char)
    if 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F or 0xA960 <= code <= 0xD7FF:
        return ("ko", "ja", "zh")
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0x1AFF0 <= code <= 0x1B16F:
        return ("ja", "zh", "ko")
    return ("zh", "ja", "ko")


def _register_fallback(language: str) -> _Fallback | None:
    """Register the best installed font for ``language`` that reportlab can embed."""
    for found in systemfonts.candidates(language):
        name = "Fallback-" + (re.sub(r"[^A-Za-z0-9]+", "", found.family) or "Font")
        name += f"-{found.index}" if found.index else ""
        try:
            if name not in pdfmetrics.getRegisteredFontNames():
                font = TTFont(name, found.path, subfontIndex=found.index)
                pdfmetrics.registerFont(font)
                # No bold or italic face: Paragraph's <b> and <i> keep this one.
                pdfmetrics.registerFontFamily(
                    name, normal=name, bold=name, italic=name, boldItalic=name
                )
            face = pdfmetrics.getFont(name).face
        except Exception:  # a font reportlab cannot read or may not embed: try the next
            continue
        return _Fallback(name, frozenset(face.charToGlyph))
    return None


def fallback_font(char: str) -> str | None:
    """The registered system font that draws ``char``, for CJK the embedded font lacks.

    The first call for a language asks fontconfig (a few milliseconds, once per process);
    None when no installed font has the character, or for characters outside CJK.
    """
    if char in _fallback_of:
        return _fallback_of[char]
    found: str | None = None
    if is_cjk(char):
        with _lock:
            for language in _languages(char):
                if language not in _fallbacks:
                    _fallbacks[language] = _register_fallback(language)
                fallback = _fallbacks[language]
                if fallback is not None and ord(char) in fallback.coverage:
                    found = fallback.name
                    break
    _fallback_of[char] = found
    return found


def forget_fallbacks() -> None:
    """Look installed fonts up again on next use (for tests, or after fonts were installed).

    Fonts registered with reportlab stay registered; only the choice is made anew.
    """
    with _lock:
        systemfonts.forget()
        _fallbacks.clear()
        _fallback_of.clear()


def char_class(codes: set[int] | frozenset[int]) -> str:
    """The inside of a regular expression's [...] that matches these code points."""
    ranges: list[str] = []
    ordered = sorted(codes)
    if not ordered:
        return ""
    start = previous = ordered[0]
    for code in [*ordered[1:], -1]:
        if code != previous + 1:
            low, high = re.escape(chr(start)), re.escape(chr(previous))
            ranges.append(low if start == previous else f"{low}-{high}")
            start = code
        previous = code
    return "".join(ranges)


@functools.cache
def _uncovered() -> re.Pattern[str]:
    """Matches a character the embedded font's upright faces lack, line breaks aside."""
    return re.compile(f"[^{char_class(covered() | {ord(char) for char in _ALWAYS_DRAWABLE})}]")


def undrawable(text: str) -> list[str]:
    """The characters of ``text`` no font of the plan can draw, in order, once each.

    The embedded font draws most scripts, Hebrew and Arabic included; CJK is drawn with
    a system font when one is installed.
    """
    found: dict[str, None] = {}
    for match in _uncovered().finditer(text):
        char = match.group()
        if char not in found and char.isprintable() and fallback_font(char) is None:
            found[char] = None
    return list(found)


# C0 and C1 control characters, lone surrogates and non-characters: none can be drawn,
# some break reportlab's parser, and a NUL would end a metadata string early in readers.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)
_LINE_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def clean(text: str, *, one_line: bool = False) -> str:
    """``text`` without control characters, lone surrogates and non-characters.

    Tabs and line breaks stay, unless ``one_line``: then every run of white space, line
    breaks included, becomes one space and the ends are stripped, as for the PDF's title,
    author and subject.
    """
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
        return " ".join(_CONTROL.sub("", text).split())
    return _CONTROL.sub("", text)


def drawable(text: str) -> str:
    """``text`` with every character the embedded font cannot draw replaced by a visible □,
    and without control characters.

    For strings drawn in one face of the embedded font on a canvas or in a drawing. Such
    text is not put in reading order nor joined, and CJK becomes □ even where a system
    font could draw it: report/scripts.py's ``draw_string``, ``label``, ``text_width``,
    ``fit`` and ``wrap`` do all that for user text.
    """
    text = clean(text)  # control characters never reach the PDF
    if _uncovered().search(text) is None:
        return text
    return _uncovered().sub(
        lambda match: REPLACEMENT if match.group().isprintable() else match.group(), text
    )

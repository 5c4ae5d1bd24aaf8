"""Tables whose columns are as wide as their content asks: cells measured, column widths
shared out, and texts too long for a narrow column moved to a full-width row below."""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable, Sequence
from typing import NamedTuple

from reportlab.lib.enums import TA_LEFT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import ParagraphStyle

from scoping_app.report.blocks import Box, muted
from scoping_app.report.escape import escape
from scoping_app.report.fonts import REGULAR, drawable
from scoping_app.report.page_breaks import Prose

# Between the words of a line reportlab breaks at any white space but the no-break space.
_BREAKS = re.compile(
    "[\t\n\x0b\x0c\r\x1c-\x1f \x85\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]+"
)
_CELL_PADDING = 10  # a grid cell's left and right padding
_PADDING = _CELL_PADDING + 1.5  # and a little slack
_LONG_WORD = 0.2  # of the frame's width: a longer word is broken inside its cell anyway
_READABLE = 0.2  # of the frame's width: the least a column of wrapping text gets, if it can
_LONG_LINES = 14  # a cell longer than this in its column may move to a full-width row below
_NARROW = 0.5  # of the frame's width: a narrower column sends its long texts below
_WIDE = 0.8  # of the frame's width: a wider one keeps them (a row of its own saves little)


class _Need(NamedTuple):
    """What a cell (or a column) needs across: its words, its lines, its text in all."""

    word: float  # widest word no longer than a long word: never broken
    longest: float  # widest word of any length
    line: float  # widest line if nothing wrapped
    lines: tuple[float, ...] = ()  # the width of each line it holds, unwrapped
    area: float = 0.0  # its text set on one line: the sum of its lines
    cells: int = 0  # how many cells that is the text of
    head: float = 0.0  # a column's header's widest line

    def height_in(self, width: float) -> float:
        """About how many lines the cell takes in a column ``width`` wide (padding out)."""
        room = max(width - _PADDING, 1.0)
        return sum(max(1.0, -(-line // room)) for line in self.lines)


_NOTHING = _Need(0.0, 0.0, 0.0)


def _merge(needs: Iterable[_Need], *, cells: int | None = None) -> _Need:
    """Needs taken together: a column's cells, or the items of one cell (``cells=1``)."""
    word = longest = line = area = head = 0.0
    count = 0
    lines: list[float] = []
    for need in needs:
        word = max(word, need.word)
        longest = max(longest, need.longest)
        line = max(line, need.line)
        lines += need.lines
        area += need.area
        count += need.cells
        head = max(head, need.head)
    count = count if cells is None else cells
    return _Need(word, longest, line, tuple(lines), area, count, head)


_WIDTHS: dict[tuple[str, str, float], float] = {}


def _width(text: str, font: str, size: float) -> float:
    """stringWidth, remembered: the same words come back in every row."""
    key = (text, font, size)
    width = _WIDTHS.get(key)
    if width is None:
        if len(_WIDTHS) > 50_000:
            _WIDTHS.clear()
        width = _WIDTHS[key] = stringWidth(text, font, size)
    return width


def _measure(value: object, long_word: float) -> _Need:
    """The room a cell's content needs, from the fonts of its words."""
    if isinstance(value, Paragraph):
        return _measure_paragraph(value, long_word)
    if isinstance(value, (list, tuple)):
        return _merge((_measure(item, long_word) for item in value), cells=1)
    if isinstance(value, str):
        words = [_width(word, REGULAR, 8.5) for word in _BREAKS.split(drawable(value))]
        short = [width for width in words if width <= long_word]
        lines = [_width(line, REGULAR, 8.5) for line in value.splitlines() or [""]]
        return _Need(
            max(short, default=0.0),
            max(words, default=0.0),
            max(lines),
            tuple(lines),
            sum(lines),
            1,
        )
    return _NOTHING._replace(cells=1)


def _measure_paragraph(paragraph: Paragraph, long_word: float) -> _Need:
    style = paragraph.style
    indent = style.leftIndent + max(style.firstLineIndent, 0.0)
    word = longest = current_line = current_word = 0.0
    lines: list[float] = []
    space = _width(" ", style.fontName, style.fontSize)

    def end_word() -> None:
        nonlocal word, longest, current_word
        longest = max(longest, current_word)
        if current_word <= long_word:
            word = max(word, current_word)
        current_word = 0.0

    for frag in paragraph.frags:
        if getattr(frag, "lineBreak", False):
            end_word()
            lines.append(current_line + indent)
            current_line = 0.0
            continue
        text = getattr(frag, "text", "")
        if not text:
            continue
        parts = _BREAKS.split(text)
        for number, part in enumerate(parts):
            if number:  # a break came before this part
                end_word()
                current_line += space
            width = _width(part, frag.fontName, frag.fontSize) if part else 0.0
            current_word += width
            current_line += width
    end_word()
    lines.append(current_line + indent)
    return _Need(word + indent, longest + indent, max(lines), tuple(lines), sum(lines), 1)


def _column_widths(
    box: Box, needs: Sequence[_Need], shares: Sequence[float] | None = None
) -> list[float]:
    """Each column as wide as its content asks, never narrower than its widest word.

    A column is never narrower than its widest word, so numbers and short words are never
    broken (unless the frame cannot hold every column's widest word). When every column
    can have its widest line, it does, and ``shares`` split what is left. Otherwise the
    columns that wrap get room in proportion to the text they hold, a row's cells running
    to about as many lines each, and none wider than its widest line.
    """
    count = len(needs)
    weights = list(shares) if shares and len(shares) == count else [1.0] * count
    floor = [need.word + _PADDING for need in needs]
    soft = [
        max(floor[i], min(needs[i].longest, box.width * _LONG_WORD) + _PADDING)
        for i in range(count)
    ]
    natural = [max(soft[i], needs[i].line + _PADDING) for i in range(count)]
    headed = [max(natural[i], needs[i].head + _PADDING) for i in range(count)]
    typical = [need.area / need.cells if need.cells else 0.0 for need in needs]
    room = box.width
    if sum(floor) >= room:
        # Not even every column's widest word fits: shrink them all alike.
        return [width * room / sum(floor) for width in floor]
    if sum(soft) >= room:
        # Long words give back first: they are broken inside their cell anyway.
        spare = room - sum(floor)
        give = sum(soft) - sum(floor)
        return [floor[i] + (soft[i] - floor[i]) * spare / give for i in range(count)]
    # A column of running text is kept wide enough to read, if the others leave room; a
    # column of short labels may wrap them.
    short = box.width * _READABLE
    readable = [max(soft[i], min(natural[i], short, typical[i] + _PADDING)) for i in range(count)]
    if sum(readable) >= room:
        spare = room - sum(soft)
        give = sum(readable) - sum(soft)
        return [soft[i] + (readable[i] - soft[i]) * spare / give for i in range(count)]
    if sum(natural) <= room:
        # Shares adding up to less than the frame ask for a narrower table, when it fits.
        target = max(room * min(1.0, sum(weights)) if shares else room, sum(natural))
        result, rest = _unwrap(natural[:], headed, target - sum(natural))
        weight = sum(weights) or count
        return [result[i] + rest * (weights[i] or 1.0) / weight for i in range(count)]

    def at(lines: float) -> list[float]:
        """The widths at which a typical cell of each column runs to ``lines`` lines."""
        return [
            min(natural[i], max(readable[i], typical[i] / lines + _PADDING)) for i in range(count)
        ]

    low, high = 1e-3, 1e4  # lines: at ``low`` every column is natural, at ``high`` readable
    for _ in range(60):
        middle = (low * high) ** 0.5
        if sum(at(middle)) > room:
            low = middle
        else:
            high = middle
    result = at(high)
    # What is left sets short labels on one line, the cheapest first, then widens the rest.
    labels = [natural[i] if natural[i] <= short else result[i] for i in range(count)]
    result, rest = _unwrap(result, labels, room - sum(result))
    wrapping = [i for i in range(count) if natural[i] - result[i] > 0.01] or list(range(count))
    text = sum(typical[i] for i in wrapping)
    for i in wrapping:
        result[i] += rest * (typical[i] / text if text else 1 / len(wrapping))
    return result


def _unwrap(widths: list[float], wanted: Sequence[float], rest: float) -> tuple[list[float], float]:
    """Columns widened to what they want, those that want least first, while ``rest`` lasts."""
    for i in sorted(range(len(widths)), key=lambda i: wanted[i] - widths[i]):
        if 0.01 < wanted[i] - widths[i] <= rest:
            rest -= wanted[i] - widths[i]
            widths[i] = wanted[i]
    return widths, rest


def plain(value: object) -> str:
    """The words of a cell: a paragraph's text without its markup."""
    if isinstance(value, Paragraph):
        return html.unescape(re.sub(r"<[^>]*>", " ", value.text))
    if isinstance(value, (list, tuple)):
        return " ".join(plain(item) for item in value)
    return value if isinstance(value, str) else ""


class Fitted(NamedTuple):
    """Rows laid out for a fitted table: long texts moved below their row."""

    rows: list[list[object]]
    widths: list[float]
    moved: dict[int, int]  # body row -> its full-width row of long texts, by new index
    new_row: list[int]  # old row index -> new row index


def fit_rows(
    tables: Sequence[Sequence[Sequence[object]]],
    shares: Sequence[float],
    box: Box,
    *,
    header_rows: int = 1,
    keep: Collection[int] = (),
) -> tuple[list[Fitted], list[float]]:
    """Lay out several tables that share their column widths (or one).

    A cell whose text would run longer than ``_LONG_LINES`` lines in a narrow column leaves
    a "see below" in its place, and its text goes to a full-width row under its row,
    labelled with the column's header: a long story reads as prose, not as a thin ribbon
    running over pages. The columns in ``keep`` keep their texts, however long.
    """
    count = len(shares)
    long_word = box.width * _LONG_WORD
    measured = [
        [
            [
                # A header's words count, not its text: it may wrap over its column.
                need._replace(line=0.0, area=0.0, cells=0, head=need.line)
                if number < header_rows
                else need
                for need in (_measure(row[i], long_word) for i in range(count))
            ]
            for number, row in enumerate(rows)
        ]
        for rows in tables
    ]
    needs = [_merge(m[i] for rows in measured for m in rows) for i in range(count)]
    first = _column_widths(box, needs, shares)
    # Which cells are too long for their column: longer than ``_LONG_LINES`` lines, in a
    # narrow column or twice as long as the row's other cells.
    long_cells: list[dict[int, list[int]]] = []
    for rows, table_measures in zip(tables, measured, strict=True):
        found: dict[int, list[int]] = {}
        for number in range(header_rows, len(rows)):
            lines = [table_measures[number][i].height_in(first[i]) for i in range(count)]
            short = max((n for n in lines if n <= _LONG_LINES), default=1.0)
            for i in range(count):
                if (
                    i not in keep
                    and _movable(rows[number][i])
                    and lines[i] > _LONG_LINES
                    and first[i] < box.width * _WIDE
                    and (first[i] < box.width * _NARROW or lines[i] > 2 * short)
                ):
                    found.setdefault(number, []).append(i)
        long_cells.append(found)
    if not any(long_cells):
        return [
            Fitted([list(row) for row in rows], first, {}, list(range(len(rows))))
            for rows in tables
        ], first
    # Widths again, with the long texts out of their columns.
    kept = [
        _merge(
            m[i]
            for rows_measures, found in zip(measured, long_cells, strict=True)
            for number, m in enumerate(rows_measures)
            if i not in found.get(number, ())
        )
        for i in range(count)
    ]
    final = _column_widths(box, kept, shares)
    laid: list[Fitted] = []
    for rows, found in zip(tables, long_cells, strict=True):
        new_rows: list[list[object]] = []
        moved: dict[int, int] = {}
        index: list[int] = []
        headers = [" ".join(plain(value).split()) for value in rows[0]] if header_rows else []
        for number, row in enumerate(rows):
            index.append(len(new_rows))
            columns = found.get(number)
            if not columns:
                new_rows.append(list(row))
                continue
            cells = list(row)
            below: list[Flowable] = []
            for i in columns:
                label = escape(headers[i]) if i < len(headers) and headers[i] else ""
                below += _below(cells[i], label)
                cells[i] = Paragraph(muted("<i>see below</i>"), _left(_first(cells[i]).style))
            new_rows.append(cells)
            moved[len(new_rows) - 1] = len(new_rows)
            prose = Prose(below, sum(final) - _CELL_PADDING)
            new_rows.append([[prose]] + [""] * (count - 1))
        laid.append(Fitted(new_rows, final, moved, index))
    return laid, final


def _movable(value: object) -> bool:
    """Whether a cell can go to a full-width row: a paragraph, or a list of them."""
    if isinstance(value, (list, tuple)):
        return bool(value) and all(isinstance(item, Paragraph) for item in value)
    return isinstance(value, Paragraph)


def _first(value: object) -> Paragraph:
    first = value[0] if isinstance(value, (list, tuple)) else value
    assert isinstance(first, Paragraph)
    return first


_LONG_ITEM = 200  # characters: a list with a longer item stays a list below its row


def _below(value: object, label: str) -> list[Flowable]:
    """A moved cell as it reads in the full-width row: its column's name, then its text."""
    lead = f"<b>{label}:</b> " if label else ""
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    paragraphs = [item for item in items if isinstance(item, Paragraph)]
    if len(paragraphs) == 1:
        only = paragraphs[0]
        return [Paragraph(lead + only.text, _left(only.style))]
    style = _left(paragraphs[0].style)
    if all(len(plain(item)) <= _LONG_ITEM for item in paragraphs):
        # Short items (names) run on in one paragraph rather than a tall thin list.
        return [Paragraph(lead + " · ".join(item.text for item in paragraphs), style)]
    return [
        Paragraph(lead.strip(), style) if lead else Paragraph("", style),
        *[Paragraph(item.text, item.style, bulletText="•") for item in paragraphs],
    ]


_LEFT_STYLES: dict[int, ParagraphStyle] = {}


def _left(style: ParagraphStyle) -> ParagraphStyle:
    """``style``, left-aligned and not indented: a long text below its row is prose."""
    if style.alignment == TA_LEFT and not style.leftIndent and not style.firstLineIndent:
        return style
    made = _LEFT_STYLES.get(id(style))
    if made is None or made.parent is not style:
        made = ParagraphStyle(
            f"{style.name}_left", parent=style, alignment=TA_LEFT, leftIndent=0, firstLineIndent=0
        )
        _LEFT_STYLES[id(style)] = made
    return made

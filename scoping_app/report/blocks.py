"""Small flowable builders shared by the plan's sections: paragraphs, bullets, tables."""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple, cast

from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_LEFT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, FrameBreak, KeepTogether, Paragraph, Table, TableStyle
from reportlab.platypus.paragraph import ParagraphStyle

from scoping_app.report.escape import escape
from scoping_app.report.fonts import REGULAR, drawable
from scoping_app.report.model import RiskRef
from scoping_app.report.scripts import paragraph
from scoping_app.report.styles import ACCENT, ACCENT_TINT, GRID, MUTED_HEX

if TYPE_CHECKING:
    from scoping_app.report.styles import Styles


class Box(NamedTuple):
    """The room a section has on a page: the frame's width and height, in points."""

    width: float
    height: float


_LEAST_ROW_PART = 36.0  # points: the least of a split row on either page


class RowKeepingTable(Table):
    """A table that splits between rows, never leaving one row alone on either side.

    A split leaves at least ``least_rows`` body rows (two) before it and after it, the
    header repeated; so a table of fewer than four body rows moves whole to the next page
    when it fits one. Rows tied by a NOSPLIT command (a row and the full-width row of its
    long texts) count as one and stay together. Only when waiting for a fresh page would
    not help is a single row left alone. A row is split inside only when it is taller than
    a page, or when it is the full-width row of long texts, which runs on as prose does.
    The rest of a split table always starts a page.
    """

    page_height: float = 0.0  # the frame's height; set on each instance
    splitInRow: float  # reportlab's: the least part of a row kept on each side of a split
    least_rows: int = 2
    keep_whole: bool = False  # start on a fresh page rather than split, if it fits one
    continued: bool = False  # the rest of a split table: it starts a page

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # A table right under headings at the top of a page is as good as on a fresh one:
        # moving on would take the headings along.
        fresh = self.__dict__.pop("fresh_start", False) or (
            self.page_height > 0 and availHeight >= self.page_height - 1
        )
        if not fresh and (self.continued or (self.keep_whole and self._fits_a_page(availWidth))):
            # The rest of a split table goes on to the next page, under its header again,
            # not below its first part; and a table kept whole waits for a fresh page.
            return []
        parts: list[Flowable] = []
        for least in (2, 1):
            self.least_rows, self.splitInRow = least, 0
            parts = super().split(availWidth, availHeight)
            if len(parts) == 2 and least == 1 and self._needs_a_row_split(parts[1], availWidth):
                parts = []  # its rest would be split inside a row anyway: better here, now
            if not parts and least == 2:
                # A row's long texts, set full width below it, run on like prose.
                parts = self._split_prose(availWidth, availHeight)
            if parts or (not fresh and self._fits_a_fresh_page(availWidth)):
                break
        else:
            # A row taller than a page: it is split, across as many pages as it needs,
            # leaving some lines on each side if it can.
            self.splitByRow = 0  # inside the row first, filling this page
            for least_part in (_LEAST_ROW_PART, 1):
                self.splitInRow = least_part
                parts = super().split(availWidth, availHeight)
                if parts:
                    break
        self.least_rows, self.splitInRow, self.splitByRow = 2, 0, 1
        for part in parts:
            part.page_height = self.page_height
            part.hAlign = self.hAlign
            part.splitByRow, part.splitInRow = 1, 0
        if len(parts) == 2:
            parts[1].continued = True
        return parts

    def _split_prose(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split inside the full-width row of long texts that does not fit, if that is it."""
        self._calc(availWidth, availHeight)
        row = self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1)
        if row >= len(self._cellvalues) or row < self._header_rows():
            return []
        first = self._cellvalues[row][0]
        if not (isinstance(first, (list, tuple)) and any(isinstance(f, _Prose) for f in first)):
            return []
        self.splitInRow = _LEAST_ROW_PART
        return self._splitRows(availHeight, doInRowSplit=1)

    def _needs_a_row_split(self, rest: Flowable, availWidth: float) -> bool:
        """Whether ``rest`` (a part of this table) fits no page whole nor split by rows."""
        if not isinstance(rest, RowKeepingTable) or self.page_height <= 0:
            return False
        rest.page_height, rest.least_rows = self.page_height, 1
        if rest._fits_a_page(availWidth):
            return False
        return not rest._fits_a_fresh_page(availWidth)

    def _fits_a_page(self, availWidth: float) -> bool:
        """Whether the whole table fits a fresh page."""
        if self.page_height <= 0:
            return False
        self._calc(availWidth, self.page_height)
        return None not in self._rowHeights and self._height <= self.page_height

    def _fits_a_fresh_page(self, availWidth: float) -> bool:
        """Whether a fresh page could take the table whole, or split it by the rule."""
        if self.page_height <= 0:
            return True
        # The rows' heights as far as a page goes (reportlab measures only what it needs).
        self._calc(availWidth, self.page_height)
        return self._getFirstPossibleSplitRowPosition(self.page_height) > self._header_rows()

    def _calc(self, availWidth: float, availHeight: float) -> None:
        # reportlab measures every cell again on each wrap and split; the table and what
        # it is measured for do not change between two calls with the same room.
        # Row heights do not depend on the room; reportlab stops measuring rows once they
        # overflow it, so a measure holds for as much room or less, or for any once whole.
        measured = getattr(self, "_measured_for", None)
        if (
            measured is not None
            and measured[0] == availWidth
            and (availHeight <= measured[1] or None not in self._rowHeights)
        ):
            return
        super()._calc(availWidth, availHeight)
        self._measured_for = (availWidth, availHeight)

    def _header_rows(self) -> int:
        repeat = self.repeatRows
        return repeat if isinstance(repeat, int) else max(repeat) + 1

    def _getFirstPossibleSplitRowPosition(self, availHeight: float, ignoreSpans: int = 0) -> int:
        """The last row boundary where a split fits ``availHeight`` and keeps the rule.

        reportlab's own, plus: at least ``least_rows`` rows (groups of rows tied together)
        on each side. With ``ignoreSpans`` (a split inside a row) ties are ignored.
        """
        impossible: dict[int, None] = {}
        if not ignoreSpans:
            if self._spanCmds:
                self._getRowImpossible(impossible, self._rowSpanCells, self._spanRanges)
            if self._nosplitCmds:
                self._getRowImpossible(impossible, self._rowNoSplitCells, self._nosplitRanges)
        heights = self._rowHeights
        total = len(heights)
        header = self._header_rows()
        least = 0 if ignoreSpans else self.least_rows
        starts = [row for row in range(header, total) if row == header or row not in impossible]
        used = 0.0
        split_at = 0
        for position, height in enumerate(heights, start=1):
            if height is None or used + height > availHeight:
                break  # (a row not measured lies beyond the room measured for)
            used += height
            if position in impossible:
                continue
            if least and position < total:
                before = bisect.bisect_left(starts, position)
                if before < least or len(starts) - before < least:
                    continue
            split_at = position
        return split_at


class HeadingGroup(KeepTogether):
    """The document's keep-with-next group: headings (and lead lines) with the next block.

    Unlike reportlab's KeepTogether it does not push a long table wholesale to the next
    page: the group starts here when the block after the headings can start here (a table
    with its first rows, a paragraph with two lines); else it all moves to the next page.
    """

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        # KeepTogether measures all its content at an unbounded height, a long table whole;
        # split() measures only what it needs.
        self._wrapInfo = aW, aH
        return aW, 0xFFFFFF  # always asked to split, as KeepTogether is

    def split(self, aW: float, aH: float) -> list[Flowable]:
        content: list[Flowable] = self._content[:]
        if len(content) < 2:
            return content
        *lead, last = content
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            # Nothing is gained by moving on: what follows the headings starts here.
            _fresh_start(last)
            return content
        room = aH
        for number, flowable in enumerate(lead):
            _, height = flowable.wrapOn(self.canv, aW, room)
            room -= height + flowable.getSpaceAfter()
            if number:
                room -= flowable.getSpaceBefore()
        room -= last.getSpaceBefore()
        if room > 0 and _can_start(last, aW, room):
            return content
        _fresh_start(last)  # it will be under the headings, at the top of the next page
        return [FrameBreak(), *content]


def _fresh_start(flowable: Flowable) -> None:
    """Tell a table it starts a page (under its headings): waiting would not help it."""
    if isinstance(flowable, RowKeepingTable):
        flowable.fresh_start = True


def _can_start(flowable: Flowable, width: float, room: float) -> bool:
    """Whether ``flowable``, or a first part of it, fits ``room``."""
    _, height = flowable.wrap(width, room)
    if height <= room:
        return True
    if isinstance(flowable, KeepTogether):
        return False
    return bool(flowable.split(width, room))


def text(value: str, style: ParagraphStyle) -> Flowable:
    """A paragraph of user text, escaped; right-to-left text set in reading order."""
    return paragraph(value, style)


def markup(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of markup built here, whose user parts were escaped already."""
    return Paragraph(value, style)


def muted(value: str) -> str:
    """Markup for escaped ``value`` in the muted colour."""
    return f'<font color="{MUTED_HEX}">{value}</font>'


def bullets(items: Iterable[str], style: ParagraphStyle) -> list[Flowable]:
    """One bulleted paragraph per item of user text."""
    return [Paragraph(escape(item), style, bulletText="•") for item in items]


def row_keeping_table(
    rows: Sequence[Sequence[object]], col_widths: Sequence[float], box: Box, **options: object
) -> RowKeepingTable:
    table = RowKeepingTable(
        [list(row) for row in rows], colWidths=list(col_widths), hAlign="LEFT", **options
    )
    table.page_height = box.height
    # Plain-string cells (empty ones) would otherwise be set in an unembedded Helvetica.
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8.5)]))
    return table


def grid_table(
    rows: Sequence[Sequence[object]],
    col_widths: Sequence[float],
    box: Box,
    *,
    header_rows: int = 1,
    extra: Sequence[tuple[object, ...]] = (),
) -> RowKeepingTable:
    """A table with a light grid and a tinted header, repeated on every page it runs onto."""
    table = row_keeping_table(rows, col_widths, box, repeatRows=header_rows)
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT_TINT),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 1, ACCENT),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ]
    table.setStyle(TableStyle([*commands, *extra]))
    return table


def facts_table(
    rows: Sequence[tuple[Flowable, Flowable]], col_widths: Sequence[float], box: Box
) -> RowKeepingTable:
    """Label and value pairs with a hairline under each row and no grid."""
    table = row_keeping_table(rows, col_widths, box)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def risk_bullets(risks: Iterable[RiskRef], style: ParagraphStyle) -> list[Flowable]:
    """One paragraph per severe risk: its label in bold, then its story."""
    return [
        Paragraph(f"<b>{risk.label}</b> {escape(risk.story)}", style, bulletText="•")
        for risk in risks
    ]


def head(label: str, styles: Styles, *, right: bool = False) -> Paragraph:
    """A header cell: markup built here, bold, right-aligned over numbers."""
    return Paragraph(label, styles.cell_head_right if right else styles.cell_head)


def cell(value: str, styles: Styles, *, right: bool = False, none: str = "—") -> Paragraph:
    """A cell of user text; a muted dash (or ``none``) when the text is blank."""
    style = styles.cell_right if right else styles.cell
    if not value.strip():
        return Paragraph(muted(none), style)
    return Paragraph(escape(value), style)


def widths(box: Box, shares: Sequence[float]) -> list[float]:
    """Column widths from shares of the frame's width."""
    return [box.width * share for share in shares]


def section_title(title: str, styles: Styles, intro: str = "") -> list[Flowable]:
    """The section's heading and, when given, a muted line of markup under it."""
    story: list[Flowable] = [Paragraph(title, styles.h1)]
    if intro:
        story.append(lead(Paragraph(intro, styles.muted)))
    return story


def lead(flowable: Flowable) -> Flowable:
    """``flowable``, kept on the page of what follows it, as a heading is."""
    flowable.keepWithNext = 1
    return flowable


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
            prose = _Prose(below, sum(final) - _CELL_PADDING)
            new_rows.append([[prose]] + [""] * (count - 1))
        laid.append(Fitted(new_rows, final, moved, index))
    return laid, final


class _Prose(Flowable):
    """Paragraphs set at a fixed width: the text of a table's full-width row.

    reportlab splits a row taller than a page cell by cell, at each cell's own column
    width even when the cell spans the row; this keeps the spanning text at its width.
    """

    def __init__(self, content: Sequence[Flowable], width: float) -> None:
        super().__init__()
        self.content = list(content)
        self.width = width
        self.height = 0.0
        self._heights: list[float] | None = None  # each flowable's, once measured

    def _measure(self) -> list[float]:
        # Paragraphs at a set width always take the same height: measured once (a long
        # text is asked again and again while a table looks for where to split).
        if self._heights is None:
            self._heights = [flowable.wrap(self.width, 1e9)[1] for flowable in self.content]
        return self._heights

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        heights = self._measure()
        self.height = 0.0
        for number, (flowable, height) in enumerate(zip(self.content, heights, strict=True)):
            self.height += height + flowable.getSpaceAfter()
            if number:
                self.height += flowable.getSpaceBefore()
        if self.content:
            self.height -= self.content[-1].getSpaceAfter()
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        used = 0.0
        heights = self._measure()
        for number, (flowable, height) in enumerate(zip(self.content, heights, strict=True)):
            before = flowable.getSpaceBefore() if number else 0.0
            if used + before + height <= availHeight:
                used += before + height + flowable.getSpaceAfter()
                continue
            parts = flowable.split(self.width, availHeight - used - before)
            head, tail = self.content[:number], self.content[number + 1 :]
            if len(parts) == 2:
                head, tail = [*head, parts[0]], [parts[1], *tail]
            else:
                tail = [flowable, *tail]
            if not head:
                return []
            return [_Prose(head, self.width), _Prose(tail, self.width)]
        return [self]

    def draw(self) -> None:
        self.wrap(self.width, self.height)
        top = self.height
        for number, (flowable, height) in enumerate(
            zip(self.content, self._measure(), strict=True)
        ):
            if number:
                top -= flowable.getSpaceBefore()
            if getattr(flowable, "width", None) != self.width:
                flowable.wrap(self.width, height)  # (measured at another width since)
            flowable.drawOn(self.canv, 0, top - height)
            top -= height + flowable.getSpaceAfter()


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


def _moved_commands(
    fitted: Fitted, extra: Sequence[tuple[object, ...]], columns: int
) -> list[tuple[object, ...]]:
    """``extra`` for the new row numbers, and the commands of the full-width rows."""
    commands: list[tuple[object, ...]] = []
    below_of = fitted.moved
    for command in extra:
        name, start, end, *rest = command
        (c0, r0), (c1, r1) = cast(tuple[tuple[int, int | str], tuple[int, int | str]], (start, end))
        r0 = fitted.new_row[r0] if isinstance(r0, int) and r0 >= 0 else r0
        r1 = fitted.new_row[r1] if isinstance(r1, int) and r1 >= 0 else r1
        whole_row = c0 == 0 and c1 in (-1, columns - 1)
        if whole_row and isinstance(r1, int) and r1 >= 0 and r1 in below_of:
            r1 = below_of[r1]  # a whole row's look goes to its full-width row too
        commands.append((name, (c0, r0), (c1, r1), *rest))
    for row, below in below_of.items():
        commands += [
            ("SPAN", (0, below), (-1, below)),
            ("NOSPLIT", (0, row), (-1, below)),
            ("LINEABOVE", (0, below), (-1, below), 0.5, GRID, 0, (1, 2)),
            ("TOPPADDING", (0, below), (-1, below), 3),
        ]
    return commands


def fitted_table(
    rows: Sequence[Sequence[object]],
    shares: Sequence[float],
    box: Box,
    *,
    extra: Sequence[tuple[object, ...]] = (),
    keep: Collection[int] = (),
) -> RowKeepingTable:
    """A grid table whose columns are as wide as their content asks (see fit_rows)."""
    (fitted,), column_widths = fit_rows([rows], shares, box, keep=keep)
    return grid_table(
        fitted.rows,
        column_widths,
        box,
        extra=_moved_commands(fitted, extra, len(shares)),
    )


def fitted_tables(
    tables: Sequence[Sequence[Sequence[object]]],
    shares: Sequence[float],
    box: Box,
) -> list[RowKeepingTable]:
    """Grid tables that share their column widths, so that they read as one."""
    laid, column_widths = fit_rows(tables, shares, box)
    return [
        grid_table(fitted.rows, column_widths, box, extra=_moved_commands(fitted, (), len(shares)))
        for fitted in laid
    ]


def drawing(width: float, height: float) -> Drawing:
    """A vector drawing whose initial font is the embedded one, not reportlab's Helvetica."""
    made = Drawing(width, height)
    made.initialFontName = REGULAR
    made.initialFontSize = 8
    return made

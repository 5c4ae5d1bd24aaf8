"""How the plan's blocks break across pages: tables that split between rows without leaving
a row alone, and headings kept with the block that follows them."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from reportlab.platypus import Flowable, FrameBreak, KeepTogether, Table

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
        if not (isinstance(first, (list, tuple)) and any(isinstance(f, Prose) for f in first)):
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


class Prose(Flowable):
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
            return [Prose(head, self.width), Prose(tail, self.width)]
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

"""A section of the plan built of a titled opening and tables declared by their columns.

The sections that list things (process steps, data sources, metrics, decisions, failure
modes, risks, deferred capabilities, audit findings) share one shape: the title and a muted
line under it, a plain sentence when there is nothing to list, then a table whose header row,
column widths and cells follow from its columns. Each section declares only what differs: its
words, and per column its header, its share of the width and what a row shows in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from scoping_app.report.blocks import Box, bullets, cell, head, lead, markup, section_title
from scoping_app.report.model import PlanDetails, PlanReport
from scoping_app.report.page_breaks import RowKeepingTable
from scoping_app.report.sections import TITLES
from scoping_app.report.styles import Styles
from scoping_app.report.tables import fitted_table, fitted_tables

Item = TypeVar("Item")


class Markup(str):
    """A cell's markup built here, whose user parts were escaped already: set as it is."""


Shown = str | Markup | tuple[str, ...]
"""What a row shows in a column: user text (escaped; ``none``, muted, when blank), markup,
or user texts set as bullets."""


class Column(NamedTuple, Generic[Item]):
    """A column of a section's table: its header (markup), its share of the frame's width,
    what a row shows in it, whether it holds numbers (right-aligned, header and cells), what
    a blank text shows, and the colour of a cell that must catch the eye (or None)."""

    header: str
    share: float
    shown: Callable[[Item], Shown]
    right: bool = False
    none: str = "—"
    tint: Callable[[Item], Color | None] = lambda item: None


@dataclass(frozen=True)
class ListingSection(Generic[Item]):
    """A section that lists the project's things of one kind, called as a section's story.

    The title of ``section`` (an id of :mod:`sections`), with its intro (or the intro the
    report calls for) under it; then ``nothing`` when the project has none of the things
    ``items`` picks, else what ``body`` makes of them.
    """

    section: str
    intro: str | Callable[[PlanReport], str]
    nothing: str
    items: Callable[[PlanDetails], Sequence[Item]]
    body: Callable[[Sequence[Item], Styles, Box], list[Flowable]]

    def __call__(self, report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
        intro = self.intro if isinstance(self.intro, str) else self.intro(report)
        story = section_title(TITLES[self.section], styles, intro)
        items = self.items(report.details) if report.details else ()
        if not items:
            story.append(markup(self.nothing, styles.body))
            return story
        return story + self.body(items, styles, box)


class SectionTable(Generic[Item]):
    """The rows of one table under its header row, and the cells tinted to catch the eye."""

    def __init__(
        self, columns: Sequence[Column[Item]], styles: Styles, items: Iterable[Item] = ()
    ) -> None:
        self.columns = tuple(columns)
        self.styles = styles
        self.rows: list[list[object]] = [
            [head(column.header, styles, right=column.right) for column in self.columns]
        ]
        self.extra: list[tuple[object, ...]] = []
        for item in items:
            self.add(item)

    @property
    def shares(self) -> tuple[float, ...]:
        return tuple(column.share for column in self.columns)

    def add(self, item: Item) -> None:
        """The row of ``item``, one cell per column."""
        row = len(self.rows)
        for number, column in enumerate(self.columns):
            colour = column.tint(item)
            if colour is not None:
                self.extra.append(("BACKGROUND", (number, row), (number, row), colour))
        self.rows.append([self._cell(column, column.shown(item)) for column in self.columns])

    def add_cells(self, cells: Sequence[object]) -> None:
        """A row of ready-made ``cells`` (a total, say)."""
        self.rows.append(list(cells))

    def _cell(self, column: Column[Item], shown: Shown) -> object:
        if isinstance(shown, tuple):
            return bullets(shown, self.styles.cell_bullet)
        if isinstance(shown, Markup):
            return markup(shown, self.styles.cell_right if column.right else self.styles.cell)
        return cell(shown, self.styles, right=column.right, none=column.none)

    def tint_row(self, colour: Color) -> None:
        """The last row added, tinted across."""
        row = len(self.rows) - 1
        self.extra.append(("BACKGROUND", (0, row), (-1, row), colour))

    def table(
        self, box: Box, *, extra: Sequence[tuple[object, ...]] = (), keep: Sequence[int] = ()
    ) -> RowKeepingTable:
        """The table, its columns as wide as their content asks (see fit_rows)."""
        return fitted_table(self.rows, self.shares, box, extra=[*self.extra, *extra], keep=keep)


def summed_up(summary: str, table: SectionTable[Any], box: Box) -> list[Flowable]:
    """``table`` under a line of ``summary`` (markup) that stays on the page of its start."""
    return [lead(markup(summary, table.styles.body)), table.table(box)]


def tables_sharing_widths(tables: Sequence[SectionTable[Any]], box: Box) -> list[RowKeepingTable]:
    """Tables of the same columns' shares whose widths are shared, so that they read as one
    (rows only: tables built with tints are set one by one, with :meth:`SectionTable.table`)."""
    return fitted_tables([table.rows for table in tables], tables[0].shares, box)

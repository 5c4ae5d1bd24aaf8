"""A section of the plan built of a titled opening and tables declared by their columns.

The sections that list things (process steps, data sources, metrics, decisions, failure
modes, risks, deferred capabilities, audit findings) share one shape: the title and a muted
line under it, a plain sentence when there is nothing to list, then a table whose header row
and column widths follow from its columns. Each section declares only what differs: its
words, its columns and the cells of each row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from scoping_app.report.blocks import Box, head, markup, section_title
from scoping_app.report.model import PlanDetails, PlanReport
from scoping_app.report.page_breaks import RowKeepingTable
from scoping_app.report.styles import Styles
from scoping_app.report.tables import fitted_table, fitted_tables

Item = TypeVar("Item")


class Column(NamedTuple):
    """A column of a section's table: its header (markup), its share of the frame's width,
    and whether it holds numbers (right-aligned)."""

    header: str
    share: float
    right: bool = False


@dataclass(frozen=True)
class ListingSection(Generic[Item]):
    """A section that lists the project's things of one kind, called as a section's story.

    Its title, with its intro (or the intro the report calls for) under it; then ``nothing``
    when the project has none of them, else what ``body`` makes of them.
    """

    title: str
    intro: str | Callable[[PlanReport], str]
    nothing: str
    items: Callable[[PlanDetails], Sequence[Item]]
    body: Callable[[Sequence[Item], Styles, Box], list[Flowable]]

    def __call__(self, report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
        intro = self.intro if isinstance(self.intro, str) else self.intro(report)
        story = section_title(self.title, styles, intro)
        items = self.items(report.details) if report.details else ()
        if not items:
            story.append(markup(self.nothing, styles.body))
            return story
        return story + self.body(items, styles, box)


class SectionTable:
    """The rows of one table under its header row, and the cells tinted to catch the eye."""

    def __init__(self, columns: Sequence[Column], styles: Styles) -> None:
        self.columns = tuple(columns)
        self.rows: list[list[object]] = [
            [head(column.header, styles, right=column.right) for column in self.columns]
        ]
        self.extra: list[tuple[object, ...]] = []

    @property
    def shares(self) -> tuple[float, ...]:
        return tuple(column.share for column in self.columns)

    def add(self, cells: Sequence[object], *, tint: Mapping[int, Color] | None = None) -> None:
        """A row of ``cells``; the cells of the columns in ``tint`` take its colour."""
        row = len(self.rows)
        for column, colour in (tint or {}).items():
            self.extra.append(("BACKGROUND", (column, row), (column, row), colour))
        self.rows.append(list(cells))

    def tint_row(self, colour: Color) -> None:
        """The last row added, tinted across."""
        row = len(self.rows) - 1
        self.extra.append(("BACKGROUND", (0, row), (-1, row), colour))

    def table(
        self, box: Box, *, extra: Sequence[tuple[object, ...]] = (), keep: Sequence[int] = ()
    ) -> RowKeepingTable:
        """The table, its columns as wide as their content asks (see fit_rows)."""
        return fitted_table(self.rows, self.shares, box, extra=[*self.extra, *extra], keep=keep)


def tables_sharing_widths(tables: Sequence[SectionTable], box: Box) -> list[RowKeepingTable]:
    """Tables of the same columns' shares whose widths are shared, so that they read as one
    (rows only: tables built with tints are set one by one, with :meth:`SectionTable.table`)."""
    return fitted_tables([table.rows for table in tables], tables[0].shares, box)

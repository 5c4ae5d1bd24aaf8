"""The projects of the database, as the start screen lists them: what each is, how ready,
its verdict and when it last changed.

The names come at once; the readiness and the verdict (the analysis judges each
project) are filled in when they arrive: until then they read "checking…".
"""

from __future__ import annotations

from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

from scoping_app.domain import words as fmt
from scoping_app.domain.enums import Pattern
from scoping_app.services.projects import ProjectOverview, ProjectSummary
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.record_table import Column, RecordTableModel

MAX_READINESS = 3
CHECKING = "checking…"
VERDICT_COLOURS = {"go": Role.OK, "conditional": Role.WARNING, "no-go": Role.ERROR}


def _when(moment: datetime) -> str:
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone()
    return local.strftime("%d %b %Y, %H:%M")


def _pattern(value: str) -> str:
    try:
        return fmt.pattern(Pattern(value))
    except ValueError:
        return value


def _verdict_colour(summary: ProjectSummary) -> Role | None:
    if not isinstance(summary, ProjectOverview):
        return Role.MUTED
    return VERDICT_COLOURS.get(summary.verdict)


def _readiness(summary: ProjectSummary) -> str:
    if not isinstance(summary, ProjectOverview):
        return CHECKING
    return f"{fmt.number(summary.readiness)} of {MAX_READINESS}"


def _verdict(summary: ProjectSummary) -> str:
    return summary.verdict_label if isinstance(summary, ProjectOverview) else CHECKING


COLUMNS: list[Column[ProjectSummary]] = [
    Column("Project", lambda s: s.name),
    Column("AI pattern", lambda s: _pattern(s.pattern), width=190),
    Column("Capabilities", lambda s: str(s.capabilities), numeric=True),
    Column(
        "Readiness",
        _readiness,
        numeric=True,
        tooltip="The readiness audit's score: its weakest section, 0 to 3",
    ),
    Column("Verdict", _verdict, colour=_verdict_colour),
    Column("Last change", lambda s: _when(s.updated)),
]


class ProjectsModel(RecordTableModel[ProjectSummary]):
    """Summaries, each replaced by its overview (readiness, verdict) once judged."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent, key_of=attrgetter("id"))

    def show_judgements(self, overviews: list[ProjectOverview]) -> None:
        """Fill in the rows these overviews judge (a project changed since keeps waiting)."""
        rows = self._rows
        for overview in overviews:
            row = self.row_of(overview.id)
            if row >= 0 and rows[row].updated == overview.updated:
                rows[row] = overview
                last = self.columnCount() - 1
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def judged(self) -> bool:
        """Whether every row shows its readiness and verdict."""
        return all(isinstance(row, ProjectOverview) for row in self._rows)

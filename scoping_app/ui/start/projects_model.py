"""The projects of the database, as the start screen lists them: what each is, how ready,
its verdict and when it last changed."""

from __future__ import annotations

from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

from scoping_app.domain import words as fmt
from scoping_app.domain.enums import Pattern
from scoping_app.services.projects import ProjectOverview
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.record_table import Column, RecordTableModel

MAX_READINESS = 3
VERDICT_COLOURS = {"go": Role.OK, "conditional": Role.WARNING, "no-go": Role.ERROR}


def _when(moment: datetime) -> str:
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone()
    return local.strftime("%d %b %Y, %H:%M")


def _pattern(value: str) -> str:
    try:
        return fmt.pattern(Pattern(value))
    except ValueError:
        return value


def _verdict_colour(overview: ProjectOverview) -> Role | None:
    return VERDICT_COLOURS.get(overview.verdict)


COLUMNS: list[Column[ProjectOverview]] = [
    Column("Project", lambda s: s.name),
    Column("AI pattern", lambda s: _pattern(s.pattern), width=190),
    Column("Capabilities", lambda s: str(s.capabilities), numeric=True),
    Column(
        "Readiness",
        lambda s: f"{fmt.number(s.readiness)} of {MAX_READINESS}",
        numeric=True,
        tooltip="The readiness audit's score: its weakest section, 0 to 3",
    ),
    Column("Verdict", lambda s: s.verdict_label, colour=_verdict_colour),
    Column("Last change", lambda s: _when(s.updated)),
]


class ProjectsModel(RecordTableModel[ProjectOverview]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent, key_of=attrgetter("id"))

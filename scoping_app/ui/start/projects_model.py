"""The projects of the database, as the start screen lists them."""

from __future__ import annotations

from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

from scoping_app.domain import words as fmt
from scoping_app.domain.enums import Industry, Pattern
from scoping_app.services.projects import ProjectSummary
from scoping_app.ui.widgets.record_table import Column, RecordTableModel


def _when(moment: datetime) -> str:
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone()
    return local.strftime("%d %b %Y, %H:%M")


def _industry(value: str) -> str:
    try:
        return fmt.industry(Industry(value))
    except ValueError:
        return value


def _pattern(value: str) -> str:
    try:
        return fmt.pattern(Pattern(value))
    except ValueError:
        return value


COLUMNS: list[Column[ProjectSummary]] = [
    Column("Project", lambda s: s.name, width=330),
    Column("AI pattern", lambda s: _pattern(s.pattern), width=300),
    Column("Industry", lambda s: _industry(s.industry), width=190),
    Column("Capabilities", lambda s: str(s.capabilities), numeric=True, width=110),
    Column("Last updated", lambda s: _when(s.updated)),
]


class ProjectsModel(RecordTableModel[ProjectSummary]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent, key_of=attrgetter("id"))

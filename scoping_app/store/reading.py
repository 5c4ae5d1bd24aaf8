"""Reading the project list: summaries, names, and finding a project, in plain SQL.

Each query is written once, with ``:name`` parameters, and runs on whatever
:data:`~scoping_app.store.database.Rows` it is given: Python's sqlite3 on a
SQLite file, SQLAlchemy inside a write transaction or on another database.
Nothing here imports SQLAlchemy or pydantic, so the command line's ``list``
stays light. Loading a whole project is :mod:`scoping_app.store.loading`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from scoping_app.domain.enums import Industry, Pattern
from scoping_app.store.database import Rows
from scoping_app.store.errors import ProjectMissing

_SUMMARY = (
    "SELECT p.id, p.name, p.updated, p.industry, p.pattern,"
    " (SELECT count(*) FROM capability AS c WHERE c.project_id = p.id)"
    " FROM project AS p"
)
_NAMES = "SELECT name FROM project"
_BY_NAME = "SELECT id FROM project WHERE name = :name"
_BY_ID = "SELECT id FROM project WHERE id = :id"
_VERSION = "SELECT version FROM project WHERE id = :id"


@dataclass(frozen=True)
class ProjectSummaryRow:
    """One line of the project list."""

    id: int
    name: str
    updated: datetime  # UTC
    industry: Industry
    pattern: Pattern
    capabilities: int


def as_utc(value: datetime | str) -> datetime:
    """An aware UTC datetime (SQLite gives back naive ones, or text; they were stored in UTC)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def list_summaries(rows: Rows) -> list[ProjectSummaryRow]:
    """Every project, by name (case-insensitive), then id."""
    found = [_summary(row) for row in rows(_SUMMARY, {})]
    return sorted(found, key=lambda row: (row.name.casefold(), row.name, row.id))


def summary(rows: Rows, project_id: int) -> ProjectSummaryRow:
    found = rows(f"{_SUMMARY} WHERE p.id = :id", {"id": project_id})
    if not found:
        raise ProjectMissing(project_id)
    return _summary(found[0])


def names(rows: Rows) -> set[str]:
    return {name for (name,) in rows(_NAMES, {})}


def find(rows: Rows, name_or_id: str) -> int | None:
    """The project named exactly ``name_or_id``; else, if it is a number, the one of that id."""
    found = rows(_BY_NAME, {"name": name_or_id})
    if not found and name_or_id.isascii() and name_or_id.isdigit():
        found = rows(_BY_ID, {"id": int(name_or_id)})
    return int(found[0][0]) if found else None


def version(rows: Rows, project_id: int) -> int:
    """The project's version: raised by one at every stored change of it."""
    found = rows(_VERSION, {"id": project_id})
    if not found:
        raise ProjectMissing(project_id)
    return int(found[0][0])


def _summary(row: tuple[Any, ...]) -> ProjectSummaryRow:
    project_id, name, changed, industry, pattern, capabilities = row
    return ProjectSummaryRow(
        id=int(project_id),
        name=str(name),
        updated=as_utc(changed),
        industry=Industry(industry),
        pattern=Pattern(pattern),
        capabilities=int(capabilities),
    )

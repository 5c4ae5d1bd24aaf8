"""Projects in the database: list, find, load and store the whole aggregate.

The repository works inside the caller's session and transaction (one use case,
one transaction); it never commits. Writes happen inside a savepoint, so a write
that fails half-way leaves nothing behind even if the caller goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlmodel import Session

from scoping_app.domain.enums import Industry, Pattern
from scoping_app.domain.model import NAME_MAX, Project
from scoping_app.store.errors import NameTaken, ProjectMissing
from scoping_app.store.mapping import ENTITIES, INFO_COLUMNS, info_row
from scoping_app.store.sync import write_items
from scoping_app.store.tables import CapabilityRow, ProjectRow

# SQLModel sets __table__ on table models at runtime; its types do not declare it.
_PROJECT = ProjectRow.__table__  # type: ignore[attr-defined]
_CAPABILITY = CapabilityRow.__table__  # type: ignore[attr-defined]
_NUMBERED = re.compile(r"^(?P<base>.+) \((?P<number>\d+)\)$")


@dataclass(frozen=True)
class ProjectSummaryRow:
    """One line of the project list."""

    id: int
    name: str
    updated: datetime  # UTC
    industry: Industry
    pattern: Pattern
    capabilities: int


def as_utc(value: datetime) -> datetime:
    """An aware UTC datetime (SQLite gives back naive ones; they were stored in UTC)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class ProjectRepository:
    """Load and save whole projects within one session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _connection(self) -> Connection:
        return self._session.connection()

    # Reading

    def list_summaries(self) -> list[ProjectSummaryRow]:
        """Every project, by name (case-insensitive), then id."""
        rows = [self._summary(row) for row in self._connection.execute(_summary_query())]
        return sorted(rows, key=lambda row: (row.name.casefold(), row.name, row.id))

    def summary(self, project_id: int) -> ProjectSummaryRow:
        query = _summary_query().where(_PROJECT.c.id == project_id)
        row = self._connection.execute(query).first()
        if row is None:
            raise ProjectMissing(project_id)
        return self._summary(row)

    def names(self) -> set[str]:
        return set(self._connection.execute(select(_PROJECT.c.name)).scalars())

    def find(self, name_or_id: str) -> int | None:
        """The project named exactly ``name_or_id``; else, if it is a number, the one of that id."""
        by_name = select(_PROJECT.c.id).where(_PROJECT.c.name == name_or_id)
        found = self._connection.execute(by_name).scalar()
        if found is not None:
            return int(found)
        if name_or_id.isascii() and name_or_id.isdigit():
            by_id = select(_PROJECT.c.id).where(_PROJECT.c.id == int(name_or_id))
            found = self._connection.execute(by_id).scalar()
        return None if found is None else int(found)

    def load(self, project_id: int) -> Project:
        """The whole project: one query per table, lists in their stored order."""
        connection = self._connection
        columns = [_PROJECT.c[name] for name in INFO_COLUMNS]
        query = select(*columns).where(_PROJECT.c.id == project_id)
        info = connection.execute(query).mappings().first()
        if info is None:
            raise ProjectMissing(project_id)

        stored: dict[str, list[dict[str, Any]]] = {}
        keys: dict[str, dict[int, str]] = {}
        for entity in ENTITIES:
            table = entity.table
            query = select(table).where(table.c.project_id == project_id)
            rows = connection.execute(query.order_by(table.c.position)).mappings().all()
            stored[entity.field] = [dict(row) for row in rows]
            keys[entity.field] = {row["id"]: row["key"] for row in rows}

        document: dict[str, Any] = {"project": dict(info)}
        for entity in ENTITIES:
            items = {row["id"]: entity.from_row(row, keys) for row in stored[entity.field]}
            for entry in entity.lists:
                for item in items.values():
                    item[entry.attribute] = []
                table = entry.table
                owner, value = table.c[entry.owner_column], table.c[entry.value_column]
                query = (
                    select(owner, value)
                    .where(table.c.project_id == project_id)
                    .order_by(owner, table.c.position)
                )
                targets = keys[entry.target] if entry.target else None
                for owner_id, target in connection.execute(query).all():
                    listed = targets[target] if targets is not None else target
                    items[owner_id][entry.attribute].append(listed)
            document[entity.field] = list(items.values())
        return Project.model_validate(document)

    # Writing

    def add(self, project: Project) -> int:
        """Store a new project; its name must be free. Returns its id."""
        self._ensure_name_free(project.info.name)
        now = datetime.now(UTC)
        with self._session.begin_nested():
            connection = self._connection
            values = {**info_row(project.info), "created": now, "updated": now}
            result = connection.execute(insert(_PROJECT).values(values))
            # One primary key column; the result types it as an optional row.
            (project_id,) = result.inserted_primary_key  # type: ignore[misc]
            write_items(connection, project_id, project, fresh=True)
        return int(project_id)

    def replace(self, project_id: int, project: Project) -> None:
        """Make ``project`` the whole content of the project ``project_id``; bumps ``updated``."""
        self._ensure_exists(project_id)
        self._ensure_name_free(project.info.name, other_than=project_id)
        with self._session.begin_nested():
            connection = self._connection
            values = {**info_row(project.info), "updated": datetime.now(UTC)}
            connection.execute(update(_PROJECT).where(_PROJECT.c.id == project_id).values(values))
            write_items(connection, project_id, project, fresh=False)

    def delete(self, project_id: int) -> None:
        """Delete a project; its items and links go with it (ON DELETE CASCADE)."""
        with self._session.begin_nested():
            result = self._connection.execute(delete(_PROJECT).where(_PROJECT.c.id == project_id))
        if result.rowcount == 0:
            raise ProjectMissing(project_id)

    def free_name(self, name: str) -> str:
        """``name`` if no project has it, else "name (2)", "name (3)"… within 200 characters."""
        taken = self.names()
        if name not in taken:
            return name
        match = _NUMBERED.match(name)
        base = match.group("base") if match else name
        number = 2
        while True:
            suffix = f" ({number})"
            candidate = base[: NAME_MAX - len(suffix)].rstrip() + suffix
            if candidate not in taken:
                return candidate
            number += 1

    # Helpers

    def _summary(self, row: Any) -> ProjectSummaryRow:
        return ProjectSummaryRow(
            id=row.id,
            name=row.name,
            updated=as_utc(row.updated),
            industry=Industry(row.industry),
            pattern=Pattern(row.pattern),
            capabilities=row.capabilities,
        )

    def _ensure_exists(self, project_id: int) -> None:
        query = select(_PROJECT.c.id).where(_PROJECT.c.id == project_id)
        if self._connection.execute(query).first() is None:
            raise ProjectMissing(project_id)

    def _ensure_name_free(self, name: str, *, other_than: int | None = None) -> None:
        query = select(_PROJECT.c.id).where(_PROJECT.c.name == name)
        if other_than is not None:
            query = query.where(_PROJECT.c.id != other_than)
        if self._connection.execute(query).first() is not None:
            raise NameTaken(name)


def _summary_query() -> Any:
    count = (
        select(func.count())
        .where(_CAPABILITY.c.project_id == _PROJECT.c.id)
        .scalar_subquery()
        .label("capabilities")
    )
    p = _PROJECT.c
    return select(p.id, p.name, p.updated, p.industry, p.pattern, count)

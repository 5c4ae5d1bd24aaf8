"""Projects in the database: list, find, load and store the whole aggregate.

The repository works inside the caller's session and transaction (one use case,
one transaction); it never commits. Writes happen inside a savepoint, so a write
that fails half-way leaves nothing behind even if the caller goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select, update
from sqlmodel import Session

from scoping_app.domain.model import NAME_MAX, Project
from scoping_app.store import reading
from scoping_app.store.database import alchemy_rows
from scoping_app.store.errors import NameTaken, ProjectMissing
from scoping_app.store.loading import load_project
from scoping_app.store.mapping import content_checksum, info_row
from scoping_app.store.reading import ProjectSummaryRow
from scoping_app.store.sync import write_items
from scoping_app.store.tables import ProjectRow
from scoping_app.store.watch import announce

# SQLModel sets __table__ on table models at runtime; its types do not declare it.
_PROJECT = ProjectRow.__table__  # type: ignore[attr-defined]
_NUMBERED = re.compile(r"^(?P<base>.+) \((?P<number>\d+)\)$")


@dataclass(frozen=True)
class Stamp:
    """When a change was stored, and the project's version it made."""

    at: datetime
    version: int


class ProjectRepository:
    """Load and save whole projects within one session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _connection(self) -> Connection:
        return self._session.connection()

    # Reading: the same queries as the read path (reading.py, loading.py)

    def list_summaries(self) -> list[ProjectSummaryRow]:
        """Every project, by name (case-insensitive), then id."""
        return reading.list_summaries(alchemy_rows(self._connection))

    def summary(self, project_id: int) -> ProjectSummaryRow:
        return reading.summary(alchemy_rows(self._connection), project_id)

    def names(self) -> set[str]:
        return reading.names(alchemy_rows(self._connection))

    def find(self, name_or_id: str) -> int | None:
        """The project named exactly ``name_or_id``; else, if it is a number, the one of that id."""
        return reading.find(alchemy_rows(self._connection), name_or_id)

    def version(self, project_id: int) -> int:
        """The project's version, locked until the transaction ends: another client's change
        of the project waits for this transaction (PostgreSQL's ``FOR UPDATE``; SQLite's
        write transaction already holds the whole database). Raises ProjectMissing."""
        query = select(_PROJECT.c.version).where(_PROJECT.c.id == project_id).with_for_update()
        found = self._connection.execute(query).first()
        if found is None:
            raise ProjectMissing(project_id)
        return int(found[0])

    def load(self, project_id: int) -> Project:
        """The whole project: one query per table, lists in their stored order."""
        return load_project(alchemy_rows(self._connection), project_id)

    # Writing

    def add(self, project: Project, *, progress: Callable[[float], None] | None = None) -> int:
        """Store a new project; its name must be free. Returns its id.

        ``progress`` is told the share written, 0 to 1 (:func:`~.sync.write_items`).
        """
        self._ensure_name_free(project.info.name)
        now = datetime.now(UTC)
        with self._session.begin_nested():
            connection = self._connection
            values = {
                **info_row(project.info),
                "created": now,
                "updated": now,
                "checksum": content_checksum(project),
            }
            result = connection.execute(insert(_PROJECT).values(values))
            # One primary key column; the result types it as an optional row.
            (project_id,) = result.inserted_primary_key  # type: ignore[misc]
            write_items(connection, project_id, project, fresh=True, progress=progress)
            announce(connection, int(project_id))
        return int(project_id)

    def replace(self, project_id: int, project: Project, *, stored: Project | None = None) -> Stamp:
        """Make ``project`` the whole content of the project ``project_id``; sets ``updated``
        to now and raises the version by one.

        ``stored``, when given, is the project exactly as stored now, so that only
        the difference is looked at (:mod:`scoping_app.store.sync`). Returns the new
        time and version.
        """
        self._ensure_exists(project_id)
        self._ensure_name_free(project.info.name, other_than=project_id)
        now = datetime.now(UTC)
        with self._session.begin_nested():
            connection = self._connection
            checksum = content_checksum(project)
            values = {
                **info_row(project.info),
                "updated": now,
                "checksum": checksum,
                "version": _PROJECT.c.version + 1,
            }
            raised = connection.execute(
                update(_PROJECT)
                .where(_PROJECT.c.id == project_id)
                .values(values)
                .returning(_PROJECT.c.version)
            ).scalar_one()
            write_items(connection, project_id, project, fresh=False, stored=stored)
            announce(connection, project_id)
        return Stamp(now, int(raised))

    def delete(self, project_id: int) -> None:
        """Delete a project; its items and links go with it (ON DELETE CASCADE)."""
        with self._session.begin_nested():
            result = self._connection.execute(delete(_PROJECT).where(_PROJECT.c.id == project_id))
            announce(self._connection, project_id)
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

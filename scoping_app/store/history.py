"""The edit log: one row per stored change of a project (who, when, what), and reading it.

Writing happens inside the caller's write transaction, with one INSERT, so a change
and its record are stored together or not at all. Reading is plain SQL on any
:data:`~scoping_app.store.database.Rows`, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from scoping_app.store.database import Rows
from scoping_app.store.reading import as_utc, summary

if TYPE_CHECKING:
    from sqlmodel import Session

_HISTORY = "SELECT at, author, label, what FROM edit_log WHERE project_id = :id ORDER BY id DESC"


@dataclass(frozen=True)
class EditEntry:
    """One change of a project as the log keeps it."""

    at: datetime  # UTC
    author: str
    label: str  # "Add capability Ticket export"
    what: str  # "Capabilities: added Ticket export"


class EditLog:
    """Records changes within one write session (the caller's transaction)."""

    def __init__(self, session: Session, author: str) -> None:
        self._session = session
        self.author = author

    def authors_since(self, project_id: int, version: int) -> list[str]:
        """Who changed the project after its ``version`` (:func:`authors_since`)."""
        from scoping_app.store.database import alchemy_rows

        return authors_since(alchemy_rows(self._session.connection()), project_id, version)

    def record(self, project_id: int, at: datetime, label: str, what: str, *, version: int) -> None:
        """Add the record of one change of ``project_id``, which made its ``version``
        (one INSERT, not committed here)."""
        from scoping_app.store.tables import EditLogRow  # SQLAlchemy: writes only

        table = EditLogRow.__table__  # type: ignore[attr-defined]
        self._session.connection().execute(
            table.insert(),
            {
                "project_id": project_id,
                "at": at,
                "author": self.author,
                "label": label,
                "what": what,
                "version": version,
            },
        )


_AUTHORS_SINCE = (
    "SELECT author FROM edit_log WHERE project_id = :id AND version > :version"
    " GROUP BY author ORDER BY max(id) DESC"
)


def authors_since(rows: Rows, project_id: int, version: int) -> list[str]:
    """Who made the project's changes after its ``version``, the latest first."""
    return [
        str(author) for (author,) in rows(_AUTHORS_SINCE, {"id": project_id, "version": version})
    ]


def history(rows: Rows, project_id: int) -> list[EditEntry]:
    """Every recorded change of the project, newest first; raises ProjectMissing."""
    summary(rows, project_id)  # an unknown project is told, not shown as one without changes
    return [
        EditEntry(as_utc(at), str(author), str(label), str(what))
        for at, author, label, what in rows(_HISTORY, {"id": project_id})
    ]

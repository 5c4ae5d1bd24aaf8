"""Loading a whole project: one query per table, lists in their stored order.

The SQL is written once and runs on any :data:`~scoping_app.store.database.Rows`
(sqlite3 for reads from a SQLite file, SQLAlchemy inside a write transaction).
Rows that do not make a valid project (a damaged file), or whose content no longer
matches the checksum written with it, are said in words (:class:`ProjectUnreadable`),
never handed on as a traceback or a guess.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from scoping_app.domain.model import Project
from scoping_app.store.database import Rows
from scoping_app.store.errors import ProjectMissing, ProjectUnreadable
from scoping_app.store.mapping import ENTITIES, INFO_COLUMNS, content_checksum

ALTERED = "it differs from what the app last wrote, so something changed it outside the app"


def load_project(rows: Rows, project_id: int) -> Project:
    """The whole project ``project_id``; :class:`ProjectMissing` when there is none."""
    where = {"project": project_id}
    columns = ", ".join(INFO_COLUMNS)
    found = rows(f"SELECT {columns}, checksum FROM project WHERE id = :project", where)
    if not found:
        raise ProjectMissing(project_id)
    *values, checksum = found[0]
    info = dict(zip(INFO_COLUMNS, values, strict=True))
    try:
        project = _assemble(rows, info, where)
    except (ValueError, LookupError, TypeError, AttributeError) as exc:  # pydantic's included
        raise ProjectUnreadable(_called(info, project_id), _first_line(exc)) from exc
    if checksum is not None and content_checksum(project) != checksum:
        raise ProjectUnreadable(_called(info, project_id), ALTERED)
    return project


def _called(info: dict[str, Any], project_id: int) -> str:
    name = info.get("name")
    return f'"{name}"' if isinstance(name, str) and name else f"with the id {project_id}"


def _first_line(exc: BaseException) -> str:
    """What went wrong, short: the model's refusal in words (the first lines), or the first
    lines of another error."""
    if isinstance(exc, ValidationError):
        from scoping_app.domain.messages import message_for  # only for a damaged project

        exc = ValueError(message_for(exc))
    lines = [line for line in str(exc).splitlines() if "errors.pydantic.dev" not in line]
    shown = "; ".join(line.strip() for line in lines[:3] if line.strip())
    return (shown[:200] + "…") if len(shown) > 200 else shown or type(exc).__name__


def _assemble(rows: Rows, info: dict[str, Any], where: dict[str, int]) -> Project:
    stored: dict[str, list[dict[str, Any]]] = {}
    keys: dict[str, dict[int, str]] = {}
    for entity in ENTITIES:
        names = ("id", *entity.columns)
        query = (
            f"SELECT {', '.join(names)} FROM {entity.table}"
            " WHERE project_id = :project ORDER BY position"
        )
        table_rows = [dict(zip(names, row, strict=True)) for row in rows(query, where)]
        stored[entity.field] = table_rows
        keys[entity.field] = {row["id"]: row["key"] for row in table_rows}

    document: dict[str, Any] = {"project": info}
    for entity in ENTITIES:
        items = {row["id"]: entity.from_row(row, keys) for row in stored[entity.field]}
        for entry in entity.lists:
            for item in items.values():
                item[entry.attribute] = []
            query = (
                f"SELECT {entry.owner_column}, {entry.value_column} FROM {entry.table}"
                f" WHERE project_id = :project ORDER BY {entry.owner_column}, position"
            )
            targets = keys[entry.target] if entry.target else None
            for owner_id, target in rows(query, where):
                listed = targets[target] if targets is not None else target
                items[owner_id][entry.attribute].append(listed)
        document[entity.field] = list(items.values())
    return Project.model_validate(document)

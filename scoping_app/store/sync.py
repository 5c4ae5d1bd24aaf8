"""Writing a project's items: compare with what is stored, by key, and write only the difference.

Items are matched by key: a new key is inserted, a changed item updated in
place (its row id, and so every link to it, stays), a key no longer present is
deleted last, and its links go with it by cascade. A key list (``requires``…) is
rewritten only for the items whose list differs. A renamed key is a delete and
an insert; the lists that named it differ too, so they are rewritten.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from scoping_app.domain.model import Project
from scoping_app.store.errors import ProjectInconsistent
from scoping_app.store.mapping import ENTITIES, Entity, ListOf, resolve

CHUNK = 500  # ids per IN (…) list, well below SQLite's limit on bound parameters

Ids = dict[str, dict[str, int]]  # Project field -> item key -> row id


def write_items(connection: Connection, project_id: int, project: Project, *, fresh: bool) -> None:
    """Make the stored items of ``project_id`` equal to those of ``project``.

    ``fresh`` says the project has no items yet (a new project): nothing is read.
    Raises :class:`ProjectInconsistent` for a duplicate key or a reference to an
    item the project does not hold; the caller rolls the transaction back.
    """
    ids: Ids = {}
    removed: list[tuple[Table, list[int]]] = []
    for entity in ENTITIES:
        items: Sequence[BaseModel] = getattr(project, entity.field)
        stored = {} if fresh else _stored_items(connection, entity, project_id)
        ids[entity.field] = _write_entity(connection, project_id, entity, items, stored, ids)
        gone = [row_id for key, (row_id, _row) in stored.items() if key not in ids[entity.field]]
        if gone:
            removed.append((entity.table, gone))
    for entity in ENTITIES:
        items = getattr(project, entity.field)
        for entry in entity.lists:
            _write_list(connection, project_id, entity, entry, items, ids, fresh=fresh)
    for table, gone in removed:
        for chunk in _chunks(gone):
            connection.execute(delete(table).where(table.c.id.in_(chunk)))


def _stored_items(
    connection: Connection, entity: Entity, project_id: int
) -> dict[str, tuple[int, dict[str, Any]]]:
    table, names = entity.table, entity.columns
    query = select(table.c.id, *(table.c[name] for name in names))
    stored = {}
    for row_id, *values in connection.execute(query.where(table.c.project_id == project_id)).all():
        row = dict(zip(names, values, strict=True))
        stored[row["key"]] = (row_id, row)
    return stored


def _write_entity(
    connection: Connection,
    project_id: int,
    entity: Entity,
    items: Sequence[BaseModel],
    stored: dict[str, tuple[int, dict[str, Any]]],
    ids: Ids,
) -> dict[str, int]:
    """Insert and update the items of one list; the item keys and their row ids."""
    rows = [entity.to_row(item, position, ids) for position, item in enumerate(items)]
    table = entity.table
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    keys: dict[str, int] = {}
    for row in rows:
        key = row["key"]
        if key in keys:
            raise ProjectInconsistent(f'two items of {entity.field} have the key "{key}"')
        keys[key] = -1
        if key not in stored:
            new.append({**row, "project_id": project_id})
            continue
        row_id, before = stored[key]
        keys[key] = row_id
        if row != before:
            changed.append({**row, "_id": row_id})
    if new:
        connection.execute(insert(table), new)
        query = select(table.c.key, table.c.id).where(table.c.project_id == project_id)
        inserted = {row["key"] for row in new}
        keys.update((k, row_id) for k, row_id in connection.execute(query).all() if k in inserted)
    if changed:
        connection.execute(update(table).where(table.c.id == bindparam("_id")), changed)
    return keys


def _write_list(
    connection: Connection,
    project_id: int,
    entity: Entity,
    entry: ListOf,
    items: Sequence[BaseModel],
    ids: Ids,
    *,
    fresh: bool,
) -> None:
    """Rewrite the entries of ``items[].<entry.attribute>`` for the items whose list differs."""
    table = entry.table
    owner, value = table.c[entry.owner_column], table.c[entry.value_column]
    stored: dict[int, list[Any]] = {}
    if not fresh:
        query = (
            select(owner, value)
            .where(table.c.project_id == project_id)
            .order_by(owner, table.c.position)
        )
        for owner_id, target in connection.execute(query).all():
            stored.setdefault(owner_id, []).append(target)

    stale: list[int] = []
    rows: list[dict[str, Any]] = []
    for item in items:
        owner_id = ids[entity.field][item.key]  # type: ignore[attr-defined]  # items have keys
        values = list(_values(entity, entry, item, ids))
        if values == stored.get(owner_id, []):
            continue
        if owner_id in stored:
            stale.append(owner_id)
        rows.extend(
            {
                "project_id": project_id,
                entry.owner_column: owner_id,
                entry.value_column: target,
                "position": position,
            }
            for position, target in enumerate(values)
        )
    for chunk in _chunks(stale):
        connection.execute(delete(table).where(owner.in_(chunk)))
    if rows:
        connection.execute(insert(table), rows)


def _values(entity: Entity, entry: ListOf, item: BaseModel, ids: Ids) -> Iterator[Any]:
    """The entries of one item's list as stored: row ids for keys, texts as they are."""
    listed = getattr(item, entry.attribute)
    if entry.target is None:
        yield from listed
        return
    # Every item of a stored list has a key; the lists' item types differ.
    where = f'{entity.field}["{item.key}"].{entry.attribute}'  # type: ignore[attr-defined]
    seen: set[str] = set()
    for key in listed:
        if key in seen:
            raise ProjectInconsistent(f'{where} lists "{key}" twice')
        seen.add(key)
        yield resolve(ids, entry.target, key, where)


def _chunks(values: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]

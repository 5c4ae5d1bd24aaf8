"""Writing a project's items: compare with what is stored, by key, and write only the difference.

Items are matched by key: a new key is inserted, a changed item updated in
place (its row id, and so every link to it, stays), a key no longer present is
deleted last, and its links go with it by cascade. A key list (``requires``…) is
rewritten only for the items whose list differs. A renamed key is a delete and
an insert; the lists that named it differ too, so they are rewritten.

What is stored is read from the database, unless the caller knows it (an edit
holds the project as stored, checked inside the same transaction): then items
are compared as models, only their row ids are read, and unchanged items cost
nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from scoping_app.domain.model import Project
from scoping_app.store.errors import ProjectInconsistent
from scoping_app.store.mapping import ENTITIES, Entity, ListOf, resolve
from scoping_app.store.tables import metadata

CHUNK = 500  # ids per IN (…) list, well below SQLite's limit on bound parameters

Ids = dict[str, dict[str, int]]  # Project field -> item key -> row id


@dataclass
class _Stored:
    """What is stored of one list: row ids by key, and either the rows or the items."""

    ids: dict[str, int] = field(default_factory=dict)
    rows: dict[str, dict[str, Any]] | None = None  # read from the database
    items: dict[str, tuple[int, BaseModel]] | None = None  # known: key -> (position, item)


def write_items(
    connection: Connection,
    project_id: int,
    project: Project,
    *,
    fresh: bool,
    stored: Project | None = None,
    progress: Callable[[float], None] | None = None,
) -> None:
    """Make the stored items of ``project_id`` equal to those of ``project``.

    ``fresh`` says the project has no items yet (a new project): nothing is read.
    ``stored``, when given, is the project exactly as it is stored now. Raises
    :class:`ProjectInconsistent` for a duplicate key or a reference to an item the
    project does not hold; the caller rolls the transaction back. ``progress``,
    when given, is told the share written (0 to 1) after each table.
    """
    steps = len(ENTITIES) + sum(len(entity.lists) for entity in ENTITIES)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done / steps)

    ids: Ids = {}
    known: dict[str, _Stored] = {}
    removed: list[tuple[Table, list[int]]] = []
    for entity in ENTITIES:
        items: Sequence[BaseModel] = getattr(project, entity.field)
        if fresh:
            known[entity.field] = _Stored(rows={})
        else:
            known[entity.field] = _read_stored(connection, entity, project_id, stored)
        ids[entity.field] = _write_entity(
            connection, project_id, entity, items, known[entity.field], ids
        )
        kept = ids[entity.field]
        gone = [row_id for key, row_id in known[entity.field].ids.items() if key not in kept]
        if gone:
            removed.append((_table(entity.table), gone))
        step()
    for entity in ENTITIES:
        items = getattr(project, entity.field)
        for entry in entity.lists:
            _write_list(connection, project_id, entity, entry, items, ids, known[entity.field])
            step()
    for table, gone in removed:
        for chunk in _chunks(gone):
            connection.execute(delete(table).where(table.c.id.in_(chunk)))


def _table(name: str) -> Table:
    return metadata.tables[name]


def _read_stored(
    connection: Connection, entity: Entity, project_id: int, stored: Project | None
) -> _Stored:
    """The stored rows of one list, or only their ids when ``stored`` says the rest."""
    table = _table(entity.table)
    if stored is not None:
        query = select(table.c.key, table.c.id).where(table.c.project_id == project_id)
        items = getattr(stored, entity.field)
        return _Stored(
            ids={key: row_id for key, row_id in connection.execute(query)},
            items={item.key: (position, item) for position, item in enumerate(items)},
        )
    names = entity.columns
    query = select(table.c.id, *(table.c[name] for name in names))
    known = _Stored(rows={})
    assert known.rows is not None
    for row_id, *values in connection.execute(query.where(table.c.project_id == project_id)):
        row = dict(zip(names, values, strict=True))
        known.ids[row["key"]] = row_id
        known.rows[row["key"]] = row
    return known


def _write_entity(
    connection: Connection,
    project_id: int,
    entity: Entity,
    items: Sequence[BaseModel],
    stored: _Stored,
    ids: Ids,
) -> dict[str, int]:
    """Insert and update the items of one list; the item keys and their row ids."""
    table = _table(entity.table)
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    keys: dict[str, int] = {}
    for position, item in enumerate(items):
        key: str = item.key  # type: ignore[attr-defined]  # every stored item has a key
        if key in keys:
            raise ProjectInconsistent(f'two items of {entity.field} have the key "{key}"')
        keys[key] = -1
        if key not in stored.ids:
            new.append({**entity.to_row(item, position, ids), "project_id": project_id})
            continue
        keys[key] = stored.ids[key]
        if stored.items is not None and stored.items.get(key) == (position, item):
            continue
        row = entity.to_row(item, position, ids)
        if stored.rows is not None and stored.rows.get(key) == row:
            continue
        changed.append({**row, "_id": stored.ids[key]})
    if new:
        connection.execute(insert(table), new)
        query = select(table.c.key, table.c.id).where(table.c.project_id == project_id)
        inserted = {row["key"] for row in new}
        keys.update((k, row_id) for k, row_id in connection.execute(query) if k in inserted)
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
    stored: _Stored,
) -> None:
    """Rewrite the entries of ``items[].<entry.attribute>`` for the items whose list differs."""
    table = _table(entry.table)
    owner, value = table.c[entry.owner_column], table.c[entry.value_column]
    listed: dict[int, list[Any]] = {}
    if stored.items is None and stored.ids:
        query = (
            select(owner, value)
            .where(table.c.project_id == project_id)
            .order_by(owner, table.c.position)
        )
        for owner_id, target in connection.execute(query):
            listed.setdefault(owner_id, []).append(target)

    stale: list[int] = []
    rows: list[dict[str, Any]] = []
    for item in items:
        key: str = item.key  # type: ignore[attr-defined]  # every stored item has a key
        owner_id = ids[entity.field][key]
        if stored.items is not None:
            before = stored.items.get(key)
            wanted = getattr(item, entry.attribute)
            if before is not None and getattr(before[1], entry.attribute) == wanted:
                continue
            values = list(_values(entity, entry, item, ids))
            if before is not None:
                stale.append(owner_id)
        else:
            values = list(_values(entity, entry, item, ids))
            if values == listed.get(owner_id, []):
                continue
            if owner_id in listed:
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

"""How the project aggregate maps onto tables: which list goes where, field by field.

Item fields map onto columns of the same name, with three rules: a nested model
(``effort``; ``cost_model``, which may be empty and is then NULL in every column)
spreads over ``<field>_<part>`` columns, a single reference
(``failure_modes[].capability``) becomes ``<field>_id``, and a list of keys (or of
texts, for decision options) lives in its own table, one row per entry.

Tables are named here, not imported, so that reading a project needs no SQLAlchemy;
tests/store check these names against :mod:`scoping_app.store.tables`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from types import UnionType
from typing import Any, get_args

from pydantic import BaseModel

from scoping_app.domain.model import (
    Capability,
    DataSource,
    Decision,
    FailureMode,
    Metric,
    ProcessStep,
    Project,
    ProjectInfo,
    Risk,
    Slice,
    without_empty_additions,
)
from scoping_app.store.errors import ProjectInconsistent

INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # what an SQL INTEGER holds


@dataclass(frozen=True)
class ListOf:
    """A list field of an item stored one entry per row: ``items[].attribute``."""

    attribute: str
    table: str
    owner_column: str
    value_column: str
    target: str | None  # the Project field its keys refer to; None for plain texts


@dataclass(frozen=True)
class Entity:
    """One list of the project (``capabilities``) and its table."""

    field: str
    model: type[BaseModel]
    table: str
    references: dict[str, str]  # item field holding one key -> the Project field it refers to
    lists: tuple[ListOf, ...] = ()
    nested: tuple[str, ...] = ()  # item fields that are models, spread over several columns

    @cached_property
    def columns(self) -> tuple[str, ...]:
        """The columns an item fills (all but ``id`` and ``project_id``)."""
        listed = {entry.attribute for entry in self.lists}
        names = []
        for name, field in self.model.model_fields.items():
            if name in listed:
                continue
            if name in self.references:
                names.append(f"{name}_id")
            elif name in self.nested:
                names += [f"{name}_{part}" for part in _nested_model(field.annotation).model_fields]
            else:
                names.append(name)
        return (*names, "position")

    @cached_property
    def spread(self) -> tuple[tuple[str, bool, tuple[tuple[str, str], ...]], ...]:
        """Each nested field: its name, whether it may be empty (None), and its parts with
        the columns they are stored in, worked out once."""
        return tuple(
            (
                name,
                _optional(self.model, name),
                tuple(
                    (part, f"{name}_{part}")
                    for part in _nested_model(self.model.model_fields[name].annotation).model_fields
                ),
            )
            for name in self.nested
        )

    @cached_property
    def flags(self) -> frozenset[str]:
        """The yes/no fields (SQLite gives them back as 0 and 1)."""
        return frozenset(
            name for name, field in self.model.model_fields.items() if field.annotation is bool
        )

    def to_row(
        self, item: BaseModel, position: int, ids: dict[str, dict[str, int]]
    ) -> dict[str, Any]:
        """The row of ``item``; ``ids`` maps the referred items' keys to their row ids."""
        excluded = {entry.attribute for entry in self.lists} | set(self.references)
        row = _plain(item.model_dump(exclude=excluded | set(self.nested)))
        for name in self.nested:
            value = getattr(item, name)
            parts = self.model.model_fields[name].annotation
            for part in _nested_model(parts).model_fields:  # all NULL for an empty model
                row[f"{name}_{part}"] = None if value is None else getattr(value, part)
        where = f'{self.field}["{row["key"]}"]'
        for name, target in self.references.items():
            row[f"{name}_id"] = resolve(ids, target, getattr(item, name), f"{where}.{name}")
        for name, value in row.items():
            if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
                raise ProjectInconsistent(
                    f"{where}.{name} is {value}, more than the database can hold"
                )
        row["position"] = position
        return row

    def from_row(self, row: dict[str, Any], keys: dict[str, dict[int, str]]) -> dict[str, Any]:
        """The item's fields from its row (list fields are added by the caller)."""
        data = {name: row[name] for name in self.columns if name != "position"}
        for name in self.flags:
            data[name] = bool(data[name])
        for name, optional, columns in self.spread:
            parts = {part: data.pop(column) for part, column in columns}
            empty = optional and all(value is None for value in parts.values())
            data[name] = None if empty else parts
        for name, target in self.references.items():
            data[name] = keys[target][data.pop(f"{name}_id")]
        return data


def _nested_model(annotation: Any) -> type[BaseModel]:
    """The model of a nested field: ``Effort``, or ``CostModel`` of ``CostModel | None``."""
    if isinstance(annotation, UnionType):
        (annotation,) = (part for part in get_args(annotation) if part is not type(None))
    assert isinstance(annotation, type) and issubclass(annotation, BaseModel), annotation
    return annotation


def _optional(model: type[BaseModel], name: str) -> bool:
    return type(None) in get_args(model.model_fields[name].annotation)


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Enum members become their string values (what the tables store)."""
    return {k: v.value if isinstance(v, Enum) else v for k, v in values.items()}


def resolve(ids: dict[str, dict[str, int]], target: str, key: str, where: str) -> int:
    """The row id of item ``key`` of the list ``target``; ``where`` names who refers to it."""
    try:
        return ids[target][key]
    except KeyError:
        raise ProjectInconsistent(f'{where} names "{key}", which is not in {target}') from None


def info_row(info: ProjectInfo) -> dict[str, Any]:
    return _plain(info.model_dump())


INFO_COLUMNS = tuple(ProjectInfo.model_fields)


def content_checksum(project: Project) -> str:
    """SHA-256 of everything a project holds, as the models write it out: stored with each
    change and checked at each load, so that a stored value altered by damage to the file
    (a text, a number, a link moved to another item) is told, never read as data.

    A stored -0.0 comes back as 0.0 (equal numbers), so both are written out as 0.0. The
    fields format version 2 added are left out while empty, so that the checksum of a
    project stored before they existed (migration 0006) still holds."""
    dumped = project.model_dump_json(exclude=without_empty_additions(project))
    text = _NEGATIVE_ZERO.sub("0.0", dumped)
    return hashlib.sha256(text.encode()).hexdigest()


_NEGATIVE_ZERO = re.compile(r"(?<=[:\[,])-0\.0(?=[,\]}])")


def _keys(attribute: str, table: str, owner: str, value: str, target: str) -> ListOf:
    """A list of keys stored in ``table``: the owner's row id, then the named item's."""
    return ListOf(attribute, table, f"{owner}_id", f"{value}_id", target)


# In the order they are written: every entity comes after those its items refer to.
ENTITIES: tuple[Entity, ...] = (
    Entity("data_sources", DataSource, "data_source", {}),
    Entity("metrics", Metric, "metric", {}),
    Entity("risks", Risk, "risk", {}),
    Entity(
        "capabilities",
        Capability,
        "capability",
        {},
        lists=(
            _keys("requires", "dependency", "capability", "prerequisite", "capabilities"),
            _keys("delivers", "delivers", "capability", "metric", "metrics"),
            _keys("uses_data", "uses_data", "capability", "data_source", "data_sources"),
            _keys("mitigates", "mitigates", "capability", "risk", "risks"),
        ),
        nested=("effort", "latency_model", "cost_model"),
    ),
    Entity(
        "process_steps",
        ProcessStep,
        "process_step",
        {},
        lists=(_keys("data", "process_step_data", "process_step", "data_source", "data_sources"),),
    ),
    Entity("failure_modes", FailureMode, "failure_mode", {"capability": "capabilities"}),
    Entity(
        "decisions",
        Decision,
        "decision",
        {},
        lists=(ListOf("options", "decision_option", "decision_id", "text", None),),
    ),
    Entity(
        "slices",
        Slice,
        "slice",
        {},
        lists=(_keys("capabilities", "slice_capability", "slice", "capability", "capabilities"),),
    ),
)

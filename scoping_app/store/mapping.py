"""How the project aggregate maps onto tables: which list goes where, field by field.

Item fields map onto columns of the same name, with three rules: a nested model
(``effort``) spreads over ``<field>_<part>`` columns, a single reference
(``failure_modes[].capability``) becomes ``<field>_id``, and a list of keys (or of
texts, for decision options) lives in its own table, one row per entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Table

from scoping_app.domain.model import (
    Capability,
    DataSource,
    Decision,
    FailureMode,
    Metric,
    ProcessStep,
    ProjectInfo,
    Risk,
    Slice,
)
from scoping_app.store import tables as t
from scoping_app.store.errors import ProjectInconsistent

INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # what an SQL INTEGER holds


def _table(model: type[Any]) -> Table:
    table: Table = model.__table__
    return table


@dataclass(frozen=True)
class ListOf:
    """A list field of an item stored one entry per row: ``items[].attribute``."""

    attribute: str
    table: Table
    owner_column: str
    value_column: str
    target: str | None  # the Project field its keys refer to; None for plain texts


@dataclass(frozen=True)
class Entity:
    """One list of the project (``capabilities``) and its table."""

    field: str
    model: type[BaseModel]
    table: Table
    references: dict[str, str]  # item field holding one key -> the Project field it refers to
    lists: tuple[ListOf, ...] = ()
    nested: tuple[str, ...] = ()  # item fields that are models, spread over several columns

    @cached_property
    def columns(self) -> tuple[str, ...]:
        """The columns an item fills (all but ``id`` and ``project_id``)."""
        return tuple(c.name for c in self.table.columns if c.name not in ("id", "project_id"))

    def to_row(
        self, item: BaseModel, position: int, ids: dict[str, dict[str, int]]
    ) -> dict[str, Any]:
        """The row of ``item``; ``ids`` maps the referred items' keys to their row ids."""
        excluded = {entry.attribute for entry in self.lists} | set(self.references)
        row = _plain(item.model_dump(exclude=excluded | set(self.nested)))
        for name in self.nested:
            for part, value in _plain(getattr(item, name).model_dump()).items():
                row[f"{name}_{part}"] = value
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
        for name in self.nested:
            prefix = f"{name}_"
            parts = {c[len(prefix) :]: data.pop(c) for c in list(data) if c.startswith(prefix)}
            data[name] = parts
        for name, target in self.references.items():
            data[name] = keys[target][data.pop(f"{name}_id")]
        return data


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


def _keys(attribute: str, table: Table, target: str) -> ListOf:
    """A list of keys stored in ``table``: its owner's column, then the key's (tables.py)."""
    owner, value = (column.name for column in table.primary_key.columns)
    return ListOf(attribute, table, owner, value, target)


# In the order they are written: every entity comes after those its items refer to.
ENTITIES: tuple[Entity, ...] = (
    Entity("data_sources", DataSource, _table(t.DataSourceRow), {}),
    Entity("metrics", Metric, _table(t.MetricRow), {}),
    Entity("risks", Risk, _table(t.RiskRow), {}),
    Entity(
        "capabilities",
        Capability,
        _table(t.CapabilityRow),
        {},
        lists=(
            _keys("requires", t.DEPENDENCY, "capabilities"),
            _keys("delivers", t.DELIVERS, "metrics"),
            _keys("uses_data", t.USES_DATA, "data_sources"),
            _keys("mitigates", t.MITIGATES, "risks"),
        ),
        nested=("effort",),
    ),
    Entity(
        "process_steps",
        ProcessStep,
        _table(t.ProcessStepRow),
        {},
        lists=(_keys("data", t.PROCESS_STEP_DATA, "data_sources"),),
    ),
    Entity("failure_modes", FailureMode, _table(t.FailureModeRow), {"capability": "capabilities"}),
    Entity(
        "decisions",
        Decision,
        _table(t.DecisionRow),
        {},
        lists=(ListOf("options", t.DECISION_OPTION, "decision_id", "text", None),),
    ),
    Entity(
        "slices",
        Slice,
        _table(t.SliceRow),
        {},
        lists=(_keys("capabilities", t.SLICE_CAPABILITY, "capabilities"),),
    ),
)

"""The database schema: one SQLModel table per entity of the project format, plus link tables.

Every child row belongs to a project (``project_id``, deleted with it) and keeps
its place in the user's list (``position``); items carry their ``key``, unique
within the project and entity. References between items are foreign keys on
row ids, so renaming a key never breaks a link and deleting an item takes its
links with it. Enums are stored as their string values. These classes describe
tables only: they do not validate, the domain models do.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

KEY = String(64)
NAME = String(200)
CHOICE = String(32)
WHOLE_64 = BigInteger().with_variant(Integer(), "sqlite")  # e.g. records, up to 2**63 - 1


class StoreModel(SQLModel, registry=registry(metadata=metadata)):
    """Base of the app's tables: its own metadata, with names for every constraint."""


def _ref(table: str, *, primary_key: bool = False, index: bool = False) -> Any:
    """A reference to a row of ``table``; the referring row goes when that row goes."""
    return Field(
        foreign_key=f"{table}.id", ondelete="CASCADE", primary_key=primary_key, index=index
    )


class ProjectRow(StoreModel, table=True):
    __tablename__ = "project"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are never reused after a delete

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=NAME, unique=True)
    industry: str = Field(sa_type=CHOICE)
    pattern: str = Field(sa_type=CHOICE)
    problem: str = Field(sa_type=Text)
    objective: str = Field(sa_type=Text)
    owner: str = Field(sa_type=Text)
    latency_budget_ms: float | None = Field(default=None, sa_type=Double)
    monthly_budget: float | None = Field(default=None, sa_type=Double)
    monthly_value: float | None = Field(default=None, sa_type=Double)
    currency: str = Field(sa_type=String(3))
    value_target: float | None = Field(default=None, sa_type=Double)
    deadline: date | None = Field(default=None, sa_type=Date)
    created: datetime = Field(sa_type=DateTime(timezone=True))
    updated: datetime = Field(sa_type=DateTime(timezone=True))
    # SHA-256 of the content as last written (store.mapping.content_checksum); NULL before 0003
    checksum: str | None = Field(default=None, sa_type=String(64))
    # raised by one at every stored change (0005): an edit made against an older one is refused
    version: int = Field(default=1, sa_type=Integer, sa_column_kwargs={"server_default": "1"})
    # format version 2 (0006): when the work starts, and how many people do it
    start_date: date | None = Field(default=None, sa_type=Date)
    team_size: int | None = Field(default=None, sa_type=Integer)


class _Item(StoreModel):
    """Columns every item of a project list has."""

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = _ref("project")
    key: str = Field(sa_type=KEY)
    position: int = Field(sa_type=Integer)


def _unique_key() -> tuple[UniqueConstraint]:
    """Keys are unique within a project's list (named ``uq_<table>_project_id_key``)."""
    return (UniqueConstraint("project_id", "key"),)


class ProcessStepRow(_Item, table=True):
    __tablename__ = "process_step"
    __table_args__ = _unique_key()

    name: str = Field(sa_type=NAME)
    actor: str = Field(sa_type=Text)
    description: str = Field(sa_type=Text)
    decision: str = Field(sa_type=Text)
    ai_role: str = Field(sa_type=CHOICE)
    volume_per_day: float | None = Field(default=None, sa_type=Double)
    minutes_per_item: float | None = Field(default=None, sa_type=Double)


class DataSourceRow(_Item, table=True):
    __tablename__ = "data_source"
    __table_args__ = _unique_key()

    name: str = Field(sa_type=NAME)
    description: str = Field(sa_type=Text)
    status: str = Field(sa_type=CHOICE)
    owner: str = Field(sa_type=Text)
    records: int | None = Field(default=None, sa_type=WHOLE_64)
    refresh: str = Field(sa_type=Text)
    quality: int | None = Field(default=None, sa_type=Integer)
    pii: bool = Field(sa_type=Boolean)
    residency: str = Field(sa_type=Text)
    verified_on: date | None = Field(default=None, sa_type=Date)
    notes: str = Field(sa_type=Text)


class MetricRow(_Item, table=True):
    __tablename__ = "metric"
    __table_args__ = _unique_key()

    name: str = Field(sa_type=NAME)
    kind: str = Field(sa_type=CHOICE)
    unit: str = Field(sa_type=Text)
    baseline: float | None = Field(default=None, sa_type=Double)
    target: float | None = Field(default=None, sa_type=Double)
    direction: str = Field(sa_type=CHOICE)
    method: str = Field(sa_type=Text)
    on_real_inputs: bool = Field(sa_type=Boolean)
    must: bool = Field(sa_type=Boolean)


class CapabilityRow(_Item, table=True):
    __tablename__ = "capability"
    __table_args__ = _unique_key()

    name: str = Field(sa_type=NAME)
    description: str = Field(sa_type=Text)
    category: str = Field(sa_type=CHOICE)
    effort_optimistic: float = Field(sa_type=Double)
    effort_likely: float = Field(sa_type=Double)
    effort_pessimistic: float = Field(sa_type=Double)
    value: float = Field(sa_type=Double)
    latency_ms: float = Field(sa_type=Double)
    monthly_cost: float = Field(sa_type=Double)
    mandatory: bool = Field(sa_type=Boolean)
    # format version 2 (0006): the drivers of latency_ms and monthly_cost; all NULL when none
    latency_model_calls_per_interaction: float | None = Field(default=None, sa_type=Double)
    latency_model_p95_per_call_ms: float | None = Field(default=None, sa_type=Double)
    cost_model_requests_per_month: float | None = Field(default=None, sa_type=Double)
    cost_model_input_tokens: float | None = Field(default=None, sa_type=Double)
    cost_model_output_tokens: float | None = Field(default=None, sa_type=Double)
    cost_model_input_price_per_million: float | None = Field(default=None, sa_type=Double)
    cost_model_output_price_per_million: float | None = Field(default=None, sa_type=Double)
    cost_model_cache_hit_rate: float | None = Field(default=None, sa_type=Double)
    cost_model_fixed_monthly: float | None = Field(default=None, sa_type=Double)


class FailureModeRow(_Item, table=True):
    __tablename__ = "failure_mode"
    __table_args__ = _unique_key()

    capability_id: int = _ref("capability", index=True)
    description: str = Field(sa_type=Text)
    likelihood: int = Field(sa_type=Integer)
    impact: int = Field(sa_type=Integer)
    detection: str = Field(sa_type=Text)
    fallback: str = Field(sa_type=CHOICE)
    fallback_notes: str = Field(sa_type=Text)
    owner: str = Field(sa_type=Text)


class DecisionRow(_Item, table=True):
    __tablename__ = "decision"
    __table_args__ = _unique_key()

    topic: str = Field(sa_type=CHOICE)
    question: str = Field(sa_type=Text)
    choice: str = Field(sa_type=Text)
    rationale: str = Field(sa_type=Text)
    status: str = Field(sa_type=CHOICE)


class RiskRow(_Item, table=True):
    __tablename__ = "risk"
    __table_args__ = _unique_key()

    cause: str = Field(sa_type=CHOICE)
    story: str = Field(sa_type=Text)
    likelihood: int = Field(sa_type=Integer)
    impact: int = Field(sa_type=Integer)
    owner: str = Field(sa_type=Text)
    status: str = Field(sa_type=CHOICE)


class SliceRow(_Item, table=True):
    __tablename__ = "slice"
    __table_args__ = _unique_key()

    name: str = Field(sa_type=NAME)
    description: str = Field(sa_type=Text)


def _reference(column: str, table: str, **options: Any) -> Column[int]:
    """A column referring to a row of ``table``; the referring row goes when that row goes."""
    return Column(column, Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"), **options)


def _list_table(name: str, owner: str, *columns: Column[Any]) -> Table:
    """A list field of the items of ``owner``: one row per entry, in the user's order.

    Every row also names its project, so that a whole list loads in one query.
    """
    return Table(
        name,
        metadata,
        _reference("project_id", "project", nullable=False, index=True),
        _reference(f"{owner}_id", owner, primary_key=True),
        *columns,
    )


def _key_list(name: str, owner: str, target: str, column: str = "") -> Table:
    """The keys an item of ``owner`` names of the items of ``target`` (``<target>_id``)."""
    value = _reference(column or f"{target}_id", target, primary_key=True, index=True)
    return _list_table(name, owner, value, Column("position", Integer, nullable=False))


# The options of a decision (``decisions[].options``), texts in the user's order.
DECISION_OPTION = _list_table(
    "decision_option",
    "decision",
    Column("position", Integer, primary_key=True),
    Column("text", Text, nullable=False),
)
# The data sources used at a process step (``process_steps[].data``).
PROCESS_STEP_DATA = _key_list("process_step_data", "process_step", "data_source")
# Capability ``capability_id`` requires capability ``prerequisite_id`` (``requires``).
DEPENDENCY = _key_list("dependency", "capability", "capability", "prerequisite_id")
# The metrics a capability makes achievable (``capabilities[].delivers``).
DELIVERS = _key_list("delivers", "capability", "metric")
# The data sources a capability uses (``capabilities[].uses_data``).
USES_DATA = _key_list("uses_data", "capability", "data_source")
# The risks a capability mitigates (``capabilities[].mitigates``).
MITIGATES = _key_list("mitigates", "capability", "risk")
# The capabilities the user picked for a slice (``slices[].capabilities``).
SLICE_CAPABILITY = _key_list("slice_capability", "slice", "capability")

# The database's identity: one random UUID, given at creation; its backups are tied to it
# (scoping_app/store/backups.py).
DATABASE_IDENTITY = Table(
    "database_identity", metadata, Column("database_id", String(36), primary_key=True)
)


class EditLogRow(StoreModel, table=True):
    """One stored change of a project: who made it, when, and what it changed, in words."""

    __tablename__ = "edit_log"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = _ref("project", index=True)
    at: datetime = Field(sa_type=DateTime(timezone=True))  # UTC
    author: str = Field(sa_type=Text)
    label: str = Field(sa_type=Text)  # the edit as the undo stack names it: "Add capability X"
    what: str = Field(sa_type=Text)  # the parts and items it touched, in words
    version: int | None = Field(default=None, sa_type=Integer)  # the project's, after; NULL < 0005

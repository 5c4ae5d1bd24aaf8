"""The initial schema: projects, their items, and the links between items.

Revision ID: 0001
Revises:
Create Date: 2026-11-26

A migration is a frozen record of one step: it never imports the app's tables,
so later changes to them cannot change what this step does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None

ITEM_TABLES = (
    "process_step",
    "data_source",
    "metric",
    "capability",
    "failure_mode",
    "decision",
    "risk",
    "slice",
)
# link table: (owner column, owner table, target column, target table)
LINK_TABLES = {
    "process_step_data": ("process_step_id", "process_step", "data_source_id", "data_source"),
    "dependency": ("capability_id", "capability", "prerequisite_id", "capability"),
    "delivers": ("capability_id", "capability", "metric_id", "metric"),
    "uses_data": ("capability_id", "capability", "data_source_id", "data_source"),
    "mitigates": ("capability_id", "capability", "risk_id", "risk"),
    "slice_capability": ("slice_id", "slice", "capability_id", "capability"),
}


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def _choice(name: str) -> sa.Column:
    return sa.Column(name, sa.String(length=32), nullable=False)


def _number(name: str, *, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Double(), nullable=nullable)


def _integer(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _flag(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete="CASCADE"
    )


def _item_table(table: str, *columns: sa.Column, references: dict[str, str] | None = None) -> None:
    """An item of a project list: id, project, key (unique per project), position, fields."""
    foreign_keys = [_fk(table, column, target) for column, target in (references or {}).items()]
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *columns,
        _fk(table, "project_id", "project"),
        *foreign_keys,
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.UniqueConstraint("project_id", "key", name=f"uq_{table}_project_id_key"),
    )
    for column in references or {}:
        op.create_index(f"ix_{table}_{column}", table, [column])


def _link_table(table: str, owner: str, owner_table: str, target: str, target_table: str) -> None:
    """One entry of a key list: owner and target item, with the entry's place in the list."""
    op.create_table(
        table,
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column(owner, sa.Integer(), nullable=False),
        sa.Column(target, sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _fk(table, "project_id", "project"),
        _fk(table, owner, owner_table),
        _fk(table, target, target_table),
        sa.PrimaryKeyConstraint(owner, target, name=f"pk_{table}"),
    )
    op.create_index(f"ix_{table}_project_id", table, ["project_id"])
    op.create_index(f"ix_{table}_{target}", table, [target])


def upgrade() -> None:
    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        _choice("industry"),
        _choice("pattern"),
        _text("problem"),
        _text("objective"),
        _text("owner"),
        _number("latency_budget_ms"),
        _number("monthly_budget"),
        _number("monthly_value"),
        sa.Column("currency", sa.String(length=3), nullable=False),
        _number("value_target"),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_project"),
        sa.UniqueConstraint("name", name="uq_project_name"),
        sqlite_autoincrement=True,
    )
    _item_table(
        "process_step",
        sa.Column("name", sa.String(length=200), nullable=False),
        _text("actor"),
        _text("description"),
        _text("decision"),
        _choice("ai_role"),
        _number("volume_per_day"),
        _number("minutes_per_item"),
    )
    _item_table(
        "data_source",
        sa.Column("name", sa.String(length=200), nullable=False),
        _text("description"),
        _choice("status"),
        _text("owner"),
        # up to 2**63 - 1: BIGINT on PostgreSQL (SQLite's INTEGER holds 64 bits already)
        sa.Column("records", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        _text("refresh"),
        _integer("quality", nullable=True),
        _flag("pii"),
        _text("residency"),
        sa.Column("verified_on", sa.Date(), nullable=True),
        _text("notes"),
    )
    _item_table(
        "metric",
        sa.Column("name", sa.String(length=200), nullable=False),
        _choice("kind"),
        _text("unit"),
        _number("baseline"),
        _number("target"),
        _choice("direction"),
        _text("method"),
        _flag("on_real_inputs"),
        _flag("must"),
    )
    _item_table(
        "capability",
        sa.Column("name", sa.String(length=200), nullable=False),
        _text("description"),
        _choice("category"),
        _number("effort_optimistic", nullable=False),
        _number("effort_likely", nullable=False),
        _number("effort_pessimistic", nullable=False),
        _number("value", nullable=False),
        _number("latency_ms", nullable=False),
        _number("monthly_cost", nullable=False),
        _flag("mandatory"),
    )
    _item_table(
        "failure_mode",
        _integer("capability_id"),
        _text("description"),
        _integer("likelihood"),
        _integer("impact"),
        _text("detection"),
        _choice("fallback"),
        _text("fallback_notes"),
        _text("owner"),
        references={"capability_id": "capability"},
    )
    _item_table(
        "decision",
        _choice("topic"),
        _text("question"),
        _text("choice"),
        _text("rationale"),
        _choice("status"),
    )
    _item_table(
        "risk",
        _choice("cause"),
        _text("story"),
        _integer("likelihood"),
        _integer("impact"),
        _text("owner"),
        _choice("status"),
    )
    _item_table(
        "slice",
        sa.Column("name", sa.String(length=200), nullable=False),
        _text("description"),
    )
    op.create_table(
        "decision_option",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("text"),
        _fk("decision_option", "project_id", "project"),
        _fk("decision_option", "decision_id", "decision"),
        sa.PrimaryKeyConstraint("decision_id", "position", name="pk_decision_option"),
    )
    op.create_index("ix_decision_option_project_id", "decision_option", ["project_id"])
    for table, (owner, owner_table, target, target_table) in LINK_TABLES.items():
        _link_table(table, owner, owner_table, target, target_table)


def downgrade() -> None:
    for table in (*LINK_TABLES, "decision_option", *reversed(ITEM_TABLES), "project"):
        op.drop_table(table)

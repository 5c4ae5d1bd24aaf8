"""Every stored change of a project records who made it, when, and what it changed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

A new table only (portable: no SQLite-only SQL); the rows of a project go with it.
Changes made before this revision have no record.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    op.create_table(
        "edit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_edit_log_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_edit_log")),
    )
    op.create_index(op.f("ix_edit_log_project_id"), "edit_log", ["project_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_edit_log_project_id"), table_name="edit_log")
    op.drop_table("edit_log")

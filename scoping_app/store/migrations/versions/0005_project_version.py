"""Each project carries a version, raised by one at every stored change of it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

An edit names the version it was made against and is refused when the project
changed since (no lost update); the window notices another client's change by
it. Each record of the edit log keeps the version its change made, so "changed
since version N, by whom" is one query. Existing projects start at version 1;
records made before this revision have no version. Portable: columns added with
a server default, no SQLite-only SQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    # ADD COLUMN (never a rebuild of the table, which holds every other table's parent rows)
    op.add_column(
        "project", sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
    )
    op.add_column("edit_log", sa.Column("version", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("edit_log", "version")
    op.drop_column("project", "version")

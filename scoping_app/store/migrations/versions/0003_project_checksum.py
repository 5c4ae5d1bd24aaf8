"""Each project carries a checksum of its content, so that damage is never read as data.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

The checksum is written with every change of a project and checked whenever it is
loaded. Projects stored before this revision have none (NULL) until their next
change: they are loaded as before, checked by the models alone.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


# Plain ALTER TABLE (SQLite 3.35 and later drop a column in place): a batch copy of the
# project table would drop the old one, and every item with it (ON DELETE CASCADE).


def upgrade() -> None:
    op.add_column("project", sa.Column("checksum", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("project", "checksum")

"""Each database gets an identity: a random UUID its backups are tied to.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Every project and item is kept as it is; the new table holds one row. A new
database gets its identity here too, when it is created.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    op.create_table(
        "database_identity",
        sa.Column("database_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("database_id", name="pk_database_identity"),
    )
    op.execute(
        sa.text("INSERT INTO database_identity (database_id) VALUES (:identity)").bindparams(
            identity=str(uuid.uuid4())
        )
    )


def downgrade() -> None:
    op.drop_table("database_identity")

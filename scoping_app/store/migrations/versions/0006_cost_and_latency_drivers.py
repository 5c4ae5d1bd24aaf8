"""Format version 2: a project's start date and team size, a capability's cost and latency drivers.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Every column is added empty (NULL), so every row is kept as it was: a project
stored before this revision has no start date, no team size and no drivers, and
its checksum still holds (the checksum leaves these fields out while they are
empty, see store.mapping.content_checksum). Plain ADD COLUMN only: a rebuild of
the project or capability table would let ON DELETE CASCADE empty their children.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None

PROJECT_COLUMNS = (("start_date", sa.Date()), ("team_size", sa.Integer()))
CAPABILITY_COLUMNS = tuple(
    (name, sa.Double())
    for name in (
        "latency_model_calls_per_interaction",
        "latency_model_p95_per_call_ms",
        "cost_model_requests_per_month",
        "cost_model_input_tokens",
        "cost_model_output_tokens",
        "cost_model_input_price_per_million",
        "cost_model_output_price_per_million",
        "cost_model_cache_hit_rate",
        "cost_model_fixed_monthly",
    )
)


def upgrade() -> None:
    for name, kind in PROJECT_COLUMNS:
        op.add_column("project", sa.Column(name, kind, nullable=True))
    for name, kind in CAPABILITY_COLUMNS:
        op.add_column("capability", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    for name, _ in reversed(CAPABILITY_COLUMNS):
        op.drop_column("capability", name)
    for name, _ in reversed(PROJECT_COLUMNS):
        op.drop_column("project", name)

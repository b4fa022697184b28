"""people: when the bot asked the citizen where they live (asked once, after a first report)

Revision ID: 0007_people_region_asked
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db

revision: str = "0007_people_region_asked"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("people",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("region_asked_at", bot.db.UtcDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("region_asked_at")

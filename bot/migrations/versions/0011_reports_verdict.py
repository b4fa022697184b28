"""reports: the reporter's verdict on a resolved case (the last answer, the next time to ask)

Revision ID: 0011_reports_verdict
Revises: 0009_reports_topics
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db


revision: str = "0011_reports_verdict"
down_revision: str | None = "0009_reports_topics"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verdict", sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column("verdict_due_at", bot.db.UtcDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("verdict_asks", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.create_index("ix_reports_verdict_due_at", ["verdict_due_at"])


def downgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index("ix_reports_verdict_due_at")
        batch_op.drop_column("verdict_asks")
        batch_op.drop_column("verdict_due_at")
        batch_op.drop_column("verdict")

"""reports: the forum topic of a report in a partner group that has topics on

Revision ID: 0009_reports_topics
Revises: 0008_reports_captions
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_reports_topics"
down_revision: str | None = "0008_reports_captions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("report_routes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("thread_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("report_routes", schema=None) as batch_op:
        batch_op.drop_column("thread_id")

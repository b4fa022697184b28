"""reports: confidentiality levels (identified, anonymous, rahasia), backfilled from ``anonymous``

Revision ID: 0013_reports_confidential
Revises: 0011_reports_verdict
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_reports_confidential"
down_revision: str | None = "0011_reports_verdict"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "confidentiality",
                sa.String(length=16),
                nullable=False,
                server_default="anonymous",
            )
        )
    reports = sa.table("reports", sa.column("anonymous", sa.Boolean), sa.column("confidentiality"))
    op.execute(
        reports.update()
        .where(reports.c.anonymous == sa.false())
        .values(confidentiality="identified")
    )


def downgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_column("confidentiality")

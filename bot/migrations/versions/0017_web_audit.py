"""web: the administration audit log (surveys opened/closed, partners registered, roles granted)

Revision ID: 0017_web_audit
Revises: 0010_web
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db

revision: str = "0017_web_audit"
down_revision: str | None = "0010_web"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHAT_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "web_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", bot.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", CHAT_ID, nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=128), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_audit")),
    )
    op.create_index(op.f("ix_web_audit_at"), "web_audit", ["at"], unique=False)
    op.create_index(op.f("ix_web_audit_actor_id"), "web_audit", ["actor_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_web_audit_actor_id"), table_name="web_audit")
    op.drop_index(op.f("ix_web_audit_at"), table_name="web_audit")
    op.drop_table("web_audit")

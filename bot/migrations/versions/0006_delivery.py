"""delivery: the outbox of owed messages; webhook updates claimed until handled

Revision ID: 0006_delivery
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db

revision: str = "0006_delivery"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("delivery",)
depends_on: str | Sequence[str] | None = None

CHAT_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("chat_id", CHAT_ID, nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_at", bot.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", bot.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=128), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("created_at", bot.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("settled_at", bot.db.UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages")),
    )
    op.create_index(
        "ix_outbox_messages_state_next_at", "outbox_messages", ["state", "next_at"], unique=False
    )
    op.create_index(
        "ix_outbox_messages_chat_state", "outbox_messages", ["chat_id", "state"], unique=False
    )
    with op.batch_alter_table("processed_updates") as batch_op:
        batch_op.add_column(
            sa.Column("done", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    with op.batch_alter_table("processed_updates") as batch_op:
        batch_op.drop_column("done")
    op.drop_index("ix_outbox_messages_chat_state", table_name="outbox_messages")
    op.drop_index("ix_outbox_messages_state_next_at", table_name="outbox_messages")
    op.drop_table("outbox_messages")

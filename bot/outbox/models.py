"""The outbox table: one row per message owed to a chat."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, TelegramId, UtcDateTime


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    #: Nothing to send any more (the route closed, the report was erased).
    SKIPPED = "skipped"


class OutboxMessage(Base):
    """A message to ``chat_id`` of ``kind``; its sender renders ``payload`` when it goes out."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_state_next_at", "state", "next_at"),
        Index("ix_outbox_messages_chat_state", "chat_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(48))
    chat_id: Mapped[int] = mapped_column(TelegramId)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), default=OutboxState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    #: Why the last attempt did not succeed, or why the message failed (never the bot token).
    error: Mapped[str | None] = mapped_column(Text)
    #: What the send returned that later steps need (e.g. ``{"message_id": 42}``).
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    settled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

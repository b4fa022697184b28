"""Broadcasts and their deliveries: one row per broadcast, one per recipient."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, TelegramId, TimestampMixin, UtcDateTime


class BroadcastState(StrEnum):
    """draft → scheduled → sending → completed / cancelled / failed."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    FAILED = "failed"


FINAL_STATES = (BroadcastState.COMPLETED, BroadcastState.CANCELLED, BroadcastState.FAILED)


class DeliveryStatus(StrEnum):
    """pending → (sending: claimed, in flight) → sent / failed / blocked / skipped."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"
    SKIPPED = "skipped"


class Broadcast(TimestampMixin, Base):
    """A message to a segment of users, sent at most once."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str | None] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="id")
    media: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: The Telegram file id of ``media["path"]`` after its first upload (reused afterwards).
    media_file_id: Mapped[str | None] = mapped_column(String(255))
    buttons: Mapped[list[Any] | None] = mapped_column(JSON)
    segment: Mapped[dict[str, Any]] = mapped_column(JSON)
    source: Mapped[str | None] = mapped_column(String(100), index=True)
    state: Mapped[str] = mapped_column(String(16), default=BroadcastState.DRAFT.value, index=True)
    created_by: Mapped[int | None] = mapped_column(TelegramId)
    scheduled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    total: Mapped[int] = mapped_column(Integer, default=0)
    progress_chat_id: Mapped[int | None] = mapped_column(TelegramId)
    progress_message_id: Mapped[int | None] = mapped_column(Integer)


class Delivery(Base):
    """One recipient of one broadcast; ``(broadcast_id, user_id)`` is unique."""

    __tablename__ = "broadcast_deliveries"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "user_id"),
        Index("ix_broadcast_deliveries_status", "broadcast_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("broadcasts.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(TelegramId, ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default=DeliveryStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: The lease of the sender that claimed the row (``status == "sending"``).
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    message_id: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(String(255))

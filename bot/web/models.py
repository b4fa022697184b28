"""The dashboard's tables: one-time login links (hashes of their tokens), the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, TelegramId, UtcDateTime


class WebLoginToken(Base):
    """A /dasbor login link: the SHA-256 of its token, whose it is, until when, and when used."""

    __tablename__ = "web_login_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """One line of the administration audit log: who did what from the dashboard, and when.

    ``action`` is a short dotted name (``survey.status``, ``partner.register``, ``role.grant``),
    ``subject`` what it was done to (a survey's slug, a partner's id, a user's id) and ``detail``
    the values that were set. The actor's id is kept without a foreign key: the log outlives the
    people in it.
    """

    __tablename__ = "web_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor_id: Mapped[int] = mapped_column(TelegramId, index=True)
    action: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(128))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)

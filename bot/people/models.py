"""People: Telegram users of the bot and the roles they hold."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db import Base, TelegramId, TimestampMixin, UtcDateTime


class Role(StrEnum):
    """What a person may do in the bot. Everyone is a citizen; the others are granted."""

    CITIZEN = "citizen"
    ALUMNI = "alumni"
    PARTNER = "partner"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class User(TimestampMixin, Base):
    """A Telegram user who has written to the bot (or was registered by a coordinator)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(TelegramId, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(128), default="")
    last_name: Mapped[str | None] = mapped_column(String(128))
    username: Mapped[str | None] = mapped_column(String(64), index=True)
    telegram_language: Mapped[str | None] = mapped_column(String(16))
    #: The language the user chose with /bahasa; None → derived from Telegram's language.
    language: Mapped[str | None] = mapped_column(String(8))
    region_code: Mapped[str | None] = mapped_column(String(16), index=True)
    #: When the bot asked where the user lives (once, after a first report: bot/people/profile.py).
    region_asked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or str(self.id)


class UserRole(Base):
    """A role granted to a user (citizen is implicit and never stored)."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    granted_by: Mapped[str | None] = mapped_column(String(64))

    user: Mapped[User] = relationship(back_populates="roles")


class UserActivity(Base):
    """Something a user did that counts as reach: a report sent, a survey completed…

    Features record these (``PeopleService.record_activity``) so that impact figures (an alumnus's
    referred users and what they did) need no knowledge of other features' tables. Only the kind
    and time are kept, never content.
    """

    __tablename__ = "user_activity"
    __table_args__ = (Index("ix_user_activity_user_kind", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(TelegramId, ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)

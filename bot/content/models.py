"""Alumni network and campaign content: cohorts, invites, rosters, alumni, content, shares, referrals."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, TelegramId, TimestampMixin, UtcDateTime


class ShareChannel(StrEnum):
    """Where an alumnus shared an item (self-reported, or Telegram through inline mode)."""

    WHATSAPP = "whatsapp"
    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    TIKTOK = "tiktok"
    X = "x"
    TELEGRAM = "telegram"
    OFFLINE = "offline"


class ContentStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Cohort(TimestampMixin, Base):
    """A training group, e.g. "Sekolah Demokrasi Hybrid Banten 2023"."""

    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: Province ("36") or kabupaten/kota ("36.72") Kemendagri code.
    region_code: Mapped[str | None] = mapped_column(String(16))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)


class CohortInvite(Base):
    """An invite code of a cohort (``/start a-CODE``); revoked codes are refused."""

    __tablename__ = "cohort_invites"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class RosterEntry(Base):
    """A participant from an organiser's roster, waiting to be matched when they open the invite."""

    __tablename__ = "cohort_roster"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    #: Telegram username, lower case, without "@".
    username: Mapped[str | None] = mapped_column(String(64), index=True)
    region_code: Mapped[str | None] = mapped_column(String(16))
    matched_user_id: Mapped[int | None] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="SET NULL")
    )
    matched_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CohortMember(Base):
    """An alumnus's membership of a cohort."""

    __tablename__ = "cohort_members"

    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AlumniProfile(Base):
    """What an alumnus told the bot: region, whether they appear by name on the leaderboard."""

    __tablename__ = "alumni_profiles"

    user_id: Mapped[int] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    region_code: Mapped[str | None] = mapped_column(String(16))
    leaderboard_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AlumniTopic(Base):
    """A topic an alumnus cares about (segment filter ``topics``)."""

    __tablename__ = "alumni_topics"

    user_id: Mapped[int] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)


class ContentItem(TimestampMixin, Base):
    """A piece of campaign content: Telegram HTML body, optional media, topics, validity."""

    __tablename__ = "content_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    #: photo / video / document, or None for text only.
    media_type: Mapped[str | None] = mapped_column(String(16))
    #: A local file, uploaded on first send.
    media_path: Mapped[str | None] = mapped_column(String(500))
    #: Telegram's file id once uploaded (or of a post a coordinator forwarded).
    media_file_id: Mapped[str | None] = mapped_column(String(255))
    topics: Mapped[list[Any]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(8), default="id")
    campaign: Mapped[str | None] = mapped_column(String(100))
    valid_from: Mapped[datetime | None] = mapped_column(UtcDateTime)
    valid_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16), default=ContentStatus.DRAFT.value)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    created_by: Mapped[int | None] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="SET NULL")
    )
    #: "file:<path>" or "chat".
    source: Mapped[str | None] = mapped_column(String(300))


class ContentShare(Base):
    """One share of an item by a user: self-reported ("Sudah saya bagikan") or an inline result."""

    __tablename__ = "content_shares"
    __table_args__ = (Index("ix_content_shares_user_at", "user_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(TelegramId, ForeignKey("users.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(16))
    #: "self" (the alumnus told us) or "inline" (Telegram's chosen_inline_result).
    via: Mapped[str] = mapped_column(String(8))
    link: Mapped[str | None] = mapped_column(String(500))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReferralCode(Base):
    """A user's personal referral code (``/start r-CODE``)."""

    __tablename__ = "referral_codes"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReferralAttribution(Base):
    """A new user who arrived through someone's referral link: one row per referred user, ever."""

    __tablename__ = "referral_attributions"

    referred_user_id: Mapped[int] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    referrer_id: Mapped[int] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(ForeignKey("content_items.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)

"""Tables of incident reports: partners and their members, reports, evidence, routes, timeline."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, TelegramId, UtcDateTime


class Partner(Base):
    """A local organisation that handles reports for its regions and categories."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    chat_id: Mapped[int] = mapped_column(TelegramId)
    regions: Mapped[list[str]] = mapped_column(JSON)
    categories: Mapped[list[str]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: "config" (synchronised from config.yml) or "cli"
    source: Mapped[str] = mapped_column(String(16), default="cli")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PartnerMember(Base):
    """A Telegram user who acts for a partner (joined by a partner invite link)."""

    __tablename__ = "partner_members"

    partner_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PartnerInvite(Base):
    """A code in a ``/start p-<code>`` link that makes whoever opens it a member of a partner."""

    __tablename__ = "partner_invites"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    partner_id: Mapped[int] = mapped_column(Integer, ForeignKey("partners.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReportCounter(Base):
    """The last sequence number given out per year (codes ``LP-2026-000123``)."""

    __tablename__ = "report_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Report(Base):
    """An incident report: what, where, when, how urgent, who handles it, and its status."""

    __tablename__ = "reports"
    __table_args__ = (
        Index("ix_reports_status_claim_due", "status", "claim_due_at"),
        Index("ix_reports_reporter_created", "reporter_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    #: NULL once the reporter erased their data (or retention detached it).
    reporter_id: Mapped[int | None] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="SET NULL")
    )
    #: The name shown to partners, only when the reporter chose to share their identity.
    reporter_name: Mapped[str | None] = mapped_column(String(128))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    #: identified / anonymous / rahasia (:class:`~bot.reports.domain.categories.Confidentiality`);
    #: ``anonymous`` is kept in step (rahasia is anonymous too).
    confidentiality: Mapped[str] = mapped_column(
        String(16), default="anonymous", server_default="anonymous"
    )
    contact_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    category: Mapped[str] = mapped_column(String(32), index=True)
    description: Mapped[str] = mapped_column(Text)
    region_code: Mapped[str] = mapped_column(String(16), index=True)
    province_code: Mapped[str] = mapped_column(String(8), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    when_choice: Mapped[str] = mapped_column(String(16))
    occurred_on: Mapped[date | None] = mapped_column(Date)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), index=True)
    level: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by_partner_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("partners.id", ondelete="SET NULL")
    )
    claimed_by_user_id: Mapped[int | None] = mapped_column(TelegramId)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claim_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    update_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    outcome: Mapped[str | None] = mapped_column(Text)
    duplicate_of_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("reports.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    #: The reporter's last answer to "has it been handled?" (yes / partly / no), once resolved.
    verdict: Mapped[str | None] = mapped_column(String(16))
    #: When to ask the reporter again (None: not again).
    verdict_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    verdict_asks: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ReportMedia(Base):
    """A piece of evidence: a Telegram file id (the file itself stays on Telegram)."""

    __tablename__ = "report_media"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str] = mapped_column(String(256))
    file_size: Mapped[int | None] = mapped_column(Integer)
    #: What the reporter wrote under the file (masked like the story when they asked).
    caption: Mapped[str | None] = mapped_column(Text)


class ReportRoute(Base):
    """A report sent to a partner's chat (or the coordinators' chat): where its card is."""

    __tablename__ = "report_routes"
    __table_args__ = (
        UniqueConstraint("report_id", "chat_id", name="uq_report_routes_report_chat"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    #: NULL for the coordinators' chat.
    partner_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("partners.id", ondelete="CASCADE")
    )
    chat_id: Mapped[int] = mapped_column(TelegramId)
    message_id: Mapped[int | None] = mapped_column(Integer)
    #: The forum topic of the case, when the partner group has topics on.
    thread_id: Mapped[int | None] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReportEvent(Base):
    """One line of a report's audit trail: who did what, when (every view and every change)."""

    __tablename__ = "report_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    #: reporter, partner, coordinator or system; the reporter's Telegram id is never stored here.
    actor: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(TelegramId)
    partner_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("partners.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ReportDraftMedia(Base):
    """Evidence of a report still being written, one row per file.

    Rows are appended atomically (``position`` is unique per user), so the photos of an album,
    which arrive as parallel updates, are all kept; submitting moves them to ``report_media``.
    """

    __tablename__ = "report_draft_media"

    user_id: Mapped[int] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str] = mapped_column(String(256))
    file_size: Mapped[int | None] = mapped_column(Integer)
    caption: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)

"""Read-only snapshots of reports handed to handlers, notifiers and exports.

A :class:`ReportView` never carries the reporter's Telegram id: only the name they chose to share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.geo.gazetteer import Gazetteer
from bot.reports.domain.categories import Confidentiality, Level, Status
from bot.reports.domain.models import Report, ReportEvent, ReportMedia, ReportRoute


@dataclass(frozen=True, slots=True)
class MediaView:
    kind: str
    file_id: str
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class ReportView:
    id: int
    code: str
    status: Status
    category: str
    description: str
    region_code: str
    region_name: str
    province_name: str
    when_choice: str
    occurred_on: date | None
    urgent: bool
    anonymous: bool
    #: Shown to partners only when the reporter chose to share their identity.
    reporter_name: str | None
    contact_ok: bool
    has_reporter: bool
    level: Level
    claimed_by_partner_id: int | None
    claimed_by_name: str | None
    outcome: str | None
    has_location: bool
    latitude: float | None
    longitude: float | None
    created_at: datetime
    updated_at: datetime
    media: tuple[MediaView, ...] = ()
    #: The reporter's last answer to "has it been handled?" (``yes``/``partly``/``no``).
    verdict: str | None = None
    #: How many times the reporter was asked it (1 right after the resolution).
    verdict_asks: int = 0
    #: identified / anonymous / rahasia (:mod:`bot.reports.domain.confidential` decides who reads).
    confidentiality: Confidentiality = Confidentiality.ANONYMOUS
    #: A rahasia report as someone who may not read it sees it: no story, evidence, pin, name.
    withheld: bool = False


@dataclass(frozen=True, slots=True)
class RouteView:
    id: int
    partner_id: int | None
    chat_id: int
    message_id: int | None
    level: Level
    active: bool
    report_id: int = 0
    thread_id: int | None = None


@dataclass(frozen=True, slots=True)
class EventView:
    at: datetime
    actor: str
    actor_id: int | None
    partner_name: str | None
    kind: str
    note: str | None
    #: The first name of the partner member or coordinator who acted (never their Telegram id).
    actor_name: str | None = None


def report_view(
    r: Report,
    media: Sequence[ReportMedia] = (),
    claimed_by_name: str | None = None,
) -> ReportView:
    gaz = Gazetteer.default()
    region = gaz.get(r.region_code)
    return ReportView(
        id=r.id,
        code=r.code,
        status=Status(r.status),
        category=r.category,
        description=r.description,
        region_code=r.region_code,
        region_name=region.name if region else r.region_code,
        province_name=region.province_name if region else "",
        when_choice=r.when_choice,
        occurred_on=r.occurred_on,
        urgent=r.urgent,
        anonymous=r.anonymous,
        reporter_name=None if r.anonymous else r.reporter_name,
        contact_ok=r.contact_ok,
        has_reporter=r.reporter_id is not None,
        level=Level(r.level),
        claimed_by_partner_id=r.claimed_by_partner_id,
        claimed_by_name=claimed_by_name,
        outcome=r.outcome,
        has_location=r.latitude is not None,
        latitude=r.latitude,
        longitude=r.longitude,
        created_at=r.created_at,
        updated_at=r.updated_at,
        media=tuple(MediaView(m.kind, m.file_id, m.caption) for m in media),
        verdict=r.verdict,
        verdict_asks=r.verdict_asks or 0,
        confidentiality=Confidentiality.of(r.confidentiality, anonymous=r.anonymous),
    )


def route_view(r: ReportRoute) -> RouteView:
    return RouteView(
        r.id,
        r.partner_id,
        r.chat_id,
        r.message_id,
        Level(r.level),
        r.active,
        r.report_id,
        r.thread_id,
    )


def event_view(
    e: ReportEvent, partner_name: str | None, actor_name: str | None = None
) -> EventView:
    return EventView(e.at, e.actor, e.actor_id, partner_name, e.kind, e.note, actor_name)

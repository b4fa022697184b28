"""Recorded looks at a report: its details, its timeline, and (coordinators only) who reported.

Looking is itself an event on the timeline: who saw what, and when, can always be told.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.people.models import User
from bot.people.service import UnknownUserError
from bot.reports.domain.categories import EventKind
from bot.reports.domain.context import ReportContext
from bot.reports.domain.errors import NotAllowedError
from bot.reports.domain.models import Partner, ReportEvent
from bot.reports.domain.views import EventView, ReportView, event_view
from bot.reports.domain.workflow import Actor


@dataclass(frozen=True, slots=True)
class Identity:
    user_id: int
    name: str
    username: str | None


class AccessService:
    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx

    async def timeline(self, report_id: int, actor: Actor) -> tuple[ReportView, list[EventView]]:
        """The report's audit trail; looking at it is itself recorded."""
        async with self.ctx.tx(None) as repo:
            report = await repo.get(report_id)
            actor.on(repo, report_id, EventKind.TIMELINE_VIEWED)
            await repo.s.flush()
            rows = (
                await repo.s.execute(
                    select(ReportEvent, Partner.name, User.first_name)
                    .outerjoin(Partner, Partner.id == ReportEvent.partner_id)
                    .outerjoin(User, User.id == ReportEvent.actor_id)
                    .where(ReportEvent.report_id == report_id)
                    .order_by(ReportEvent.at, ReportEvent.id)
                )
            ).all()
            events = [event_view(e, name, first) for e, name, first in rows]
            return await repo.view(report), events

    async def open_for_view(self, report_id: int, actor: Actor) -> ReportView:
        """A coordinator (or partner) opens the report's details: recorded as a view."""
        async with self.ctx.tx(None) as repo:
            report = await repo.get(report_id)
            actor.on(repo, report_id, EventKind.VIEWED)
            return await repo.view(report)

    async def reveal_identity(self, report_id: int, actor: Actor) -> Identity | None:
        """A coordinator's explicit, recorded look at who reported (None once detached)."""
        if not actor.coordinator:
            raise NotAllowedError()
        async with self.ctx.tx(None) as repo:
            report = await repo.get(report_id)
            actor.on(repo, report_id, EventKind.IDENTITY_REVEALED)
            reporter_id = report.reporter_id
        if reporter_id is None:
            return None
        try:
            person = await self.ctx.people.get(reporter_id)
        except UnknownUserError:
            return None
        return Identity(person.id, person.first_name, person.username)

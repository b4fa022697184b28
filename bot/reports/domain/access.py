"""Recorded looks at a report: its details, its timeline, and (coordinators only) who reported.

Looking is itself an event on the timeline: who saw what, and when, can always be told. A rahasia
report is shown as :mod:`bot.reports.domain.confidential` allows: whole to the partner that
claimed it and to admins (their look recorded like any other), withheld to everyone else.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.people.models import Role, User, UserRole
from bot.people.service import UnknownUserError
from bot.reports.domain.categories import EventKind
from bot.reports.domain.confidential import (
    Reader,
    as_read_by,
    events_as_read_by,
    is_rahasia,
)
from bot.reports.domain.context import ReportContext
from bot.reports.domain.errors import NotAllowedError
from bot.reports.domain.models import Partner, ReportEvent
from bot.reports.domain.repository import ReportRepository
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

    async def reader(self, repo: ReportRepository, actor: Actor) -> Reader:
        """Who ``actor`` reads as: its partner, and whether it is an admin (read from the roles
        in the database and the configured admins, never from what the caller says)."""
        admin = actor.user_id in self.ctx.people.admins or bool(
            await repo.s.scalar(
                select(UserRole.user_id).where(
                    UserRole.user_id == actor.user_id, UserRole.role == Role.ADMIN.value
                )
            )
        )
        return Reader(partner_id=actor.partner_id, admin=admin)

    async def readable(self, report_id: int, actor: Actor) -> ReportView:
        """The report as ``actor`` may read it, not recorded (what a recorded look showed:
        a case's evidence on the dashboard)."""
        async with self.ctx.read() as repo:
            view = await repo.view_of(report_id)
            return as_read_by(view, await self.reader(repo, actor))

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
            view, reader = await repo.view(report), await self.reader(repo, actor)
            return as_read_by(view, reader), events_as_read_by(view, events, reader)

    async def open_for_view(self, report_id: int, actor: Actor) -> ReportView:
        """A coordinator (or partner) opens the report's details: recorded as a view."""
        async with self.ctx.tx(None) as repo:
            report = await repo.get(report_id)
            actor.on(repo, report_id, EventKind.VIEWED)
            return as_read_by(await repo.view(report), await self.reader(repo, actor))

    async def reveal_identity(self, report_id: int, actor: Actor) -> Identity | None:
        """A coordinator's explicit, recorded look at who reported (None once detached); a
        rahasia reporter's only by an admin."""
        if not actor.coordinator:
            raise NotAllowedError()
        async with self.ctx.tx(None) as repo:
            report = await repo.get(report_id)
            if is_rahasia(report) and not (await self.reader(repo, actor)).admin:
                raise NotAllowedError()
            actor.on(repo, report_id, EventKind.IDENTITY_REVEALED)
            reporter_id = report.reporter_id
        if reporter_id is None:
            return None
        try:
            person = await self.ctx.people.get(reporter_id)
        except UnknownUserError:
            return None
        return Identity(person.id, person.first_name, person.username)

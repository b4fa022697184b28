"""The shared core of the report services: the database, helpers for events, routes and views."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.db import Database
from bot.errors import UserError
from bot.people.service import PeopleService
from bot.reports.categories import Level
from bot.reports.models import Partner, Report, ReportEvent, ReportMedia, ReportRoute
from bot.reports.partners import PartnerService
from bot.reports.routing import PartnerInfo, route_report
from bot.reports.settings import ReportsSettings
from bot.reports.views import ReportView, RouteView, report_view, route_view

log = logging.getLogger("bot.reports")


class ReportError(UserError):
    """A report action that cannot be done; the user is told why (``key``, ``params``)."""

    key = "report-error-generic"


class UnknownReportError(ReportError):
    key = "report-error-unknown"


class NotAllowedError(ReportError):
    key = "report-error-not-allowed"


class DailyLimitError(ReportError):
    key = "report-error-daily-limit"


class ReportStore:
    """Database access shared by intake, partner workflow and the SLA sweeper."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: ReportsSettings,
        partners: PartnerService,
        people: PeopleService,
        *,
        tz: Any = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.settings = settings
        self.partners = partners
        self.people = people
        self.tz = tz
        #: The application's settings (coordinators' chat, language), set by the feature's setup.
        self.app_settings: Any = None

    @contextlib.asynccontextmanager
    async def _tx(self, s: AsyncSession | None) -> AsyncIterator[AsyncSession]:
        """The caller's transaction (a flow that also owes messages), or one of our own."""
        if s is not None:
            yield s
            return
        async with self.db.transaction() as own:
            yield own

    async def _event(
        self,
        s: AsyncSession,
        report_id: int,
        kind: str,
        *,
        actor: str = "system",
        actor_id: int | None = None,
        partner_id: int | None = None,
        note: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        s.add(
            ReportEvent(
                report_id=report_id,
                at=self.clock.now(),
                actor=actor,
                actor_id=actor_id,
                partner_id=partner_id,
                kind=kind,
                note=note,
                data=data,
            )
        )

    async def _report(self, s: AsyncSession, report_id: int, *, lock: bool = False) -> Report:
        query = select(Report).where(Report.id == report_id)
        if lock:
            query = query.with_for_update()
        report = await s.scalar(query.execution_options(populate_existing=True))
        if report is None:
            raise UnknownReportError()
        return report

    async def _view(self, s: AsyncSession, report: Report) -> ReportView:
        media = (
            await s.scalars(
                select(ReportMedia)
                .where(ReportMedia.report_id == report.id)
                .order_by(ReportMedia.id)
            )
        ).all()
        name = None
        if report.claimed_by_partner_id is not None:
            name = await s.scalar(
                select(Partner.name).where(Partner.id == report.claimed_by_partner_id)
            )
        return report_view(report, list(media), name)

    async def _routes(self, s: AsyncSession, report_id: int) -> list[RouteView]:
        rows = await s.scalars(
            select(ReportRoute).where(ReportRoute.report_id == report_id).order_by(ReportRoute.id)
        )
        return [route_view(r) for r in rows.all()]

    def claim_window(self, urgent: bool) -> timedelta:
        sla = self.settings.sla
        return timedelta(hours=sla.urgent_claim_hours if urgent else sla.claim_hours)

    async def _add_routes(
        self, s: AsyncSession, report: Report, *, above: Level | None, coordinators_chat: int | None
    ) -> tuple[Level, list[RouteView]]:
        """Route (or escalate) the report: new routes at the next level with partners."""
        partners: list[PartnerInfo] = await self.partners.list_partners(active_only=True, s=s)
        route = route_report(
            partners,
            category=report.category,
            region_code=report.region_code,
            province_code=report.province_code,
            above=above,
        )
        targets: list[tuple[int | None, int]] = [(p.id, p.chat_id) for p in route.partners]
        if not targets and coordinators_chat is not None:
            targets = [(None, coordinators_chat)]
        created = await self._open_routes(s, report, targets, route.level)
        report.level = int(route.level)
        names = [p.name for p in route.partners] or ["coordinators"]
        await self._event(
            s,
            report.id,
            "routed" if above is None else "escalated",
            data={"level": route.level.name.lower(), "to": names},
        )
        return route.level, created

    async def _open_routes(
        self, s: AsyncSession, report: Report, targets: list[tuple[int | None, int]], level: Level
    ) -> list[RouteView]:
        """Routes to these (partner, chat) pairs; an old inactive route to a chat is reopened."""
        existing = {
            r.chat_id: r
            for r in (
                await s.scalars(select(ReportRoute).where(ReportRoute.report_id == report.id))
            ).all()
        }
        now = self.clock.now()
        opened: list[ReportRoute] = []
        for partner_id, chat_id in targets:
            old = existing.get(chat_id)
            if old is not None:
                if old.active:
                    continue
                old.active, old.partner_id, old.level, old.message_id = (
                    True,
                    partner_id,
                    int(level),
                    None,
                )
                opened.append(old)
                continue
            r = ReportRoute(
                report_id=report.id,
                partner_id=partner_id,
                chat_id=chat_id,
                level=int(level),
                active=True,
                created_at=now,
            )
            s.add(r)
            opened.append(r)
        report.updated_at = now
        await s.flush()
        return [route_view(r) for r in opened]

    async def set_card_message(
        self,
        route_id: int,
        message_id: int,
        *,
        thread_id: int | None = None,
        s: AsyncSession | None = None,
    ) -> None:
        """Remember where a route's card is (and its forum topic), so it can be updated."""
        async with self._tx(s) as s:
            route = await s.get(ReportRoute, route_id)
            if route is not None:
                route.message_id = message_id
                route.thread_id = thread_id

    async def route_in(self, s: AsyncSession, route_id: int) -> RouteView | None:
        route = await s.get(ReportRoute, route_id, populate_existing=True)
        return None if route is None else route_view(route)

    async def view_in(self, s: AsyncSession, report_id: int) -> ReportView:
        return await self._view(s, await self._report(s, report_id))

    async def routes_in(self, s: AsyncSession, report_id: int) -> list[RouteView]:
        return await self._routes(s, report_id)

    async def reporter_in(self, s: AsyncSession, report_id: int) -> int | None:
        """The reporter's Telegram id, for the bot's own messages to them only; never shown."""
        return await s.scalar(select(Report.reporter_id).where(Report.id == report_id))

    async def claimed_by_in(self, s: AsyncSession, report_id: int) -> int | None:
        """The partner that claimed the report (None: open, or claimed by a coordinator)."""
        return await s.scalar(select(Report.claimed_by_partner_id).where(Report.id == report_id))

    async def routes(self, report_id: int) -> list[RouteView]:
        async with self.db.session() as s:
            return await self._routes(s, report_id)

    async def view(self, report_id: int) -> ReportView:
        """A report without recording a view (for the bot's own messages)."""
        async with self.db.session() as s:
            return await self._view(s, await self._report(s, report_id))

    async def reporter_of(self, report_id: int) -> int | None:
        """The reporter's Telegram id, for the bot's own messages to them only; never shown."""
        async with self.db.session() as s:
            return await s.scalar(select(Report.reporter_id).where(Report.id == report_id))

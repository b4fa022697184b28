"""Reports over one session: rows, views, routes and timeline events.

A :class:`ReportRepository` wraps the session of one transaction (a flow's, or a service's own);
the services above it decide, this only reads and writes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.reports.domain.categories import ActorKind, EventKind, Level
from bot.reports.domain.errors import UnknownReportError
from bot.reports.domain.models import Partner, Report, ReportEvent, ReportMedia, ReportRoute
from bot.reports.domain.views import ReportView, RouteView, report_view, route_view


class ReportRepository:
    def __init__(self, s: AsyncSession, clock: Clock) -> None:
        self.s = s
        self.clock = clock

    async def get(self, report_id: int, *, lock: bool = False) -> Report:
        """The report's row (fresh from the database), or :class:`UnknownReportError`."""
        query = select(Report).where(Report.id == report_id)
        if lock:
            query = query.with_for_update()
        report = await self.s.scalar(query.execution_options(populate_existing=True))
        if report is None:
            raise UnknownReportError()
        return report

    async def view(self, report: Report) -> ReportView:
        """The snapshot handed to handlers: the report, its evidence, the claiming partner."""
        media = (
            await self.s.scalars(
                select(ReportMedia)
                .where(ReportMedia.report_id == report.id)
                .order_by(ReportMedia.id)
            )
        ).all()
        name = None
        if report.claimed_by_partner_id is not None:
            name = await self.s.scalar(
                select(Partner.name).where(Partner.id == report.claimed_by_partner_id)
            )
        return report_view(report, list(media), name)

    async def view_of(self, report_id: int) -> ReportView:
        return await self.view(await self.get(report_id))

    async def routes(self, report_id: int, *, active: bool = False) -> list[RouteView]:
        """The report's routes in the order they were opened (only the active ones)."""
        query = select(ReportRoute).where(ReportRoute.report_id == report_id)
        if active:
            query = query.where(ReportRoute.active.is_(True))
        rows = await self.s.scalars(query.order_by(ReportRoute.id))
        return [route_view(r) for r in rows.all()]

    async def route(self, route_id: int) -> RouteView | None:
        route = await self.s.get(ReportRoute, route_id, populate_existing=True)
        return None if route is None else route_view(route)

    async def reporter(self, report_id: int) -> int | None:
        """The reporter's Telegram id, for the bot's own messages to them only; never shown."""
        return await self.s.scalar(select(Report.reporter_id).where(Report.id == report_id))

    async def claimed_by(self, report_id: int) -> int | None:
        """The partner that claimed the report (None: open, or claimed by a coordinator)."""
        return await self.s.scalar(
            select(Report.claimed_by_partner_id).where(Report.id == report_id)
        )

    def event(
        self,
        report_id: int,
        kind: EventKind,
        *,
        actor: ActorKind | str = ActorKind.SYSTEM,
        actor_id: int | None = None,
        partner_id: int | None = None,
        note: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        """A line of the report's timeline, written with the transaction."""
        self.s.add(
            ReportEvent(
                report_id=report_id,
                at=self.clock.now(),
                actor=str(actor),
                actor_id=actor_id,
                partner_id=partner_id,
                kind=str(kind),
                note=note,
                data=data,
            )
        )

    async def close_routes(self, report_id: int, *, except_chat: int | None = None) -> None:
        query = update(ReportRoute).where(ReportRoute.report_id == report_id)
        if except_chat is not None:
            query = query.where(ReportRoute.chat_id != except_chat)
        await self.s.execute(query.values(active=False))

    async def open_routes(
        self, report: Report, targets: list[tuple[int | None, int]], level: Level
    ) -> list[RouteView]:
        """Routes to these (partner, chat) pairs; an old inactive route to a chat is reopened."""
        existing = {
            r.chat_id: r
            for r in (
                await self.s.scalars(select(ReportRoute).where(ReportRoute.report_id == report.id))
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
            self.s.add(r)
            opened.append(r)
        report.updated_at = now
        await self.s.flush()
        return [route_view(r) for r in opened]

    async def set_card_message(
        self, route_id: int, message_id: int, *, thread_id: int | None = None
    ) -> None:
        route = await self.s.get(ReportRoute, route_id)
        if route is not None:
            route.message_id = message_id
            route.thread_id = thread_id

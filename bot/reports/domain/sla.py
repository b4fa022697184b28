"""SLA: due times live on the report rows; these methods find what is due and act on it once.

The sweeper (``bot/reports/flows/sweeper.py``) calls them periodically under a job lock; each action
re-checks the due time inside its own transaction, so a restart or a second worker changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.reports.domain.categories import EventKind, Level, Status
from bot.reports.domain.context import ReportContext
from bot.reports.domain.errors import log
from bot.reports.domain.models import Partner, Report, ReportRoute
from bot.reports.domain.views import ReportView, RouteView


@dataclass(frozen=True, slots=True)
class Fallback:
    """What happened after cards could not be delivered."""

    report: ReportView
    #: Routes opened at the next level (their cards still to send).
    new_routes: list[RouteView]
    failed_chats: list[int]
    #: The partners (or "coordinators") whose chats could not be reached.
    failed_names: list[str]
    moved: bool
    #: Some other chat of the report did get its card.
    others_have_it: bool


class SlaService:
    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx

    async def due_escalations(self) -> list[int]:
        now = self.ctx.clock.now()
        async with self.ctx.db.session() as s:
            rows = await s.scalars(
                select(Report.id)
                .where(Report.status == Status.OPEN, Report.claim_due_at <= now)
                .order_by(Report.claim_due_at)
                .limit(200)
            )
            return list(rows.all())

    async def escalate(
        self, report_id: int, *, coordinators_chat: int | None, s: AsyncSession | None = None
    ) -> tuple[ReportView, list[RouteView]] | None:
        """Move an unclaimed, overdue report up one level; None when it is no longer due."""
        now = self.ctx.clock.now()
        if s is None:
            await self.ctx.partners.ensure_synced()  # before the transaction: syncing writes too
        async with self.ctx.tx(s) as repo:
            report = await repo.get(report_id, lock=True)
            if report.status != Status.OPEN or report.claim_due_at is None:
                return None
            if report.claim_due_at > now:
                return None
            if report.level >= Level.COORDINATORS:
                # Already with the coordinators: they were told; no further level exists.
                report.claim_due_at = None
                repo.event(report.id, EventKind.ESCALATED, data={"level": "coordinators"})
                return await repo.view(report), []
            level, new = await self.ctx.route(
                repo, report, above=Level(report.level), coordinators_chat=coordinators_chat
            )
            self.ctx.next_level_due(report, level)
            view = await repo.view(report)
        log.info("report %s escalated to %s", view.code, level.name.lower())
        return view, new

    async def due_reminders(self) -> list[int]:
        now = self.ctx.clock.now()
        async with self.ctx.db.session() as s:
            rows = await s.scalars(
                select(Report.id)
                .where(Report.status == Status.CLAIMED, Report.update_due_at <= now)
                .order_by(Report.update_due_at)
                .limit(200)
            )
            return list(rows.all())

    async def remind(
        self, report_id: int, *, s: AsyncSession | None = None
    ) -> tuple[ReportView, list[RouteView]] | None:
        """Note a reminder to the claiming partner and push the next one out; None if not due."""
        now = self.ctx.clock.now()
        async with self.ctx.tx(s) as repo:
            report = await repo.get(report_id, lock=True)
            if report.status != Status.CLAIMED or report.update_due_at is None:
                return None
            if report.update_due_at > now:
                return None
            report.update_due_at = now + timedelta(days=self.ctx.settings.sla.update_days)
            repo.event(report.id, EventKind.REMINDED)
            routes = await repo.routes(report.id, active=True)
            return await repo.view(report), routes

    async def fallback_undelivered(
        self,
        report_id: int,
        failed_chats: list[int],
        *,
        coordinators_chat: int | None,
        s: AsyncSession | None = None,
    ) -> Fallback:
        """Cards that could not reach a chat (bot removed, chat not found): those routes close,
        and when no card of the report reached anyone, it goes up a level at once."""
        if s is None:
            await self.ctx.partners.ensure_synced()  # before the transaction: syncing writes too
        async with self.ctx.tx(s) as repo:
            report = await repo.get(report_id, lock=True)
            failed = [
                r for r in await repo.routes(report.id, active=True) if r.chat_id in failed_chats
            ]
            ids = [r.partner_id for r in failed if r.partner_id is not None]
            names = dict(
                (
                    await repo.s.execute(
                        select(Partner.id, Partner.name).where(Partner.id.in_(ids))
                    )
                ).all()
            )
            labels = [
                names.get(r.partner_id, "?") if r.partner_id else "coordinators" for r in failed
            ]
            await repo.s.execute(
                update(ReportRoute)
                .where(ReportRoute.id.in_([r.id for r in failed]))
                .values(active=False)
            )
            repo.event(
                report.id,
                EventKind.DELIVERY_FAILED,
                data={"to": labels, "chat_ids": [r.chat_id for r in failed]},
            )
            delivered = [
                r for r in await repo.routes(report.id, active=True) if r.message_id is not None
            ]
            new: list[RouteView] = []
            moved = False
            if not delivered and report.status == Status.OPEN and report.level < Level.COORDINATORS:
                level, new = await self.ctx.route(
                    repo, report, above=Level(report.level), coordinators_chat=coordinators_chat
                )
                self.ctx.next_level_due(report, level)
                moved = True
            view = await repo.view(report)
        log.warning(
            "report %s: card not delivered to %d chat(s)%s",
            view.code,
            len(failed),
            f", moved to {Level(view.level).name.lower()}" if moved else "",
        )
        return Fallback(view, new, [r.chat_id for r in failed], labels, moved, bool(delivered))

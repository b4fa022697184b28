"""What every report service shares: the database, the clock, the settings, partners and people,
and the rules more than one of them applies (the claim window, routing to the next level).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.db import Database
from bot.people.service import PeopleService
from bot.reports.domain.categories import EventKind, Level, Status
from bot.reports.domain.models import Report
from bot.reports.domain.partners import PartnerService
from bot.reports.domain.repository import ReportRepository
from bot.reports.domain.routing import PartnerInfo, route_report
from bot.reports.domain.views import RouteView
from bot.reports.settings import ReportsSettings


@dataclass
class ReportContext:
    db: Database
    clock: Clock
    settings: ReportsSettings
    partners: PartnerService
    people: PeopleService
    tz: Any = None
    #: The application's settings (coordinators' chat, language), set by the feature's setup.
    app_settings: Any = field(default=None)

    @contextlib.asynccontextmanager
    async def tx(self, s: AsyncSession | None) -> AsyncIterator[ReportRepository]:
        """The caller's transaction (a flow that also owes messages), or one of our own."""
        if s is not None:
            yield ReportRepository(s, self.clock)
            return
        async with self.db.transaction() as own:
            yield ReportRepository(own, self.clock)

    @contextlib.asynccontextmanager
    async def read(self) -> AsyncIterator[ReportRepository]:
        async with self.db.session() as s:
            yield ReportRepository(s, self.clock)

    def claim_window(self, urgent: bool) -> timedelta:
        sla = self.settings.sla
        return timedelta(hours=sla.urgent_claim_hours if urgent else sla.claim_hours)

    def touched(self, report: Report) -> None:
        """A partner acted: the report is fresh, and the next reminder moves out."""
        now = self.clock.now()
        report.updated_at = now
        if report.status == Status.CLAIMED:
            report.update_due_at = now + timedelta(days=self.settings.sla.update_days)

    async def route(
        self,
        repo: ReportRepository,
        report: Report,
        *,
        above: Level | None,
        coordinators_chat: int | None,
    ) -> tuple[Level, list[RouteView]]:
        """Route (or escalate) the report: new routes at the next level with partners, else
        the coordinators' chat when there is one."""
        partners: list[PartnerInfo] = await self.partners.list_partners(active_only=True, s=repo.s)
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
        created = await repo.open_routes(report, targets, route.level)
        report.level = int(route.level)
        names = [p.name for p in route.partners] or ["coordinators"]
        repo.event(
            report.id,
            EventKind.ROUTED if above is None else EventKind.ESCALATED,
            data={"level": route.level.name.lower(), "to": names},
        )
        return route.level, created

    def next_level_due(self, report: Report, level: Level) -> None:
        """After a move up: the next claim deadline, none once with the coordinators."""
        report.claim_due_at = (
            None
            if level >= Level.COORDINATORS
            else self.clock.now() + self.claim_window(report.urgent)
        )

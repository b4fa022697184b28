"""Reports, not Telegram: one object composed of small services over one shared context.

``reports.intake`` (a citizen's report comes in), ``reports.workflow`` (who acts, claim, forward,
resolve, reject), ``reports.questions`` (partner ↔ reporter), ``reports.access`` (recorded looks),
``reports.sla`` (escalations and reminders), ``reports.evidence`` (a draft's files),
``reports.privacy`` (erase and retention), ``reports.verdicts`` (the reporter's verdict); the reads every caller needs are here. Orchestration
with the messages a change owes is :class:`bot.reports.flows.core.ReportFlows`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.db import Database
from bot.people.service import PeopleService
from bot.reports.domain.access import AccessService
from bot.reports.domain.context import ReportContext
from bot.reports.domain.evidence import EvidenceService
from bot.reports.domain.partners import PartnerService
from bot.reports.domain.privacy import PrivacyService
from bot.reports.domain.questions import QuestionService
from bot.reports.domain.repository import ReportRepository
from bot.reports.domain.sla import SlaService
from bot.reports.domain.submission import IntakeService
from bot.reports.domain.verdict import VerdictService
from bot.reports.domain.views import ReportView, RouteView
from bot.reports.domain.workflow import WorkflowService
from bot.reports.settings import ReportsSettings


class ReportService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: ReportsSettings,
        partners: PartnerService,
        people: PeopleService,
        *,
        tz: Any = None,
        app_settings: Any = None,
    ) -> None:
        self.ctx = ReportContext(db, clock, settings, partners, people, tz, app_settings)
        self.db, self.clock, self.settings = db, clock, settings
        self.partners, self.people = partners, people
        self.evidence = EvidenceService(self.ctx)
        self.intake = IntakeService(self.ctx, self.evidence)
        self.workflow = WorkflowService(self.ctx)
        self.questions = QuestionService(self.ctx)
        self.access = AccessService(self.ctx)
        self.sla = SlaService(self.ctx)
        self.privacy = PrivacyService(self.ctx)
        self.verdicts = VerdictService(self.ctx)

    @property
    def app_settings(self) -> Any:
        """The application's settings (coordinators' chat, language, time zone)."""
        return self.ctx.app_settings

    def repository(self, s: AsyncSession) -> ReportRepository:
        """The reports of the caller's transaction (a flow's)."""
        return ReportRepository(s, self.clock)

    async def view(self, report_id: int) -> ReportView:
        """A report without recording a view (for the bot's own messages)."""
        async with self.ctx.read() as repo:
            return await repo.view_of(report_id)

    async def routes(self, report_id: int) -> list[RouteView]:
        async with self.ctx.read() as repo:
            return await repo.routes(report_id)

    async def reporter_of(self, report_id: int) -> int | None:
        """The reporter's Telegram id, for the bot's own messages to them only; never shown."""
        async with self.ctx.read() as repo:
            return await repo.reporter(report_id)

    async def set_card_message(
        self,
        route_id: int,
        message_id: int,
        *,
        thread_id: int | None = None,
        s: AsyncSession | None = None,
    ) -> None:
        """Remember where a route's card is (and its forum topic), so it can be updated."""
        async with self.ctx.tx(s) as repo:
            await repo.set_card_message(route_id, message_id, thread_id=thread_id)

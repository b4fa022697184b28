"""The reporter's verdict: once a partner resolves a case, the reporter is asked in the chat
whether the problem was really handled (Sudah / Sebagian / Belum), and again after
``verdict.follow_up_days`` (7 and 28 by default) while the answer is not Sudah. Belum reopens the
case, tells its partner and moves it up one level. The last answer is kept on the report (and
every answer on the timeline), so the answers can be counted per partner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.reports.domain.categories import ActorKind, EventKind, Level, Status
from bot.reports.domain.context import ReportContext
from bot.reports.domain.errors import NotAllowedError, ReportError, log
from bot.reports.domain.models import Partner, Report, ReportEvent
from bot.reports.domain.views import ReportView, RouteView


class Verdict(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


@dataclass(frozen=True, slots=True)
class Judged:
    report: ReportView
    verdict: Verdict
    #: Belum: the case is open again.
    reopened: bool
    #: The resolving partner's routes (told of a reopen; their cards are redrawn).
    partner_routes: list[RouteView]
    #: Routes opened one level up.
    new_routes: list[RouteView]


def start_asking(report: Report, days: list[int], now: datetime) -> None:
    """At resolution: the first question goes with the news, the next one after ``days[0]``."""
    report.verdict = None
    report.verdict_asks = 1
    report.verdict_due_at = now + timedelta(days=days[0]) if days else None


def next_ask(report: Report, days: list[int]) -> datetime | None:
    """After the ``verdict_asks``-th question: when the next one is due (None: no more)."""
    if report.closed_at is None or report.verdict_asks > len(days):
        return None
    return report.closed_at + timedelta(days=days[report.verdict_asks - 1])


class VerdictService:
    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx

    @property
    def enabled(self) -> bool:
        return self.ctx.settings.verdict.enabled

    async def due(self) -> list[int]:
        """Resolved cases whose reporter is to be asked again now."""
        now = self.ctx.clock.now()
        async with self.ctx.read() as repo:
            rows = await repo.s.scalars(
                select(Report.id)
                .where(Report.status == Status.RESOLVED, Report.verdict_due_at <= now)
                .order_by(Report.verdict_due_at)
                .limit(200)
            )
            return list(rows.all())

    async def ask_again(self, report_id: int, *, s: AsyncSession) -> ReportView | None:
        """Count the question that is due and schedule the next; None when it is not due."""
        now = self.ctx.clock.now()
        async with self.ctx.tx(s) as repo:
            report = await repo.get(report_id, lock=True)
            due = report.verdict_due_at
            if report.status != Status.RESOLVED or due is None or due > now:
                return None
            if report.reporter_id is None:  # detached meanwhile: nobody to ask
                report.verdict_due_at = None
                return None
            report.verdict_asks += 1
            report.verdict_due_at = next_ask(report, self.ctx.settings.verdict.follow_up_days)
            repo.event(report.id, EventKind.VERDICT_ASKED, data={"ask": report.verdict_asks})
            return await repo.view(report)

    async def record(
        self,
        report_id: int,
        reporter_id: int,
        verdict: Verdict,
        *,
        coordinators_chat: int | None,
        s: AsyncSession,
    ) -> Judged:
        """The reporter's answer. Only the reporter, only on a resolved case (a case reopened or
        closed otherwise meanwhile refuses: the buttons are old)."""
        async with self.ctx.tx(s) as repo:
            report = await repo.get(report_id, lock=True)
            if report.reporter_id != reporter_id:
                raise NotAllowedError()
            if report.status != Status.RESOLVED:
                raise ReportError("report-verdict-not-now")
            report.verdict = verdict.value
            # counted for the partner that resolved it (kept on the event: a reopen clears the claim)
            repo.event(
                report.id,
                EventKind.VERDICT,
                actor=ActorKind.REPORTER,
                partner_id=report.claimed_by_partner_id,
                data={"answer": verdict.value},
            )
            partner_routes: list[RouteView] = []
            new_routes: list[RouteView] = []
            if verdict is Verdict.YES:
                report.verdict_due_at = None
            elif verdict is Verdict.NO:
                report.verdict_due_at = None
                partner_routes, new_routes = await self._reopen(repo, report, coordinators_chat)
            view = await repo.view(report)
        if verdict is Verdict.NO:
            log.info("report %s reopened by its reporter's verdict", view.code)
        return Judged(view, verdict, verdict is Verdict.NO, partner_routes, new_routes)

    async def _reopen(
        self,
        repo,
        report: Report,
        coordinators_chat: int | None,  # type: ignore[no-untyped-def]
    ) -> tuple[list[RouteView], list[RouteView]]:
        """Open again: the resolving partner's chats get the card back, one level up too."""
        now = self.ctx.clock.now()
        partner_id = report.claimed_by_partner_id
        old = [
            r
            for r in await repo.routes(report.id)
            if r.message_id is not None and (partner_id is None or r.partner_id == partner_id)
        ]
        report.status = Status.OPEN
        report.closed_at = None
        report.claimed_by_partner_id = None
        report.claimed_by_user_id = None
        report.claimed_at = None
        report.update_due_at = None
        report.claim_due_at = now + self.ctx.claim_window(report.urgent)
        # the resolving partner's routes stay open: their cards are redrawn (Tangani again)
        await repo.open_routes(
            report, [(r.partner_id, r.chat_id) for r in old], Level(report.level)
        )
        again = await repo.routes(report.id, active=True)
        repo.event(report.id, EventKind.REOPENED, actor=ActorKind.REPORTER)
        new: list[RouteView] = []
        if report.level < Level.COORDINATORS:
            level, new = await self.ctx.route(
                repo, report, above=Level(report.level), coordinators_chat=coordinators_chat
            )
            self.ctx.next_level_due(report, level)
        return again, new

    async def per_partner(self, s: AsyncSession | None = None) -> dict[str, dict[str, int]]:
        """The reporters' answers, counted per resolving partner (name → answer → n)."""
        query = (
            select(Partner.name, ReportEvent.data)
            .join(Partner, Partner.id == ReportEvent.partner_id)
            .where(ReportEvent.kind == EventKind.VERDICT)
        )
        counts: dict[str, dict[str, int]] = {}
        async with self.ctx.db.session(s) as own:
            for row in (await own.execute(query)).all():
                name, data = str(row[0]), row[1]
                answer = str((data or {}).get("answer", "")) if isinstance(data, dict) else ""
                if answer in {v.value for v in Verdict}:
                    by = counts.setdefault(name, {})
                    by[answer] = by.get(answer, 0) + 1
        return counts

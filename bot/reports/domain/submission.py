"""A citizen's report comes in: the daily limit, the repeat check, storing and routing it, and the
reporter's own list. No aiogram here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import insert_for
from bot.geo.gazetteer import Gazetteer
from bot.reports.domain.categories import ActorKind, EventKind, Level, Status
from bot.reports.domain.context import ReportContext
from bot.reports.domain.drafts import Draft
from bot.reports.domain.errors import DailyLimitError, ReportError, log
from bot.reports.domain.evidence import EvidenceService
from bot.reports.domain.models import Report, ReportCounter, ReportMedia
from bot.reports.domain.views import ReportView, RouteView

DUPLICATE_WINDOW = timedelta(hours=24)
DUPLICATE_SIMILARITY = 70


@dataclass(frozen=True, slots=True)
class Submitted:
    """A stored report and where its cards must go (``original`` when it was linked)."""

    report: ReportView
    routes: list[RouteView]
    original: ReportView | None = None


class IntakeService:
    def __init__(self, ctx: ReportContext, evidence: EvidenceService) -> None:
        self.ctx = ctx
        self.evidence = evidence

    async def reports_today(self, reporter_id: int, s: AsyncSession | None = None) -> int:
        since = self.ctx.clock.now() - timedelta(days=1)
        query = select(func.count(Report.id)).where(
            Report.reporter_id == reporter_id, Report.created_at >= since
        )
        async with self.ctx.db.session(s) as s:
            return int(await s.scalar(query) or 0)

    async def check_daily_limit(self, reporter_id: int, s: AsyncSession | None = None) -> None:
        """Raise :class:`DailyLimitError` when the reporter sent the maximum in the last 24 h."""
        if await self.reports_today(reporter_id, s) >= self.ctx.settings.daily_limit:
            raise DailyLimitError(limit=self.ctx.settings.daily_limit)

    async def find_duplicate(self, reporter_id: int, draft: Draft) -> ReportView | None:
        """The reporter's report of the last 24 h with the same place, category and similar text."""
        since = self.ctx.clock.now() - DUPLICATE_WINDOW
        async with self.ctx.read() as repo:
            rows = (
                await repo.s.scalars(
                    select(Report)
                    .where(
                        Report.reporter_id == reporter_id,
                        Report.created_at >= since,
                        Report.region_code == draft.region_code,
                        Report.category == draft.category,
                        Report.status != Status.MERGED,
                    )
                    .order_by(Report.created_at.desc())
                )
            ).all()
            for r in rows:
                score = fuzz.token_set_ratio(
                    r.description.lower(), (draft.description or "").lower()
                )
                if score >= DUPLICATE_SIMILARITY:
                    return await repo.view(r)
        return None

    async def submit(
        self,
        reporter_id: int,
        reporter_name: str,
        draft: Draft,
        *,
        coordinators_chat: int | None,
        duplicate_of: int | None = None,
        s: AsyncSession | None = None,
    ) -> Submitted:
        """Store the report (durably, before anyone is told) and route it."""
        if draft.missing():
            raise ReportError("report-error-incomplete")
        own = s is None
        if own:
            await self.ctx.partners.ensure_synced()  # before the transaction: syncing writes too
        region = Gazetteer.default().get(draft.region_code or "")
        if region is None:
            raise ReportError("report-error-incomplete")
        now = self.ctx.clock.now()
        local_year = now.astimezone(self.ctx.tz).year if self.ctx.tz else now.year
        async with self.ctx.tx(s) as repo:
            await self.check_daily_limit(reporter_id, repo.s)
            report = Report(
                code=await _next_code(repo.s, local_year),
                reporter_id=reporter_id,
                reporter_name=None if draft.anonymous else reporter_name[:128],
                anonymous=bool(draft.anonymous),
                confidentiality=draft.level.value,
                contact_ok=bool(draft.contact_ok),
                category=draft.category,
                description=draft.description,
                region_code=region.code,
                province_code=region.province_code,
                latitude=draft.latitude,
                longitude=draft.longitude,
                when_choice=draft.when_choice,
                occurred_on=date.fromisoformat(draft.occurred_on) if draft.occurred_on else None,
                urgent=bool(draft.urgent),
                status=Status.OPEN,
                level=int(Level.REGENCY),
                created_at=now,
                updated_at=now,
            )
            repo.s.add(report)
            await repo.s.flush()
            media = await self.evidence.take_from_draft(
                repo.s, reporter_id, draft.media, self.ctx.settings.max_media
            )
            for m in media:
                repo.s.add(
                    ReportMedia(
                        report_id=report.id,
                        kind=m.kind,
                        file_id=m.file_id,
                        file_size=m.file_size,
                        caption=m.caption,
                    )
                )
            repo.event(
                report.id,
                EventKind.CREATED,
                actor=ActorKind.REPORTER,
                data={"urgent": report.urgent, "media": len(media)},
            )
            original = None
            routes: list[RouteView] = []
            if duplicate_of is not None:
                orig = await repo.get(duplicate_of)
                if orig.reporter_id != reporter_id:
                    raise ReportError("report-error-unknown")
                report.status = Status.MERGED
                report.closed_at = now
                report.duplicate_of_id = orig.id
                repo.event(report.id, EventKind.LINKED, actor=ActorKind.REPORTER, note=orig.code)
                repo.event(
                    orig.id,
                    EventKind.REPEAT_LINKED,
                    actor=ActorKind.REPORTER,
                    note=draft.description,
                )
                original = await repo.view(orig)
                routes = await repo.routes(orig.id, active=True)
            else:
                _level, routes = await self.ctx.route(
                    repo, report, above=None, coordinators_chat=coordinators_chat
                )
                report.claim_due_at = now + self.ctx.claim_window(report.urgent)
            view = await repo.view(report)
        if own:
            await self.ctx.people.record_activity(reporter_id, "report_submitted")
        log.info(
            "report %s stored (%s, %s, %d routes)",
            view.code,
            view.category,
            view.region_code,
            len(routes),
        )
        return Submitted(view, routes, original)

    async def mine(self, reporter_id: int, limit: int = 10) -> list[ReportView]:
        """The reporter's reports, newest first."""
        async with self.ctx.read() as repo:
            rows = (
                await repo.s.scalars(
                    select(Report)
                    .where(Report.reporter_id == reporter_id)
                    .order_by(Report.created_at.desc(), Report.id.desc())
                    .limit(limit)
                )
            ).all()
            return [await repo.view(r) for r in rows]


async def _next_code(s: AsyncSession, year: int) -> str:
    """The next ``LP-<year>-<n>``: a counter row per year, incremented in the statement."""
    await s.execute(insert_for(s, ReportCounter).values(year=year, last=0).on_conflict_do_nothing())
    seq = await s.scalar(
        update(ReportCounter)
        .where(ReportCounter.year == year)
        .values(last=ReportCounter.last + 1)
        .returning(ReportCounter.last)
    )
    return f"LP-{year}-{seq:06d}"

"""Reports: intake (submit a draft), the reporter's own list, erase and retention. No aiogram here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import insert_for
from bot.geo.gazetteer import Gazetteer
from bot.reports.base import DailyLimitError, ReportError, ReportStore, log
from bot.reports.categories import Level, Status
from bot.reports.drafts import Draft
from bot.reports.evidence import EvidenceMixin
from bot.reports.models import Report, ReportCounter, ReportMedia
from bot.reports.privacy import PrivacyMixin
from bot.reports.sla import SlaMixin
from bot.reports.views import ReportView, RouteView
from bot.reports.workflow import WorkflowMixin

DUPLICATE_WINDOW = timedelta(hours=24)
DUPLICATE_SIMILARITY = 70


@dataclass(frozen=True, slots=True)
class Submitted:
    """A stored report and where its cards must go (``original`` when it was linked)."""

    report: ReportView
    routes: list[RouteView]
    original: ReportView | None = None


class ReportService(WorkflowMixin, SlaMixin, EvidenceMixin, PrivacyMixin, ReportStore):
    """Everything about incident reports that is not Telegram."""

    async def reports_today(self, reporter_id: int, s: AsyncSession | None = None) -> int:
        since = self.clock.now() - timedelta(days=1)
        query = select(func.count(Report.id)).where(
            Report.reporter_id == reporter_id, Report.created_at >= since
        )
        if s is not None:
            return int(await s.scalar(query) or 0)
        async with self.db.session() as own:
            return int(await own.scalar(query) or 0)

    async def check_daily_limit(self, reporter_id: int) -> None:
        """Raise :class:`DailyLimitError` when the reporter sent the maximum in the last 24 h."""
        async with self.db.session() as s:
            await self._check_daily_limit_in(s, reporter_id)

    async def _check_daily_limit_in(self, s: AsyncSession, reporter_id: int) -> None:
        if await self.reports_today(reporter_id, s) >= self.settings.daily_limit:
            raise DailyLimitError(limit=self.settings.daily_limit)

    async def find_duplicate(self, reporter_id: int, draft: Draft) -> ReportView | None:
        """The reporter's report of the last 24 h with the same place, category and similar text."""
        since = self.clock.now() - DUPLICATE_WINDOW
        async with self.db.session() as s:
            rows = (
                await s.scalars(
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
                    return await self._view(s, r)
        return None

    async def _next_code(self, s, year: int) -> str:  # type: ignore[no-untyped-def]
        await s.execute(
            insert_for(s, ReportCounter).values(year=year, last=0).on_conflict_do_nothing()
        )
        seq = await s.scalar(
            update(ReportCounter)
            .where(ReportCounter.year == year)
            .values(last=ReportCounter.last + 1)
            .returning(ReportCounter.last)
        )
        return f"LP-{year}-{seq:06d}"

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
        if s is None:
            await self.check_daily_limit(reporter_id)
            await self.partners.ensure_synced()  # before the transaction: syncing writes too
        region = Gazetteer.default().get(draft.region_code or "")
        if region is None:
            raise ReportError("report-error-incomplete")
        now = self.clock.now()
        local_year = now.astimezone(self.tz).year if self.tz else now.year
        own = s is None
        async with self._tx(s) as s:
            if not own:
                await self._check_daily_limit_in(s, reporter_id)
            code = await self._next_code(s, local_year)
            report = Report(
                code=code,
                reporter_id=reporter_id,
                reporter_name=None if draft.anonymous else reporter_name[:128],
                anonymous=bool(draft.anonymous),
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
            s.add(report)
            await s.flush()
            media = await self._take_draft_media(
                s, reporter_id, draft.media, self.settings.max_media
            )
            for m in media:
                s.add(
                    ReportMedia(
                        report_id=report.id,
                        kind=m.kind,
                        file_id=m.file_id,
                        file_size=m.file_size,
                        caption=m.caption,
                    )
                )
            await self._event(
                s,
                report.id,
                "created",
                actor="reporter",
                data={"urgent": report.urgent, "media": len(media)},
            )
            original = None
            routes: list[RouteView] = []
            if duplicate_of is not None:
                orig = await self._report(s, duplicate_of)
                if orig.reporter_id != reporter_id:
                    raise ReportError("report-error-unknown")
                report.status = Status.MERGED
                report.closed_at = now
                report.duplicate_of_id = orig.id
                await self._event(s, report.id, "linked", actor="reporter", note=orig.code)
                await self._event(
                    s, orig.id, "repeat_linked", actor="reporter", note=draft.description
                )
                original = await self._view(s, orig)
                routes = [r for r in await self._routes(s, orig.id) if r.active]
            else:
                _level, routes = await self._add_routes(
                    s, report, above=None, coordinators_chat=coordinators_chat
                )
                report.claim_due_at = now + self.claim_window(report.urgent)
            view = await self._view(s, report)
        if own:
            await self.people.record_activity(reporter_id, "report_submitted")
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
        async with self.db.session() as s:
            rows = (
                await s.scalars(
                    select(Report)
                    .where(Report.reporter_id == reporter_id)
                    .order_by(Report.created_at.desc(), Report.id.desc())
                    .limit(limit)
                )
            ).all()
            return [await self._view(s, r) for r in rows]

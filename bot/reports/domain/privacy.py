"""The reporter's erase (``/hapusdata``) and ``retention_days``: what is kept, what is dropped.

Retention keeps only the anonymous figures of a closed report (code, category, place, dates,
status, level, urgency, the partner organisation and the kinds of its timeline events) and drops
everything personal: the reporter link and name, the pin, the description, the outcome note, the
evidence (file ids), the texts relayed between partner and reporter, and who (by Telegram id)
acted on it. Reports still open are never touched.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, exists, or_, select, update

from bot.reports.domain.categories import ACTIVE_STATUSES, EventKind
from bot.reports.domain.context import ReportContext
from bot.reports.domain.models import (
    Report,
    ReportDraftMedia,
    ReportEvent,
    ReportMedia,
    ReportRoute,
)

#: What a report's description becomes once retention applied (descriptions are 20+ characters).
REDACTED = ""


class PrivacyService:
    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx

    async def detach_reporter(self, user_id: int) -> int:
        """Erase hook: the user's reports stay for the partners, no longer linked to them."""
        async with self.ctx.tx(None) as repo:
            ids = (
                await repo.s.scalars(select(Report.id).where(Report.reporter_id == user_id))
            ).all()
            await repo.s.execute(
                update(Report)
                .where(Report.reporter_id == user_id)
                .values(reporter_id=None, reporter_name=None, contact_ok=False)
            )
            await repo.s.execute(
                delete(ReportDraftMedia).where(ReportDraftMedia.user_id == user_id)
            )
            for report_id in ids:
                repo.event(report_id, EventKind.REPORTER_DETACHED, note="erase")
        return len(ids)

    async def apply_retention(self) -> int:
        """Closed reports older than ``retention_days`` keep only their anonymous figures."""
        days = self.ctx.settings.retention_days
        if days is None:
            return 0
        cutoff = self.ctx.clock.now() - timedelta(days=days)
        async with self.ctx.tx(None) as repo:
            ids = (
                await repo.s.scalars(
                    select(Report.id).where(
                        Report.status.not_in([st.value for st in ACTIVE_STATUSES]),
                        Report.closed_at.is_not(None),
                        Report.closed_at < cutoff,
                        or_(
                            Report.description != REDACTED,
                            Report.reporter_id.is_not(None),
                            Report.latitude.is_not(None),
                            exists().where(ReportMedia.report_id == Report.id),
                        ),
                    )
                )
            ).all()
            if not ids:
                return 0
            await repo.s.execute(
                update(Report)
                .where(Report.id.in_(ids))
                .values(
                    reporter_id=None,
                    reporter_name=None,
                    latitude=None,
                    longitude=None,
                    contact_ok=False,
                    description=REDACTED,
                    outcome=None,
                    claimed_by_user_id=None,
                )
            )
            await repo.s.execute(delete(ReportMedia).where(ReportMedia.report_id.in_(ids)))
            await repo.s.execute(
                update(ReportEvent)
                .where(ReportEvent.report_id.in_(ids))
                .values(note=None, actor_id=None)
            )
            await repo.s.execute(
                update(ReportRoute).where(ReportRoute.report_id.in_(ids)).values(active=False)
            )
            for report_id in ids:
                repo.event(report_id, EventKind.RETENTION_APPLIED, data={"days": days})
        return len(ids)

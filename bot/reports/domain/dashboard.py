"""Figures for the coordinators' dashboard, aggregated in SQL. No aiogram here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, cast

from sqlalchemy import and_, func, or_, select

from bot.reports.domain.categories import ACTIVE_STATUSES, Status
from bot.reports.domain.models import Report
from bot.reports.domain.views import ReportView

if TYPE_CHECKING:
    from bot.reports.domain.service import ReportService

PAGE_SIZE = 5


@dataclass(frozen=True, slots=True)
class Dashboard:
    days: int
    total: int
    by_status: dict[str, int]
    by_category: dict[str, int]
    by_province: dict[str, int]
    overdue: int
    open_reports: list[ReportView]
    page: int
    pages: int
    #: The reporters' verdicts per resolving partner (name → yes/partly/no → n).
    verdicts: dict[str, dict[str, int]] = field(default_factory=dict)


async def dashboard(store: ReportService, *, days: int = 7, page: int = 0) -> Dashboard:
    now = store.clock.now()
    since = now - timedelta(days=days)
    active = [s.value for s in ACTIVE_STATUSES]
    async with store.db.session() as s:
        recent = Report.created_at >= since

        async def grouped(column):  # type: ignore[no-untyped-def]
            rows = await s.execute(
                select(column, func.count(Report.id))
                .where(recent)
                .group_by(column)
                .order_by(func.count(Report.id).desc())
            )
            return {str(k): cast(int, v) for k, v in rows.all()}

        by_status = await grouped(Report.status)
        by_category = await grouped(Report.category)
        by_province = await grouped(Report.province_code)
        overdue = int(
            await s.scalar(
                select(func.count(Report.id)).where(
                    or_(
                        and_(Report.status == Status.OPEN, Report.claim_due_at < now),
                        and_(Report.status == Status.CLAIMED, Report.update_due_at < now),
                    )
                )
            )
            or 0
        )
        open_count = int(
            await s.scalar(select(func.count(Report.id)).where(Report.status.in_(active))) or 0
        )
        pages = max(1, -(-open_count // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        rows = (
            await s.scalars(
                select(Report)
                .where(Report.status.in_(active))
                .order_by(Report.urgent.desc(), Report.created_at, Report.id)
                .offset(page * PAGE_SIZE)
                .limit(PAGE_SIZE)
            )
        ).all()
        open_reports = [await store.repository(s).view(r) for r in rows]
        verdicts = await store.verdicts.per_partner(s)
    return Dashboard(
        days,
        sum(by_status.values()),
        by_status,
        by_category,
        by_province,
        overdue,
        open_reports,
        page,
        pages,
        verdicts,
    )

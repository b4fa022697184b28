"""The dashboard's list of cases: filters read from the query string, scoped by the viewer.

Read-only SQL over the reports' tables; every row becomes a :class:`ReportView`
(bot/reports/domain/views.py), which never carries a reporter's Telegram id, and an anonymous
reporter's name is dropped there too. Lists and the map show a rahasia report withheld (no story,
no pin) to everyone, and a text search never reads its story: its content is read only on its
own page, by those who may (bot/reports/domain/confidential.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, func, or_, select

from bot.db import Database
from bot.geo.gazetteer import Gazetteer
from bot.reports.domain.categories import CATEGORIES, Confidentiality, Status
from bot.reports.domain.confidential import ANYONE, as_read_by
from bot.reports.domain.models import Partner, Report, ReportRoute
from bot.reports.domain.views import ReportView, report_view
from bot.web.access import Viewer

MAX_TEXT = 200


@dataclass(frozen=True, slots=True)
class CaseFilters:
    area: str = ""
    category: str = ""
    status: str = ""
    since: date | None = None
    until: date | None = None
    text: str = ""
    page: int = 0
    #: What was wrong in the query string, as (field, catalogue key) pairs; those filters are off.
    problems: tuple[tuple[str, str], ...] = field(default=())

    def query(self, **changes: object) -> dict[str, str]:
        """The filters as query-string values (for links to other pages)."""
        values = {
            "area": self.area,
            "category": self.category,
            "status": self.status,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
            "q": self.text,
        }
        values.update({k: str(v) for k, v in changes.items()})
        return {k: v for k, v in values.items() if v}


def _date(raw: str, name: str, problems: list[tuple[str, str]]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        problems.append((name, "web-error-date"))
        return None


def parse_filters(q: Mapping[str, str]) -> CaseFilters:
    """Filters from a query string; a bad value is named in ``problems`` and left out."""
    problems: list[tuple[str, str]] = []
    area = q.get("area", "").strip()
    if area and Gazetteer.default().get(area) is None:
        problems.append(("area", "web-error-area"))
        area = ""
    category = q.get("category", "").strip()
    if category and category not in CATEGORIES:
        problems.append(("category", "web-error-category"))
        category = ""
    status = q.get("status", "").strip()
    if status and status not in {s.value for s in Status}:
        problems.append(("status", "web-error-status"))
        status = ""
    since = _date(q.get("since", "").strip(), "since", problems)
    until = _date(q.get("until", "").strip(), "until", problems)
    if since and until and since > until:
        problems.append(("until", "web-error-date-order"))
        until = None
    text = q.get("q", "").strip()[:MAX_TEXT]
    try:
        page = max(0, int(q.get("page", "0") or 0))
    except ValueError:
        page = 0
    return CaseFilters(area, category, status, since, until, text, page, tuple(problems))


def _local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def scoped(query: Select[Any], viewer: Viewer) -> Select[Any]:
    """Only the cases this viewer may see."""
    if viewer.coordinator:
        return query
    ids = sorted(viewer.partner_ids)
    routed = select(ReportRoute.report_id).where(ReportRoute.partner_id.in_(ids))
    return query.where(or_(Report.id.in_(routed), Report.claimed_by_partner_id.in_(ids)))


def filtered(query: Select[Any], f: CaseFilters, tz: ZoneInfo) -> Select[Any]:
    if f.area:
        column = Report.region_code if "." in f.area else Report.province_code
        query = query.where(column == f.area)
    if f.category:
        query = query.where(Report.category == f.category)
    if f.status:
        query = query.where(Report.status == f.status)
    if f.since:
        query = query.where(Report.created_at >= _local_midnight(f.since, tz))
    if f.until:
        query = query.where(Report.created_at < _local_midnight(f.until + timedelta(days=1), tz))
    if f.text:
        query = query.where(
            or_(
                and_(
                    Report.confidentiality != Confidentiality.RAHASIA.value,
                    Report.description.icontains(f.text, autoescape=True),
                ),
                Report.code.icontains(f.text, autoescape=True),
            )
        )
    return query


@dataclass(frozen=True, slots=True)
class CasePage:
    cases: list[ReportView]
    total: int
    page: int
    pages: int


async def list_cases(
    db: Database, viewer: Viewer, f: CaseFilters, tz: ZoneInfo, *, page_size: int
) -> CasePage:
    """One page of the viewer's cases matching ``f``, newest first."""
    base = filtered(scoped(select(Report), viewer), f, tz)
    async with db.session() as s:
        total = int(await s.scalar(select(func.count()).select_from(base.subquery())) or 0)
        pages = max(1, -(-total // page_size))
        page = min(f.page, pages - 1)
        rows: Sequence[Report] = (
            await s.scalars(
                base.order_by(Report.created_at.desc(), Report.id.desc())
                .offset(page * page_size)
                .limit(page_size)
            )
        ).all()
        names = {
            pid: name for pid, name in (await s.execute(select(Partner.id, Partner.name))).all()
        }
    views = [
        as_read_by(report_view(r, claimed_by_name=names.get(r.claimed_by_partner_id or 0)), ANYONE)
        for r in rows
    ]
    return CasePage(views, total, page, pages)


async def map_cases(
    db: Database, viewer: Viewer, f: CaseFilters, tz: ZoneInfo, *, limit: int = 2000
) -> list[ReportView]:
    """Every case of the filters for the map (newest first, at most ``limit``)."""
    query = filtered(scoped(select(Report), viewer), f, tz)
    async with db.session() as s:
        rows: Sequence[Report] = (
            await s.scalars(query.order_by(Report.created_at.desc(), Report.id.desc()).limit(limit))
        ).all()
    return [as_read_by(report_view(r), ANYONE) for r in rows]

"""``rukun reports export``: one row per report (CSV or XLSX), the timeline as a second XLSX sheet.

Anonymous reporters appear only as "anonymous"; no reporter's Telegram id is ever exported. A
rahasia report is a row of its category, area, dates and workflow only: no story, outcome,
reporter or timeline notes (:mod:`bot.reports.domain.confidential`); it still counts.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from bot.geo.gazetteer import Gazetteer
from bot.reports.domain.categories import Confidentiality
from bot.reports.domain.confidential import is_rahasia
from bot.reports.domain.models import Partner, Report, ReportEvent, ReportMedia

if TYPE_CHECKING:
    from bot.reports.domain.service import ReportService

REPORT_COLUMNS = [
    "code",
    "status",
    "category",
    "region_code",
    "region",
    "province",
    "when",
    "occurred_on",
    "urgent",
    "confidentiality",
    "reporter",
    "contact_ok",
    "evidence",
    "level",
    "claimed_by",
    "claimed_at",
    "closed_at",
    "outcome",
    "duplicate_of",
    "created_at",
    "updated_at",
    "description",
]
EVENT_COLUMNS = ["code", "at", "actor", "actor_id", "partner", "kind", "note"]


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


async def export_rows(
    store: ReportService, since: datetime | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Report rows and timeline rows (oldest first)."""
    gaz = Gazetteer.default()
    async with store.db.session() as s:
        query = select(Report).order_by(Report.id)
        if since is not None:
            query = query.where(Report.created_at >= since)
        reports = (await s.scalars(query)).all()
        ids = [r.id for r in reports]
        partners = {p.id: p.name for p in (await s.scalars(select(Partner))).all()}
        codes = {r.id: r.code for r in reports}
        media_counts: dict[int, int] = {}
        for rid in (
            await s.scalars(select(ReportMedia.report_id).where(ReportMedia.report_id.in_(ids)))
        ).all():
            media_counts[rid] = media_counts.get(rid, 0) + 1
        events = (
            await s.scalars(
                select(ReportEvent)
                .where(ReportEvent.report_id.in_(ids))
                .order_by(ReportEvent.report_id, ReportEvent.at, ReportEvent.id)
            )
        ).all()
    rows = []
    secret = {r.id for r in reports if is_rahasia(r)}
    for r in reports:
        region = gaz.get(r.region_code)
        level = Confidentiality.of(r.confidentiality, anonymous=r.anonymous)
        rows.append(
            {
                "code": r.code,
                "status": r.status,
                "category": r.category,
                "region_code": r.region_code,
                "region": region.name if region else "",
                "province": region.province_name if region else "",
                "when": r.when_choice,
                "occurred_on": r.occurred_on.isoformat() if r.occurred_on else "",
                "urgent": r.urgent,
                "confidentiality": level.value,
                "reporter": "anonymous" if level.anonymous else (r.reporter_name or "(erased)"),
                "contact_ok": r.contact_ok,
                "evidence": media_counts.get(r.id, 0),
                "level": r.level,
                "claimed_by": partners.get(r.claimed_by_partner_id or 0, ""),
                "claimed_at": _iso(r.claimed_at),
                "closed_at": _iso(r.closed_at),
                "outcome": "" if r.id in secret else (r.outcome or ""),
                "duplicate_of": codes.get(r.duplicate_of_id or 0, ""),
                "created_at": _iso(r.created_at),
                "updated_at": _iso(r.updated_at),
                "description": "" if r.id in secret else r.description,
            }
        )
    timeline = [
        {
            "code": codes[e.report_id],
            "at": _iso(e.at),
            "actor": e.actor,
            # partner members and coordinators are staff; the reporter is never identified
            "actor_id": "" if e.actor == "reporter" or e.actor_id is None else e.actor_id,
            "partner": partners.get(e.partner_id or 0, ""),
            "kind": e.kind,
            "note": "" if e.report_id in secret else (e.note or ""),
        }
        for e in events
    ]
    return rows, timeline


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=REPORT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def write_xlsx(path: Path, rows: list[dict[str, Any]], timeline: list[dict[str, Any]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "reports"
    ws.append(REPORT_COLUMNS)
    for row in rows:
        ws.append([_cell(row[c]) for c in REPORT_COLUMNS])
    ws2 = wb.create_sheet("timeline")
    ws2.append(EVENT_COLUMNS)
    for row in timeline:
        ws2.append([_cell(row[c]) for c in EVENT_COLUMNS])
    wb.save(path)


def _cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is written as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


async def export(store: ReportService, fmt: str, out: Path, since: datetime | None = None) -> int:
    rows, timeline = await export_rows(store, since)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        write_csv(out, rows)
    else:
        write_xlsx(out, rows, timeline)
    return len(rows)

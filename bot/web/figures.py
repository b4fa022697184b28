"""Partner figures for coordinators: how many cases each partner got, took and closed, and how
fast it took them (aggregated in SQL, read-only over the reports' tables)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from bot.db import Database
from bot.reports.domain.categories import Status
from bot.reports.domain.models import Partner, Report, ReportRoute


@dataclass(frozen=True, slots=True)
class PartnerFigures:
    partner_id: int
    name: str
    active: bool
    routed: int
    in_hand: int
    resolved: int
    rejected: int
    #: Mean hours from report to claim, over the cases this partner claimed (None: none yet).
    hours_to_claim: float | None


async def partner_figures(db: Database) -> list[PartnerFigures]:
    async with db.session() as s:
        partners = (await s.execute(select(Partner.id, Partner.name, Partner.active))).all()
        routed = dict(
            (
                await s.execute(
                    select(ReportRoute.partner_id, func.count(func.distinct(ReportRoute.report_id)))
                    .where(ReportRoute.partner_id.is_not(None))
                    .group_by(ReportRoute.partner_id)
                )
            ).all()
        )
        by_status: dict[tuple[int | None, str], int] = {
            (pid, status): n
            for pid, status, n in (
                await s.execute(
                    select(Report.claimed_by_partner_id, Report.status, func.count())
                    .where(Report.claimed_by_partner_id.is_not(None))
                    .group_by(Report.claimed_by_partner_id, Report.status)
                )
            ).all()
        }
        claims = (
            await s.execute(
                select(Report.claimed_by_partner_id, Report.created_at, Report.claimed_at).where(
                    Report.claimed_by_partner_id.is_not(None), Report.claimed_at.is_not(None)
                )
            )
        ).all()
    waits: dict[int, list[float]] = {}
    for pid, created, claimed in claims:
        if pid is not None and claimed is not None:
            waits.setdefault(pid, []).append((claimed - created).total_seconds() / 3600)
    out = []
    for pid, name, active in partners:
        hours = waits.get(pid)
        out.append(
            PartnerFigures(
                pid,
                name,
                bool(active),
                int(routed.get(pid, 0)),
                by_status.get((pid, Status.CLAIMED.value), 0),
                by_status.get((pid, Status.RESOLVED.value), 0),
                by_status.get((pid, Status.REJECTED.value), 0),
                round(sum(hours) / len(hours), 1) if hours else None,
            )
        )
    return sorted(out, key=lambda f: (-f.routed, f.name))

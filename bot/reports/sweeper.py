"""The periodic SLA sweep: escalate unclaimed reports, remind quiet partners, apply retention.

Runs every ``reports.sla.sweep_seconds`` under the ``reports-sla`` job lock, so with several
workers exactly one sweeps at a time; due times are in the database, so a restart loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Bot

from bot.jobs import run_periodic
from bot.reports.cards import level_label, place_label
from bot.reports.categories import Level, category_key
from bot.reports.notify import ReportNotifier
from bot.services import Services, Task

LOCK_NAME = "reports-sla"


@dataclass
class SweepResult:
    escalated: int = 0
    reminded: int = 0
    retained: int = 0


async def sweep(services: Services, bot: Bot) -> SweepResult:
    """One pass over what is due now."""
    reports = services.reports
    settings = services.settings
    n = ReportNotifier(
        bot, reports, services.catalog, settings.default_language, settings.coordinators_chat_id
    )
    t = n.t
    result = SweepResult()
    for report_id in await reports.due_escalations():
        done = await reports.escalate(report_id, coordinators_chat=settings.coordinators_chat_id)
        if done is None:
            continue
        report, new_routes = done
        result.escalated += 1
        await n.send_cards(report, new_routes)
        args = {
            "code": report.code,
            "category": t(category_key(report.category)),
            "place": place_label(report.region_code),
        }
        if report.level >= Level.COORDINATORS and not new_routes:
            await n.to_coordinators("report-escalated-final", **args)
        elif not any(r.chat_id == settings.coordinators_chat_id for r in new_routes):
            await n.to_coordinators("report-escalated", level=level_label(t, report.level), **args)
    for report_id in await reports.due_reminders():
        done = await reports.remind(report_id)
        if done is None:
            continue
        report, routes = done
        result.reminded += 1
        await n.to_chats(
            [r.chat_id for r in routes],
            "report-reminder",
            code=report.code,
            days=f"{settings.reports.sla.update_days:g}",
        )
    result.retained = await reports.apply_retention()
    return result


def background(services: Services, bot: Bot) -> list[Task]:
    """The sweeper, for ``Feature.background``."""

    async def job() -> None:
        await sweep(services, bot)

    reports = services.reports

    async def run() -> None:
        await reports.partners.ensure_synced()
        await run_periodic(
            LOCK_NAME, services.settings.reports.sla.sweep_seconds, job, services.locks
        )

    return [run()]

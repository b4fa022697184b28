"""The periodic SLA sweep: escalate unclaimed reports, remind quiet partners, apply retention.

Runs every ``reports.sla.sweep_seconds`` under the ``reports-sla`` job lock, so with several
workers exactly one sweeps at a time; due times are in the database, so a restart loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Bot

from bot.jobs import run_periodic
from bot.services import Services, Task

LOCK_NAME = "reports-sla"


@dataclass
class SweepResult:
    escalated: int = 0
    reminded: int = 0
    retained: int = 0
    #: Reporters asked again whether their resolved case was handled.
    asked: int = 0


async def sweep(services: Services, bot: Bot) -> SweepResult:
    """One pass over what is due now (each change owes its messages through the outbox)."""
    reports = services.reports
    flows = services.report_flows
    result = SweepResult()
    for report_id in await reports.sla.due_escalations():
        if await flows.escalate(report_id):
            result.escalated += 1
    for report_id in await reports.sla.due_reminders():
        if await flows.remind(report_id):
            result.reminded += 1
    for report_id in await reports.verdicts.due():
        if await flows.verdicts.ask_again(report_id):
            result.asked += 1
    result.retained = await reports.privacy.apply_retention()
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

"""The reporter's verdict as flows: the question owed with a resolution (and again when due),
and an answer with the messages it owes — a Belum reopens the case: its partner hears, the cards
come again, one level up too, and the coordinators are told."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.types import InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Translator
from bot.reports.domain.verdict import Judged, Verdict
from bot.reports.domain.views import ReportView
from bot.reports.telegram.cards import level_label
from bot.reports.telegram.verdict import verdict_kb

if TYPE_CHECKING:
    from bot.reports.flows.core import ReportFlows

THANKS = {
    Verdict.YES: "report-verdict-thanks-yes",
    Verdict.PARTLY: "report-verdict-thanks-partly",
    Verdict.NO: "report-verdict-thanks-no",
}


class VerdictFlows:
    def __init__(self, flows: ReportFlows) -> None:
        self.flows = flows
        self.owe = flows.owe
        self.verdicts = flows.reports.verdicts

    async def ask(self, s: AsyncSession, report: ReportView, *, again: bool = False) -> None:
        """Owe the reporter the question (after the resolution's own news, in order)."""

        def buttons(t: Translator) -> InlineKeyboardMarkup:
            return verdict_kb(t, report.id)

        key = "report-verdict-ask-again" if again else "report-verdict-ask"
        await self.owe.reporter(s, report, key, markup=buttons)

    async def ask_again(self, report_id: int) -> bool:
        """The sweeper: a question that is due; False when it is not."""
        async with self.flows.change() as s:
            report = await self.verdicts.ask_again(report_id, s=s)
            if report is None:
                return False
            await self.ask(s, report, again=True)
        return True

    async def answer(self, report_id: int, reporter_id: int, verdict: Verdict) -> Judged:
        async with self.flows.change() as s:
            judged = await self.verdicts.record(
                report_id,
                reporter_id,
                verdict,
                coordinators_chat=self.flows.coordinators_chat,
                s=s,
            )
            report = judged.report
            await self.owe.reporter(s, report, THANKS[verdict])
            if judged.reopened:
                t = self.flows.t
                level = level_label(t, report.level)
                self.owe.routes(
                    s,
                    judged.partner_routes,
                    "report-verdict-reopened",
                    code=report.code,
                    level=level,
                )
                self.owe.refresh(s, report, judged.partner_routes)
                self.owe.cards(s, report, judged.new_routes)
                coordinators = self.flows.coordinators_chat
                if not any(r.chat_id == coordinators for r in judged.new_routes):
                    self.owe.coordinators(
                        s, "report-verdict-reopened", code=report.code, level=level
                    )
        return judged

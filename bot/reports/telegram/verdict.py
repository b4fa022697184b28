"""The reporter's verdict in the chat: "Apakah masalahnya sudah tertangani?" with Sudah /
Sebagian / Belum (:mod:`bot.reports.domain.verdict` decides what an answer does)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callback_data import Callback
from bot.i18n import Translator
from bot.people.service import Person
from bot.reports.domain.verdict import Verdict

if TYPE_CHECKING:
    from bot.reports.flows.core import ReportFlows

LABELS = {
    Verdict.YES: "report-btn-verdict-yes",
    Verdict.PARTLY: "report-btn-verdict-partly",
    Verdict.NO: "report-btn-verdict-no",
}


class VerdictCb(Callback, prefix="rv"):
    report_id: int
    answer: Verdict


def verdict_kb(t: Translator, report_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t(key), callback_data=VerdictCb(report_id=report_id, answer=v).pack()
                )
                for v, key in LABELS.items()
            ]
        ]
    )


async def on_verdict(
    query: CallbackQuery,
    callback_data: VerdictCb,
    person: Person,
    t: Translator,
    report_flows: ReportFlows,
) -> None:
    """The answer is recorded (the service checks it is the reporter's, and still asked); the
    question keeps the answer in place of its buttons."""
    judged = await report_flows.verdicts.answer(
        callback_data.report_id, person.id, callback_data.answer
    )
    await query.answer()
    if isinstance(query.message, Message) and query.message.html_text:
        chosen = t("report-verdict-chosen", answer=t(LABELS[judged.verdict]))
        await query.message.edit_text(query.message.html_text + "\n\n" + chosen, reply_markup=None)

"""The reporter's side of a partner's question: the answer reaches the partner however it is sent.

- Balas, then the answer (``ReporterInput.answer``);
- a Telegram reply to the question (routed by :mod:`bot.assistant.context`);
- just typing while a question is pending: with one pending question the text is its answer (and
  the reporter is told so, in case it was a new report); with several, the bot asks which report.
After a report is closed, an answer is not dropped: the reporter is told it is closed and may ask
to reopen it (the partner and the coordinators are told) or send a new report.
"""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callback_data import Callback
from bot.i18n import Translator
from bot.people.keyboards import main_menu
from bot.people.service import Person
from bot.reports.domain.categories import ACTIVE_STATUSES, category_key
from bot.reports.domain.errors import ReportError
from bot.reports.domain.service import ReportService
from bot.reports.domain.views import ReportView
from bot.reports.flows.core import ReportFlows
from bot.reports.telegram import keyboards as kb
from bot.reports.telegram.cards import excerpt
from bot.reports.telegram.states import ReporterInput
from bot.reports.telegram.wizard import step_of

MENU_KEYS = ("menu-report", "menu-content", "menu-survey", "menu-status", "menu-help")


class WhichCb(Callback, prefix="rw"):
    """The report a typed answer belongs to (several questions were pending)."""

    report_id: int


class ReopenCb(Callback, prefix="rx"):
    """The reporter asks to reopen a closed report."""

    report_id: int


class PendingQuestion(Filter):
    """An idle reporter's typed text while a partner's question waits; hands on ``pending``."""

    async def __call__(
        self, message: Message, t: Translator, person: Person, reports: ReportService
    ) -> bool | dict[str, list[ReportView]]:
        text = message.text or ""
        if any(text in t.all_languages(key) for key in MENU_KEYS):
            return False
        pending = await reports.questions.pending(person.id)
        return {"pending": pending} if pending else False


def _closed_kb(t: Translator, report_id: int) -> InlineKeyboardMarkup:
    data = ReopenCb(report_id=report_id).pack()
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t("report-btn-reopen"), callback_data=data)]]
    )


async def relay_answer(
    message: Message,
    report_id: int,
    t: Translator,
    person: Person,
    report_flows: ReportFlows,
    *,
    menu: bool,
) -> None:
    """Relay the reporter's text to the report's partner chats (the service re-checks that the
    sender is its reporter); a closed report is said so, with a way to ask to reopen it; raises
    :class:`ReportError` for anything else that stops it."""
    text = (message.text or "").strip()
    try:
        report = await report_flows.answer(report_id, person.id, text)
    except ReportError as exc:
        if exc.key != "report-error-closed":
            raise
        code = (await report_flows.reports.view(report_id)).code
        await message.answer(
            t("report-answer-closed", code=code), reply_markup=_closed_kb(t, report_id)
        )
        return
    await message.answer(
        t("report-answer-sent", code=report.code), reply_markup=main_menu(t) if menu else None
    )


async def on_reply_button(
    query: CallbackQuery,
    callback_data: kb.ReplyCb,
    state: FSMContext,
    t: Translator,
    person: Person,
    reports: ReportService,
) -> None:
    """The reporter wants to answer a partner's question (or the report is closed already)."""
    if await reports.reporter_of(callback_data.report_id) != person.id:
        await query.answer(t("report-error-not-allowed"), show_alert=True)
        return
    report = await reports.view(callback_data.report_id)
    await query.answer()
    assert isinstance(query.message, Message)
    if report.status not in ACTIVE_STATUSES:
        await query.message.answer(
            t("report-answer-closed", code=report.code), reply_markup=_closed_kb(t, report.id)
        )
        return
    current = await state.get_state()
    await state.update_data(
        answer_report=report.id, return_state=current if step_of(current) else None
    )
    await state.set_state(ReporterInput.answer)
    await query.message.answer(t("report-prompt-answer", code=report.code))


async def on_reporter_answer(
    message: Message, state: FSMContext, t: Translator, person: Person, report_flows: ReportFlows
) -> None:
    """The reporter's answer (after Balas) goes to the partner's chat, without their identity."""
    data = await state.get_data()
    back = data.get("return_state")
    try:
        await relay_answer(
            message, int(data.get("answer_report") or 0), t, person, report_flows, menu=not back
        )
    except ReportError as exc:
        await message.answer(exc.text(t))
        if exc.key == "report-note-empty":
            return
    await state.set_state(back)


async def on_reporter_non_text(message: Message, t: Translator) -> None:
    """Only text can be relayed."""
    await message.answer(t("report-note-empty"))


async def on_typed_while_pending(
    message: Message,
    pending: list[ReportView],
    state: FSMContext,
    t: Translator,
    person: Person,
    report_flows: ReportFlows,
) -> None:
    """Typed without Balas while a question waits: its answer (one) or a choice (several)."""
    if len(pending) == 1:
        await relay_answer(message, pending[0].id, t, person, report_flows, menu=True)
        await message.answer(t("report-answer-typed-note", code=pending[0].code))
        return
    await state.set_state(ReporterInput.which)
    await state.update_data(pending_text=(message.text or "")[:4000])
    rows = [
        [
            InlineKeyboardButton(
                text=f"{r.code} · {t(category_key(r.category))}",
                callback_data=WhichCb(report_id=r.id).pack(),
            )
        ]
        for r in pending
    ]
    await message.answer(
        t("report-answer-which", text=excerpt(message.text or "", 200)),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=rows),
    )


async def on_which(
    query: CallbackQuery,
    callback_data: WhichCb,
    state: FSMContext,
    t: Translator,
    person: Person,
    report_flows: ReportFlows,
) -> None:
    """The typed text goes to the chosen report."""
    data = await state.get_data()
    text = str(data.get("pending_text") or "")
    await state.clear()
    await query.answer()
    if not isinstance(query.message, Message) or not text:
        return
    await query.message.edit_reply_markup(reply_markup=None)
    try:
        report = await report_flows.answer(callback_data.report_id, person.id, text)
    except ReportError as exc:
        await query.message.answer(exc.text(t))
        return
    await query.message.answer(t("report-answer-sent", code=report.code), reply_markup=main_menu(t))


async def on_reopen(
    query: CallbackQuery,
    callback_data: ReopenCb,
    t: Translator,
    person: Person,
    report_flows: ReportFlows,
) -> None:
    """Ask the partner and the coordinators to reopen the closed report."""
    report = await report_flows.request_reopen(callback_data.report_id, person.id)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
        await query.message.answer(t("report-reopen-asked", code=report.code))

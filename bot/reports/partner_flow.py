"""The partner's side in Telegram: card buttons, questions and notes, relay, invites.

Handlers are thin: :class:`ReportService` decides who may do what (membership re-checked on every
press); these only translate between Telegram and the service.
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.i18n import Translator
from bot.people.keyboards import main_menu
from bot.people.service import Person
from bot.reports import keyboards as kb
from bot.reports.base import ReportError
from bot.reports.cards import timeline_text
from bot.reports.flows import ReportFlows
from bot.reports.partner_prompts import prompt
from bot.reports.service import ReportService
from bot.reports.states import ReporterInput, step_of
from bot.reports.workflow import Actor


async def _actor(
    query: CallbackQuery, report_id: int, person: Person, reports: ReportService
) -> Actor:
    chat_id = query.message.chat.id if query.message else person.id
    return await reports.actor_for(report_id, person.id, chat_id, coordinator=person.is_coordinator)


async def on_card(
    query: CallbackQuery,
    callback_data: kb.CardCb,
    person: Person,
    t: Translator,
    reports: ReportService,
    state: FSMContext,
    bot: Bot,
    settings: Settings,
    report_flows: ReportFlows,
) -> None:
    """A card button: claim, ask, forward, resolve, reject, timeline."""
    rid = callback_data.report_id
    actor = await _actor(query, rid, person, reports)
    action = callback_data.action
    if action == "claim":
        claimed = await report_flows.claim(rid, actor)
        key = "report-claimed-again" if claimed.again else "report-claimed-ok"
        await query.answer(t(key, code=claimed.outcome.report.code))
    elif action in ("ask", "resolve", "reject"):
        report = await reports.view(rid)
        if action == "ask" and (not report.contact_ok or not report.has_reporter):
            raise ReportError("report-error-no-contact")
        if action == "resolve" and report.status != "claimed" and not actor.coordinator:
            raise ReportError("report-error-claim-first")
        await query.answer()
        assert query.message is not None
        await prompt(
            bot,
            t,
            person,
            state,
            chat_id=query.message.chat.id,
            card_id=query.message.message_id,
            action=action,
            report_id=rid,
            code=report.code,
        )
    elif action == "forward":
        report = await reports.view(rid)
        targets = await reports.forward_targets(rid, actor)
        await query.answer()
        assert query.message is not None
        await bot.send_message(
            query.message.chat.id,
            t("report-forward-choose", code=report.code),
            reply_markup=kb.forward_kb(t, rid, targets),
        )
    elif action == "timeline":
        report, events = await reports.timeline(rid, actor)
        await query.answer()
        assert query.message is not None
        await bot.send_message(query.message.chat.id, timeline_text(t, report, events, settings.tz))
    else:
        await query.answer(t("report-bad-choice"), show_alert=True)


async def on_forward(
    query: CallbackQuery,
    callback_data: kb.ForwardCb,
    person: Person,
    t: Translator,
    reports: ReportService,
    report_flows: ReportFlows,
) -> None:
    """Hand the report to the chosen partner, or up one level."""
    rid = callback_data.report_id
    actor = await _actor(query, rid, person, reports)
    target = callback_data.partner_id or None
    outcome = await report_flows.forward(rid, actor, target)
    await query.answer(t("report-forwarded", code=outcome.report.code))
    if isinstance(query.message, Message):
        await query.message.edit_text(t("report-forwarded", code=outcome.report.code))


async def on_reply_button(
    query: CallbackQuery,
    callback_data: kb.ReplyCb,
    state: FSMContext,
    t: Translator,
    person: Person,
    reports: ReportService,
) -> None:
    """The reporter wants to answer a partner's question."""
    if await reports.reporter_of(callback_data.report_id) != person.id:
        await query.answer(t("report-error-not-allowed"), show_alert=True)
        return
    report = await reports.view(callback_data.report_id)
    await query.answer()
    current = await state.get_state()
    await state.update_data(
        answer_report=report.id, return_state=current if step_of(current) else None
    )
    await state.set_state(ReporterInput.answer)
    assert isinstance(query.message, Message)
    await query.message.answer(t("report-prompt-answer", code=report.code))


async def on_reporter_answer(
    message: Message,
    state: FSMContext,
    t: Translator,
    person: Person,
    report_flows: ReportFlows,
) -> None:
    """The reporter's answer (after Balas) goes to the partner's chat, without their identity."""
    data = await state.get_data()
    back = data.get("return_state")
    try:
        await relay_answer(
            message,
            int(data.get("answer_report") or 0),
            t,
            person,
            report_flows,
            menu=not back,
        )
    except ReportError as exc:
        await message.answer(exc.text(t))
        if exc.key == "report-note-empty":
            return
    await state.set_state(back)


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
    sender is its reporter); raises :class:`ReportError` when it cannot go."""
    text = (message.text or "").strip()
    await report_flows.answer(report_id, person.id, text)
    await message.answer(t("report-answer-sent"), reply_markup=main_menu(t) if menu else None)


async def on_reporter_non_text(message: Message, t: Translator) -> None:
    """Only text can be relayed."""
    await message.answer(t("report-note-empty"))

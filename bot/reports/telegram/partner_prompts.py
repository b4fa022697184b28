"""What a partner member types in their group: a question for the reporter, an outcome, a reason.

Real groups keep privacy mode on, so the bot hears only replies to its own messages. The prompt is
therefore a reply to the card that mentions the member, with a selective force-reply: Telegram
opens the reply box for the mentioned member (and the sender of the replied-to message), and the
answer, being a reply to the bot, reaches it. An outcome or reason goes to the reporter, so it is
shown back first with Kirim/Ubah; nothing reaches the reporter unconfirmed.
"""

from __future__ import annotations

import html
from enum import StrEnum

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callback_data import Callback
from bot.i18n import Safe, Translator
from bot.people.service import Person
from bot.reports.domain.errors import MAX_NOTE, ReportError
from bot.reports.domain.service import ReportService
from bot.reports.flows.core import ReportFlows
from bot.reports.telegram import keyboards as kb
from bot.reports.telegram.states import PartnerInput

PROMPTS = {
    kb.CardAction.ASK: ("report-prompt-question", PartnerInput.question),
    kb.CardAction.RESOLVE: ("report-prompt-resolve", PartnerInput.resolve),
    kb.CardAction.REJECT: ("report-prompt-reject", PartnerInput.reject),
}


class OutcomeAction(StrEnum):
    SEND = "send"
    EDIT = "edit"


class OutcomeCb(Callback, prefix="ro"):
    """Send the outcome/reason shown back (``send``) or write it again (``edit``)."""

    action: OutcomeAction
    report_id: int


def mention(person: Person) -> Safe:
    """The member, as a mention Telegram turns into a ``text_mention`` (opens their reply box)."""
    return Safe(f'<a href="tg://user?id={person.id}">{html.escape(person.first_name)}</a>')


async def prompt(
    bot: Bot,
    t: Translator,
    person: Person,
    state: FSMContext,
    *,
    chat_id: int,
    card_id: int | None,
    action: kb.CardAction,
    report_id: int,
    code: str,
) -> None:
    """Ask the member to type, in a way a group with privacy mode on lets the answer through."""
    key, step = PROMPTS[action]
    # the state first: the member may answer the moment the prompt shows
    await state.set_state(step)
    await state.update_data(report_id=report_id, action=action)
    sent = await bot.send_message(
        chat_id,
        t(key, name=mention(person), code=code),
        reply_markup=kb.force_reply(),
        reply_to_message_id=card_id,
        allow_sending_without_reply=True,
    )
    await state.update_data(prompt_id=sent.message_id)


def _confirm_kb(t: Translator, report_id: int) -> InlineKeyboardMarkup:
    def button(key: str, action: OutcomeAction) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text=t(key), callback_data=OutcomeCb(action=action, report_id=report_id).pack()
        )

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button("report-btn-outcome-send", OutcomeAction.SEND),
                button("report-btn-outcome-edit", OutcomeAction.EDIT),
            ]
        ]
    )


async def on_partner_text(
    message: Message,
    state: FSMContext,
    person: Person,
    t: Translator,
    reports: ReportService,
    report_flows: ReportFlows,
) -> None:
    """The question (relayed at once) or the outcome/reason (shown back with Kirim/Ubah)."""
    current = await state.get_state()
    data = await state.get_data()
    rid = int(data.get("report_id") or 0)
    text = (message.text or "").strip()
    try:
        actor = await reports.workflow.actor_for(
            rid, person.id, message.chat.id, coordinator=person.is_coordinator
        )
        if current == PartnerInput.question.state:
            report = await report_flows.ask(rid, actor, text)
            await state.clear()
            await message.reply(t("report-question-sent", code=report.code))
            return
        if not text:
            raise ReportError("report-note-empty")
        if len(text) > MAX_NOTE:
            raise ReportError("report-note-too-long", max=MAX_NOTE)
    except ReportError as exc:
        await message.reply(exc.text(t))
        if exc.key not in ("report-note-empty", "report-note-too-long"):
            await state.clear()
        return
    report = await reports.view(rid)
    resolved = current == PartnerInput.resolve.state
    await state.set_state(PartnerInput.confirm)
    await state.update_data(outcome=text, resolved=resolved)
    key = "report-outcome-preview" if resolved else "report-reason-preview"
    await message.reply(t(key, code=report.code, text=text), reply_markup=_confirm_kb(t, rid))


async def on_outcome_button(
    query: CallbackQuery,
    callback_data: OutcomeCb,
    state: FSMContext,
    person: Person,
    t: Translator,
    bot: Bot,
    reports: ReportService,
    report_flows: ReportFlows,
) -> None:
    """Kirim: the report closes and the reporter is told; Ubah: the prompt comes again."""
    data = await state.get_data()
    rid = callback_data.report_id
    mine = await state.get_state() == PartnerInput.confirm.state and data.get("report_id") == rid
    if not mine or not isinstance(query.message, Message):
        await query.answer(t("report-outcome-not-yours"), show_alert=True)
        return
    chat_id = query.message.chat.id
    actor = await reports.workflow.actor_for(
        rid, person.id, chat_id, coordinator=person.is_coordinator
    )
    await query.message.edit_reply_markup(reply_markup=None)
    resolved = bool(data.get("resolved"))
    if callback_data.action == OutcomeAction.EDIT:
        await query.answer()
        report = await reports.view(rid)
        await prompt(
            bot,
            t,
            person,
            state,
            chat_id=chat_id,
            card_id=query.message.message_id,
            action=kb.CardAction.RESOLVE if resolved else kb.CardAction.REJECT,
            report_id=rid,
            code=report.code,
        )
        return
    try:
        outcome = await report_flows.close(
            rid, actor, str(data.get("outcome") or ""), resolved=resolved
        )
    except ReportError as exc:
        await state.clear()
        await query.answer(exc.text(t), show_alert=True)
        return
    await state.clear()
    await query.answer()
    await query.message.answer(t("report-closed-ok", code=outcome.report.code))

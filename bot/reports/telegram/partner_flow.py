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
from bot.people.service import Person
from bot.reports.domain.questions import may_ask
from bot.reports.domain.service import ReportService
from bot.reports.domain.workflow import Actor, may_close
from bot.reports.flows.core import ReportFlows
from bot.reports.telegram import keyboards as kb
from bot.reports.telegram.cards import timeline_text
from bot.reports.telegram.partner_prompts import prompt


async def _actor(
    query: CallbackQuery, report_id: int, person: Person, reports: ReportService
) -> Actor:
    chat_id = query.message.chat.id if query.message else person.id
    return await reports.workflow.actor_for(
        report_id, person.id, chat_id, coordinator=person.is_coordinator
    )


def _thread(query: CallbackQuery) -> int | None:
    """The forum topic of the pressed card (the case's topic), if any."""
    message = query.message
    if isinstance(message, Message) and message.is_topic_message:
        return message.message_thread_id
    return None


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
    if action == kb.CardAction.CLAIM:
        claimed = await report_flows.claim(rid, actor)
        key = "report-claimed-again" if claimed.again else "report-claimed-ok"
        await query.answer(t(key, code=claimed.outcome.report.code))
    elif action in (kb.CardAction.ASK, kb.CardAction.RESOLVE, kb.CardAction.REJECT):
        report = await reports.view(rid)
        # the rules the service applies again when the text arrives, checked before asking for it
        if action == kb.CardAction.ASK:
            may_ask(report, actor)
        else:
            may_close(report, actor, resolved=action == kb.CardAction.RESOLVE)
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
    elif action == kb.CardAction.FORWARD:
        report = await reports.view(rid)
        targets = await reports.workflow.forward_targets(rid, actor)
        await query.answer()
        assert query.message is not None
        await bot.send_message(
            query.message.chat.id,
            t("report-forward-choose", code=report.code),
            reply_markup=kb.forward_kb(t, rid, targets),
            message_thread_id=_thread(query),
        )
    elif action == kb.CardAction.TIMELINE:
        report, events = await reports.access.timeline(rid, actor)
        await query.answer()
        assert query.message is not None
        await bot.send_message(
            query.message.chat.id,
            timeline_text(t, report, events, settings.tz),
            message_thread_id=_thread(query),
        )
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

"""The wizard's answers: what happened, category, when, danger, identity and contact."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.geo.gazetteer import Gazetteer
from bot.i18n import Translator
from bot.reports import keyboards as kb
from bot.reports.drafts import today_in
from bot.reports.service import ReportService
from bot.reports.states import ReportForm
from bot.reports.steps import (
    advance,
    drop_buttons,
    load,
    message_of,
    save,
)


async def on_description(
    message: Message, state: FSMContext, t: Translator, settings: Settings
) -> None:
    """What happened: 20-4,000 characters of text."""
    draft = await load(state)
    draft.set_description(message.text or "")
    if not draft.region_code and not draft.region_candidates:
        for match in Gazetteer.default().find_in_text(draft.description or ""):
            draft.region_candidates = [c.code for c in match.candidates][:6]
            break
    await advance("description", message, state, t, draft, settings)


async def on_category(
    query: CallbackQuery,
    callback_data: kb.StepCb,
    state: FSMContext,
    t: Translator,
    settings: Settings,
) -> None:
    """A category picked (or the guess confirmed)."""
    draft = await load(state)
    draft.set_category(callback_data.value)
    draft.story_open = False  # the story is told: text from now on answers the steps
    await query.answer()
    await drop_buttons(query)
    await advance("category", message_of(query), state, t, draft, settings)


async def on_when(
    query: CallbackQuery,
    callback_data: kb.StepCb,
    state: FSMContext,
    t: Translator,
    settings: Settings,
    reports: ReportService,
) -> None:
    """Today / yesterday / this week / earlier (then a date)."""
    draft = await load(state)
    draft.set_when(callback_data.value, today_in(reports.clock.now(), settings.tz))
    await query.answer()
    await drop_buttons(query)
    if callback_data.value == "earlier":
        draft.when_choice = None
        await save(state, draft)
        await state.set_state(ReportForm.date)
        await message_of(query).answer(t("report-ask-date"), reply_markup=kb.with_nav(t, []))
        return
    await advance("when", message_of(query), state, t, draft, settings)


async def on_date(
    message: Message, state: FSMContext, t: Translator, settings: Settings, reports: ReportService
) -> None:
    """The date of an earlier incident."""
    draft = await load(state)
    draft.set_date(message.text or "", today_in(reports.clock.now(), settings.tz))
    await advance("when", message, state, t, draft, settings)


async def on_danger(
    query: CallbackQuery,
    callback_data: kb.StepCb,
    state: FSMContext,
    t: Translator,
    settings: Settings,
) -> None:
    """Anyone in danger now? Yes → emergency numbers at once, report marked urgent."""
    if callback_data.value not in ("y", "n"):
        await query.answer(t("report-bad-choice"), show_alert=True)
        return
    await query.answer()
    await drop_buttons(query)
    draft = await load(state)
    draft.urgent = callback_data.value == "y"
    if draft.urgent:
        await message_of(query).answer(t("report-emergency"))
    await advance("danger", message_of(query), state, t, draft, settings)


async def on_identity(
    query: CallbackQuery,
    callback_data: kb.StepCb,
    state: FSMContext,
    t: Translator,
    settings: Settings,
) -> None:
    """Share my name with the partner, or stay anonymous."""
    if callback_data.value not in ("y", "n"):
        await query.answer(t("report-bad-choice"), show_alert=True)
        return
    await query.answer()
    await drop_buttons(query)
    draft = await load(state)
    draft.anonymous = callback_data.value == "n"
    await advance("identity", message_of(query), state, t, draft, settings)


async def on_contact(
    query: CallbackQuery,
    callback_data: kb.StepCb,
    state: FSMContext,
    t: Translator,
    settings: Settings,
) -> None:
    """May partners contact me through the bot?"""
    if callback_data.value not in ("y", "n"):
        await query.answer(t("report-bad-choice"), show_alert=True)
        return
    await query.answer()
    await drop_buttons(query)
    draft = await load(state)
    draft.contact_ok = callback_data.value == "y"
    await advance("contact", message_of(query), state, t, draft, settings)

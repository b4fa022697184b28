"""The wizard's answers: what happened, category, when (and a date), and the yes/no steps."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.geo.gazetteer import Gazetteer
from bot.i18n import Translator
from bot.reports.domain.drafts import today_in
from bot.reports.domain.service import ReportService
from bot.reports.telegram import keyboards as kb
from bot.reports.telegram import wizard
from bot.reports.telegram.states import ReportForm
from bot.reports.telegram.steps import (
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
    """A category picked (or the guess confirmed); "other categories" shows them all."""
    draft = await load(state)
    if callback_data.value == kb.MORE_CATEGORIES:
        await query.answer()
        if isinstance(query.message, Message):
            markup = kb.all_categories_kb(t, draft.category_choices)
            await query.message.edit_reply_markup(reply_markup=markup)
        return
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


async def on_yes_no(
    query: CallbackQuery,
    callback_data: kb.StepCb,
    state: FSMContext,
    t: Translator,
    settings: Settings,
) -> None:
    """Any yes/no step of the table (danger, identity, contact): the step's own ``apply``
    changes the draft (danger: the emergency numbers at once, the report marked urgent)."""
    step = next(
        s for s in wizard.YES_NO_STEPS if s.yes_no and s.yes_no.action == callback_data.action
    )
    assert step.yes_no is not None
    if step.yes_no.option(callback_data.value) is None:
        await query.answer(t("report-bad-choice"), show_alert=True)
        return
    await query.answer()
    await drop_buttons(query)
    await apply_answer(step, callback_data.value, message_of(query), state, t, settings)


async def on_typed_choice(
    message: Message, state: FSMContext, t: Translator, settings: Settings
) -> bool:
    """Text at a yes/no step that names one of its buttons ("tidak", "rahasia"): answered as the
    button would be. False when the text names none (the caller asks for a button)."""
    step = wizard.step(wizard.step_of(await state.get_state()) or "description")
    if step.yes_no is None or await state.get_state() != step.state.state:
        return False
    option = step.yes_no.typed(t, message.text or "")
    if option is None:
        return False
    await apply_answer(step, option.value, message, state, t, settings)
    return True


async def apply_answer(
    step: wizard.Step,
    value: str,
    message: Message,
    state: FSMContext,
    t: Translator,
    settings: Settings,
) -> None:
    assert step.yes_no is not None
    draft = await load(state)
    say = step.yes_no.apply(draft, value)
    if say:
        await message.answer(t(say))
    await advance(step.name, message, state, t, draft, settings)

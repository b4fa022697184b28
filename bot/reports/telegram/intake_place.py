"""The wizard's place step: a kabupaten/kota typed (confirm, choose, suggestions) and a pin."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.geo.gazetteer import Gazetteer
from bot.i18n import Translator
from bot.reports.telegram import keyboards as kb
from bot.reports.telegram.steps import (
    advance,
    ask_place_choice,
    drop_buttons,
    load,
    message_of,
    show_step,
)


async def on_place_text(
    message: Message, state: FSMContext, t: Translator, settings: Settings
) -> None:
    """A place typed: one match → confirm, several → choose, none → suggestions."""
    name = (message.text or "").strip()[:100]
    gaz = Gazetteer.default()
    regions = gaz.resolve(name)
    if regions:
        await ask_place_choice(message, state, t, regions)
        return
    suggestions = gaz.suggest(name)
    if suggestions:
        await ask_place_choice(message, state, t, suggestions, typed=name)
        return
    await message.answer(t("report-place-not-found", name=name))


async def on_place(
    query: CallbackQuery,
    callback_data: kb.StepCb,
    state: FSMContext,
    t: Translator,
    settings: Settings,
) -> None:
    """A place chosen from the offered ones (a forged code is refused)."""
    data = await state.get_data()
    region = Gazetteer.default().get(callback_data.value)
    if region is None or region.code not in (data.get("choices") or []):
        await query.answer(t("report-bad-choice"), show_alert=True)
        return
    await query.answer()
    await drop_buttons(query)
    draft = await load(state)
    draft.region_code = region.code
    draft.region_candidates = []
    await advance("place", message_of(query), state, t, draft, settings)


async def on_retype(
    query: CallbackQuery, state: FSMContext, t: Translator, settings: Settings
) -> None:
    """None of the offered places: type again."""
    await query.answer()
    await drop_buttons(query)
    draft = await load(state)
    draft.region_candidates = []
    await show_step("place", message_of(query), state, t, draft, settings)


async def on_pin(message: Message, state: FSMContext, t: Translator, settings: Settings) -> None:
    """A location pin, stored rounded to about 1 km."""
    assert message.location is not None
    draft = await load(state)
    draft.set_location(message.location.latitude, message.location.longitude)
    draft.pin_done = True
    await message.answer(t("report-pin-saved"))
    await advance("pin", message, state, t, draft, settings)


async def on_pin_skip(
    query: CallbackQuery, state: FSMContext, t: Translator, settings: Settings
) -> None:
    """No pin."""
    await query.answer()
    await drop_buttons(query)
    draft = await load(state)
    draft.pin_done = True
    await advance("pin", message_of(query), state, t, draft, settings)

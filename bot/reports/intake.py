"""The citizen's wizard: the answer to each step (what, category, where, when, danger, evidence,
identity), back and cancel. The questions are in ``steps.py``, sending in ``sending.py``.
"""

from __future__ import annotations

from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.geo.gazetteer import Gazetteer
from bot.i18n import Translator
from bot.people.keyboards import main_menu
from bot.people.service import Person
from bot.reports import keyboards as kb
from bot.reports.drafts import DraftError, today_in
from bot.reports.service import ReportService
from bot.reports.states import ReportForm, previous_step, step_of
from bot.reports.steps import (
    _drop_buttons,
    _msg,
    advance,
    ask_place_choice,
    begin_report,
    load,
    save,
    show_step,
)


async def start(
    message: Message,
    state: FSMContext,
    t: Translator,
    person: Person,
    reports: ReportService,
    settings: Settings,
) -> None:
    """/lapor or the menu button: resume an unfinished draft, or begin."""
    current = await state.get_state()
    data = await state.get_data()
    if step_of(current) and data.get("draft"):
        await state.update_data(resume_from=current)
        await state.set_state(ReportForm.resume)
        await message.answer(t("report-resume-ask"), reply_markup=kb.resume_kb(t))
        return
    await begin_report(message, state, t, person, reports, settings=settings)


async def resume(
    query: CallbackQuery,
    callback_data: kb.StepCb,
    state: FSMContext,
    t: Translator,
    person: Person,
    reports: ReportService,
    settings: Settings,
) -> None:
    """Continue where the user left off, or start over."""
    await query.answer()
    message = _msg(query)
    await _drop_buttons(query)
    if callback_data.value == "r":
        await begin_report(message, state, t, person, reports, settings=settings)
        return
    data = await state.get_data()
    step = step_of(data.get("resume_from")) or "description"
    await show_step(step, message, state, t, await load(state), settings)


async def on_description(
    message: Message, state: FSMContext, t: Translator, settings: Settings
) -> None:
    """What happened: 20-4,000 characters of text."""
    draft = await load(state)
    try:
        draft.set_description(message.text or "")
    except DraftError as exc:
        await message.answer(t(exc.key, **exc.params))
        return
    if not draft.region_code and not draft.region_candidates:
        for match in Gazetteer.default().find_in_text(draft.description or ""):
            draft.region_candidates = [c.code for c in match.candidates][:6]
            break
    await advance("description", message, state, t, draft, settings)


async def not_text(message: Message, t: Translator) -> None:
    """A sticker, photo… where text is needed."""
    await message.answer(t("report-text-only"))


async def use_buttons(message: Message, t: Translator) -> None:
    """Text where a button is expected."""
    await message.answer(t("report-use-buttons"))


async def on_category(
    query: CallbackQuery,
    callback_data: kb.StepCb,
    state: FSMContext,
    t: Translator,
    settings: Settings,
) -> None:
    """A category picked (or the guess confirmed)."""
    draft = await load(state)
    try:
        draft.set_category(callback_data.value)
    except DraftError as exc:
        await query.answer(t(exc.key), show_alert=True)
        return
    await query.answer()
    await _drop_buttons(query)
    await advance("category", _msg(query), state, t, draft, settings)


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
    await _drop_buttons(query)
    draft = await load(state)
    draft.region_code = region.code
    draft.region_candidates = []
    await advance("place", _msg(query), state, t, draft, settings)


async def on_retype(
    query: CallbackQuery, state: FSMContext, t: Translator, settings: Settings
) -> None:
    """None of the offered places: type again."""
    await query.answer()
    await _drop_buttons(query)
    draft = await load(state)
    draft.region_candidates = []
    await show_step("place", _msg(query), state, t, draft, settings)


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
    await _drop_buttons(query)
    draft = await load(state)
    draft.pin_done = True
    await advance("pin", _msg(query), state, t, draft, settings)


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
    try:
        draft.set_when(callback_data.value, today_in(reports.clock.now(), settings.tz))
    except DraftError as exc:
        await query.answer(t(exc.key), show_alert=True)
        return
    await query.answer()
    await _drop_buttons(query)
    if callback_data.value == "earlier":
        draft.when_choice = None
        await save(state, draft)
        await state.set_state(ReportForm.date)
        await _msg(query).answer(t("report-ask-date"), reply_markup=kb.with_nav(t, []))
        return
    await advance("when", _msg(query), state, t, draft, settings)


async def on_date(
    message: Message, state: FSMContext, t: Translator, settings: Settings, reports: ReportService
) -> None:
    """The date of an earlier incident."""
    draft = await load(state)
    try:
        draft.set_date(message.text or "", today_in(reports.clock.now(), settings.tz))
    except DraftError as exc:
        await message.answer(t(exc.key))
        return
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
    await _drop_buttons(query)
    draft = await load(state)
    draft.urgent = callback_data.value == "y"
    if draft.urgent:
        await _msg(query).answer(t("report-emergency"))
    await advance("danger", _msg(query), state, t, draft, settings)


async def on_evidence(
    message: Message, state: FSMContext, t: Translator, settings: Settings
) -> None:
    """A photo, video, document or voice note (file id kept, up to the configured limits)."""
    limits = settings.reports
    draft = await load(state)
    media: Any
    if message.photo:
        kind, media = "photo", message.photo[-1]
    elif message.video:
        kind, media = "video", message.video
    elif message.document:
        kind, media = "document", message.document
    elif message.voice:
        kind, media = "voice", message.voice
    else:
        await message.answer(t("report-media-unsupported"))
        return
    try:
        draft.add_media(
            kind,
            media.file_id,
            media.file_size,
            max_count=limits.max_media,
            max_bytes=int(limits.max_media_mb * 1024 * 1024),
        )
    except DraftError as exc:
        await message.answer(t(exc.key, **exc.params))
        return
    await save(state, draft)
    await message.answer(
        t("report-media-added", count=len(draft.media), max=limits.max_media),
        reply_markup=kb.skip_kb(t, "evdone", "report-btn-done"),
    )


async def on_evidence_done(
    query: CallbackQuery, state: FSMContext, t: Translator, settings: Settings
) -> None:
    """No more evidence."""
    await query.answer()
    await _drop_buttons(query)
    draft = await load(state)
    draft.evidence_done = True
    await advance("evidence", _msg(query), state, t, draft, settings)


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
    await _drop_buttons(query)
    draft = await load(state)
    draft.anonymous = callback_data.value == "n"
    await advance("identity", _msg(query), state, t, draft, settings)


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
    await _drop_buttons(query)
    draft = await load(state)
    draft.contact_ok = callback_data.value == "y"
    await advance("contact", _msg(query), state, t, draft, settings)


async def on_back(
    query: CallbackQuery, state: FSMContext, t: Translator, settings: Settings
) -> None:
    """One step back."""
    await query.answer()
    await _drop_buttons(query)
    current = await state.get_state()
    step = step_of(current) or "description"
    draft = await load(state)
    draft.region_candidates = []
    prev = previous_step(step) or "description"
    if current == ReportForm.date.state:
        prev = "when"
    await show_step(prev, _msg(query), state, t, draft, settings)


async def on_cancel(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    """Cancel the report; the draft is discarded."""
    await query.answer()
    await _drop_buttons(query)
    await state.clear()
    await _msg(query).answer(t("report-cancelled"), reply_markup=main_menu(t))

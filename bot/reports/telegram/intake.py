"""The citizen's wizard: starting or resuming it, back, cancel, and wrong kinds of input.

The answers to the steps are in ``intake_answers.py``, ``intake_place.py`` and
``intake_media.py``; the questions in ``steps.py``; sending in ``sending.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.filters import CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.i18n import Translator
from bot.people.keyboards import main_menu
from bot.people.service import Person
from bot.reports.domain.service import ReportService
from bot.reports.telegram import keyboards as kb
from bot.reports.telegram.intake_answers import on_typed_choice
from bot.reports.telegram.states import ReportForm
from bot.reports.telegram.steps import (
    begin_report,
    drop_buttons,
    load,
    message_of,
    show_step,
)
from bot.reports.telegram.wizard import back_from, step_of

if TYPE_CHECKING:
    from bot.nlu.service import NluService


async def start(
    message: Message,
    state: FSMContext,
    t: Translator,
    person: Person,
    reports: ReportService,
    settings: Settings,
    command: CommandObject | None = None,
    nlu: NluService | None = None,
) -> None:
    """/lapor or the menu button: resume an unfinished draft, or begin. ``/lapor <story>``
    begins with that story, read as free text is (category guess, place)."""
    story = (command.args or "").strip() if command else ""
    current = await state.get_state()
    data = await state.get_data()
    if step_of(current) and data.get("draft"):
        # a story typed after /lapor is kept for "Mulai ulang"
        await state.update_data(resume_from=current, resume_story=story or None)
        await state.set_state(ReportForm.resume)
        await message.answer(t("report-resume-ask"), reply_markup=kb.resume_kb(t))
        return
    await _begin(message, state, t, person, reports, settings, story, nlu)


async def _begin(
    message: Message,
    state: FSMContext,
    t: Translator,
    person: Person,
    reports: ReportService,
    settings: Settings,
    story: str,
    nlu: NluService | None,
) -> None:
    prefill = await nlu.parse_report(story) if story and nlu is not None else None
    await begin_report(message, state, t, person, reports, prefill=prefill, settings=settings)


async def resume(
    query: CallbackQuery,
    callback_data: kb.StepCb,
    state: FSMContext,
    t: Translator,
    person: Person,
    reports: ReportService,
    settings: Settings,
    nlu: NluService | None = None,
) -> None:
    """Continue where the user left off, or start over (with the story typed after /lapor)."""
    await query.answer()
    message = message_of(query)
    await drop_buttons(query)
    data = await state.get_data()
    if callback_data.value == "r":
        story = str(data.get("resume_story") or "")
        await _begin(message, state, t, person, reports, settings, story, nlu)
        return
    step = step_of(data.get("resume_from")) or "description"
    await show_step(step, message, state, t, await load(state), settings)


async def not_text(message: Message, t: Translator) -> None:
    """A sticker, photo… where text is needed."""
    await message.answer(t("report-text-only"))


async def use_buttons(
    message: Message, state: FSMContext, t: Translator, settings: Settings
) -> None:
    """Text where a button is expected. At the category question right after a story that
    filled a whole message, it is the rest of that story (Telegram sends a text over 4,096
    characters as several messages): added to it, and the question asked again. At a yes/no
    step, text that names a button answers it ("tidak", "rahasia")."""
    if await on_typed_choice(message, state, t, settings):
        return
    draft = await load(state)
    if draft.story_open and await state.get_state() == ReportForm.category.state:
        draft.continue_story(message.text or "")
        await message.answer(t("report-story-continued", length=len(draft.description or "")))
        await show_step("category", message, state, t, draft, settings)
        return
    await message.answer(t("report-use-buttons"))


async def on_back(
    query: CallbackQuery, state: FSMContext, t: Translator, settings: Settings
) -> None:
    """One step back."""
    await query.answer()
    await drop_buttons(query)
    draft = await load(state)
    draft.region_candidates = []
    await show_step(
        back_from(await state.get_state()), message_of(query), state, t, draft, settings
    )


async def on_cancel(
    query: CallbackQuery, state: FSMContext, t: Translator, person: Person, reports: ReportService
) -> None:
    """Cancel the report; the draft (and its evidence) is discarded."""
    await query.answer()
    await drop_buttons(query)
    await state.clear()
    await reports.evidence.clear_draft_media(person.id)
    await message_of(query).answer(t("report-cancelled"), reply_markup=main_menu(t))

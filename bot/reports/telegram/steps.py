"""The wizard's questions: the draft in the conversation storage, one prompt per step, and
``begin_report``, the public entry point (menu, /lapor, and the NLU's ``lapor_insiden``).

The draft lives in ``data["draft"]`` and is saved after every step.
"""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.geo.gazetteer import Gazetteer, Region
from bot.i18n import Translator
from bot.nlu.result import NluParse
from bot.people.keyboards import main_menu
from bot.people.service import Person
from bot.reports.domain.categories import CATEGORIES
from bot.reports.domain.drafts import MAX_DESCRIPTION, MIN_DESCRIPTION, Draft, DraftError
from bot.reports.domain.errors import ReportError
from bot.reports.domain.service import ReportService
from bot.reports.telegram import keyboards as kb
from bot.reports.telegram import wizard
from bot.reports.telegram.cards import place_label
from bot.reports.telegram.states import ReportForm
from bot.reports.telegram.wizard import next_step


async def load(state: FSMContext) -> Draft:
    return Draft.from_dict((await state.get_data()).get("draft"))


async def save(state: FSMContext, draft: Draft) -> None:
    await state.update_data(draft=draft.to_dict())


async def show_step(
    name: str, message: Message, state: FSMContext, t: Translator, draft: Draft, settings: Settings
) -> None:
    """Ask the question of step ``name`` (:mod:`bot.reports.telegram.wizard`) and wait for its answer."""
    await save(state, draft)
    step = wizard.step(name)
    if step.prompt is None:  # the place: the candidates found in the story, or typed
        regions = [r for c in draft.region_candidates if (r := Gazetteer.default().get(c))]
        if regions:
            await ask_place_choice(message, state, t, regions)
        else:
            await state.set_state(ReportForm.place)
            await message.answer(t("report-ask-place"), reply_markup=kb.with_nav(t, []))
        return
    await state.set_state(step.state)
    asked = step.prompt(t, draft, settings.reports)
    await message.answer(asked.text, reply_markup=asked.markup)


async def ask_place_choice(
    message: Message,
    state: FSMContext,
    t: Translator,
    regions: list[Region],
    *,
    typed: str | None = None,
) -> None:
    await state.set_state(ReportForm.place_choose)
    await state.update_data(choices=[r.code for r in regions])
    if typed is not None:
        text = t("report-place-suggest", name=typed)
    elif len(regions) == 1:
        text = t("report-place-confirm", place=place_label(regions[0].code))
    else:
        text = t("report-place-choose")
    await message.answer(text, reply_markup=kb.places_kb(t, regions))


def draft_from_prefill(prefill: NluParse | None) -> Draft:
    """What the NLU found: the text as description (20+ chars), a category guess (or the two
    close ones), places."""
    draft = Draft()
    if not prefill:
        return draft
    text = prefill.text.strip()
    if len(text) >= MIN_DESCRIPTION:
        try:
            draft.set_description(text)
        except DraftError:
            pass
    choices = [c for c in prefill.category_choices if c in CATEGORIES]
    if prefill.category_close and len(choices) == 2:
        draft.category_choices = choices  # too close to call: both offered first
    elif prefill.category in CATEGORIES:
        draft.category_guess = prefill.category
    gaz = Gazetteer.default()
    codes = [code for code in prefill.region_codes if gaz.get(code)]
    if not codes and draft.description:
        for match in gaz.find_in_text(draft.description):
            codes.extend(c.code for c in match.candidates if c.code not in codes)
            break
    draft.region_candidates = codes[:6]
    return draft


async def begin_report(
    message: Message,
    state: FSMContext,
    t: Translator,
    person: Person,
    reports: ReportService,
    *,
    prefill: NluParse | None = None,
    settings: Settings | None = None,
) -> None:
    """Start a new report (prefilled from an NLU result), asking only what is missing."""
    settings = settings or reports.app_settings
    try:
        await reports.intake.check_daily_limit(person.id)
    except ReportError as exc:
        await message.answer(exc.text(t), reply_markup=main_menu(t))
        return
    await state.set_state(None)
    await state.set_data({})
    await reports.evidence.clear_draft_media(person.id)
    draft = draft_from_prefill(prefill)
    await message.answer(t("report-start"), reply_markup=main_menu(t))
    if prefill and not draft.description and len(prefill.text.strip()) > MAX_DESCRIPTION:
        # the story that started it is too long to keep: say so, never drop it in silence
        length = len(prefill.text.strip())
        await message.answer(t("report-desc-too-long-start", length=length, max=MAX_DESCRIPTION))
    await show_step(next_step(draft), message, state, t, draft, settings)


def message_of(query: CallbackQuery) -> Message:
    assert isinstance(query.message, Message)
    return query.message


async def drop_buttons(query: CallbackQuery) -> None:
    if isinstance(query.message, Message) and query.message.reply_markup is not None:
        await query.message.edit_reply_markup(reply_markup=None)


async def advance(
    step: str, message: Message, state: FSMContext, t: Translator, draft: Draft, settings: Settings
) -> None:
    await show_step(next_step(draft, step), message, state, t, draft, settings)

"""Alumni: the invite link, the profile steps (kabupaten/kota, topics, leaderboard), /dampak, /peringkat."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.content.keyboards import (
    SetupCb,
    cancel_keyboard,
    leaderboard_consent_keyboard,
    not_menu_text,
    region_choice_keyboard,
    topic_label,
    topic_toggle_keyboard,
)
from bot.content.service import ContentService
from bot.content.states import AlumniSetup
from bot.geo.gazetteer import Gazetteer
from bot.i18n import Translator
from bot.people.keyboards import main_menu
from bot.people.models import Role
from bot.people.service import Person

_YES = {"ya", "iya", "benar", "betul", "yes", "y", "ok", "oke"}


def invite_handler(content: ContentService):  # type: ignore[no-untyped-def]
    """The ``a-CODE`` deep link: join the cohort, then ask for the kabupaten/kota."""

    async def handle(
        code: str, *, person: Person, t: Translator, state: FSMContext, **_: Any
    ) -> str | None:
        joined = await content.cohorts.join(code, person.id, person.username)
        if joined is None:
            return None
        await state.set_state(AlumniSetup.region)
        await state.update_data(roster_region=joined.roster_region, topics=[])
        welcome = t("content-invite-welcome", cohort=joined.cohort.name)
        region = Gazetteer.default().get(joined.roster_region) if joined.roster_region else None
        if region is not None and region.kind != "provinsi":
            return welcome + "\n\n" + t("content-region-confirm", region=region.name)
        return welcome + "\n\n" + t("content-region-ask")

    return handle


async def restart_setup(message: Message, person: Person, t: Translator, state: FSMContext) -> None:
    """/alumni: go through the profile steps again."""
    if not person.has(Role.ALUMNI):
        await message.answer(t("content-alumni-only"))
        return
    await state.set_state(AlumniSetup.region)
    await state.update_data(roster_region=None, topics=[])
    await message.answer(t("content-region-ask"), reply_markup=cancel_keyboard(t, SetupCb))


async def region_text(
    message: Message, t: Translator, state: FSMContext, content: ContentService, person: Person
) -> None:
    """The kabupaten/kota, typed: one match → saved; several → which?; none → suggestions."""
    text = (message.text or "").strip()
    data = await state.get_data()
    if text.lower() in _YES and data.get("roster_region"):
        await _save_region(message, t, state, content, person, data["roster_region"])
        return
    gaz = Gazetteer.default()
    found = gaz.resolve(text)
    places = [r for r in found if r.kind != "provinsi"]
    if len(places) == 1:
        await _save_region(message, t, state, content, person, places[0].code)
        return
    if places:
        await message.answer(
            t("content-region-which"), reply_markup=region_choice_keyboard(t, places[:6])
        )
        return
    if found:  # only a province
        await message.answer(
            t("content-region-province", province=found[0].name),
            reply_markup=cancel_keyboard(t, SetupCb),
        )
        return
    suggestions = [r for r in gaz.suggest(text, limit=8) if r.kind != "provinsi"][:5]
    if suggestions:
        await message.answer(
            t("content-region-suggest", text=text[:60]),
            reply_markup=region_choice_keyboard(t, suggestions),
        )
    else:
        await message.answer(
            t("content-region-unknown", text=text[:60]), reply_markup=cancel_keyboard(t, SetupCb)
        )


async def region_pick(
    query: CallbackQuery,
    callback_data: SetupCb,
    t: Translator,
    state: FSMContext,
    content: ContentService,
    person: Person,
) -> None:
    """A region button of "which one?"."""
    region = Gazetteer.default().get(callback_data.value)
    await query.answer()
    if region is None or not isinstance(query.message, Message):
        return
    await query.message.edit_reply_markup(reply_markup=None)
    await _save_region(query.message, t, state, content, person, region.code)


async def _save_region(
    message: Message,
    t: Translator,
    state: FSMContext,
    content: ContentService,
    person: Person,
    code: str,
) -> None:
    region = Gazetteer.default().get(code)
    if region is None:
        return
    await content.cohorts.set_region(person.id, region.code)
    profile = await content.cohorts.profile(person.id)
    chosen = list(profile.topics) if profile else []
    await state.set_state(AlumniSetup.topics)
    await state.update_data(topics=chosen)
    await message.answer(
        t("content-region-saved", region=region.name) + "\n\n" + t("content-topics-ask"),
        reply_markup=topic_toggle_keyboard(t, content.topics, chosen, SetupCb, "content-done"),
    )


async def topic_toggle(
    query: CallbackQuery,
    callback_data: SetupCb,
    t: Translator,
    state: FSMContext,
    content: ContentService,
) -> None:
    """Tick or untick a topic."""
    if callback_data.value not in content.topics:
        await query.answer(t("stale-button"))
        return
    chosen = set((await state.get_data()).get("topics") or [])
    chosen ^= {callback_data.value}
    await state.update_data(topics=sorted(chosen))
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(
            reply_markup=topic_toggle_keyboard(t, content.topics, chosen, SetupCb, "content-done")
        )


async def topics_done(
    query: CallbackQuery, t: Translator, state: FSMContext, content: ContentService, person: Person
) -> None:
    """Save the topics and ask about the leaderboard."""
    chosen = [x for x in (await state.get_data()).get("topics") or [] if x in content.topics]
    if not chosen:
        await query.answer(t("content-topics-none"), show_alert=True)
        return
    await content.cohorts.set_topics(person.id, chosen)
    await state.set_state(AlumniSetup.leaderboard)
    await query.answer()
    if isinstance(query.message, Message):
        labels = ", ".join(topic_label(t, x) for x in chosen)
        await query.message.edit_text(t("content-topics-saved", topics=labels))
        await query.message.answer(
            t("content-lb-ask"), reply_markup=leaderboard_consent_keyboard(t)
        )


async def leaderboard_choice(
    query: CallbackQuery,
    callback_data: SetupCb,
    t: Translator,
    state: FSMContext,
    content: ContentService,
    person: Person,
) -> None:
    """Appear by name on the cohort leaderboard, or not; the profile is complete."""
    await content.cohorts.set_leaderboard_opt_in(person.id, callback_data.value == "1")
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(
            t("content-lb-yes-saved" if callback_data.value == "1" else "content-lb-no-saved")
        )
        await query.message.answer(t("content-setup-done"), reply_markup=main_menu(t))


async def setup_back(
    query: CallbackQuery, t: Translator, state: FSMContext, content: ContentService
) -> None:
    """One step back: leaderboard → topics → kabupaten/kota."""
    current = await state.get_state()
    if not isinstance(query.message, Message):
        await query.answer()
        return
    if current == AlumniSetup.leaderboard.state:
        chosen = (await state.get_data()).get("topics") or []
        await state.set_state(AlumniSetup.topics)
        await query.message.edit_text(
            t("content-topics-ask"),
            reply_markup=topic_toggle_keyboard(t, content.topics, chosen, SetupCb, "content-done"),
        )
    else:
        await state.set_state(AlumniSetup.region)
        await query.message.edit_text(
            t("content-region-ask"), reply_markup=cancel_keyboard(t, SetupCb)
        )
    await query.answer()


async def setup_cancel(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    """Stop the profile steps; what was saved stays saved."""
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("content-setup-later"))


def register(router: Router) -> None:
    from aiogram import F

    router.message.register(restart_setup, Command("alumni"))
    router.message.register(
        region_text, StateFilter(AlumniSetup.region), F.text, ~F.text.startswith("/"), not_menu_text
    )
    router.callback_query.register(
        region_pick, StateFilter(AlumniSetup.region), SetupCb.filter(F.action == "region")
    )
    router.callback_query.register(
        topic_toggle, StateFilter(AlumniSetup.topics), SetupCb.filter(F.action == "topic")
    )
    router.callback_query.register(
        topics_done, StateFilter(AlumniSetup.topics), SetupCb.filter(F.action == "done")
    )
    router.callback_query.register(
        leaderboard_choice, StateFilter(AlumniSetup.leaderboard), SetupCb.filter(F.action == "lb")
    )
    router.callback_query.register(
        setup_back, StateFilter(AlumniSetup), SetupCb.filter(F.action == "back")
    )
    router.callback_query.register(setup_cancel, SetupCb.filter(F.action == "cancel"))

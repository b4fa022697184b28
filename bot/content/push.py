"""After publishing: push the item to alumni (all, or one cohort, region or topic) through the
broadcast engine, as a broadcast whose message is the item with its share buttons."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.content.keyboards import (
    ComposeCb,
    broadcast_buttons,
    push_cohorts_keyboard,
    push_topics_keyboard,
)
from bot.content.roster import resolve_region
from bot.content.service import ContentService, PushTarget, push_item
from bot.content.states import Compose
from bot.filters import HasRole
from bot.geo.gazetteer import Gazetteer
from bot.i18n import Translator
from bot.people.keyboards import main_menu
from bot.people.models import Role
from bot.people.service import Person


async def push_choice(
    query: CallbackQuery,
    callback_data: ComposeCb,
    t: Translator,
    state: FSMContext,
    content: ContentService,
    person: Person,
    **data: Any,
) -> None:
    """All alumni → push now; cohort/topic → pick one; region → type it; none → done."""
    if not isinstance(query.message, Message):
        await query.answer()
        return
    choice = callback_data.value
    if choice == "none":
        await state.clear()
        await query.answer()
        await query.message.edit_text(t("content-push-skipped"))
        return
    if choice == "cohort":
        cohorts = await content.list_cohorts(person)
        await query.answer()
        await query.message.edit_text(
            t("content-push-pick-cohort"),
            reply_markup=push_cohorts_keyboard(t, [(c.id, c.name) for c in cohorts]),
        )
        return
    if choice == "topic":
        await query.answer()
        await query.message.edit_text(
            t("content-push-pick-topic"), reply_markup=push_topics_keyboard(t, content.topics)
        )
        return
    if choice == "region":
        await state.set_state(Compose.push_region)
        await query.answer()
        await query.message.edit_text(t("content-push-ask-region"))
        return
    await query.answer()
    await _push(query.message, t, state, content, person, data, PushTarget("all"))


async def push_cohort(
    query: CallbackQuery,
    callback_data: ComposeCb,
    t: Translator,
    state: FSMContext,
    content: ContentService,
    person: Person,
    **data: Any,
) -> None:
    """Push to one cohort."""
    await query.answer()
    if isinstance(query.message, Message) and callback_data.value.isdigit():
        await _push(
            query.message,
            t,
            state,
            content,
            person,
            data,
            PushTarget("cohort", callback_data.value),
        )


async def push_topic(
    query: CallbackQuery,
    callback_data: ComposeCb,
    t: Translator,
    state: FSMContext,
    content: ContentService,
    person: Person,
    **data: Any,
) -> None:
    """Push to alumni who care about one topic."""
    await query.answer()
    if isinstance(query.message, Message) and callback_data.value in content.topics:
        await _push(
            query.message, t, state, content, person, data, PushTarget("topic", callback_data.value)
        )


async def push_region(
    message: Message,
    t: Translator,
    state: FSMContext,
    content: ContentService,
    person: Person,
    **data: Any,
) -> None:
    """Push to alumni of one province or kabupaten/kota."""
    found = resolve_region(Gazetteer.default(), message.text or "")
    if isinstance(found, str):
        await message.answer(t("content-push-bad-region", problem=found))
        return
    await _push(message, t, state, content, person, data, PushTarget("region", found.code))


async def _push(
    message: Message,
    t: Translator,
    state: FSMContext,
    content: ContentService,
    person: Person,
    data: dict[str, Any],
    target: PushTarget,
) -> None:
    item_id = (await state.get_data()).get("item_id")
    await state.clear()
    if not isinstance(item_id, int):
        await message.answer(t("stale-button"))
        return
    item = await content.library.get(item_id)
    broadcast_id = await push_item(
        content,
        data["broadcasts"],
        person,
        item,
        target,
        broadcast_buttons(t, item),
    )
    await message.answer(
        t("content-push-done", id=str(broadcast_id), title=item.title), reply_markup=main_menu(t)
    )


def register(router: Router) -> None:
    coordinator = HasRole(Role.COORDINATOR)
    cb = ComposeCb.filter
    router.message.register(
        push_region, StateFilter(Compose.push_region), coordinator, F.text, ~F.text.startswith("/")
    )
    router.callback_query.register(
        push_choice, StateFilter(Compose.push), coordinator, cb(F.action == "push")
    )
    router.callback_query.register(
        push_cohort, StateFilter(Compose.push), coordinator, cb(F.action == "cohort")
    )
    router.callback_query.register(
        push_topic, StateFilter(Compose.push), coordinator, cb(F.action == "ptopic")
    )

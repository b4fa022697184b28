"""A partner registers from its own group: the greeting when the bot is added, ``/daftarmitra``,
the registration's buttons and typed answers, and ``/id`` for whoever sets the bot up.

Only coordinators and admins may register, re-checked on every press and every typed answer (the
steps themselves are :mod:`bot.reports.telegram.registration_steps`). The steps are an FSM state per chat
and user (aiogram's default key), so two coordinators in one group each have their own. Typed
answers work with privacy mode on: the bot asks with a selective force-reply that mentions the
coordinator, so their answer is a reply to the bot, which Telegram delivers; the rest is buttons.
"""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.filters import JOIN_TRANSITION, ChatMemberUpdatedFilter, Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message

from bot.config import Settings
from bot.geo.gazetteer import Gazetteer
from bot.i18n import Catalog, Translator
from bot.people.service import Person
from bot.reports.domain.service import ReportService
from bot.reports.telegram import registration_keyboards as kb
from bot.reports.telegram.registration_steps import (
    Press,
    R,
    RegistrationError,
    begin,
    name_problem,
    step_for,
)

log = logging.getLogger("bot.reports")

GROUPS = ("group", "supergroup")


async def on_bot_added(
    event: ChatMemberUpdated, bot: Bot, catalog: Catalog, settings: Settings, reports: ReportService
) -> None:
    """The bot joined a group: greet it; a group that is not a partner gets the register button."""
    t = catalog.translator(settings.default_language)
    partner = await reports.partners.for_chat(event.chat.id)
    if partner is None:
        text, markup = t("partners-greeting-unregistered"), kb.greeting_kb(t)
    else:
        text, markup = t("partners-greeting-registered", partner=partner.name), None
    await bot.send_message(
        event.chat.id, f"{t('partners-greeting')}\n\n{text}", reply_markup=markup
    )


async def show_ids(message: Message, t: Translator) -> None:
    """``/id``: the chat's id, type and title, the topic's id in a forum topic, the sender's id."""
    chat = message.chat
    if chat.type == "private":
        lines = [t("id-chat-private")]
    else:  # ids as text: Fluent would group a number's digits
        lines = [t("id-chat-group", chat_id=str(chat.id), type=chat.type, title=chat.title or "")]
    if message.is_topic_message and message.message_thread_id is not None:
        lines.append(t("id-topic", thread_id=str(message.message_thread_id)))
    if message.from_user is not None:
        lines.append(t("id-user", user_id=str(message.from_user.id)))
    lines.append(t("id-hint"))
    await message.reply("\n".join(lines))


async def on_command(
    message: Message, person: Person, t: Translator, state: FSMContext, reports: ReportService
) -> None:
    """``/daftarmitra``: in a group, a coordinator starts (or reviews) the registration."""
    if message.chat.type not in GROUPS:
        await message.answer(t("partners-only-groups"))
        return
    if not person.is_coordinator:
        await message.reply(t("partners-only-coordinators"))
        return
    text, markup = await begin(message.chat, person, t, state, reports.partners)
    await message.reply(text, reply_markup=markup)


async def on_press(
    query: CallbackQuery,
    callback_data: kb.RegCb,
    person: Person,
    t: Translator,
    state: FSMContext,
    reports: ReportService,
    bot: Bot,
) -> None:
    """A registration button: who pressed, where, and the step they are in are checked first."""
    message = query.message
    if not isinstance(message, Message) or message.chat.type not in GROUPS:
        raise RegistrationError()
    if not person.is_coordinator:
        log.info("partner registration: refused a press by a non-coordinator")
        raise RegistrationError("partners-only-coordinators")
    step = step_for(callback_data.act, await state.get_state())
    press = Press(
        message,
        person,
        t,
        state,
        reports.partners,
        bot,
        callback_data.value,
        await state.get_data(),
    )
    panel = await step(press)
    if panel is not None:
        await message.edit_text(panel[0], reply_markup=panel[1])
    await query.answer()  # last: the spinner stops once the panel shows the press


async def _still_coordinator(
    message: Message, person: Person, t: Translator, state: FSMContext
) -> bool:
    if person.is_coordinator:
        return True
    await state.clear()
    await message.reply(t("partners-only-coordinators"))
    return False


async def on_typed_name(
    message: Message, person: Person, t: Translator, state: FSMContext, reports: ReportService
) -> None:
    """The partner's name, typed in reply to the prompt."""
    if not await _still_coordinator(message, person, t, state):
        return
    name = (message.text or "").strip()
    problem = await name_problem(reports.partners, name, message.chat.id)
    if problem is not None:
        await state.set_state(R.name)
        await message.reply(t(problem, name=name[:128]), reply_markup=kb.name_kb(t))
        return
    data = await state.get_data()
    await state.update_data(name=name)
    await state.set_state(R.regions)
    text, markup = kb.regions_panel(t, name, list(data.get("regions") or []))
    await message.reply(text, reply_markup=markup)


async def on_typed_place(
    message: Message, person: Person, t: Translator, state: FSMContext
) -> None:
    """A place typed in reply to the prompt: the gazetteer's matches and their provinces."""
    if not await _still_coordinator(message, person, t, state):
        return
    query = (message.text or "").strip()[:100]
    gaz = Gazetteer.default()
    found = gaz.resolve(query) or gaz.suggest(query)
    provinces = [p for r in found if (p := gaz.province_of(r.code)) is not None]
    offered = list(dict.fromkeys([*found, *provinces]))[:8]  # each province once, after its places
    await state.set_state(R.regions)
    key = "partners-search-results" if offered else "partners-search-none"
    await message.reply(t(key, query=query), reply_markup=kb.results_kb(t, offered))


def register(router: Router) -> None:
    """Add the registration's handlers to the reports router."""
    groups = F.chat.type.in_(GROUPS)
    router.my_chat_member.register(on_bot_added, ChatMemberUpdatedFilter(JOIN_TRANSITION), groups)
    router.message.register(show_ids, Command("id"))
    router.message.register(on_command, Command("daftarmitra"))
    router.callback_query.register(on_press, kb.RegCb.filter())
    typed = (F.text, ~F.text.startswith("/"), groups)
    router.message.register(on_typed_name, StateFilter(R.typing_name), *typed)
    router.message.register(on_typed_place, StateFilter(R.searching), *typed)

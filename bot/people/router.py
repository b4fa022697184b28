"""Onboarding: /start (with deep links), /help, /bahasa, /berhenti, /mulai, /hapusdata, /batal;
/profil in :mod:`bot.people.profile`."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.filters import MenuButton
from bot.i18n import Catalog, Translator
from bot.people.commands import publish_coordinator_commands
from bot.people.deeplinks import DeepLinkRegistry, parse_payload
from bot.people.keyboards import LanguageCb, language_picker, main_menu
from bot.people.models import Role
from bot.people.service import PeopleService, Person


def greeting_for(t: Translator, person: Person) -> str:
    """The newcomer's welcome (first contact, or the first after /hapusdata), else welcome back."""
    return t("start-greeting" if person.is_new else "start-again", name=person.first_name)


def help_text(t: Translator, person: Person) -> str:
    parts = [t("help-title"), t("help-citizen")]
    if person.has(Role.ALUMNI):
        parts.append(t("help-alumni"))
    if person.has(Role.PARTNER):
        parts.append(t("help-partner"))
    if person.is_coordinator:
        parts.append(t("help-coordinator"))
    if person.is_admin:
        parts.append(t("help-admin"))
    parts.append(t("help-free-text"))
    return "\n\n".join(parts)


async def start(
    message: Message,
    command: CommandObject,
    person: Person,
    t: Translator,
    state: FSMContext,
    deeplinks: DeepLinkRegistry,
    bot: Bot,
    catalog: Catalog,
) -> None:
    """Greet the user, follow a deep link if there is a valid one, and show the main menu."""
    greeting = greeting_for(t, person)
    extra: str | None = None
    if command.args:
        link = parse_payload(command.args)
        extra = None
        if link is not None:
            extra = await deeplinks.dispatch(
                link, person=person, t=t, message=message, state=state, bot=bot
            )
        if extra is None:
            extra = t("start-invalid-link")
    if person.is_coordinator:
        await publish_coordinator_commands(bot, catalog, person)
    if message.chat.type == "private":
        await message.answer(greeting, reply_markup=main_menu(t))
    else:  # the citizen keyboard belongs in the private chat, never in a group
        await message.answer(t("start-in-group"))
    if extra:
        await message.answer(extra)


async def show_help(message: Message, person: Person, t: Translator) -> None:
    """Every command this user's roles allow."""
    await message.answer(help_text(t, person), reply_markup=main_menu(t))


async def choose_language(message: Message, t: Translator) -> None:
    """Offer Indonesian or English."""
    await message.answer(t("language-choose"), reply_markup=language_picker(t))


async def set_language(
    query: CallbackQuery,
    callback_data: LanguageCb,
    person: Person,
    people: PeopleService,
    catalog: Catalog,
) -> None:
    """Switch the user's language and show the menu in it."""
    await people.set_language(person.id, callback_data.code)
    t = catalog.translator(callback_data.code)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("language-set"))
        await query.message.answer(
            t("start-again", name=person.first_name), reply_markup=main_menu(t)
        )


async def cancel(message: Message, state: FSMContext, t: Translator) -> None:
    """Leave whatever step-by-step conversation is running."""
    if await state.get_state() is None:
        await message.answer(t("nothing-to-cancel"), reply_markup=main_menu(t))
        return
    await state.clear()
    await message.answer(t("cancelled"), reply_markup=main_menu(t))


ERASE_CONFIRM = "erase:yes"
ERASE_ABORT = "erase:no"


async def ask_erase(message: Message, t: Translator) -> None:
    """Explain what erasing keeps and removes, and ask to confirm."""
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=t("erase-yes"), callback_data=ERASE_CONFIRM),
                InlineKeyboardButton(text=t("erase-no"), callback_data=ERASE_ABORT),
            ]
        ]
    )
    await message.answer(t("erase-ask"), reply_markup=keyboard)


async def erase(
    query: CallbackQuery, person: Person, people: PeopleService, t: Translator, state: FSMContext
) -> None:
    """Erase the user's personal data; their reports stay, detached from them."""
    await state.clear()
    await people.erase(person.id)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("erase-done"))


async def keep_data(query: CallbackQuery, t: Translator) -> None:
    """Keep everything."""
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("erase-kept"))


async def opt_out(message: Message, person: Person, people: PeopleService, t: Translator) -> None:
    """Stop broadcasts at once; reports and surveys keep working."""
    await people.set_opted_out(person.id, True)
    await message.answer(t("optout-done"), reply_markup=main_menu(t))


async def opt_in(message: Message, person: Person, people: PeopleService, t: Translator) -> None:
    """Receive broadcasts again."""
    await people.set_opted_out(person.id, False)
    await message.answer(t("optin-done"), reply_markup=main_menu(t))


def create_people_router() -> Router:
    """Onboarding and account commands; the handlers' filters read top to bottom."""
    from bot.people import profile  # imports this module's /bahasa handler

    router = Router(name="people")
    router.message.register(start, CommandStart())
    router.message.register(show_help, Command("help", "bantuan"))
    router.message.register(show_help, MenuButton("menu-help"))
    router.message.register(choose_language, Command("bahasa", "language"))
    router.callback_query.register(set_language, LanguageCb.filter(F.code.in_({"id", "en"})))
    router.message.register(cancel, Command("batal", "cancel"))
    router.message.register(ask_erase, Command("hapusdata"))
    router.callback_query.register(erase, F.data == ERASE_CONFIRM)
    router.callback_query.register(keep_data, F.data == ERASE_ABORT)
    router.message.register(opt_out, Command("berhenti", "stop"))
    router.message.register(opt_in, Command("mulai"))
    profile.register(router)
    return router

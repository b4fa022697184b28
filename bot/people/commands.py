"""The command menus Telegram shows: per language, and per chat for coordinators and admins."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
)

from bot.i18n import Catalog
from bot.people.models import Role
from bot.people.service import PeopleService, Person

log = logging.getLogger(__name__)

#: (command, catalogue key of its description), in menu order.
CITIZEN_COMMANDS = [
    ("start", "cmd-start"),
    ("lapor", "cmd-report"),
    ("status", "cmd-status"),
    ("konten", "cmd-content"),
    ("survei", "cmd-survey"),
    ("bantuan", "cmd-help"),
    ("bahasa", "cmd-language"),
    ("profil", "cmd-profile"),
    ("berhenti", "cmd-stop"),
    ("hapusdata", "cmd-erase"),
    ("batal", "cmd-cancel"),
]
COORDINATOR_COMMANDS = [
    ("laporan", "cmd-dashboard"),
    ("siaran", "cmd-broadcast"),
    ("konten_baru", "cmd-content-new"),
    ("hasil", "cmd-results"),
    ("id", "cmd-id"),
]
#: The menu in groups: setting a partner's group up (bot/reports/telegram/registration.py).
GROUP_COMMANDS = [("daftarmitra", "cmd-register-partner"), ("id", "cmd-id")]


def commands_for(catalog: Catalog, lang: str, *, coordinator: bool = False) -> list[BotCommand]:
    pairs = CITIZEN_COMMANDS + (COORDINATOR_COMMANDS if coordinator else [])
    return [BotCommand(command=c, description=catalog.text(lang, key)) for c, key in pairs]


async def publish_default_commands(bot: Bot, catalog: Catalog, default_language: str) -> None:
    """Everyone's menu: the default language without a language code, each other one with it;
    in groups, the set-up commands."""
    await bot.set_my_commands(
        commands_for(catalog, default_language), scope=BotCommandScopeDefault()
    )
    for lang in catalog.languages:
        await bot.set_my_commands(
            commands_for(catalog, lang), scope=BotCommandScopeDefault(), language_code=lang
        )
    groups = BotCommandScopeAllGroupChats()
    await bot.set_my_commands(_group_commands(catalog, default_language), scope=groups)
    for lang in catalog.languages:
        await bot.set_my_commands(_group_commands(catalog, lang), scope=groups, language_code=lang)


def _group_commands(catalog: Catalog, lang: str) -> list[BotCommand]:
    return [BotCommand(command=c, description=catalog.text(lang, k)) for c, k in GROUP_COMMANDS]


async def publish_coordinator_commands(bot: Bot, catalog: Catalog, person: Person) -> None:
    """A coordinator's or admin's own chat gets the longer menu, in their language."""
    await bot.set_my_commands(
        commands_for(catalog, person.language, coordinator=True),
        scope=BotCommandScopeChat(chat_id=person.id),
    )


async def publish_all_commands(bot: Bot, catalog: Catalog, people: PeopleService) -> None:
    """At start-up: the default menus, and the coordinator menu in each coordinator's chat."""
    await publish_default_commands(bot, catalog, people.default_language)
    for user_id in await people.ids_with_role(Role.COORDINATOR, Role.ADMIN):
        try:
            person = await people.get(user_id)
            await publish_coordinator_commands(bot, catalog, person)
        except (TelegramAPIError, LookupError) as exc:  # a chat the bot cannot reach yet
            log.info("no coordinator menu for %s: %s", user_id, exc)

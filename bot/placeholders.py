"""Menu entries whose features have not landed yet answer honestly that they are coming.

Each feature removes its entry here when it arrives: nothing in this module is meant to stay.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.filters import MenuButton
from bot.i18n import Translator
from bot.people.keyboards import main_menu

#: menu key → the commands of the same feature
PENDING: dict[str, tuple[str, ...]] = {}


def _coming_soon(key: str):  # type: ignore[no-untyped-def]
    async def coming_soon(message: Message, t: Translator) -> None:
        """Placeholder until the feature lands."""
        await message.answer(t("coming-soon", feature=t(key)), reply_markup=main_menu(t))

    return coming_soon


def create_placeholders_router() -> Router:
    router = Router(name="placeholders")
    for key, commands in PENDING.items():
        handler = _coming_soon(key)
        router.message.register(handler, MenuButton(key))
        router.message.register(handler, Command(*commands))
    return router

"""Catch-alls, registered last: stale buttons and messages no feature took."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translator
from bot.people.keyboards import main_menu


async def stale_button(query: CallbackQuery, t: Translator) -> None:
    """A button no handler knows (an old message, a redeploy, a forged press): back to the menu."""
    await query.answer(t("stale-button"))
    if isinstance(query.message, Message) and query.message.chat.type == "private":
        await query.message.answer(t("stale-button"), reply_markup=main_menu(t))


async def not_understood(message: Message, t: Translator) -> None:
    """Anything else in a private chat: say so kindly and show the menu."""
    await message.answer(t("not-understood"), reply_markup=main_menu(t))


def create_fallback_router() -> Router:
    router = Router(name="fallback")
    router.callback_query.register(stale_button)
    router.message.register(not_understood, F.chat.type == "private")
    return router

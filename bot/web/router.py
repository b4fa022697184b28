"""/dasbor in a private chat: a one-time sign-in link to the dashboard (and its menu button)."""

from __future__ import annotations

from datetime import timedelta

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.i18n import Translator
from bot.people.service import Person
from bot.services import Services
from bot.web.auth import LoginLinks
from bot.web.menu import set_menu_button


async def dasbor(message: Message, person: Person, t: Translator, services: Services) -> None:
    """Send a single-use sign-in link (stored hashed, minutes long) to who may use the dashboard."""
    settings = services.settings.web
    member_of = await services.reports.partners.memberships(person.id)
    if not person.is_coordinator and not member_of:
        await message.answer(t("web-dasbor-no-access"))
        return
    if settings.public_url is None:
        await message.answer(t("web-dasbor-no-url"))
        return
    links = LoginLinks(services.db, services.clock, timedelta(minutes=settings.login_link_minutes))
    token = await links.create(person.id)
    button = InlineKeyboardButton(
        text=t("web-dasbor-open"), url=f"{settings.public_url}/login/{token}"
    )
    await message.answer(
        t("web-dasbor-link", minutes=settings.login_link_minutes),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]]),
    )
    if message.bot is not None:
        await set_menu_button(message.bot, services, person.id, person.language)


def create_web_router() -> Router:
    router = Router(name="web_router")
    router.message.register(dasbor, Command("dasbor", "dashboard"), F.chat.type == ChatType.PRIVATE)
    return router

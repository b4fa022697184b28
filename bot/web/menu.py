"""The chat menu button that opens the dashboard (a ``web_app``), in the private chats of
coordinators and partner members, when ``web.public_url`` is configured."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import MenuButtonWebApp, WebAppInfo

from bot.people.models import Role
from bot.services import Services

log = logging.getLogger(__name__)


def dashboard_url(services: Services) -> str | None:
    url = services.settings.web.public_url
    return f"{url}/cases" if url else None


async def set_menu_button(bot: Bot, services: Services, user_id: int, lang: str) -> bool:
    """Give ``user_id``'s private chat the dashboard button; False when it cannot be set."""
    url = dashboard_url(services)
    if url is None or not services.settings.web.menu_button:
        return False
    text = services.catalog.text(lang, "web-menu-button")
    try:
        await bot.set_chat_menu_button(
            chat_id=user_id, menu_button=MenuButtonWebApp(text=text, web_app=WebAppInfo(url=url))
        )
    except TelegramAPIError as exc:  # a chat the bot cannot reach (never started, blocked)
        log.info("no dashboard menu button for %s: %s", user_id, exc)
        return False
    return True


async def dashboard_users(services: Services) -> list[int]:
    """Coordinators, admins and every partner's members, each once."""
    ids = set(await services.people.ids_with_role(Role.COORDINATOR, Role.ADMIN))
    for partner in await services.reports.partners.list_partners(active_only=True):
        ids.update(await services.reports.partners.members(partner.id))
    return sorted(ids)


async def publish_menu_buttons(services: Services, bot: Bot) -> None:
    """At start-up: the dashboard button for everyone who may use it."""
    if dashboard_url(services) is None or not services.settings.web.menu_button:
        return
    count = 0
    for user_id in await dashboard_users(services):
        try:
            person = await services.people.get(user_id)
        except LookupError:
            continue
        count += await set_menu_button(bot, services, user_id, person.language)
    log.info("dashboard menu button set in %d chats", count)

"""The dashboard's wiring: /dasbor, the menu buttons at start-up, ``rukun web``, its table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.services import Feature, Services, Task
from bot.web.settings import WebSettings

if TYPE_CHECKING:
    from aiogram import Bot, Router


def create_router() -> Router:
    from bot.web.router import create_web_router

    return create_web_router()


def background(services: Services, bot: Bot) -> list[Task]:
    """Set the dashboard's menu button once at start-up (when a public URL is configured)."""
    if services.settings.web.public_url is None or not services.settings.web.menu_button:
        return []
    from bot.web.menu import publish_menu_buttons

    return [publish_menu_buttons(services, bot)]


FEATURE = Feature(
    "web",
    create_router=create_router,
    background=background,
    cli={"web": "bot.web.cli:app", "playground": "bot.web.cli:playground_app"},
    settings=("web", WebSettings),
    models="bot.web.models",
)

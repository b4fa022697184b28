"""Outer middlewares: the user (upserted, with roles) and their language (flood control: bot/flood.py)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from aiogram.types import User as TgUser

from bot.i18n import Catalog
from bot.people.service import PeopleService

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class UserMiddleware(BaseMiddleware):
    """Record the user, hand handlers ``person`` (roles, language) and ``t`` (their translator)."""

    def __init__(self, people: PeopleService, catalog: Catalog) -> None:
        self.people = people
        self.catalog = catalog

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: TgUser | None = data.get("event_from_user")
        if user is None or user.is_bot:
            data["t"] = self.catalog.translator(self.people.default_language)
            return await handler(event, data)
        person = await self.people.touch(
            user.id,
            first_name=user.first_name,
            last_name=user.last_name,
            username=user.username,
            telegram_language=user.language_code,
        )
        data["person"] = person
        data["t"] = self.catalog.translator(person.language)
        return await handler(event, data)

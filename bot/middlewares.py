"""Outer middlewares: flood control, then the user (upserted, with roles) and their language."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject, Update
from aiogram.types import User as TgUser

from bot.i18n import Catalog
from bot.people.service import PeopleService, language_for

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class FloodControl:
    """Per-user sliding window: over ``max_events`` in ``window`` seconds → muted for ``mute``."""

    def __init__(self, max_events: int, window: float, mute: float) -> None:
        self.max_events = max_events
        self.window = window
        self.mute = mute
        self._events: dict[int, deque[float]] = {}
        self._muted_until: dict[int, float] = {}

    def check(self, user_id: int, now: float | None = None) -> str:
        """'ok', 'warn' (first event over the limit: tell the user once) or 'drop'."""
        now = time.monotonic() if now is None else now
        if self._muted_until.get(user_id, 0.0) > now:
            return "drop"
        events = self._events.setdefault(user_id, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        events.append(now)
        if len(events) > self.max_events:
            self._muted_until[user_id] = now + self.mute
            events.clear()
            return "warn"
        if len(self._events) > 10_000:  # forget idle users so memory stays bounded
            self._forget_idle(now)
        return "ok"

    def _forget_idle(self, now: float) -> None:
        for uid in [u for u, ev in self._events.items() if not ev or ev[-1] <= now - self.window]:
            self._events.pop(uid, None)
        for uid in [u for u, t in self._muted_until.items() if t <= now]:
            self._muted_until.pop(uid, None)


class FloodMiddleware(BaseMiddleware):
    """Ignore a user who floods the bot, after one polite "slow down"."""

    def __init__(self, flood: FloodControl, catalog: Catalog, default_language: str) -> None:
        self.flood = flood
        self.catalog = catalog
        self.default_language = default_language

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        inner = event.message or event.callback_query
        user: TgUser | None = data.get("event_from_user")
        if inner is None or user is None:
            return await handler(event, data)
        verdict = self.flood.check(user.id)
        if verdict == "ok":
            return await handler(event, data)
        if verdict == "warn":
            log.info("flood control muted user %s", user.id)
            lang = language_for(None, user.language_code, self.default_language)
            text = self.catalog.text(lang, "flood-slow-down")
            if isinstance(inner, Message):
                await inner.answer(text)
            elif isinstance(inner, CallbackQuery):
                await inner.answer(text, show_alert=True)
        return None


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

"""Flood control: messages count, button presses do not; a muted user's press gets a toast.

A citizen tapping through the report wizard presses a button about once a second; counting those
muted her at the identity question. Only new messages count (in any chat): over
``max_events`` within ``window`` seconds the user is muted for ``mute`` seconds, told once to slow
down in a private chat (a group is not told), and further messages are ignored until the mute
ends. A press while muted is not handled but always answered with the slow-down toast, so a
button never spins in silence.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any

from aiogram import BaseMiddleware
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message, TelegramObject, Update
from aiogram.types import User as TgUser

from bot.i18n import Catalog
from bot.people.service import language_for

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class Verdict(Enum):
    OK = "ok"
    WARN = "warn"  # the first message over the limit: tell the user once
    DROP = "drop"


class FloodControl:
    """Per-user sliding window: over ``max_events`` in ``window`` seconds → muted for ``mute``."""

    def __init__(self, max_events: int, window: float, mute: float) -> None:
        self.max_events = max_events
        self.window = window
        self.mute = mute
        self._events: dict[int, deque[float]] = {}
        self._muted_until: dict[int, float] = {}

    def muted(self, user_id: int, now: float | None = None) -> bool:
        """Whether the user is muted now (nothing is counted)."""
        now = time.monotonic() if now is None else now
        return self._muted_until.get(user_id, 0.0) > now

    def check(self, user_id: int, now: float | None = None) -> Verdict:
        """Count one message of the user and judge it."""
        now = time.monotonic() if now is None else now
        if self.muted(user_id, now):
            return Verdict.DROP
        events = self._events.setdefault(user_id, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        events.append(now)
        if len(events) > self.max_events:
            self._muted_until[user_id] = now + self.mute
            events.clear()
            return Verdict.WARN
        if len(self._events) > 10_000:  # forget idle users so memory stays bounded
            self._forget_idle(now)
        return Verdict.OK

    def _forget_idle(self, now: float) -> None:
        for uid in [u for u, ev in self._events.items() if not ev or ev[-1] <= now - self.window]:
            self._events.pop(uid, None)
        for uid in [u for u, t in self._muted_until.items() if t <= now]:
            self._muted_until.pop(uid, None)


class FloodMiddleware(BaseMiddleware):
    """Outer update middleware around :class:`FloodControl` (see the module docstring)."""

    def __init__(self, flood: FloodControl, catalog: Catalog, default_language: str) -> None:
        self.flood = flood
        self.catalog = catalog
        self.default_language = default_language

    def _slow_down(self, user: TgUser) -> str:
        lang = language_for(None, user.language_code, self.default_language)
        return self.catalog.text(lang, "flood-slow-down")

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        user: TgUser | None = data.get("event_from_user")
        if user is None:
            return await handler(event, data)
        if event.callback_query is not None:
            if not self.flood.muted(user.id):
                return await handler(event, data)
            await self._toast(event.callback_query, user)
            return None
        message = event.message
        if message is None:
            return await handler(event, data)
        verdict = self.flood.check(user.id)
        if verdict is Verdict.OK:
            return await handler(event, data)
        if verdict is Verdict.WARN:
            log.info("flood control muted a user for %ss", self.flood.mute)
            if message.chat.type == "private":
                await self._tell(message, user)
        return None

    async def _toast(self, query: CallbackQuery, user: TgUser) -> None:
        try:
            await query.answer(self._slow_down(user))
        except TelegramAPIError:
            log.debug("could not answer a press while muted")

    async def _tell(self, message: Message, user: TgUser) -> None:
        try:
            await message.answer(self._slow_down(user))
        except TelegramAPIError:
            log.debug("could not tell a muted user to slow down")

"""How many updates are handled at once: fewer than the database pool has connections.

aiogram handles every polled update as its own task and the webhook serves every request at once,
so a burst of 200 users would start 200 handlers competing for a pool of 10-25 connections; those
left waiting past the pool timeout failed (issue 17). :class:`HandlerLimit` is the dispatcher's
first outer middleware: an update waits for a slot before anything (deduplication, the user
middleware, FSM state, the handler) touches the database. Since one handler holds at most one
connection at a time (``bot.db`` refuses nested sessions in tests), ``Database.handler_limit`` slots
never exhaust the pool, and the overflow stays free for background jobs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject


class HandlerLimit(BaseMiddleware):
    """At most ``limit`` updates in their handlers at once; the rest wait their turn, in order."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"the handler limit must be at least 1, not {limit}")
        self.limit = limit
        self._slots = asyncio.Semaphore(limit)

    @property
    def busy(self) -> int:
        """Slots in use now."""
        return self.limit - self._slots._value

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        async with self._slots:
            return await handler(event, data)

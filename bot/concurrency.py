"""How many updates are handled at once: no more than the database pool has connections.

aiogram handles every polled update as its own task and the webhook serves every request at once,
so a burst of 200 users started 200 handlers competing for a pool of 10-25 connections; those left
waiting past the pool timeout failed (issue 17). :class:`HandlerLimit` wraps the dispatcher's
``feed_update``, which polling and the webhook both go through: an update waits for a slot before
anything touches the database or Redis, aiogram's own FSM middleware included (it reads the state
of every update, and redis-py refuses a 101st connection). Since one handler holds at most one
connection at a time (``bot.db`` refuses nested sessions in tests), ``Database.handler_limit``
slots never exhaust the pool, and its overflow stays free for background jobs.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher
    from aiogram.types import Update


class HandlerLimit:
    """At most ``limit`` updates in the dispatcher at once; the others wait for a slot, in order."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"the handler limit must be at least 1, not {limit}")
        self.limit = limit
        self._slots = asyncio.Semaphore(limit)

    def install(self, dp: Dispatcher) -> None:
        """Make every update ``dp`` is fed (polling or webhook) take a slot first."""
        feed = dp.feed_update

        async def feed_update(bot: Bot, update: Update, **kwargs: Any) -> Any:
            async with self._slots:
                return await feed(bot, update, **kwargs)

        dp.feed_update = feed_update  # type: ignore[method-assign]

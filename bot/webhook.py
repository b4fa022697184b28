"""Webhook mode: an aiohttp server that checks Telegram's secret header and drops re-deliveries."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from aiogram import BaseMiddleware, Bot, Dispatcher
from aiogram.types import TelegramObject, Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from sqlalchemy import delete

from bot.clock import Clock
from bot.db import Database, affected, insert_for
from bot.webhook_models import ProcessedUpdate

log = logging.getLogger(__name__)

DEFAULT_PATH = "/telegram/webhook"
KEEP_PROCESSED = timedelta(days=2)


class UpdateDeduplicator:
    """Remembers processed update ids: in Redis when there is one, else in the SQL database."""

    def __init__(self, db: Database, clock: Clock, bot_id: int, redis: Any = None) -> None:
        self.db = db
        self.clock = clock
        self.bot_id = bot_id
        self.redis = redis

    async def first_time(self, update_id: int) -> bool:
        """True exactly once per update id."""
        if self.redis is not None:
            key = f"rukun:upd:{self.bot_id}:{update_id}"
            return bool(
                await self.redis.set(key, 1, nx=True, ex=int(KEEP_PROCESSED.total_seconds()))
            )
        async with self.db.transaction() as s:
            stmt = insert_for(s, ProcessedUpdate).values(
                bot_id=self.bot_id, update_id=update_id, processed_at=self.clock.now()
            )
            result = await s.execute(stmt.on_conflict_do_nothing())
            return bool(affected(result))

    async def prune(self) -> None:
        if self.redis is not None:
            return
        async with self.db.transaction() as s:
            await s.execute(
                delete(ProcessedUpdate).where(
                    ProcessedUpdate.processed_at < self.clock.now() - KEEP_PROCESSED
                )
            )


class DedupMiddleware(BaseMiddleware):
    """Outer update middleware: an update id seen before is ignored."""

    def __init__(self, dedup: UpdateDeduplicator) -> None:
        self.dedup = dedup

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        assert isinstance(event, Update)
        if not await self.dedup.first_time(event.update_id):
            log.info("ignoring update %s: already processed", event.update_id)
            return None
        return await handler(event, data)


def webhook_path(webhook_url: str | None) -> str:
    path = urlsplit(webhook_url).path if webhook_url else ""
    return path or DEFAULT_PATH


def create_webhook_app(
    dp: Dispatcher, bot: Bot, *, secret: str | None, path: str
) -> web.Application:
    """The aiohttp app: POST ``path`` with the right secret header feeds the dispatcher.

    The dispatcher must have been created with ``dedup`` (see ``create_dispatcher``).
    """
    app = web.Application()
    SimpleRequestHandler(dp, bot, secret_token=secret, handle_in_background=False).register(
        app, path=path
    )

    async def health(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    app.router.add_get("/healthz", health)
    setup_application(app, dp, bot=bot)
    return app

"""Webhook mode: an aiohttp server that checks Telegram's secret header and handles each update
once (a re-delivery of an update that was handled is answered 200 and dropped; one whose handler
died is handled again)."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.strategy import FSMStrategy
from aiogram.methods import TelegramMethod
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.dedup import (
    IN_FLIGHT_LEASE,
    KEEP_PROCESSED,
    Claim,
    RedisProbe,
    SqlProbe,
    StateProbe,
    UpdateDeduplicator,
    Verdict,
)
from bot.sqlcount import counting, update_kind
from bot.storage import PrimedRedisStorage, PrimedStates, SqlStorage

log = logging.getLogger(__name__)

__all__ = [
    "IN_FLIGHT_LEASE",
    "KEEP_PROCESSED",
    "Claim",
    "DedupRequestHandler",
    "UpdateDeduplicator",
    "Verdict",
    "create_webhook_app",
    "storage_key_of",
    "webhook_path",
]

DEFAULT_PATH = "/telegram/webhook"
USER_IN_CHAT = FSMStrategy.USER_IN_CHAT


class DedupRequestHandler(SimpleRequestHandler):
    """Feeds each update once: claimed before handling, marked done only after it returned.

    The claim also reads the conversation state aiogram is about to read (one statement or round
    trip instead of two): see :mod:`bot.storage`. The body is parsed once.
    """

    def __init__(self, dispatcher: Dispatcher, bot: Bot, dedup: UpdateDeduplicator, **kw: Any):
        super().__init__(dispatcher, bot, **kw)
        self.dedup = dedup

    def _probe(self, bot: Bot, body: dict[str, Any]) -> tuple[PrimedStates, StateProbe] | None:
        storage = self.dispatcher.fsm.storage
        if not isinstance(storage, PrimedStates) or self.dispatcher.fsm.strategy != USER_IN_CHAT:
            return None
        key = storage_key_of(body, bot.id)
        if key is None:
            return None
        built = storage.state_key(key)
        if isinstance(storage, SqlStorage) and self.dedup.redis is None:
            return storage, SqlProbe(built, storage.state_query(built))
        if isinstance(storage, PrimedRedisStorage) and self.dedup.redis is not None:
            return storage, RedisProbe(built, built)
        return None

    async def _handle_request(self, bot: Bot, request: web.Request) -> web.Response:
        try:
            body = await request.json(loads=bot.session.json_loads)
        except ValueError:
            body = None
        update_id = body.get("update_id") if isinstance(body, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return await super()._handle_request(bot, request)
        assert isinstance(body, dict)
        with counting(update_kind(body)):
            return await self._handle_once(bot, body, update_id)

    async def _handle_once(self, bot: Bot, body: dict[str, Any], update_id: int) -> web.Response:
        probe = self._probe(bot, body)
        claim = await self.dedup.claim(update_id, probe[1] if probe else None)
        if claim.verdict is Verdict.DONE:
            log.info("ignoring update %s: already handled", update_id)
            return web.json_response({})
        if claim.verdict is Verdict.IN_FLIGHT:
            return web.Response(status=503, text="update is being handled; try again later")
        if probe is not None and claim.state is not None:
            probe[0].prime(*claim.state)
        try:
            result: TelegramMethod[Any] | None = await self.dispatcher.feed_webhook_update(
                bot, body, **self.data
            )
        except BaseException:
            await self.dedup.abandon(update_id)
            raise
        await self.dedup.finish(update_id)
        return web.Response(body=self._build_response_writer(bot=bot, result=result))


def storage_key_of(body: dict[str, Any], bot_id: int) -> StorageKey | None:
    """The FSM key aiogram gives a message or a button press (strategy USER_IN_CHAT), read from
    the raw update; None for other updates (their state is read as usual)."""
    if isinstance(query := body.get("callback_query"), dict):
        message, user = query.get("message"), query.get("from")
    elif isinstance(message := body.get("message"), dict):
        user = message.get("from")
    else:
        return None
    if not isinstance(message, dict) or not isinstance(user, dict):
        return None
    chat = message.get("chat")
    if not isinstance(chat, dict) or not isinstance(chat.get("id"), int):
        return None
    if not isinstance(user.get("id"), int) or message.get("date") == 0:  # inaccessible message
        return None
    thread = message.get("message_thread_id") if message.get("is_topic_message") else None
    business = message.get("business_connection_id") if "callback_query" in body else None
    return StorageKey(
        bot_id=bot_id,
        chat_id=chat["id"],
        user_id=user["id"],
        thread_id=thread if isinstance(thread, int) else None,
        business_connection_id=business if isinstance(business, str) else None,
    )


def webhook_path(webhook_url: str | None) -> str:
    path = urlsplit(webhook_url).path if webhook_url else ""
    return path or DEFAULT_PATH


def create_webhook_app(
    dp: Dispatcher,
    bot: Bot,
    *,
    secret: str | None,
    path: str,
    dedup: UpdateDeduplicator | None = None,
) -> web.Application:
    """The aiohttp app: POST ``path`` with the right secret header feeds the dispatcher, each
    update once when ``dedup`` is given."""
    app = web.Application()
    handler: SimpleRequestHandler
    if dedup is not None:
        handler = DedupRequestHandler(
            dp, bot, dedup, secret_token=secret, handle_in_background=False
        )
    else:
        handler = SimpleRequestHandler(dp, bot, secret_token=secret, handle_in_background=False)
    handler.register(app, path=path)

    async def health(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    app.router.add_get("/healthz", health)
    if "services" in dp.workflow_data:  # the dashboard (bot/web), under web.path
        from bot.web.serve import mount

        mount(app, dp["services"], bot.token)
    setup_application(app, dp, bot=bot)
    return app

"""Webhook mode: an aiohttp server that checks Telegram's secret header and handles each update
once (a re-delivery of an update that was handled is answered 200 and dropped; one whose handler
died is handled again)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.strategy import FSMStrategy
from aiogram.methods import TelegramMethod
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from sqlalchemy import delete, update

from bot.clock import Clock
from bot.db import Database, affected, insert_for
from bot.sqlcount import counting, update_kind
from bot.storage import PrimedRedisStorage, PrimedStates, SqlStorage
from bot.webhook_models import ProcessedUpdate

log = logging.getLogger(__name__)

DEFAULT_PATH = "/telegram/webhook"
KEEP_PROCESSED = timedelta(days=2)
#: How long a claimed update is left to the handler that claimed it before another may take it.
IN_FLIGHT_LEASE = timedelta(seconds=120)
USER_IN_CHAT = FSMStrategy.USER_IN_CHAT


class Verdict(StrEnum):
    NEW = "new"
    #: Handled and committed before: answer 200, do nothing.
    DONE = "done"
    #: Another request is handling it right now: answer 503 so Telegram asks again later.
    IN_FLIGHT = "in_flight"


@dataclass(frozen=True, slots=True)
class SqlProbe:
    """Read the conversation state under ``key`` with ``query`` (a scalar subquery)."""

    key: str
    query: Any


@dataclass(frozen=True, slots=True)
class RedisProbe:
    """Read the conversation state under ``key``, stored at ``redis_key``."""

    key: str
    redis_key: str


StateProbe = SqlProbe | RedisProbe


@dataclass(frozen=True, slots=True)
class Claim:
    verdict: Verdict
    #: (storage key, state) read with the claim, when a probe was given and the update is new
    state: tuple[str, str | None] | None = None


class UpdateDeduplicator:
    """Which update ids were handled: in Redis when there is one, else in the SQL database.

    An update is *claimed* while it is handled (a lease of ``IN_FLIGHT_LEASE``) and marked *done*
    only after its handling returned; a crash in between leaves the lease to expire, so
    Telegram's redelivery is handled instead of ignored.
    """

    def __init__(self, db: Database, clock: Clock, bot_id: int, redis: Any = None) -> None:
        self.db = db
        self.clock = clock
        self.bot_id = bot_id
        self.redis = redis

    def _key(self, update_id: int) -> str:
        return f"rukun:upd:{self.bot_id}:{update_id}"

    async def begin(self, update_id: int) -> Verdict:
        """Claim the update for handling, unless it was handled or is being handled."""
        return (await self.claim(update_id)).verdict

    async def claim(self, update_id: int, state: StateProbe | None = None) -> Claim:
        """:meth:`begin`, and the conversation state read with it.

        ``state``: a conversation state to read in the same statement (SQL: a scalar subquery
        in the claim's RETURNING) or round trip (Redis: one pipeline); ``Claim.state`` is it.
        """
        if self.redis is not None:
            return await self._begin_redis(update_id, state)
        now = self.clock.now()
        async with self.db.transaction() as s:
            stmt = insert_for(s, ProcessedUpdate).values(
                bot_id=self.bot_id, update_id=update_id, processed_at=now, done=False
            )
            stmt = stmt.on_conflict_do_nothing()
            if isinstance(state, SqlProbe):
                read = (await s.execute(stmt.returning(state.query))).first()
                if read is not None:
                    return Claim(Verdict.NEW, (state.key, read[0]))
            elif affected(await s.execute(stmt)):
                return Claim(Verdict.NEW)
            row = await s.get(ProcessedUpdate, (self.bot_id, update_id), populate_existing=True)
            if row is None:
                return Claim(Verdict.IN_FLIGHT)
            if row.done:
                return Claim(Verdict.DONE)
            if row.processed_at > now - IN_FLIGHT_LEASE:
                return Claim(Verdict.IN_FLIGHT)
            row.processed_at = now  # the earlier handler died: take its lease over
            return Claim(Verdict.NEW)

    async def _begin_redis(self, update_id: int, state: StateProbe | None) -> Claim:
        lease = int(IN_FLIGHT_LEASE.total_seconds())
        if isinstance(state, RedisProbe):
            pipe = self.redis.pipeline(transaction=False)
            pipe.set(self._key(update_id), "busy", nx=True, ex=lease)
            pipe.get(state.redis_key)
            claimed, value = await pipe.execute()
            if claimed:
                text = value.decode() if isinstance(value, bytes) else value
                return Claim(Verdict.NEW, (state.key, text))
        elif await self.redis.set(self._key(update_id), "busy", nx=True, ex=lease):
            return Claim(Verdict.NEW)
        value = await self.redis.get(self._key(update_id))
        if value is None:  # expired between the two calls
            return await self._begin_redis(update_id, None)
        return Claim(Verdict.DONE if value == b"done" else Verdict.IN_FLIGHT)

    async def finish(self, update_id: int) -> None:
        """Handled and committed: never handle it again."""
        if self.redis is not None:
            ex = int(KEEP_PROCESSED.total_seconds())
            await self.redis.set(self._key(update_id), "done", ex=ex)
            return
        async with self.db.transaction() as s:
            await s.execute(
                update(ProcessedUpdate)
                .where(
                    ProcessedUpdate.bot_id == self.bot_id, ProcessedUpdate.update_id == update_id
                )
                .values(done=True, processed_at=self.clock.now())
            )

    async def abandon(self, update_id: int) -> None:
        """Handling failed: let Telegram's redelivery be handled."""
        if self.redis is not None:
            await self.redis.delete(self._key(update_id))
            return
        async with self.db.transaction() as s:
            await s.execute(
                delete(ProcessedUpdate).where(
                    ProcessedUpdate.bot_id == self.bot_id,
                    ProcessedUpdate.update_id == update_id,
                    ProcessedUpdate.done.is_(False),
                )
            )

    async def prune(self) -> None:
        if self.redis is not None:
            return
        async with self.db.transaction() as s:
            await s.execute(
                delete(ProcessedUpdate).where(
                    ProcessedUpdate.processed_at < self.clock.now() - KEEP_PROCESSED
                )
            )


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

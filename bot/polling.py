"""Updates are decoded one by one: one that aiogram cannot read is set aside, not fatal.

aiogram decodes a whole ``getUpdates`` answer as ``list[Update]``; one update it cannot read (a
forward from a hidden sender with no ``sender_user_name``, aiogram issues #1840/#1587/#1890, or any
JSON its models refuse) fails the whole answer, the offset never moves and the bot answers nobody.

Here the session asks Telegram for raw JSON (:class:`RawGetUpdates`), :class:`UpdateDecoder`
validates each update by itself, and an update that fails is set aside: the offset moves past it,
the ops chat hears of it once per kind of fault (update id and what failed, no content), and the
others are handled. An update with a number no Telegram id can have (beyond 64 bits) is set aside
the same way, before it reaches the database. A kind of update aiogram does not know is skipped.

:class:`FetchHealth` watches the polls: when fetching fails it backs off, logs once a minute, and
after a minute of failing tells the ops chat (and again when it recovers); ``healthy`` and
``status()`` are the health signal. In webhook mode the same decoder reads each request body:
an update that cannot be read is answered 200 (Telegram would redeliver it forever otherwise).

:class:`GuardedDispatcher` wires both in: polling through its ``start_polling``, webhooks through
``feed_webhook_update`` / ``feed_raw_update``.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any, cast

from aiogram import Bot, Dispatcher
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import GetUpdates, Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import Update
from aiogram.types.update import UpdateTypeLookupError
from pydantic import ValidationError

from bot.clock import Clock
from bot.ops import OpsAlerts

log = logging.getLogger(__name__)

#: Telegram's ids fit in 64 bits (user and chat ids in 52); anything larger is not Telegram's.
MAX_ID = 2**63 - 1
#: Fetching that fails this long is reported to the ops chat; the log says so once per interval.
ALERT_AFTER = timedelta(minutes=1)
LOG_EVERY = timedelta(minutes=1)
MAX_BACKOFF = 5.0

RawUpdate = dict[str, Any]


class RawGetUpdates(TelegramMethod[list[RawUpdate]]):
    """``getUpdates`` answered as plain JSON objects, decoded later one by one."""

    __returning__ = list[RawUpdate]
    __api_method__ = "getUpdates"

    offset: int | None = None
    limit: int | None = None
    timeout: int | None = None
    allowed_updates: list[str] | None = None


def _too_large(value: Any, path: str = "", depth: int = 0) -> str | None:
    """The path of the first int beyond 64 bits in a JSON value (None when there is none)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return path or "update" if not -MAX_ID - 1 <= value <= MAX_ID else None
    if depth > 32:
        return None
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _too_large(item, f"{path}.{key}" if path else str(key), depth + 1)
        if found is not None:
            return found
    return None


def _first_problem(exc: ValidationError) -> str:
    """Where and what (``message.forward_origin.hidden_user.sender_user_name: missing``), never
    the input value, which is the user's."""
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    if not errors:
        return "invalid"
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"])[:200]
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first['type']}{more}"


def update_id_of(raw: Any) -> int | None:
    value = raw.get("update_id") if isinstance(raw, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class UpdateDecoder:
    """Raw JSON → :class:`Update`, or None for one that is set aside (with an ops alert)."""

    def __init__(self, ops: OpsAlerts) -> None:
        self.ops = ops
        #: Updates set aside since the process started.
        self.set_aside = 0

    async def decode(self, bot: Bot, raw: Any) -> Update | None:
        update_id = update_id_of(raw)
        problem = self._problem(bot, raw)
        if isinstance(problem, Update):
            try:
                problem.event_type  # noqa: B018 - raises for a kind aiogram does not know
            except UpdateTypeLookupError:
                log.info("skipping update %s: a kind of update this bot does not know", update_id)
                return None
            return problem
        self.set_aside += 1
        log.warning("update %s set aside: %s", update_id, problem)
        await self.ops.alert(
            bot,
            f"undecodable update: {problem}",
            "error-ops-undecodable-update",
            update_id=str(update_id) if update_id is not None else "?",
            error=problem,
        )
        return None

    def _problem(self, bot: Bot, raw: Any) -> Update | str:
        if not isinstance(raw, dict):
            return f"not a JSON object ({type(raw).__name__})"
        if update_id_of(raw) is None:
            return "no update_id"
        where = _too_large(raw)
        if where is not None:
            return f"{where}: number beyond 64 bits"
        try:
            return Update.model_validate(raw, context={"bot": bot})
        except ValidationError as exc:
            return _first_problem(exc)


class FetchHealth:
    """Whether polling reaches Telegram: backoff, a log line a minute, ops alerts."""

    def __init__(self, ops: OpsAlerts, clock: Clock) -> None:
        self.ops = ops
        self.clock = clock
        self.failing_since: datetime | None = None
        self.failures = 0
        self.last_error = ""
        self._logged_at: datetime | None = None
        self._alerted = False

    @property
    def healthy(self) -> bool:
        """False once fetching has failed for :data:`ALERT_AFTER` without a success."""
        return self.failing_since is None or self.clock.now() - self.failing_since < ALERT_AFTER

    def status(self) -> dict[str, Any]:
        """The health signal: ``{"ok", "failures", "failing_seconds", "error"}``."""
        since = self.failing_since
        return {
            "ok": self.healthy,
            "failures": self.failures,
            "failing_seconds": (self.clock.now() - since).total_seconds() if since else 0.0,
            "error": self.last_error,
        }

    def backoff(self) -> float:
        return min(0.5 * 2 ** min(self.failures - 1, 4), MAX_BACKOFF)

    def _minutes(self) -> int:
        assert self.failing_since is not None
        return int((self.clock.now() - self.failing_since).total_seconds() // 60)

    async def failed(self, bot: Bot, exc: BaseException) -> None:
        now = self.clock.now()
        self.failures += 1
        self.last_error = type(exc).__name__
        if self.failing_since is None:
            self.failing_since = now
        if self._logged_at is None or now - self._logged_at >= LOG_EVERY:
            self._logged_at = now
            log.warning(
                "cannot fetch updates (%s failures in %s min): %s",
                self.failures,
                self._minutes(),
                self.last_error,
            )
        if not self.healthy and not self._alerted:
            self._alerted = await self.ops.alert(
                bot,
                "fetching updates fails",
                "error-ops-fetch-failing",
                minutes=max(self._minutes(), 1),
                error=self.last_error,
            )

    async def succeeded(self, bot: Bot) -> None:
        if self.failing_since is None:
            return
        minutes = self._minutes()
        log.info("fetching updates works again after %s failures", self.failures)
        if self._alerted:
            await self.ops.alert(
                bot, "fetching updates recovered", "error-ops-fetch-recovered", minutes=minutes
            )
        self.failing_since, self._logged_at, self._alerted = None, None, False
        self.failures, self.last_error = 0, ""


class UpdateFetcher(BaseRequestMiddleware):
    """Session middleware: answers aiogram's ``GetUpdates`` with the updates that decode.

    The updates set aside after the last one returned are confirmed by moving the next poll's
    offset past them. A failed poll backs off here and returns no updates, so aiogram's loop
    neither logs nor retries it on its own.
    """

    def __init__(self, decoder: UpdateDecoder, health: FetchHealth) -> None:
        self.decoder = decoder
        self.health = health
        self._skip_to = 0

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if not isinstance(method, GetUpdates):
            return await make_request(bot, method)
        if self._skip_to and (method.offset is None or method.offset < self._skip_to):
            method.offset = self._skip_to
        raw_method = RawGetUpdates(
            offset=method.offset,
            limit=method.limit,
            timeout=method.timeout,
            allowed_updates=method.allowed_updates,
        )
        fetch = cast(NextRequestMiddlewareType[list[RawUpdate]], make_request)
        try:
            response = await fetch(bot, raw_method)
        except Exception as exc:
            await self.health.failed(bot, exc)
            await asyncio.sleep(self.health.backoff())
            return cast(Response[TelegramType], [])
        await self.health.succeeded(bot)
        updates: list[Update] = []
        # aiogram's session chain passes the decoded ``result`` along, not the ``Response``
        # its annotations name (``BaseSession.make_request`` returns ``response.result``).
        for raw in cast(list[RawUpdate], response) or []:
            update = await self.decoder.decode(bot, raw)
            if update is not None:
                updates.append(update)
                continue
            update_id = update_id_of(raw)
            if update_id is not None and update_id >= self._skip_to:
                self._skip_to = update_id + 1
        return cast(Response[TelegramType], updates)


class GuardedDispatcher(Dispatcher):
    """A Dispatcher that reads updates through :class:`UpdateDecoder` in both modes."""

    def __init__(self, *, ops: OpsAlerts, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.decoder = UpdateDecoder(ops)
        self.fetch_health = FetchHealth(ops, ops.clock)
        self._guarded: set[int] = set()

    def guard(self, bot: Bot) -> None:
        """Install the fetcher on the bot's session (once)."""
        if id(bot.session) in self._guarded:
            return
        self._guarded.add(id(bot.session))
        bot.session.middleware(UpdateFetcher(self.decoder, self.fetch_health))

    async def start_polling(self, *bots: Bot, **kwargs: Any) -> None:
        for bot in bots:
            self.guard(bot)
        await super().start_polling(*bots, **kwargs)

    async def feed_webhook_update(
        self, bot: Bot, update: Update | dict[str, Any], _timeout: float = 55, **kwargs: Any
    ) -> TelegramMethod[TelegramType] | None:
        if not isinstance(update, Update):
            decoded = await self.decoder.decode(bot, update)
            if decoded is None:
                return None  # answered 200 with an empty body: Telegram will not redeliver it
            update = decoded
        return await super().feed_webhook_update(bot, update, _timeout=_timeout, **kwargs)

    async def feed_raw_update(self, bot: Bot, update: dict[str, Any], **kwargs: Any) -> Any:
        decoded = await self.decoder.decode(bot, update)
        if decoded is None:
            return None
        return await self.feed_update(bot, decoded, **kwargs)

"""The Redis client of one process: timeouts, retries with backoff, a start-up check, quiet outages.

``connect(url)`` makes the client every part of the bot shares (conversation storage, job locks,
webhook dedup, rate limits): a connection attempt or a command that gets no answer gives up after
``SOCKET_TIMEOUT`` seconds and is retried ``RETRIES`` times with exponential backoff, so a Redis
restart of a second or two goes unnoticed. ``check(url)`` is the start-up check of ``rukun run``,
``webhook`` and ``worker``: they refuse to start when Redis cannot be reached. Later outages are
logged once a minute (:class:`OutageLogFilter`), not once per failed update.
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import urlsplit

#: Seconds to wait for a connection, and for the answer to one command.
CONNECT_TIMEOUT = 3.0
SOCKET_TIMEOUT = 5.0
#: Retries of a command that failed on a connection error or a timeout (backoff 0.1 s … 1 s).
RETRIES = 3
#: One warning per this many seconds while Redis stays unreachable.
OUTAGE_LOG_SECONDS = 60.0

SCHEMES = ("redis", "rediss", "unix")


class RedisUrlError(ValueError):
    """``REDIS_URL`` cannot be parsed; the message says why (never the password)."""


def check_url(url: str) -> None:
    """Raise :class:`RedisUrlError` unless ``url`` is a Redis URL redis-py can use."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # e.g. a port that is not a number
        raise RedisUrlError(f"not a valid URL ({exc})") from None
    if parts.scheme not in SCHEMES:
        raise RedisUrlError(
            "must start with redis://, rediss:// or unix:// (e.g. redis://localhost:6379/0)"
        )
    if parts.scheme == "unix":
        if not parts.path:
            raise RedisUrlError("unix:// needs a socket path (unix:///run/redis.sock)")
        return
    if not parts.hostname:
        raise RedisUrlError("has no host name (e.g. redis://localhost:6379/0)")
    if port == 0:
        raise RedisUrlError("port 0 is not a port")
    database = parts.path.strip("/")
    if database and not database.isdigit():
        raise RedisUrlError(f"the database after the host must be a number, got {database!r}")


def where(url: str) -> str:
    """``host:port`` (or the socket path) of ``url``, without credentials, for messages."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return parts.path
    return f"{parts.hostname}:{parts.port or 6379}"


def connect(url: str) -> Any:
    """A ``redis.asyncio.Redis`` for ``url`` with timeouts and retries (no I/O until first use)."""
    from redis.asyncio import Redis
    from redis.asyncio.retry import Retry
    from redis.backoff import ExponentialBackoff
    from redis.exceptions import ConnectionError, TimeoutError

    check_url(url)
    return Redis.from_url(
        url,
        socket_connect_timeout=CONNECT_TIMEOUT,
        socket_timeout=SOCKET_TIMEOUT,
        retry=Retry(ExponentialBackoff(cap=1.0, base=0.1), RETRIES),
        retry_on_error=[ConnectionError, TimeoutError],
        health_check_interval=30,
    )


async def check(url: str) -> str | None:
    """None when Redis at ``url`` answers PING, else one line saying what is wrong."""
    from redis.exceptions import RedisError

    client = connect(url)
    try:
        await client.ping()
    except (RedisError, OSError) as exc:
        return f"cannot reach Redis at {where(url)} ({exc})"
    finally:
        await client.aclose()
    return None


def outage_of(exc: BaseException | None) -> BaseException | None:
    """The Redis connection error or timeout that ``exc`` is or was caused by, if any."""
    from redis.exceptions import ConnectionError, TimeoutError

    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, ConnectionError | TimeoutError):
            return exc
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


class OutageLogFilter(logging.Filter):
    """Lets through one warning a minute while Redis is unreachable, instead of one per failure.

    A record whose exception is a Redis connection error or timeout is turned into a one-line
    warning (no traceback) the first time, then dropped for ``interval`` seconds; the next one
    that passes says how many were dropped.
    """

    def __init__(self, interval: float = OUTAGE_LOG_SECONDS, clock: Any = time.monotonic) -> None:
        super().__init__()
        self.interval = interval
        self.clock = clock
        self._next = 0.0
        self._dropped = 0

    def filter(self, record: logging.LogRecord) -> bool:
        outage = outage_of(record.exc_info[1] if record.exc_info else None)
        if outage is None:
            return True
        now = self.clock()
        if now < self._next:
            self._dropped += 1
            return False
        dropped, self._dropped, self._next = self._dropped, 0, now + self.interval
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        what = record.getMessage()
        record.msg = (
            "Redis is unreachable (%s: %s) while: %s; logged once a minute, "
            "%d more since the last time"
        )
        record.args = (type(outage).__name__, outage, what, dropped)
        record.exc_info = record.exc_text = None
        return True


def quiet_outages() -> OutageLogFilter:
    """Put one :class:`OutageLogFilter` on every handler of the root logger; returns it."""
    outage = OutageLogFilter()
    for handler in logging.getLogger().handlers:
        handler.addFilter(outage)
    return outage

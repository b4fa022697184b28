"""A Redis outage after start-up (issue 17): the client gives up within its timeouts and retries,
and the log gets one warning a minute instead of one traceback per failed update or job."""

from __future__ import annotations

import asyncio
import logging
import sys

import pytest

from bot.redis_client import OutageLogFilter, connect
from tests.support.servers import redis_bin, redis_server

pytestmark = pytest.mark.skipif(redis_bin() is None, reason="redis-server is not installed")


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def test_an_outage_is_one_warning_a_minute() -> None:
    now = [1000.0]
    handler = Records()
    handler.addFilter(OutageLogFilter(clock=lambda: now[0]))
    log = logging.getLogger("tests.redis_outage")
    log.addHandler(handler)
    log.propagate = False
    with redis_server() as url:
        client = connect(url)
        await client.set("draft", "kept")
        assert await client.get("draft") == b"kept"
    try:  # the server is gone: every command fails after its retries, none hangs
        failures: list[BaseException] = []
        for _ in range(3):
            try:
                await asyncio.wait_for(client.get("draft"), timeout=30)
            except Exception as exc:  # what a handler or a job would let escape
                failures.append(exc)
        assert len(failures) == 3
        for i in range(600):  # an update or a job failing again and again
            try:
                raise RuntimeError("update failed") from failures[i % 3]
            except RuntimeError:
                log.exception("update %s failed", i)
        log.error("something else broke")  # not Redis: logged as it is
        now[0] += 61
        try:
            raise failures[0]
        except Exception:
            log.exception("job failed")
    finally:
        await client.aclose()
        log.removeHandler(handler)

    first, other, later = handler.records
    assert first.levelno == logging.WARNING and first.exc_info is None
    assert first.getMessage().startswith("Redis is unreachable (ConnectionError")
    assert "0 more since the last time" in first.getMessage()
    assert other.getMessage() == "something else broke" and other.levelno == logging.ERROR
    assert "599 more since the last time" in later.getMessage()


def test_other_errors_keep_their_traceback() -> None:
    outage = OutageLogFilter(clock=lambda: 0.0)
    try:
        raise ValueError("not Redis")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    assert outage.filter(record) is True
    assert record.exc_info is not None and record.levelno == logging.ERROR

"""A delivery's error column and the logs never hold the bot token, whatever the error said."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from sqlalchemy import select

from bot.broadcasting.models import Delivery
from bot.broadcasting.segments import Segment
from bot.logs import RedactingFormatter, redact
from tests.broadcasting.support import FAST, audience, finished
from tests.support.harness import TOKEN, Harness


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"broadcasts": {**FAST, "max_attempts": 2}}


async def test_the_error_column_never_stores_the_token(harness: Harness) -> None:
    [user] = await audience(harness, 1)
    service = harness.services.broadcasts
    bid = await service.create(text="Coba", segment=Segment(user_ids=[user]), created_by=None)
    leak = f"Bad Gateway: upstream https://api.telegram.org/bot{TOKEN}/sendMessage"
    await harness.emu.fail_next(5, error_code=502, description=leak, method="sendMessage")
    await service.schedule(bid)
    progress = await finished(harness, bid)
    assert progress.failed == 1
    async with harness.services.db.session() as s:
        error = await s.scalar(select(Delivery.error).where(Delivery.user_id == user))
    assert error is not None and "gave up" in error and "Bad Gateway" in error
    assert TOKEN not in error and TOKEN.split(":")[1] not in error


def test_log_lines_and_tracebacks_are_redacted() -> None:
    real = "7123456789:AAHk3Jd8s9dkf0sdkfj3kdlsfj39dkslfj3"
    assert redact(f"GET /bot{TOKEN}/getMe and {real}") == "GET /bot<token>/getMe and bot<token>"
    formatter = RedactingFormatter("%(message)s")
    try:
        raise RuntimeError(f"Cannot reach https://api.telegram.org/bot{real}/sendMessage")
    except RuntimeError:
        import sys

        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "url %s", (real,), sys.exc_info()
        )
    line = formatter.format(record)
    assert real not in line and "Cannot reach" in line

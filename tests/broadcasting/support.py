"""Helpers of the broadcasting tests: audiences the bot may write to, and waiting for outcomes."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from typing import Any

from bot.people.models import Role
from tests.support.harness import Harness

_ids = itertools.count(700_000)

FAST = {
    "rate_per_second": 30,
    "poll_interval": 0.05,
    "retry_backoff": 0.01,
    "retry_backoff_max": 0.05,
    "batch_size": 10,
    "concurrency": 4,
}


async def audience(
    h: Harness,
    n: int,
    *,
    role: Role | None = None,
    region: str | None = None,
    language: str | None = None,
) -> list[int]:
    """``n`` users known to the bot (as if they had written once) and to the emulator."""
    ids = [next(_ids) for _ in range(n)]
    await h.emu.register_users(
        *({"id": i, "first_name": f"Warga{i}", "is_bot": False} for i in ids)
    )
    people = h.services.people
    for i in ids:
        await people.touch(i, first_name=f"Warga{i}", telegram_language="id")
        if role is not None:
            await people.grant(i, role, by="test")
        if region is not None:
            await people.set_region(i, region)
        if language is not None:
            await people.set_language(i, language)
    return ids


async def eventually(
    check: Callable[[], Awaitable[Any]], *, timeout: float = 20.0, every: float = 0.05
) -> Any:
    """Poll ``check`` until it returns something truthy (then return it) or fail after timeout."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = await check()
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s (last value {value!r})")
        await asyncio.sleep(every)


async def finished(h: Harness, broadcast_id: int, state: str = "completed") -> Any:
    """Wait until the broadcast reaches ``state``; returns its progress."""
    service = h.services.broadcasts

    async def check() -> Any:
        p = await service.progress(broadcast_id)
        return p if p.state == state else None

    return await eventually(check)


async def received(h: Harness, user_ids: list[int]) -> dict[int, int]:
    """How many bot messages each user has in their chat."""
    return {u: len(await h.emu.bot_messages(u)) for u in user_ids}

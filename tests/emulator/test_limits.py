"""Rate limits (429), blocked users (403), injected failures and throughput."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.emulator import EmulatorClient, EmulatorState
from bot.emulator.limits import RateLimiter, SlidingWindow

from .conftest import TOKEN


def test_sliding_window_wait_time() -> None:
    window = SlidingWindow(2, 1.0)
    assert window.wait_time(10.0) == 0
    window.record(10.0)
    window.record(10.4)
    assert window.wait_time(10.5) == pytest.approx(0.5)
    assert window.wait_time(10.9) == pytest.approx(0.1)
    assert window.wait_time(11.0) == 0  # the 10.0 event has left the window


def test_limiter_retry_after_is_ceil_and_not_recorded() -> None:
    limiter = RateLimiter()
    limiter.configure(per_group_per_minute=2)
    limiter.acquire(-1, now=0.0)
    limiter.acquire(-1, now=1.0)
    with pytest.raises(Exception) as info:
        limiter.acquire(-1, now=1.5)
    assert getattr(info.value, "retry_after", None) == 59  # ceil(60 - 1.5)
    limiter.acquire(-1, now=60.5)


@pytest.mark.asyncio
async def test_per_chat_limit_gives_429(
    tg: Bot, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.register_users(user)
    await client.set_limits(per_chat_per_second=1)
    await tg.send_message(user["id"], "satu")
    with pytest.raises(TelegramRetryAfter) as info:
        await tg.send_message(user["id"], "dua")
    assert info.value.retry_after == 1
    assert "Too Many Requests: retry after 1" in info.value.message
    stats = await client.stats()
    assert (stats["sent"], stats["rate_limited"]) == (1, 1)
    assert stats["per_chat"] == {str(user["id"]): 1}
    assert [c["error_code"] for c in await client.calls("sendMessage")] == [None, 429]
    assert [m["text"] for m in await client.bot_messages(user["id"])] == [
        "satu"
    ]  # the 429 call did nothing
    await client.set_limits(enabled=False)
    await tg.send_message(user["id"], "dua")


@pytest.mark.asyncio
async def test_global_limit(tg: Bot, client: EmulatorClient) -> None:
    users = [{"id": 2000 + i, "first_name": f"U{i}"} for i in range(5)]
    await client.register_users(*users)
    await client.set_limits(global_per_second=3)
    outcomes = []
    for u in users:
        try:
            await tg.send_message(u["id"], "info")
            outcomes.append("ok")
        except TelegramRetryAfter as exc:
            outcomes.append(exc.retry_after)
    assert outcomes == ["ok", "ok", "ok", 1, 1]
    assert (await client.stats())["rate_limited"] == 2


@pytest.mark.asyncio
async def test_group_limit_per_minute(
    tg: Bot, client: EmulatorClient, group: dict[str, Any]
) -> None:
    await client.register_chat(group)
    await client.set_limits(per_group_per_minute=2)
    await tg.send_message(group["id"], "a")
    await tg.send_message(group["id"], "b")
    with pytest.raises(TelegramRetryAfter) as info:
        await tg.send_message(group["id"], "c")
    assert 55 <= info.value.retry_after <= 60


@pytest.mark.asyncio
async def test_blocked_and_deactivated(
    tg: Bot, client: EmulatorClient, user: dict[str, Any]
) -> None:
    other = {"id": 3003, "first_name": "Budi"}
    await client.register_users(user, other)
    await client.set_blocked(user["id"])
    await client.set_blocked(other["id"], deactivated=True)
    with pytest.raises(TelegramForbiddenError, match="Forbidden: bot was blocked by the user"):
        await tg.send_message(user["id"], "halo")
    with pytest.raises(TelegramForbiddenError, match="Forbidden: user is deactivated"):
        await tg.send_message(other["id"], "halo")
    assert (await client.stats())["forbidden"] == 2
    await client.set_blocked(user["id"], blocked=False)
    await tg.send_message(user["id"], "halo lagi")


@pytest.mark.asyncio
async def test_fail_next(tg: Bot, client: EmulatorClient, user: dict[str, Any]) -> None:
    await client.register_users(user)
    await client.fail_next(2, method="sendMessage")
    await tg.get_me()  # other methods are unaffected
    for _ in range(2):
        with pytest.raises(TelegramServerError, match="Internal Server Error"):
            await tg.send_message(user["id"], "x")
    await tg.send_message(user["id"], "x")
    await client.fail_next(1, error_code=502, description="Bad Gateway")
    with pytest.raises(TelegramServerError, match="Bad Gateway"):
        await tg.get_me()
    await client.fail_next(1, drop_connection=True)
    with pytest.raises(TelegramNetworkError):
        await tg.send_message(user["id"], "y")
    await tg.send_message(user["id"], "z")
    assert [m["text"] for m in await client.bot_messages(user["id"])] == ["x", "z"]
    assert (await client.stats())["injected_failures"] == 4


@pytest.mark.asyncio
async def test_tokens_are_isolated(
    emu_url: str, tg: Bot, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.register_users(user)
    async with EmulatorClient(emu_url, "7:other") as other:
        await other.fail_next(5)
        await tg.send_message(user["id"], "tidak terpengaruh")
        assert await other.calls() == []


@pytest.mark.asyncio
async def test_broadcast_burst(tg: Bot, client: EmulatorClient, emu_state: EmulatorState) -> None:
    """Many concurrent sends all land, in per-chat order; no timing assertions."""
    users = [{"id": 10_000 + i, "first_name": f"W{i}"} for i in range(300)]
    await client.register_users(*users)
    results = await asyncio.gather(*(tg.send_message(u["id"], f"pesan {u['id']}") for u in users))
    assert {m.chat.id for m in results} == {u["id"] for u in users}
    stats = await client.stats()
    assert stats["sent"] == 300 and stats["by_method"]["sendMessage"] == 300
    assert len(emu_state.bot(TOKEN).calls) == 300

"""Every fault after a message may have gone out is counted: copies are bounded, nothing loops.

Faults injected: an answer that cannot be read (the emulator sends the message, then a broken
body), an answer that comes too late (timeout after the send), a dropped connection after the send,
a database that fails while outcomes are recorded, and an exception of the bot's own code.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select

from bot.broadcasting.models import Delivery, DeliveryStatus
from bot.broadcasting.segments import Segment
from bot.broadcasting.store import DeliveryStore
from tests.broadcasting.support import FAST, audience, finished
from tests.support.harness import Harness

TEXT = "Siaran uji gangguan"
MAX_ATTEMPTS = 3


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"broadcasts": {**FAST, "max_attempts": MAX_ATTEMPTS, "send_timeout": 0.5}}


async def _broadcast(h: Harness, users: list[int]) -> int:
    service = h.services.broadcasts
    bid = await service.create(text=TEXT, segment=Segment(user_ids=users), created_by=None)
    await service.schedule(bid)
    return bid


async def _copies(h: Harness, users: list[int]) -> Counter[int]:
    copies: Counter[int] = Counter()
    for uid in users:
        copies[uid] = sum(TEXT in (m.get("text") or "") for m in await h.emu.bot_messages(uid))
    return copies


async def _row(h: Harness, user_id: int) -> Any:
    async with h.services.db.session() as s:
        return (
            await s.execute(
                select(Delivery.status, Delivery.attempts, Delivery.error).where(
                    Delivery.user_id == user_id
                )
            )
        ).one()


@pytest.mark.parametrize(
    ("after", "hold", "reason"),
    [
        ("corrupt", 0.0, "ClientDecodeError"),
        ("hold", 1.5, "TimeoutError"),
        ("drop", 0.0, "TelegramNetworkError"),
    ],
)
async def test_an_unknown_outcome_every_time_ends_failed_after_max_attempts(
    harness: Harness, after: str, hold: float, reason: str
) -> None:
    [user] = await audience(harness, 1)
    await harness.emu.fail_next(
        50, method="sendMessage", after=after, hold_seconds=hold, error_code=500
    )
    bid = await _broadcast(harness, [user])
    progress = await finished(harness, bid)
    assert (progress.sent, progress.failed) == (0, 1)
    copies = await _copies(harness, [user])
    assert copies[user] == MAX_ATTEMPTS  # each try reached Telegram; none beyond the maximum
    status, attempts, error = await _row(harness, user)
    assert status == DeliveryStatus.FAILED and attempts == MAX_ATTEMPTS
    assert error.startswith("gave up") and reason in error


async def test_one_unknown_outcome_then_success_is_sent_with_two_attempts(
    harness: Harness,
) -> None:
    users = await audience(harness, 3)
    await harness.emu.fail_next(1, method="sendMessage", after="corrupt")
    bid = await _broadcast(harness, users)
    progress = await finished(harness, bid)
    assert (progress.sent, progress.failed) == (3, 0)
    copies = await _copies(harness, users)
    assert sorted(copies.values()) == [1, 1, 2]  # the one unreadable answer: one duplicate
    attempts = sorted([(await _row(harness, u)).attempts for u in users])
    assert attempts == [1, 1, 2]


async def test_a_database_failing_while_recording_loses_and_duplicates_nothing(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    users = await audience(harness, 12)
    real = DeliveryStore.record
    failures = {"left": 4}

    async def flaky(self: DeliveryStore, outcomes: Any) -> None:
        if failures["left"] > 0:
            failures["left"] -= 1
            raise ConnectionError("database went away")
        await real(self, outcomes)

    monkeypatch.setattr(DeliveryStore, "record", flaky)
    bid = await _broadcast(harness, users)
    progress = await finished(harness, bid)
    assert failures["left"] == 0
    assert (progress.sent, progress.failed) == (12, 0)
    assert set((await _copies(harness, users)).values()) == {1}


async def test_a_bug_in_the_send_path_fails_the_delivery_with_its_reason(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.broadcasting.engine import DeliveryEngine

    users = await audience(harness, 2)
    real = DeliveryEngine._send

    async def sent_then_broken(self: DeliveryEngine, claim: Any) -> Any:
        await real(self, claim)  # the message goes out…
        raise KeyError("boom")  # …and then our own code fails

    monkeypatch.setattr(DeliveryEngine, "_send", sent_then_broken)
    bid = await _broadcast(harness, users)
    progress = await finished(harness, bid)
    assert (progress.sent, progress.failed) == (0, 2)
    copies = await _copies(harness, users)
    assert set(copies.values()) == {MAX_ATTEMPTS}
    _status, _attempts, error = await _row(harness, users[0])
    assert "KeyError" in error


async def test_sends_stop_at_the_duplicate_bound_while_nothing_is_recorded(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The crash bound is enforced: with the database not answering, at most
    ``crash_duplicate_bound`` messages leave (all a kill -9 could re-send), then sending waits;
    once the database answers, everyone gets exactly one copy."""
    import asyncio

    from bot.broadcasting.engine import crash_duplicate_bound
    from tests.broadcasting.support import eventually

    bound = crash_duplicate_bound(harness.services.settings.broadcasts)
    users = await audience(harness, bound * 3)
    real = DeliveryStore.record
    answers = asyncio.Event()

    async def slow(self: DeliveryStore, outcomes: Any) -> None:
        await answers.wait()
        await real(self, outcomes)

    monkeypatch.setattr(DeliveryStore, "record", slow)
    bid = await _broadcast(harness, users)

    async def sent() -> int:
        return sum((await _copies(harness, users)).values())

    await eventually(lambda: _at_least(sent, bound))
    await asyncio.sleep(1.0)  # at 30/s a whole bound more would have left by now
    assert await sent() == bound
    answers.set()
    progress = await finished(harness, bid)
    assert progress.sent == len(users)
    assert set((await _copies(harness, users)).values()) == {1}


async def _at_least(count: Any, n: int) -> bool:
    return bool(await count() >= n)

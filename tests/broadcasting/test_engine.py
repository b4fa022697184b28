"""The delivery engine under pressure: cancel, opt-out while sending, 429 storms, crashes, two
workers. Broadcasts here are small (tens of recipients) so the tests stay fast."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select

from bot.broadcasting.models import Delivery, DeliveryStatus
from bot.broadcasting.segments import Segment
from bot.broadcasting.store import DeliveryStore
from bot.runtime import Runtime
from tests.broadcasting.support import FAST, audience, eventually, finished, received
from tests.support.harness import Harness

TEXT = "Siaran uji: Hari Toleransi Internasional"


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"broadcasts": {**FAST, "rate_per_second": 10, "lease_seconds": 1}}


async def _start(h: Harness, users: list[int]) -> int:
    service = h.services.broadcasts
    bid = await service.create(text=TEXT, segment=Segment(user_ids=users), created_by=None)
    await service.schedule(bid)
    return bid


async def _sent(h: Harness, bid: int) -> int:
    return (await h.services.broadcasts.progress(bid)).sent


async def _broadcast_copies(h: Harness, users: list[int]) -> Counter[int]:
    copies: Counter[int] = Counter()
    for uid in users:
        for m in await h.emu.bot_messages(uid):
            if TEXT in (m.get("text") or ""):
                copies[uid] += 1
    return copies


async def test_cancel_half_way_stops_sending(harness: Harness) -> None:
    users = await audience(harness, 40)
    bid = await _start(harness, users)
    await eventually(lambda: _at_least(harness, bid, 10))
    await harness.services.broadcasts.cancel(bid)
    progress = await finished(harness, bid, "cancelled")
    sent_then = progress.sent
    await eventually(lambda: _quiet(harness, bid))
    # a send in flight at the cancel is recorded when its answer comes (its row is skipped
    # already, so "quiet" does not wait for it): wait until every copy out there is recorded
    await eventually(lambda: _recorded(harness, bid, users), timeout=10)
    final = await harness.services.broadcasts.progress(bid)
    assert 10 <= final.sent < 40
    assert final.sent <= sent_then + FAST["concurrency"]  # only those already in flight
    assert final.skipped == 40 - final.sent and final.pending == 0
    assert sum((await _broadcast_copies(harness, users)).values()) == final.sent


async def test_opting_out_takes_effect_during_a_running_broadcast(harness: Harness) -> None:
    users = await audience(harness, 30)
    bid = await _start(harness, users)
    await eventually(lambda: _at_least(harness, bid, 5))
    async with harness.services.db.session() as s:
        pending = (
            await s.scalars(
                select(Delivery.user_id)
                .where(Delivery.broadcast_id == bid, Delivery.status == DeliveryStatus.PENDING)
                .order_by(Delivery.id.desc())
                .limit(3)
            )
        ).all()
    assert len(pending) == 3
    for uid in pending:
        reply = await harness.user(f"Warga{uid}", user_id=uid).send("/berhenti")
        assert "berhenti" in reply[0]["text"].lower() or reply
    progress = await finished(harness, bid)
    assert progress.skipped == 3 and progress.sent == 27
    copies = await _broadcast_copies(harness, users)
    assert all(copies[uid] == 0 for uid in pending)
    assert all(copies[uid] == 1 for uid in users if uid not in pending)
    # /mulai brings them back for the next broadcast
    await harness.user("Warga", user_id=pending[0]).send("/mulai")
    assert await harness.services.broadcasts.audience_count(Segment(user_ids=users)) == 28


async def test_a_429_storm_pauses_everyone_and_loses_nobody(harness: Harness) -> None:
    users = await audience(harness, 24)
    await harness.emu.set_limits(enabled=True, global_per_second=6)
    bid = await _start(harness, users)  # the engine is configured for 10/s: Telegram says no
    progress = await finished(harness, bid)
    assert (progress.sent, progress.failed) == (24, 0)
    stats = await harness.emu.stats()
    assert stats["rate_limited"] > 0
    copies = await _broadcast_copies(harness, users)
    assert all(copies[uid] == 1 for uid in users)


async def test_a_crash_mid_broadcast_resumes_without_losing_anyone(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    users = await audience(harness, 40)
    bid = await _start(harness, users)
    await eventually(lambda: _at_least(harness, bid, 12))

    async def crash_release(self: DeliveryStore, claims: list[Any]) -> None:
        """A crash gives nothing back: the claims stay until their lease runs out."""

    monkeypatch.setattr(DeliveryStore, "release", crash_release)
    await harness.stop()
    async with _db(harness) as s:
        stuck = await s.scalar(
            select(Delivery.id)
            .where(Delivery.broadcast_id == bid, Delivery.status == DeliveryStatus.SENDING)
            .limit(1)
        )
    assert stuck is not None, "the crash should leave claimed deliveries behind"
    monkeypatch.undo()
    await harness.start()
    progress = await finished(harness, bid)
    assert progress.sent == 40 and progress.failed == 0
    copies = await _broadcast_copies(harness, users)
    assert all(copies[uid] >= 1 for uid in users), "nobody is skipped"
    duplicates = sum(n - 1 for n in copies.values())
    assert duplicates <= FAST["concurrency"], "duplicates are bounded by the sends in flight"


@pytest.mark.parametrize(
    "backend",
    [pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.redis])],
    indirect=True,
)
async def test_two_workers_on_postgres_and_redis_send_each_message_once(harness: Harness) -> None:
    users = await audience(harness, 60)
    worker = Runtime(harness.settings, clock=harness.clock)
    await worker.start_worker()
    try:
        await harness.emu.set_limits(enabled=True)
        bid = await _start(harness, users)
        progress = await finished(harness, bid)
    finally:
        await worker.stop()
    assert (progress.sent, progress.failed) == (60, 0)
    copies = await _broadcast_copies(harness, users)
    calls = [
        (c["params"]["chat_id"], c["ok"], c["error_code"], round(c["at"] % 100, 3))
        for c in await harness.emu.calls("sendMessage")
        if copies[int(c["params"]["chat_id"])] != 1
    ]
    assert all(copies[uid] == 1 for uid in users), calls
    async with _db(harness) as s:
        rows = (await s.execute(select(Delivery.user_id).where(Delivery.broadcast_id == bid))).all()
    assert len(rows) == len({r.user_id for r in rows}) == 60
    assert sum((await received(harness, users)).values()) == 60


def _db(h: Harness) -> Any:
    from bot.db import Database

    class _Once:
        async def __aenter__(self) -> Any:
            self.db = Database(h.settings.database_url)
            self.cm = self.db.session()
            return await self.cm.__aenter__()

        async def __aexit__(self, *exc: Any) -> None:
            await self.cm.__aexit__(*exc)
            await self.db.dispose()

    return _Once()


async def _at_least(h: Harness, bid: int, n: int) -> bool:
    return await _sent(h, bid) >= n


async def _recorded(h: Harness, bid: int, users: list[int]) -> bool:
    copies = sum((await _broadcast_copies(h, users)).values())
    return copies == await _sent(h, bid)


async def _quiet(h: Harness, bid: int) -> bool:
    p = await h.services.broadcasts.progress(bid)
    return p.sending == 0

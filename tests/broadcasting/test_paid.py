"""Paid broadcasts through the emulator: the fast path sends what aiogram would send, chats are
reserved per claimed batch (in one Redis command with Redis) and still get at most one message a
second, and Telegram's refusals are read as on the ordinary path."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select

from bot.broadcasting.models import Delivery
from bot.broadcasting.segments import Segment
from bot.people.models import User
from tests.broadcasting.support import FAST, audience, finished
from tests.support.harness import Harness
from tests.support.markers import both_backends

PAID = {**FAST, "allow_paid_broadcast": True, "rate_per_second": 200, "batch_size": 20}


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"broadcasts": PAID}


@both_backends
async def test_two_paid_broadcasts_at_once_reach_everyone_once_each_within_the_chat_limit(
    harness: Harness,
) -> None:
    users = await audience(harness, 30)
    blocked = users[:2]
    for uid in blocked:
        await harness.emu.set_blocked(uid)
    # Telegram's global limit is lifted for paid broadcasts; its per-chat limit is not
    await harness.emu.set_limits(enabled=True, global_per_second=1000, per_chat_per_second=1)
    service = harness.services.broadcasts
    first = await service.create(
        text="Siaran <b>berbayar</b> satu",
        segment=Segment(user_ids=users),
        created_by=None,
        buttons=[[{"text": "Baca", "url": "https://example.org/satu"}]],
    )
    second = await service.create(
        text="Siaran berbayar dua", segment=Segment(user_ids=users), created_by=None
    )
    await service.schedule(first)
    await service.schedule(second)
    one = await finished(harness, first)
    two = await finished(harness, second)
    assert (one.sent, one.blocked, two.sent) == (28, 2, 28), (one, two)

    calls = await harness.emu.calls("sendMessage")
    assert [c for c in calls if c["error_code"] == 429] == []  # each chat paced to 1/s
    sent = [c for c in calls if c["ok"]]
    copies = Counter((int(c["params"]["chat_id"]), c["params"]["text"][:20]) for c in sent)
    assert len(copies) == 56 and set(copies.values()) == {1}
    for call in sent:  # what aiogram itself would send: the bot's defaults and the paid flag
        assert str(call["params"]["allow_paid_broadcast"]).lower() == "true"
        assert call["params"]["parse_mode"] == "HTML"
    reader = users[5]
    messages = await harness.emu.bot_messages(reader)
    with_buttons = [m for m in messages if "satu" in m["text"]]
    assert "<b>" not in with_buttons[0]["text"] and "berbayar" in with_buttons[0]["text"]
    assert with_buttons[0]["reply_markup"]["inline_keyboard"][0][0]["url"] == (
        "https://example.org/satu"
    )
    assert "/berhenti" in with_buttons[0]["text"]
    assert await _blocked(harness, users) == set(blocked)


async def test_refusals_on_the_fast_path_are_read_as_aiogram_reads_them(harness: Harness) -> None:
    users = await audience(harness, 6)
    gone, bad = users[0], users[1]
    await harness.emu.fail_next(
        1, error_code=400, description="Bad Request: chat not found", chat_id=gone
    )
    await harness.emu.fail_next(
        1, error_code=403, description="Forbidden: bot was blocked by the user", chat_id=bad
    )
    await harness.emu.set_limits(enabled=True, global_per_second=2)  # 429 with retry_after
    service = harness.services.broadcasts
    bid = await service.create(text="Siaran", segment=Segment(user_ids=users), created_by=None)
    await service.schedule(bid)
    progress = await finished(harness, bid)
    assert (progress.sent, progress.failed, progress.blocked) == (4, 1, 1)
    assert await _blocked(harness, users) == {bad}
    calls = await harness.emu.calls("sendMessage")
    assert any(c["error_code"] == 429 for c in calls)  # the fast path met a real 429 …
    rows = await _rows(harness, bid)
    assert "chat not found" in (rows[gone].error or "")
    for uid in users[2:]:  # … and it was retried without counting an attempt, sent once
        assert (rows[uid].status, rows[uid].attempts) == ("sent", 1)
        assert sum(1 for c in calls if c["ok"] and int(c["params"]["chat_id"]) == uid) == 1


async def _rows(h: Harness, bid: int) -> dict[int, Any]:
    async with h.services.db.session() as s:
        result = await s.execute(
            select(Delivery.user_id, Delivery.status, Delivery.attempts, Delivery.error).where(
                Delivery.broadcast_id == bid
            )
        )
        return {int(r.user_id): r for r in result}


async def _blocked(h: Harness, users: list[int]) -> set[int]:
    async with h.services.db.session() as s:
        result = await s.scalars(select(User.id).where(User.id.in_(users), User.blocked.is_(True)))
        return set(result)

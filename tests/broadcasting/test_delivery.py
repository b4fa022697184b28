"""Delivery through the emulator: everyone once, opt-out honoured, blocked users marked."""

from __future__ import annotations

from typing import Any

import pytest

from bot.broadcasting.segments import Segment
from bot.people.models import Role
from tests.broadcasting.support import FAST, audience, finished, received
from tests.support.harness import Harness
from tests.support.markers import both_backends


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"broadcasts": FAST}


@both_backends
async def test_everyone_in_the_segment_gets_it_once_with_the_optout_line(harness: Harness) -> None:
    alumni = await audience(harness, 12, role=Role.ALUMNI)
    citizens = await audience(harness, 5)
    opted_out = await audience(harness, 2, role=Role.ALUMNI)
    for uid in opted_out:
        await harness.services.people.set_opted_out(uid, True)
    service = harness.services.broadcasts
    bid = await service.create(
        text="Selamat <b>Hari Toleransi Internasional</b> 16 November!",
        segment=Segment(roles=["alumni"]),
        created_by=None,
        buttons=[[{"text": "Baca", "url": "https://example.org/toleransi"}]],
        source="test:hari-toleransi",
    )
    assert await service.audience_count(Segment(roles=["alumni"])) == 12
    await service.schedule(bid)
    progress = await finished(harness, bid)
    assert (progress.sent, progress.failed, progress.total) == (12, 0, 12)
    counts = await received(harness, alumni + citizens + opted_out)
    assert all(counts[u] == 1 for u in alumni)
    assert all(counts[u] == 0 for u in citizens + opted_out)
    msg = (await harness.emu.bot_messages(alumni[0]))[0]
    assert "Hari Toleransi Internasional" in msg["text"]
    assert "/berhenti" in msg["text"]
    assert msg["reply_markup"]["inline_keyboard"][0][0]["url"] == "https://example.org/toleransi"
    assert await service.delivered_count("test:hari-toleransi") == 12
    assert await service.delivered_user_ids("test:hari-toleransi") == sorted(alumni)


async def test_blocked_users_are_marked_and_never_sent_again(harness: Harness) -> None:
    users = await audience(harness, 10)
    blocked = users[:3]
    for uid in blocked:
        await harness.emu.set_blocked(uid)
    service = harness.services.broadcasts
    first = await service.create(text="Satu", segment=Segment(user_ids=users), created_by=None)
    await service.schedule(first)
    progress = await finished(harness, first)
    assert (progress.sent, progress.blocked) == (7, 3)
    for uid in blocked:
        person = await harness.services.people.get(uid)
        assert person is not None
    # the blocked users are out of every later audience
    assert await service.audience_count(Segment(user_ids=users)) == 7
    second = await service.create(text="Dua", segment=Segment(user_ids=users), created_by=None)
    await service.schedule(second)
    progress = await finished(harness, second)
    assert (progress.total, progress.sent, progress.blocked) == (7, 7, 0)
    forbidden = (await harness.emu.stats())["forbidden"]
    assert forbidden == 3


async def test_server_errors_are_retried_and_bad_chats_fail_with_the_reason(
    harness: Harness,
) -> None:
    users = await audience(harness, 4)
    service = harness.services.broadcasts
    ghost = 999_999_001  # a user the bot knows but Telegram does not: "chat not found"
    await harness.services.people.touch(ghost, first_name="Hantu")
    bid = await service.create(
        text="Coba", segment=Segment(user_ids=[*users, ghost]), created_by=None
    )
    await harness.emu.fail_next(3, error_code=502, description="Bad Gateway", method="sendMessage")
    await harness.emu.fail_next(1, method="sendMessage", drop_connection=True)
    await service.schedule(bid)
    progress = await finished(harness, bid)
    assert (progress.sent, progress.failed) == (4, 1)
    assert all(n == 1 for n in (await received(harness, users)).values())
    from sqlalchemy import select

    from bot.broadcasting.models import Delivery

    async with harness.services.db.session() as s:
        error = await s.scalar(select(Delivery.error).where(Delivery.user_id == ghost))
    assert error is not None and "chat not found" in error


async def test_a_broadcast_is_sent_once(harness: Harness) -> None:
    from bot.broadcasting.service import AlreadySentError

    users = await audience(harness, 2)
    service = harness.services.broadcasts
    bid = await service.create(text="Sekali", segment=Segment(user_ids=users), created_by=None)
    await service.schedule(bid)
    await finished(harness, bid)
    with pytest.raises(AlreadySentError):
        await service.schedule(bid)
    copy = await service.copy(bid)
    await service.schedule(copy)
    await finished(harness, copy)
    assert all(n == 2 for n in (await received(harness, users)).values())


async def test_media_from_a_path_is_uploaded_once_then_reused(
    harness: Harness, tmp_path: Any
) -> None:
    from sqlalchemy import select

    from bot.broadcasting.models import Broadcast

    users = await audience(harness, 5)
    leaflet = tmp_path / "leaflet.txt"
    leaflet.write_text("Panduan melaporkan intoleransi\n")
    service = harness.services.broadcasts
    bid = await service.create(
        text="Panduan singkat untuk relawan",
        segment=Segment(user_ids=users),
        created_by=None,
        media={"type": "document", "path": str(leaflet)},
    )
    await service.schedule(bid)
    progress = await finished(harness, bid)
    assert progress.sent == 5
    async with harness.services.db.session() as s:
        file_id = await s.scalar(select(Broadcast.media_file_id).where(Broadcast.id == bid))
    assert file_id
    for uid in users:
        [msg] = await harness.emu.bot_messages(uid)
        assert "document" in msg and "/berhenti" in msg["caption"]
    sends = await harness.emu.calls("sendDocument")
    reused = [c for c in sends if c["params"].get("document") == file_id]
    assert len(reused) >= 4  # the first send uploaded the file

"""/siaran in the chat: message, buttons, segment count, preview, schedule (ManualClock), stop."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from bot.broadcasting.keyboards import BcCb
from bot.broadcasting.segments import Segment
from bot.clock import ManualClock
from bot.people.models import Role
from tests.broadcasting.support import FAST, audience, eventually, finished, received
from tests.support.harness import Harness, button_texts

COORDINATOR = 4242


@pytest.fixture
def clock(manual_clock: ManualClock) -> ManualClock:
    return manual_clock


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"admins": [COORDINATOR], "broadcasts": FAST, "flood": {"max_messages": 100}}


async def test_compose_preview_schedule_and_deliver(harness: Harness, clock: ManualClock) -> None:
    alumni = await audience(harness, 6, role=Role.ALUMNI, region="36.72")
    elsewhere = await audience(harness, 3, role=Role.ALUMNI, region="32.73")
    citizens = await audience(harness, 4, region="36.72")
    rina = harness.user("Rina", user_id=COORDINATOR)
    await rina.send("/start")

    [ask] = await rina.send("/siaran")
    assert "Siaran baru" in ask["text"]
    [menu] = await rina.send("Halo alumni & mitra, ayo rayakan <toleransi>!")
    assert "belum ada" in menu["text"]
    await rina.press(menu, "Tombol tautan", expect=1)
    [bad] = await rina.send("tanpa garis tegak")
    assert "|" in bad["text"]
    [menu] = await rina.send("Baca | https://example.org/toleransi")
    assert "Baca" in menu["text"]
    await rina.press(menu, "Lanjut", expect=1)
    segment = await rina.last()
    assert "saat ini: 14 orang" in segment["text"]  # everyone, the coordinator included
    await rina.press(segment, "Alumni")
    segment = await eventually(lambda: _edited(rina, segment["message_id"], "saat ini: 9 orang"))
    await rina.press(segment, "Atur wilayah", expect=1)
    [bad] = await rina.send("99.99")
    assert "99.99" in bad["text"]
    [segment] = await rina.send("36")
    assert "Wilayah: 36" in segment["text"] and "saat ini: 6 orang" in segment["text"]
    await rina.press(segment, "Lanjut", expect=3)
    title, preview, when = (await rina.inbox())[-3:]
    assert "Pratinjau" in title["text"]
    assert preview["text"].startswith("Halo alumni & mitra, ayo rayakan <toleransi>!")
    assert "/berhenti" in preview["text"]
    assert (
        preview["reply_markup"]["inline_keyboard"][0][0]["url"] == "https://example.org/toleransi"
    )
    await rina.press(when, "Atur waktu", expect=1)
    [bad] = await rina.send("kemarin sore")
    assert "belum bisa" in bad["text"]
    at = (clock.now() + timedelta(days=1)).astimezone(harness.settings.tz)
    [confirm] = await rina.send(at.strftime("%d-%m-%Y %H:%M"))
    assert "ke 6 penerima" in confirm["text"]
    await rina.press(confirm, "Kirim", expect=1)
    scheduled = await rina.last()
    assert "dijadwalkan" in scheduled["text"]
    assert "Hentikan" in button_texts(scheduled)[0]

    await asyncio.sleep(0.5)  # the scheduler runs, but the time has not come
    assert sum((await received(harness, alumni)).values()) == 0
    clock.advance(days=1, minutes=1)
    service = harness.services.broadcasts
    [info] = await service.list_broadcasts(limit=1)
    progress = await finished(harness, info.id)
    assert (progress.total, progress.sent) == (6, 6)
    counts = await received(harness, alumni + elsewhere + citizens)
    assert [counts[u] for u in alumni] == [1] * 6
    assert sum(counts[u] for u in elsewhere + citizens) == 0
    summary = await eventually(lambda: _find(rina, "🏁"))
    assert "Terkirim 6 dari 6" in summary["text"]


async def test_cancel_in_the_middle_of_the_wizard_and_stale_buttons(harness: Harness) -> None:
    rina = harness.user("Rina", user_id=COORDINATOR)
    await rina.send("/start")
    await rina.send("/siaran")
    [menu] = await rina.send("Pesan percobaan")
    await rina.press(menu, "Batal", expect=1)
    assert "dibatalkan" in (await rina.last())["text"]
    answer = await rina.press(menu, "Lanjut")
    assert "berakhir" in (answer.get("text") or "")
    assert harness.services.broadcasts is not None
    assert await harness.services.broadcasts.list_broadcasts() == []


async def test_only_coordinators_may_broadcast_or_stop_one(harness: Harness) -> None:
    budi = harness.user("Budi")
    await budi.send("/start")
    [reply] = await budi.send("/siaran")
    assert "hanya untuk" in reply["text"]
    service = harness.services.broadcasts
    users = await audience(harness, 2)
    bid = await service.create(text="Halo", segment=Segment(user_ids=users), created_by=None)
    await service.schedule(bid, service.clock.now() + timedelta(hours=1))
    answer = await budi.press_data(reply, BcCb(action="stop", value=str(bid)).pack())
    assert "hanya untuk" in (answer.get("text") or "")
    assert (await service.progress(bid)).state == "scheduled"


async def test_a_scheduled_broadcast_is_stopped_from_the_chat(
    harness: Harness, clock: ManualClock
) -> None:
    users = await audience(harness, 3)
    rina = harness.user("Rina", user_id=COORDINATOR)
    await rina.send("/start")
    await rina.send("/siaran")
    [menu] = await rina.send("Undangan diskusi lintas iman")
    await rina.press(menu, "Lanjut", expect=1)
    await rina.press(await rina.last(), "Lanjut", expect=3)
    await rina.press(await rina.last(), "Atur waktu", expect=1)
    at = (clock.now() + timedelta(hours=2)).astimezone(harness.settings.tz)
    [confirm] = await rina.send(at.strftime("%d-%m-%Y %H:%M"))
    await rina.press(confirm, "Kirim", expect=1)
    scheduled = await rina.last()
    await rina.press(scheduled, "Hentikan", expect=1)
    assert "dihentikan" in (await rina.last())["text"]
    [info] = await harness.services.broadcasts.list_broadcasts(limit=1)
    assert info.state == "cancelled"
    answer = await rina.press(scheduled, "Hentikan")
    assert "sudah selesai" in (answer.get("text") or "")
    clock.advance(hours=3)
    await asyncio.sleep(0.5)
    assert sum((await received(harness, users)).values()) == 0


async def _edited(user: Any, message_id: int, needle: str) -> Any:
    for m in await user.inbox():
        if m["message_id"] == message_id and needle in m["text"]:
            return m
    return None


async def _find(user: Any, needle: str) -> Any:
    for m in reversed(await user.inbox()):
        if needle in (m.get("text") or ""):
            return m
    return None

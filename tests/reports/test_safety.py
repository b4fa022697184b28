"""Reporter safety and abuse limits: anonymity in messages, logs and exports; refusals; limits."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from bot.reports.domain.export import export
from tests.reports.helpers import (
    CILEGON,
    CILEGON_GROUP,
    STORY,
    file_report,
    open_groups,
    quick_report,
    settings_with,
)
from tests.support.harness import Harness, button_texts

SECRET_ID = 770011223344


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON, reports={"daily_limit": 2, "max_media": 2, "max_media_mb": 1})


async def test_anonymous_reporter_never_in_partner_messages_logs_or_exports(
    harness: Harness, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.INFO)  # what a deployment logs (aiosqlite echoes SQL at DEBUG)
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti", user_id=SECRET_ID, username="siti_secret", last_name="Aminah")
    await siti.send("/start")
    await file_report(siti, photos=1)
    member = harness.user("Anggota")
    await member.send("/start")
    reports = harness.services.reports
    await reports.partners.add_member(1, member.id)
    card = (await harness.emu.wait_bot_messages(CILEGON_GROUP, 2))[0]
    await member.press(card, "Tangani")
    await member.press(card, "Riwayat", expect=1)
    group_msgs = await harness.emu.bot_messages(CILEGON_GROUP)
    dump = str(group_msgs)
    assert str(SECRET_ID) not in dump and "siti_secret" not in dump and "Aminah" not in dump
    assert "Siti" not in dump

    ours = [r for r in caplog.records if not r.name.startswith(("bot.emulator", "aiohttp"))]
    assert ours, "the bot logged nothing at all: the check below would be empty"
    for record in ours:
        line = record.getMessage()
        assert str(SECRET_ID) not in line and "siti_secret" not in line, line

    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"reports.{fmt}"
        assert await export(reports, fmt, out) == 1
        raw = out.read_bytes() if fmt == "csv" else _xlsx_text(out).encode()
        assert str(SECRET_ID).encode() not in raw and b"Siti" not in raw
        assert b"anonymous" in raw


def _xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    assert wb.sheetnames == ["reports", "timeline"]
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row)


async def test_named_reporter_is_shown_by_name_only(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti", user_id=SECRET_ID + 1)
    await siti.send("/start")
    await file_report(siti, anonymous=False)
    card = (await harness.emu.wait_bot_messages(CILEGON_GROUP, 1))[0]
    assert "Pelapor: Siti" in card["text"] and str(SECRET_ID + 1) not in str(card)


async def test_non_member_pressing_partner_buttons_is_refused(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    report = await quick_report(harness, harness.user("Siti"))
    card = (await harness.emu.wait_bot_messages(CILEGON_GROUP, 1))[0]
    stranger = harness.user("Orang Lain")
    await stranger.send("/start")
    for label in ("Tangani", "Minta Info", "Teruskan", "Tolak", "Riwayat"):
        answer = await stranger.press(card, label)
        assert "hanya untuk mitra" in answer["text"] and answer.get("show_alert") is True
    view = await harness.services.reports.view(report.id)
    assert view.status == "open"
    _v, events = await harness.services.reports.access.timeline(
        report.id, __import__("bot.reports.domain.workflow", fromlist=["Actor"]).Actor(1, None, True)
    )
    assert "claimed" not in [e.kind for e in events]


async def test_forged_callbacks_are_handled(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    report = await quick_report(harness, harness.user("Siti"))
    card = (await harness.emu.wait_bot_messages(CILEGON_GROUP, 1))[0]
    member = harness.user("Anggota")
    await member.send("/start")
    await harness.services.reports.partners.add_member(1, member.id)
    # a card action on a report that does not exist, an unknown action, a bad number
    for data in ("rc:claim:999999", f"rc:explode:{report.id}", "rc:claim:abc", "rf:1:0"):
        answer = await member.press_data(card, data)
        assert answer.get("text"), data
    # a wizard button out of its step, and a forged category value in its step
    user = harness.user("Iseng")
    await user.send("/start")
    _intro, ask = await user.send("/lapor", expect=2)
    answer = await user.press_data(ask, "rp:cat:rumah_ibadah")
    assert "tidak berlaku" in answer["text"]
    [cat] = await user.send(STORY)
    answer = await user.press_data(cat, "rp:cat:bukan_kategori")
    assert "tidak berlaku" in answer["text"]
    assert (await harness.services.reports.view(report.id)).status == "open"


async def test_daily_limit(harness: Harness) -> None:
    siti = harness.user("Siti")
    for place in ("36.72", "36.73"):
        await quick_report(harness, siti, region=place)
    intro = await siti.send("/lapor")
    assert "2 laporan dalam 24 jam" in intro[0]["text"]


async def test_over_long_text_stickers_and_too_many_media(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    user = harness.user("Rina")
    await user.send("/start")
    await user.send("/lapor", expect=2)
    [short] = await user.send("pendek")
    assert "minimal 20 huruf" in short["text"]
    [long] = await user.send("x" * 4097)  # one Telegram message holds 4,096
    assert "4.097 huruf" in long["text"] and "Batasnya 4.096" in long["text"]
    [sticker] = await user.send(sticker=True)
    assert "dalam bentuk teks" in sticker["text"]
    [cat] = await user.send(STORY)
    await user.press(cat, "Rumah ibadah", expect=1)
    [pin] = await user.send("Cilegon", expect=1)
    await user.press(pin, "Cilegon", expect=1)
    await user.press(await user.last(), "Lewati", expect=1)
    await user.press(await user.last(), "Hari ini", expect=1)
    await user.press(await user.last(), "Tidak", expect=1)
    [one] = await user.send(photo=True)
    assert "(1/2)" in one["text"]
    [too_big] = await user.send(document={"file_name": "a.pdf", "file_size": 5 * 1024 * 1024})
    assert "terlalu besar" in too_big["text"] and "1 MB" in too_big["text"]
    [two] = await user.send(voice=True)
    assert "(2/2)" in two["text"]
    [three] = await user.send(video=True)
    assert "batasnya" in three["text"]
    [text_here] = await user.send("ini bukan bukti")
    assert "tombol" in text_here["text"]
    assert "✅ Selesai" in button_texts(two)

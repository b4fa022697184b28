"""The citizen's wizard: resume after a restart, back, places, dates, danger, repeats, NLU prefill."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bot.geo import Gazetteer
from bot.nlu.result import NluParse, Place
from tests.reports.helpers import (
    CILEGON,
    CILEGON_GROUP,
    STORY,
    file_report,
    open_groups,
    settings_with,
)
from tests.support.harness import Harness, UserDriver, button_texts
from tests.support.markers import both_backends


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON)


async def press(user: UserDriver, label: str) -> dict[str, Any]:
    before = len(await user.inbox())
    await user.press(await user.last(), label, expect=1)
    return (await user.inbox())[before]


@both_backends
async def test_restart_in_the_middle_of_intake_resumes(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    user = harness.user("Tetap")
    await user.send("/start")
    await user.send("/lapor", expect=2)
    [cat] = await user.send(STORY)
    await user.press(cat, "Rumah ibadah", expect=1)
    await harness.restart()
    # the place question is still waiting; answering goes on as if nothing happened
    [confirm] = await user.send("Cilegon")
    assert "Kota Cilegon" in confirm["text"]
    # leaving and coming back: /lapor offers to continue or start over
    intro = await user.send("/lapor")
    assert "belum selesai" in intro[0]["text"]
    again = await press(user, "Lanjutkan")
    assert "Maksudnya Kota Cilegon" in again["text"]  # the place found in the story
    await press(user, "Kota Cilegon")
    await press(user, "Lewati")
    await press(user, "Hari ini")
    await press(user, "Tidak")
    await press(user, "Selesai")
    await press(user, "Tidak, aku")
    summary = await press(user, "Boleh")
    assert "Periksa laporanmu" in summary["text"] and "Kota Cilegon" in summary["text"]
    [sent] = [await press(user, "Kirim")]
    assert "LP-" in sent["text"]
    [card] = await harness.emu.wait_bot_messages(CILEGON_GROUP, 1)
    assert "disegel satpol pp" in card["text"]


async def test_start_over_back_and_cancel(harness: Harness) -> None:
    user = harness.user("Balik")
    await user.send("/start")
    await user.send("/lapor", expect=2)
    await user.send(STORY)
    desc = await press(user, "Kembali")
    assert "sudah saya catat" in desc["text"] and "Ceritakan" in desc["text"]
    assert button_texts(desc) == ["✖️ Batal"]  # the first step has no Back
    [_cat] = await user.send(STORY.replace("pagi", "siang"))
    place = await press(user, "Rumah ibadah")
    assert "Maksudnya Kota Cilegon" in place["text"]
    again = await press(user, "Kembali")
    assert "Sepertinya ini tentang Rumah ibadah" in again["text"]  # the earlier choice
    await user.send("/lapor")
    before = len(await user.inbox())
    await user.press(await user.last(), "Mulai ulang", expect=2)
    restart, ask = (await user.inbox())[before:]
    assert "Lapor insiden" in restart["text"]
    assert "Ceritakan" in ask["text"]
    cancelled = await press(user, "Batal")
    assert "dibatalkan" in cancelled["text"]
    [menu] = await user.send("Cilegon")  # no longer in the wizard
    assert "Cilegon" not in menu["text"]


async def test_ambiguous_and_unknown_places_and_an_earlier_date(harness: Harness) -> None:
    user = harness.user("Tempat")
    await user.send("/start")
    await user.send("/lapor", expect=2)
    [cat] = await user.send("Pengajian kami dibubarkan paksa oleh sekelompok orang tadi malam.")
    await user.press(cat, "dibubarkan", expect=1)
    [choose] = await user.send("Bekasi")
    assert "beberapa" in choose["text"]
    assert {"Kota Bekasi, Jawa Barat", "Kabupaten Bekasi, Jawa Barat"} <= set(button_texts(choose))
    await user.press(choose, "ketik lagi", expect=1)
    [suggest] = await user.send("Cilegonn")
    assert "Kota Cilegon, Banten" in button_texts(suggest)
    [none] = await user.send("qwxzv")
    assert "belum menemukan" in none["text"]
    [choose] = await user.send("Bekasi")
    await user.press(choose, "Kabupaten Bekasi", expect=1)
    await press(user, "Lewati")
    date_q = await press(user, "Lebih dari seminggu")
    assert "Tanggal berapa" in date_q["text"]
    [bad] = await user.send("kemarin lusa")
    assert "belum bisa saya baca" in bad["text"]
    [future] = await user.send("01-01-2999")
    assert "belum terjadi" in future["text"]
    [danger] = await user.send("17-08-2024")
    assert "bahaya" in danger["text"]
    before = len(await user.inbox())
    await user.press(danger, "Ya, ada", expect=2)
    emergency, evidence = (await user.inbox())[before:]
    assert "112" in emergency["text"] and "110" in emergency["text"]
    assert "bukti" in evidence["text"]
    await press(user, "Selesai")
    await press(user, "Boleh, tampilkan")
    summary = await press(user, "Jangan")
    assert "Kabupaten Bekasi" in summary["text"] and "17-08-2024" in summary["text"]
    assert "Mendesak: ya" in summary["text"]
    sent = await press(user, "Kirim")
    assert "Karena mendesak" in sent["text"]
    assert "2 jam" in sent["text"] and "24 jam" not in sent["text"]  # one time, the urgent one


async def test_a_repeat_of_the_same_report_is_linked(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    user = harness.user("Ulang")
    await user.send("/start")
    await file_report(user)
    first = (await harness.services.reports.intake.mine(user.id))[0]
    [summary] = await file_report(user, STORY + " Tolong dibantu.", send=False)
    await user.press(summary, "Kirim", expect=1)
    ask = await user.last()
    assert first.code in ask["text"] and "kejadian yang sama" in ask["text"]
    linked = await press(user, "Ya, sama")
    assert first.code in linked["text"]
    mine = await harness.services.reports.intake.mine(user.id)
    assert [r.status for r in mine] == ["merged", "open"]
    msgs = await harness.emu.wait_bot_messages(CILEGON_GROUP, 2)
    assert "Keterangan tambahan" in msgs[-1]["text"] and "Tolong dibantu" in msgs[-1]["text"]


async def test_status_lists_reports(harness: Harness) -> None:
    user = harness.user("Status")
    await user.send("/start")
    [none] = await user.send("Status Laporan")
    assert "belum punya laporan" in none["text"]
    await file_report(user)
    [listing] = await user.send("/status")
    code = (await harness.services.reports.intake.mine(user.id))[0].code
    assert code in listing["text"] and "menunggu mitra" in listing["text"]


async def test_erase_detaches_reports(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    user = harness.user("Hapus")
    await user.send("/start")
    await file_report(user, anonymous=False)
    reports = harness.services.reports
    code = (await reports.intake.mine(user.id))[0].code
    [ask] = await user.send("/hapusdata")
    await user.press(ask, "Ya, hapus")
    assert await reports.intake.mine(user.id) == []
    rows, _timeline = await __import__("bot.reports.domain.export", fromlist=["x"]).export_rows(reports)
    assert rows[0]["code"] == code and rows[0]["reporter"] == "(erased)"


async def test_begin_report_with_a_prefill_asks_only_what_is_missing(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Kebaktian kami dibubarkan ormas di Bekasi, jemaat diusir dari rumah."
    gaz = Gazetteer.default()
    bekasi = tuple(r for r in (gaz.get("32.75"), gaz.get("32.16")) if r is not None)
    prefill = NluParse(
        text=text,
        intent="lapor_insiden",
        confidence=0.93,
        category="pembubaran_ibadah",
        category_confidence=0.8,
        places=(Place(35, 41, "Bekasi", bekasi),),
    )
    monkeypatch.setattr(harness.services.nlu, "parse", _fixed(prefill))
    user = harness.user("Langsung")
    await user.send("/start")
    intro, cat = await user.send(text, expect=2)
    assert "Lapor insiden" in intro["text"]
    assert "Sepertinya ini tentang" in cat["text"] and "dibubarkan" in cat["text"]
    assert button_texts(cat)[0].startswith("✅ Ya, Ibadah")
    place = await press(user, "Ya, Ibadah")
    assert "beberapa" in place["text"]
    assert button_texts(place)[:2] == ["Kota Bekasi, Jawa Barat", "Kabupaten Bekasi, Jawa Barat"]
    pin = await press(user, "Kota Bekasi")
    assert "peta" in pin["text"]


def _fixed(result: NluParse) -> Any:
    async def parse(text: str) -> NluParse:
        return dataclasses.replace(result, text=text)

    return parse


async def test_free_text_from_cilegon_reaches_the_cilegon_partner(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    user = harness.user("Bebas")
    await user.send("/start")
    intro, cat = await user.send(
        "gereja kami di Cilegon disegel satpol pp, izin sudah lengkap", expect=2, timeout=60
    )
    assert "Lapor insiden" in intro["text"]
    assert "Rumah ibadah" in cat["text"]
    confirm = await press(user, "Ya, Rumah ibadah")
    assert "Kota Cilegon" in confirm["text"]
    await press(user, "Kota Cilegon")
    await press(user, "Lewati")
    await press(user, "Hari ini")
    await press(user, "Tidak")
    await press(user, "Selesai")
    await press(user, "Tidak, aku")
    await press(user, "Boleh")
    sent = await press(user, "Kirim")
    assert "LP-" in sent["text"]
    [card] = await harness.emu.wait_bot_messages(CILEGON_GROUP, 1)
    assert "disegel satpol pp" in card["text"] and "Kota Cilegon" in card["text"]

"""Free text through the emulator: each intent reaches its feature; gibberish gets the menu."""

from __future__ import annotations

import pytest

from tests.support.harness import Harness, button_texts

MENU_ID = ["Lapor Insiden", "Konten Kampanye", "Survei", "Status Laporan", "Bantuan"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("halo min", "Selamat datang kembali"),
        ("bot ini bisa apa aja?", "Yang bisa kamu lakukan di Rukun"),
        ("stop kirim pesan ke saya", "tidak akan menerima siaran"),
        ("asdfgh qwerty", "belum paham"),
    ],
)
async def test_core_intents(harness: Harness, text: str, expected: str) -> None:
    user = harness.user("Teks")
    await user.send("/start")
    [reply] = await user.send(text)
    assert expected in reply["text"]
    assert button_texts(reply) == MENU_ID


async def test_stop_intent_opts_out(harness: Harness) -> None:
    user = harness.user("Henti")
    await user.send("/start")
    await user.send("tolong jangan kirim pesan lagi ke saya")
    assert (await harness.services.people.get(user.id)).opted_out is True


async def test_free_text_is_ignored_inside_a_conversation(harness: Harness) -> None:
    """A wizard owns the text while it runs: the assistant does not interpret it."""
    from aiogram.fsm.storage.base import StorageKey

    from tests.support.harness import BOT_ID

    user = harness.user("Sibuk")
    await user.send("/start")
    key = StorageKey(bot_id=BOT_ID, chat_id=user.id, user_id=user.id)
    await harness.services.storage.set_state(key, "Unknown:step")
    [reply] = await user.send("halo min")
    assert "belum paham" in reply["text"]  # the fallback, not the greeting


async def test_content_request_shows_the_library(harness: Harness) -> None:
    user = harness.user("Konten")
    await user.send("/start")
    [reply] = await user.send("minta materi kampanye toleransi dong")
    assert reply["text"] == "Belum ada konten kampanye. Nanti kami kabari kalau sudah ada, ya."


async def test_status_question_lists_reports(harness: Harness) -> None:
    user = harness.user("Status")
    await user.send("/start")
    [reply] = await user.send("gimana status laporan saya?")
    assert reply["text"] == "Kamu belum punya laporan. Tekan Lapor Insiden untuk melapor."


async def test_incident_text_starts_the_report_flow(harness: Harness) -> None:
    user = harness.user("Lapor")
    await user.send("/start")
    intro, category = await user.send("ada pengajian dibubarin di sampang", expect=2, timeout=30)
    assert "Lapor insiden" in intro["text"]
    assert "dibubarkan" in category["text"]  # NLU's category guess, to confirm

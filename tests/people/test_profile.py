"""Where a citizen lives: asked once after a first report, kept in /profil, reached by segments."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.broadcasting.segments import Segment
from tests.broadcasting.support import FAST, audience, finished, received
from tests.people.helpers import is_region_question
from tests.reports.helpers import (
    CILEGON,
    CILEGON_GROUP,
    file_report,
    open_groups,
    settings_with,
    settle_outbox,
)
from tests.support.harness import Harness, UserDriver, button_texts
from tests.support.markers import both_backends

OTHER_STORY = "Pengajian warga di Cilegon dibubarkan paksa oleh sekelompok orang tadi malam."


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {**settings_with(CILEGON), "broadcasts": FAST}


ASK = "boleh dilewati"  # in both forms of the question


async def questions(user: UserDriver) -> list[dict[str, Any]]:
    """The place-of-residence questions in the chat not answered yet (answers edit them)."""
    return [m for m in await user.inbox() if ASK in (m.get("text") or "")]


async def times_asked(user: UserDriver) -> int:
    """How many times the bot sent the user the question, answered or not."""
    calls = await user.emu.calls("sendMessage")
    return sum(
        1
        for c in calls
        if str(c["params"].get("chat_id")) == str(user.id) and ASK in str(c["params"].get("text"))
    )


async def edited(user: UserDriver, message: dict[str, Any], text: str) -> dict[str, Any]:
    """``message`` once it was edited to contain ``text``."""
    for _ in range(200):
        now = next(m for m in await user.inbox() if m["message_id"] == message["message_id"])
        if text in (now.get("text") or ""):
            return now
        await asyncio.sleep(0.05)
    raise AssertionError(f"message never showed {text!r}: {now.get('text')!r}")


async def after_report(user: UserDriver) -> None:
    """Let a report's owed messages go out, then one round trip, so a question the bot wrongly
    owed again would be in the chat by now."""
    await settle_outbox(user.h)
    await user.send("/bantuan")
    await settle_outbox(user.h)


@both_backends
async def test_asked_once_after_the_first_report_yes_stores_it_and_segments_reach_her(
    harness: Harness,
) -> None:
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti")
    await siti.send("/start")
    [sent] = await file_report(siti)
    assert "LP-" in sent["text"]
    [question] = await questions(siti)
    assert question["message_id"] > sent["message_id"]  # after the confirmation
    assert "Kota Cilegon, Banten" in question["text"] and "Mitra tidak akan" in question["text"]
    assert button_texts(question) == ["✅ Ya", "✏️ Bukan, ganti", "Lewati"]
    await siti.press(question, "Ya")
    await edited(siti, question, "Tersimpan")
    person = await harness.services.people.get(siti.id)
    assert person.region_code == "36.72"

    # a second report does not ask again
    await file_report(siti, OTHER_STORY, category="dibubarkan")
    await after_report(siti)
    assert await times_asked(siti) == 1

    # a region segment reaches her, and not a citizen of another kabupaten
    elsewhere = await audience(harness, 2, region="36.01")
    broadcasts = harness.services.broadcasts
    assert await broadcasts.audience_count(Segment(regions=["36.72"])) == 1
    before = await received(harness, [siti.id])
    bid = await broadcasts.create(
        text="Dialog warga Cilegon Sabtu ini", segment=Segment(regions=["36.72"]), created_by=None
    )
    await broadcasts.schedule(bid)
    progress = await finished(harness, bid)
    assert (progress.total, progress.sent) == (1, 1)
    assert (await received(harness, [siti.id]))[siti.id] == before[siti.id] + 1
    assert "Dialog warga Cilegon" in (await siti.last())["text"]
    assert all(n == 0 for n in (await received(harness, elsewhere)).values())


async def test_skip_is_never_asked_again(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    budi = harness.user("Budi")
    await budi.send("/start")
    await file_report(budi)
    [question] = await questions(budi)
    await budi.press(question, "Lewati")
    skipped = await edited(budi, question, "tidak apa-apa")
    assert not skipped.get("reply_markup")
    assert (await harness.services.people.get(budi.id)).region_code is None
    await file_report(budi, OTHER_STORY, category="dibubarkan")
    await after_report(budi)
    assert await times_asked(budi) == 1
    [profile] = await budi.send("/profil")
    assert "Tempat tinggal: belum diisi" in profile["text"]


async def test_not_here_typed_place_and_never_shown_to_partners(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    rina = harness.user("Rina", username="rina_w")
    await rina.send("/start")
    await file_report(rina)
    [question] = await questions(rina)
    [prompt] = await _press(rina, question, "Bukan, ganti")
    assert "Ketik nama kabupaten/kota" in prompt["text"]
    [province] = await rina.send("Banten")
    assert "itu provinsi" in province["text"]
    [unknown] = await rina.send("qwxzv")
    assert "belum menemukan" in unknown["text"]
    [one] = await rina.send("Lebak")
    assert button_texts(one) == ["Kabupaten Lebak, Banten", "✖️ Batal"]
    await rina.press(one, "Kabupaten Lebak")
    await edited(rina, one, "Tersimpan: kamu tinggal di Kabupaten Lebak")
    assert (await harness.services.people.get(rina.id)).region_code == "36.02"
    [menu] = await rina.send("Lebak")  # the step is over: no longer read as a place
    assert "Tersimpan" not in menu["text"] and not is_region_question(menu)

    # a report with her identity shared: partners see the report's place, never where she lives
    await file_report(rina, OTHER_STORY, category="dibubarkan", anonymous=False)
    partner = harness.user("Pak Ahmad")
    await partner.send("/start")
    await harness.services.reports.partners.add_member(1, partner.id)
    cards = await harness.emu.wait_bot_messages(CILEGON_GROUP, 2)
    claim = next(b for b in button_texts(cards[-1]) if "Ambil" in b or "Tangani" in b)
    await partner.press(cards[-1], claim)
    await settle_outbox(harness)
    seen = await harness.emu.bot_messages(CILEGON_GROUP) + await partner.inbox()
    assert any("Rina" in (m.get("text") or "") for m in seen)  # her identity is shared
    assert not any("Lebak" in (m.get("text") or m.get("caption") or "") for m in seen)


async def test_profile_shows_changes_and_clears_the_place_and_changes_language(
    harness: Harness,
) -> None:
    ani = harness.user("Ani", last_name="Lestari", username="ani_l")
    await ani.send("/start")
    [profile] = await ani.send("/profil")
    text = profile["text"]
    assert "Nama: Ani Lestari (@ani_l)" in text and "Bahasa: Bahasa Indonesia" in text
    assert "Tempat tinggal: belum diisi" in text and "Peran: warga" in text
    assert "tidak pernah ditunjukkan kepada mitra" in text
    assert button_texts(profile) == ["📍 Isi tempat tinggal", "🌐 Ganti bahasa"]

    await _press(ani, profile, "Isi tempat tinggal")
    [several] = await ani.send("Serang")
    assert "beberapa" in several["text"]
    assert {"Kota Serang, Banten", "Kabupaten Serang, Banten"} <= set(button_texts(several))
    await ani.press(several, "Kota Serang")
    await edited(ani, several, "Kota Serang")
    [profile] = await ani.send("/profil")
    assert "Tempat tinggal: Kota Serang, Banten" in profile["text"]
    assert button_texts(profile) == [
        "📍 Ubah tempat tinggal",
        "🗑 Hapus tempat tinggal",
        "🌐 Ganti bahasa",
    ]

    # a menu button while typing the place leaves the step and does what it says
    await _press(ani, profile, "Ubah tempat tinggal")
    [status] = await ani.send("Status Laporan")
    assert "belum punya laporan" in status["text"]
    [not_a_place] = await ani.send("Lebak")
    assert not is_region_question(not_a_place)
    assert (await harness.services.people.get(ani.id)).region_code == "36.73"
    [help_msg] = await ani.send("Bantuan")
    assert "/profil — lihat dan ubah profilmu" in help_msg["text"]

    [profile] = await ani.send("/profil")
    await ani.press(profile, "Hapus tempat tinggal")
    cleared = await edited(ani, profile, "Tempat tinggal: belum diisi")
    assert button_texts(cleared)[0] == "📍 Isi tempat tinggal"
    assert (await harness.services.people.get(ani.id)).region_code is None
    forged = await ani.press_data(cleared, "pf:set:36")  # a province is no kabupaten/kota
    assert "tidak berlaku" in (forged.get("text") or "")
    assert (await harness.services.people.get(ani.id)).region_code is None

    # language through /bahasa's own picker
    [picker] = await _press(ani, cleared, "Ganti bahasa")
    await ani.press(picker, "English", expect=1)
    [profile_en] = await ani.send("/profil")
    assert "Language: English" in profile_en["text"] and "Lives in: not given" in profile_en["text"]

    # never in a group: the profile is personal
    group = harness.group("Warga", -100777)
    await harness.emu.register_chat(group)
    [in_group] = await ani.send("/profil", chat=group)
    assert "private chat" in in_group["text"] and "Ani" not in in_group["text"]

    # the command menu lists it
    menus = [m for m in await harness.emu.my_commands() if m["scope"]["type"] == "default"]
    assert len(menus) == 3  # the default language, then id and en
    for menu in menus:
        assert "profil" in [c["command"] for c in menu["commands"]]


async def _press(user: UserDriver, message: dict[str, Any], label: str) -> list[dict[str, Any]]:
    before = len(await user.inbox())
    await user.press(message, label, expect=1)
    return (await user.inbox())[before:]

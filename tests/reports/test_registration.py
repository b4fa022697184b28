"""Partners register from their group (issue 11): the greeting when the bot is added, a
coordinator's registration by buttons (typed answers through a selective force-reply, privacy mode
on), refusals for everyone else, the invite link, and /id."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest

from bot.emulator import EmulatorError
from bot.people.models import Role
from tests.reports.helpers import CILEGON, COORD_CHAT, open_groups, quick_report, settings_with
from tests.support.harness import Harness, UserDriver, button_texts, buttons
from tests.support.markers import both_backends

GROUP_ID = -1005550001
GROUP = {"id": GROUP_ID, "type": "supergroup", "title": "FKUB Kota Cilegon"}


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with()  # no partner configured; a coordinators' chat


async def coordinator(h: Harness, name: str = "Koor") -> UserDriver:
    koor = h.user(name)
    await koor.send("/start")
    await h.services.people.grant(koor.id, Role.COORDINATOR, by="test")
    return koor


async def citizen(h: Harness, name: str) -> UserDriver:
    user = h.user(name)
    await user.send("/start")
    return user


async def message(h: Harness, chat_id: int, message_id: int) -> dict[str, Any]:
    """A bot message as it is now (edits applied)."""
    [found] = [m for m in await h.emu.bot_messages(chat_id) if m["message_id"] == message_id]
    return found


async def press(h: Harness, user: UserDriver, msg: dict[str, Any], label: str) -> dict[str, Any]:
    """Press a button of a panel; the panel as the press left it."""
    answer = await user.press(msg, label)
    assert not answer.get("show_alert"), answer
    return await message(h, msg["chat"]["id"], msg["message_id"])


async def add_bot(h: Harness, by: UserDriver, *members: UserDriver) -> dict[str, Any]:
    """``by`` adds the bot to the group (privacy mode on): the greeting."""
    await h.emu.register_chat(GROUP, members=[by.info, *(m.info for m in members)])
    await h.emu.set_bot_member(GROUP, "member", by=by.info)
    [greeting] = await h.emu.wait_bot_messages(GROUP_ID, 1)
    return greeting


def invite_payload(msg: dict[str, Any]) -> str:
    match = re.search(r"start=(p-[A-Za-z0-9_]+)", msg["text"])
    assert match, msg["text"]
    return match.group(1)


def claim_data(card: dict[str, Any]) -> str:
    return next(
        b["callback_data"]
        for b in buttons(card)
        if b.get("callback_data", "").startswith("rc:claim:")
    )


async def test_bot_added_greets_and_a_coordinator_registers_the_group(harness: Harness) -> None:
    await harness.emu.set_privacy(True)
    koor = await coordinator(harness)
    ani = await citizen(harness, "Ani")
    greeting = await add_bot(harness, koor, ani)
    assert "Bapak/Ibu" in greeting["text"] and "belum terdaftar" in greeting["text"]
    assert button_texts(greeting) == ["🤝 Daftarkan grup ini sebagai mitra"]

    # the name: typed into a force-reply only the coordinator sees
    await koor.press(greeting, "Daftarkan", expect=1)
    ask = (await harness.emu.bot_messages(GROUP_ID))[-1]
    assert "FKUB Kota Cilegon" in ask["text"]
    await koor.press(ask, "Ketik nama lain", expect=1)
    prompt = (await harness.emu.bot_messages(GROUP_ID))[-1]
    assert await harness.emu.force_reply_targets(GROUP_ID, prompt["message_id"]) == [koor.id]
    with pytest.raises(EmulatorError):
        await harness.emu.answer_force_reply(ani.info, GROUP_ID, prompt["message_id"], "Mitra Ani")
    before = len(await harness.emu.bot_messages(GROUP_ID))
    await harness.emu.answer_force_reply(koor.info, GROUP_ID, prompt["message_id"], "FKUB Cilegon")
    [regions] = (await harness.emu.wait_bot_messages(GROUP_ID, before + 1))[before:]
    assert "FKUB Cilegon" in regions["text"] and "Belum ada wilayah" in regions["text"]

    # a place searched by name, through the gazetteer; then a province from the list
    await koor.press(regions, "Cari", expect=1)
    prompt = (await harness.emu.bot_messages(GROUP_ID))[-1]
    # with privacy mode on, text that is not a reply to the bot never arrives
    await koor.send("Cilegon", chat=GROUP, expect=0)
    assert (await harness.emu.bot_messages(GROUP_ID))[-1]["message_id"] == prompt["message_id"]
    before = len(await harness.emu.bot_messages(GROUP_ID))
    await harness.emu.answer_force_reply(koor.info, GROUP_ID, prompt["message_id"], "cilegon")
    [found] = (await harness.emu.wait_bot_messages(GROUP_ID, before + 1))[before:]
    assert "Kota Cilegon" in button_texts(found) and "Provinsi Banten" in button_texts(found)
    panel = await press(harness, koor, found, "Kota Cilegon")
    assert "Terpilih: Kota Cilegon" in panel["text"]
    panel = await press(harness, koor, panel, "Pilih provinsi")
    panel = await press(harness, koor, panel, "Jawa Barat")
    assert "Kota Cilegon, Provinsi Jawa Barat" in panel["text"]
    panel = await press(harness, koor, panel, "✖️ Provinsi Jawa Barat")
    panel = await press(harness, koor, panel, "Lanjut")

    # categories: several, ticked
    panel = await press(harness, koor, panel, "Rumah ibadah")
    panel = await press(harness, koor, panel, "Intimidasi")
    assert "✅ Rumah ibadah (izin, penyegelan, penolakan)" in button_texts(panel)
    assert "Semua kategori" in button_texts(panel)  # not ticked
    panel = await press(harness, koor, panel, "Lanjut")
    assert "Kota Cilegon" in panel["text"] and "Intimidasi" in panel["text"]
    before = len(await harness.emu.bot_messages(GROUP_ID))
    await koor.press(panel, "Simpan", expect=1)
    saved = await message(harness, GROUP_ID, panel["message_id"])
    assert "sekarang terdaftar sebagai mitra" in saved["text"] and not buttons(saved)
    [invite] = (await harness.emu.bot_messages(GROUP_ID))[before:]
    assert "rukun_test_bot" in find_button_url(invite)

    partner = await harness.services.reports.partners.for_chat(GROUP_ID)
    assert partner is not None and partner.name == "FKUB Cilegon"
    assert partner.regions == ("36.72",)
    assert partner.categories == ("rumah_ibadah", "intimidasi")

    # a report for Cilegon reaches the group
    await open_groups(harness, COORD_CHAT)
    report = await quick_report(harness, harness.user("Siti"), region="36.72")
    card = (await harness.emu.bot_messages(GROUP_ID))[-1]
    assert report.code in card["text"]
    assert await harness.emu.bot_messages(COORD_CHAT) == []

    # a group member who has not joined the partner is told to ask for the invite link
    refused = await ani.press_data(card, claim_data(card), check=True)
    assert "tautan undangan mitra" in refused["text"] and refused.get("show_alert")
    _welcome, joined = await ani.send(f"/start {invite_payload(invite)}", expect=2)
    assert "anggota mitra FKUB Cilegon" in joined["text"]
    taken = await ani.press_data(card, claim_data(card), check=True)
    assert not taken.get("show_alert"), taken
    assert (await harness.services.reports.view(report.id)).status == "claimed"


def find_button_url(msg: dict[str, Any]) -> str:
    return next(b["url"] for b in buttons(msg) if "url" in b)


async def test_only_coordinators_register_and_forged_presses_are_refused(
    harness: Harness,
) -> None:
    await harness.emu.set_privacy(True)
    koor = await coordinator(harness)
    ani = await citizen(harness, "Ani")
    greeting = await add_bot(harness, koor, ani)

    answer = await ani.press(greeting, "Daftarkan")
    assert "hanya koordinator" in answer["text"] and answer.get("show_alert")
    [refusal] = await ani.send("/daftarmitra", chat=GROUP)
    assert "hanya koordinator" in refusal["text"]

    # the coordinator's panels, pressed (or forged) by someone else
    [ask] = await koor.send("/daftarmitra", chat=GROUP)
    regions = await press(harness, koor, ask, "Pakai nama ini")
    for data in ("pm:add:36.72", "pm:regok:", "pm:save:", "pm:start:"):
        answer = await ani.press_data(regions, data)
        assert "hanya koordinator" in answer["text"] and answer.get("show_alert")
    # the coordinator's own forged presses: an unknown place, a step not reached yet
    for data in ("pm:add:99.99", "pm:save:", "pm:cat:rumah_ibadah", "pm:bogus:"):
        answer = await koor.press_data(regions, data)
        assert "tidak berlaku" in answer["text"], data
    assert "Belum ada wilayah" in (await message(harness, GROUP_ID, regions["message_id"]))["text"]
    answer = await koor.press(regions, "Lanjut")
    assert "minimal satu wilayah" in answer["text"]

    # once the role is gone, the next press is refused too
    await harness.services.people.revoke(koor.id, Role.COORDINATOR)
    answer = await koor.press(regions, "Seluruh Indonesia")
    assert "hanya koordinator" in answer["text"]
    assert await harness.services.reports.partners.for_chat(GROUP_ID) is None


async def test_a_promotion_does_not_greet_again(harness: Harness) -> None:
    koor = await coordinator(harness)
    await add_bot(harness, koor)
    await harness.emu.set_bot_member(GROUP, "administrator", by=koor.info)
    [cmd] = await koor.send("/id", chat=GROUP)
    await asyncio.sleep(0.3)  # the promotion's update, handled alongside, sends nothing
    assert len(await harness.emu.bot_messages(GROUP_ID)) == 2 and "ID chat ini" in cmd["text"]


async def test_id_in_private_in_a_group_and_in_a_topic(harness: Harness) -> None:
    await harness.emu.set_privacy(True)
    siti = harness.user("Siti")
    [mine] = await siti.send("/id")
    assert f"ID Anda: {siti.id}" in mine["text"] and "chat pribadi" in mine["text"]
    await harness.emu.register_chat(GROUP, members=[siti.info])
    [group] = await siti.send("/id@rukun_test_bot", chat=GROUP)
    assert str(GROUP_ID) in group["text"] and "supergroup" in group["text"]
    assert "FKUB Kota Cilegon" in group["text"] and str(siti.id) in group["text"]
    assert "coordinators_chat_id" in group["text"] and "topik" not in group["text"]

    forum = {"id": -1005550002, "type": "supergroup", "title": "Forum Mitra", "is_forum": True}
    await harness.emu.register_chat(forum, members=[siti.info])
    topic = await harness.emu.create_topic(siti.info, forum, "Umum")
    thread = topic["message_thread_id"]
    before = len(await harness.emu.bot_messages(forum["id"]))
    await harness.emu.send_message(siti.info, "/id", chat=forum, message_thread_id=thread)
    [answer] = (await harness.emu.wait_bot_messages(forum["id"], before + 1))[before:]
    assert f"ID topik: {thread}" in answer["text"] and answer.get("message_thread_id") == thread


async def test_groups_get_the_set_up_commands_in_their_menu(harness: Harness) -> None:
    for _ in range(100):  # the menus are published at start-up, one call after another
        menus = await harness.emu.my_commands()
        groups = [m for m in menus if m["scope"]["type"] == "all_group_chats"]
        if len(groups) == 3:  # the default language, then each language
            break
        await asyncio.sleep(0.05)
    by_lang = {m.get("language_code") or "": m["commands"] for m in groups}
    assert [c["command"] for c in by_lang[""]] == ["daftarmitra", "id"]
    assert by_lang["en"][0]["description"] == "Register this group as a partner"


class TestRegisteredGroup:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, Any]:
        return settings_with({**CILEGON, "chat_id": GROUP_ID})

    @both_backends
    async def test_greeting_names_the_partner_and_its_places_change_by_buttons(
        self, harness: Harness
    ) -> None:
        koor = await coordinator(harness)
        greeting = await add_bot(harness, koor)
        assert "terdaftar sebagai mitra FKUB Kota Cilegon" in greeting["text"]
        assert not buttons(greeting)
        [panel] = await koor.send("/daftarmitra", chat=GROUP)
        assert "sudah terdaftar" in panel["text"] and "Kota Cilegon" in panel["text"]
        panel = await press(harness, koor, panel, "Ubah wilayah")
        assert "Terpilih: Kota Cilegon" in panel["text"]
        panel = await press(harness, koor, panel, "Pilih provinsi")
        panel = await press(harness, koor, panel, "Banten")
        panel = await press(harness, koor, panel, "Lanjut")
        assert "✅ Semua kategori" in button_texts(panel)
        panel = await press(harness, koor, panel, "Kekerasan")  # a single one clears "all"
        assert "Semua kategori" in button_texts(panel)
        panel = await press(harness, koor, panel, "Lanjut")
        await koor.press(panel, "Simpan", expect=1)
        partner = await harness.services.reports.partners.for_chat(GROUP_ID)
        assert partner is not None and partner.name == "FKUB Kota Cilegon"
        assert partner.regions == ("36.72", "36") and partner.categories == ("kekerasan",)
        assert len(await harness.services.reports.partners.list_partners()) == 1

        # a report from elsewhere in Banten, of that category, now reaches the group
        await open_groups(harness, COORD_CHAT)
        report = await quick_report(
            harness, harness.user("Siti"), region="36.73", category="kekerasan"
        )
        assert report.code in (await harness.emu.bot_messages(GROUP_ID))[-1]["text"]

    async def test_another_group_cannot_take_a_partners_name(self, harness: Harness) -> None:
        koor = await coordinator(harness)
        other = {"id": -1005550003, "type": "supergroup", "title": "FKUB Kota Cilegon"}
        await harness.emu.register_chat(other, members=[koor.info])
        [ask] = await koor.send("/daftarmitra", chat=other)
        answer = await koor.press(ask, "Pakai nama ini")
        assert "sudah dipakai mitra lain" in answer["text"]
        partner = await harness.services.reports.partners.for_chat(GROUP_ID)
        assert partner is not None and partner.chat_id == GROUP_ID

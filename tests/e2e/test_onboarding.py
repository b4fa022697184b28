"""Onboarding through the emulator: /start, menu, help per role, language, deep links, opt-out."""

from __future__ import annotations

from aiogram.fsm.storage.base import StorageKey

from bot.people.models import Role
from tests.support.harness import BOT_ID, Harness, button_texts, entity_text
from tests.support.markers import both_backends

#: Every test here runs on SQLite and on PostgreSQL + Redis.
pytestmark = both_backends

MENU_ID = ["Lapor Insiden", "Konten Kampanye", "Survei", "Status Laporan", "Bantuan"]
MENU_EN = ["Report Incident", "Campaign Content", "Surveys", "Report Status", "Help"]


async def test_start_greets_in_indonesian_with_main_menu(harness: Harness) -> None:
    siti = harness.user("Siti", language_code="id")
    [reply] = await siti.send("/start")
    assert "Halo, Siti!" in reply["text"]
    assert "anonim" in reply["text"]  # how data is handled
    assert len(reply["text"].splitlines()) == 3
    assert button_texts(reply) == MENU_ID
    assert reply["reply_markup"]["resize_keyboard"] is True
    [again] = await siti.send("/start")
    assert "Selamat datang kembali" in again["text"]


async def test_start_in_english_for_english_telegram(harness: Harness) -> None:
    john = harness.user("John", language_code="en-GB")
    [reply] = await john.send("/start")
    assert reply["text"].startswith("Hi, John!")
    assert button_texts(reply) == MENU_EN


async def test_user_name_is_escaped(harness: Harness) -> None:
    user = harness.user("<b>Budi</b> & co")
    [reply] = await user.send("/start")
    assert "<b>Budi</b> & co" in reply["text"]  # shown literally, not as bold markup
    bold = [e for e in reply["entities"] if e["type"] == "bold"]
    assert [entity_text(reply, e) for e in bold] == ["Rukun"]


async def test_help_lists_commands_of_the_users_role(harness: Harness) -> None:
    citizen = harness.user("Ani")
    await citizen.send("/start")
    [help_citizen] = await citizen.send("/bantuan")
    assert "/lapor" in help_citizen["text"] and "/siaran" not in help_citizen["text"]

    coordinator = harness.user("Kordinator")
    await coordinator.send("/start")
    await harness.services.people.grant(coordinator.id, Role.COORDINATOR, by="test")
    [help_coord] = await coordinator.send("/help")
    assert "/siaran" in help_coord["text"] and "/laporan" in help_coord["text"]
    assert "Admin" not in help_coord["text"]
    [via_button] = await citizen.send("Bantuan")
    assert via_button["text"] == help_citizen["text"]


async def test_bahasa_switches_language(harness: Harness) -> None:
    siti = harness.user("Siti")
    await siti.send("/start")
    [picker] = await siti.send("/bahasa")
    answer = await siti.press(picker, "English", expect=1)
    assert answer is not None
    msgs = await siti.inbox()
    assert msgs[-2]["text"] == "Done, I'll speak English from now on."  # the picker, edited
    assert button_texts(msgs[-1]) == MENU_EN
    [help_en] = await siti.send("/help")
    assert help_en["text"].startswith("What you can do with Rukun")


async def test_bad_deep_link_is_a_plain_start_and_grants_nothing(harness: Harness) -> None:
    for payload in ("zz-UNKNOWN", "a-", "p-x", "r-" + "x" * 70, "bad%20payload"):
        user = harness.user("Tamu")
        greeting, note = await user.send(f"/start {payload}", expect=2)
        assert "Halo, Tamu!" in greeting["text"]
        assert "tidak berlaku" in note["text"]
        person = await harness.services.people.get(user.id)
        assert person.roles == {Role.CITIZEN}


async def test_flood_control_warns_once_then_ignores(harness: Harness) -> None:
    user = harness.user("Cepat")
    await user.send("/start")
    limit = harness.settings.flood.max_messages
    for _ in range(limit - 1):
        await user.emu.send_message(user.info, "/bantuan")
    await user.emu.wait_bot_messages(user.id, limit, timeout=10)
    # over the limit: one polite warning, then silence
    for _ in range(3):
        await user.emu.send_message(user.info, "/bantuan")
    msgs = await user.send("/bantuan", expect=0)
    texts = [m["text"] for m in await user.inbox()]
    assert sum("Pelan-pelan" in t for t in texts) == 1
    assert msgs == [] or all("Pelan-pelan" in m["text"] for m in msgs)


async def test_conversation_state_survives_a_restart(harness: Harness) -> None:
    user = harness.user("Tetap")
    await user.send("/start")
    storage = harness.services.storage
    key = StorageKey(bot_id=BOT_ID, chat_id=user.id, user_id=user.id)
    await storage.set_state(key, "SomeFlow:step2")
    await storage.set_data(key, {"draft": "gereja disegel"})
    await harness.restart()
    storage = harness.services.storage
    assert await storage.get_state(key) == "SomeFlow:step2"
    assert (await storage.get_data(key))["draft"] == "gereja disegel"
    [reply] = await user.send("/batal")
    assert reply["text"] == "Oke, dibatalkan."
    assert await harness.services.storage.get_state(key) is None


async def test_opt_out_and_back(harness: Harness) -> None:
    user = harness.user("Rina")
    await user.send("/start")
    [stop] = await user.send("/berhenti")
    assert "tidak akan menerima siaran" in stop["text"]
    assert (await harness.services.people.list_users())[0].opted_out is True
    await user.send("/mulai")
    assert (await harness.services.people.list_users())[0].opted_out is False


async def test_erase_personal_data(harness: Harness) -> None:
    user = harness.user("Hapus")
    await user.send("/start")
    [ask] = await user.send("/hapusdata")
    await user.press(ask, "Ya, hapus")
    assert "sudah dihapus" in (await user.last())["text"]
    assert await harness.services.people.list_users() == []


async def test_command_menus_per_language_and_coordinator_scope(harness: Harness) -> None:
    menus = await harness.emu.my_commands()
    by_lang = {(m["scope"]["type"], m.get("language_code") or ""): m["commands"] for m in menus}
    assert {"command": "lapor", "description": "Laporkan insiden"} in by_lang[("default", "")]
    assert {"command": "lapor", "description": "Report an incident"} in by_lang[("default", "en")]
    coordinator = harness.user("Koor")
    await coordinator.send("/start")
    await harness.services.people.grant(coordinator.id, Role.COORDINATOR, by="test")
    await coordinator.send("/start")
    menus = await harness.emu.my_commands()
    chat_menus = [m for m in menus if m["scope"]["type"] == "chat"]
    assert chat_menus and chat_menus[-1]["scope"]["chat_id"] == coordinator.id
    assert any(c["command"] == "siaran" for c in chat_menus[-1]["commands"])


async def test_unknown_text_gets_menu(harness: Harness) -> None:
    user = harness.user("Bingung")
    await user.send("/start")
    [reply] = await user.send("asdfghjkl qwerty")
    assert "belum paham" in reply["text"]
    assert button_texts(reply) == MENU_ID


async def test_stale_button_returns_to_menu(harness: Harness) -> None:
    user = harness.user("Lama")
    [greeting] = await user.send("/start")
    answer = await user.press_data(greeting, "old:button:from:last:year")
    assert "sudah tidak berlaku" in answer["text"]


async def test_every_menu_button_reaches_its_feature(harness: Harness) -> None:
    user = harness.user("Menu")
    await user.send("/start")
    for label in MENU_ID:
        replies = await user.send(label)
        assert replies, label
        assert "segera hadir" not in replies[0]["text"] and "belum paham" not in replies[0]["text"]

"""Odd input (issue 17): huge numbers in buttons, bot senders, a repeated edit — no error at all.

Each case is answered as a stale button or ignored; nothing is logged at ERROR and the ops chat
hears nothing.
"""

from __future__ import annotations

import importlib
import pkgutil
from enum import Enum
from typing import Any

import pytest
from aiogram.filters.callback_data import CallbackData

import bot
import bot.app
from bot.callback_data import Callback
from bot.people.keyboards import LanguageCb
from tests.support.harness import Harness
from tests.support.markers import both_backends
from tests.support.raw_updates import (
    CHANNEL_BOT,
    anonymous_admin_message,
    errors_logged,
    known_group,
    message,
    private_chat,
)
from tests.surveys.helpers import last_when, load_open

OPS_CHAT = -100777
GROUP = -1005550001
STALE = "Tombol ini sudah tidak berlaku"
APOLOGY = "Maaf, ada yang tidak beres"
#: Broadcast buttons answer a citizen this way before they look at the data.
NOT_ALLOWED = "Maaf, perintah ini hanya untuk peran tertentu."
HUGE = "9" * 25


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"ops_chat_id": OPS_CHAT, "flood": {"max_messages": 200}}


def callback_classes() -> list[type[CallbackData]]:
    """Every button class of the bot (all its modules imported, so the file can run alone)."""
    for module in pkgutil.walk_packages(bot.__path__, "bot."):
        if not any(p in module.name for p in (".migrations", ".emulator", "__main__")):
            importlib.import_module(module.name)
    found: list[type[CallbackData]] = []
    todo: list[type[CallbackData]] = list(CallbackData.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls is not Callback and cls.__module__.startswith("bot."):
            found.append(cls)
    return sorted(found, key=lambda c: c.__prefix__)


def forged(cls: type[CallbackData], word: str) -> str:
    """``prefix:…`` with a huge number in every int field, a valid action in every enum field
    and ``word`` in every other one."""

    def part(annotation: object) -> str:
        if annotation in (int, "int"):
            return HUGE
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return str(next(iter(annotation)).value)
        return word

    parts = [part(field.annotation) for field in cls.model_fields.values()]
    return cls.__separator__.join([cls.__prefix__, *parts])


def test_every_button_class_bounds_its_numbers() -> None:
    classes = callback_classes()
    assert len(classes) >= 15
    assert [c.__name__ for c in classes if not issubclass(c, Callback)] == []
    for cls in classes:
        with pytest.raises(ValueError):
            cls.unpack(forged(cls, HUGE))
        if any(f.annotation is int for f in cls.model_fields.values()):
            with pytest.raises(ValueError, match="out of range"):
                cls.unpack(forged(cls, "claim"))


@both_backends
async def test_huge_numbers_in_every_kind_of_button_are_stale(harness: Harness) -> None:
    await known_group(harness, OPS_CHAT)
    user = harness.user("Siti")
    [greeting] = await user.send("/start")
    with errors_logged() as errors:
        for cls in callback_classes():
            for word in (HUGE, "claim"):
                answer = await user.press_data(greeting, forged(cls, word))
                text = answer.get("text") or ""
                assert text and APOLOGY not in text, (cls.__name__, answer)
                if word == HUGE or any(f.annotation is int for f in cls.model_fields.values()):
                    # refused at unpacking: no handler saw it
                    assert STALE in text or text == NOT_ALLOWED, (cls.__name__, answer)
    assert errors.lines() == []
    assert await harness.emu.bot_messages(OPS_CHAT) == []


@both_backends
async def test_anonymous_admins_and_bots_are_ignored(harness: Harness) -> None:
    await known_group(harness, OPS_CHAT)
    group = await known_group(harness, GROUP, "Kelompok Warga")
    robot = {"id": 777_001, "is_bot": True, "first_name": "Robot"}
    channel = {"id": -1005550002, "type": "channel", "title": "Kanal"}
    with errors_logged() as errors:
        for text in ("/start", "/lapor", "/laporan", "/survei", "/bantuan", "halo semua"):
            await harness.emu.push_update(anonymous_admin_message(group, text))
            await harness.emu.push_update(
                {"message": message(CHANNEL_BOT, group, text, sender_chat=channel)}
            )
            await harness.emu.push_update({"message": message(robot, private_chat(robot), text)})
        await harness.emu.push_update(
            {"callback_query": {"id": "q-robot", "from": robot, "chat_instance": "1", "data": "x"}}
        )
        user = harness.user("Rudi")
        [greeting] = await user.send("/start")
    assert greeting["text"].startswith("Halo, Rudi")
    assert errors.lines() == []
    assert await harness.emu.bot_messages(GROUP) == []
    assert await harness.emu.bot_messages(OPS_CHAT) == []
    assert [u.id for u in await harness.services.people.list_users()] == [user.id]


async def test_a_press_repeated_after_its_edit_is_no_error(harness: Harness) -> None:
    """The language picker pressed again after it was edited: Telegram says "message is not
    modified", which is success; the rest of the handler (the menu) still happens."""
    await known_group(harness, OPS_CHAT)
    user = harness.user("Ani")
    await user.send("/start")
    [picker] = await user.send("/bahasa")
    with errors_logged() as errors:
        await user.press(picker, "Bahasa Indonesia", expect=1)  # edited, and the menu
        before = len(await user.inbox())
        await user.press_data(picker, LanguageCb(code="id").pack())  # the same press again
        await user.emu.wait_bot_messages(user.id, before + 1)
    assert errors.lines() == []
    assert await harness.emu.bot_messages(OPS_CHAT) == []
    refused = [c for c in await harness.emu.calls("editMessageText") if not c["ok"]]
    assert refused and "not modified" in refused[-1]["description"]


async def test_survey_tick_redelivered_after_a_crash_is_no_error(harness: Harness) -> None:
    """The tick was stored but the bot died before the edit (here: the edit failed); the press
    comes again, and the edit it now makes equals what is shown: no error the second time."""
    await load_open(harness.services)
    await known_group(harness, OPS_CHAT)
    budi = harness.user("Budi", language_code="en")
    await budi.send("/start")
    [listing] = await budi.send("/survei")
    await budi.press(listing, "Check Survey", expect=2)
    await budi.press((await budi.inbox())[-1], "Neutral", expect=1)
    await budi.press((await budi.inbox())[-1], "Yes", expect=1)
    q3 = (await budi.inbox())[-1]
    await harness.emu.fail_next(1, error_code=500, method="editMessageText")
    await budi.press(q3, "Instagram")  # stored; the edit fails like a crash before it
    [_alert] = await harness.emu.wait_bot_messages(OPS_CHAT, 1)  # that failure is handled
    with errors_logged() as errors:
        await budi.press(q3, "Instagram")  # redelivered: unticks; the edit changes nothing
        shown = await last_when(budi, lambda m: "Where?" in (m.get("text") or ""))
    assert errors.lines() == []
    assert len(await harness.emu.bot_messages(OPS_CHAT)) == 1
    assert "▫️ Instagram" in str(shown["reply_markup"])

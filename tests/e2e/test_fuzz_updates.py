"""A seeded, bounded fuzz run (issue 17): malformed updates of every kind through the emulator.

``random.Random(SEED)`` builds the same run every time: messages with odd entities, empty, huge
and strange texts, commands with odd payloads, huge and negative ids, forged button data for every
``CallbackData`` prefix in the code, unknown kinds of update, edited messages, channel posts,
membership changes, bot senders and anonymous admins, forwards from hidden senders, odd media. The
real bot reads them through ``getUpdates`` as it reads Telegram's; afterwards a new user's
``/start`` must be answered and nothing may have been logged at ERROR (the catch-all error handler
logs there, so do aiogram and asyncio for anything unhandled).

Set ``FUZZ_SEED`` to try another run; the seed is in the failure message.
"""

from __future__ import annotations

import asyncio
import os
import random
from collections import Counter
from typing import Any

import pytest

from tests.e2e.test_odd_input import callback_classes
from tests.support.harness import Harness, UserDriver
from tests.support.raw_updates import (
    ANONYMOUS_ADMIN,
    errors_logged,
    hidden_forward,
    known_group,
    message,
    private_chat,
)

SEED = int(os.environ.get("FUZZ_SEED", "20260417"))
UPDATES = 560
OPS_CHAT = -100777
GROUPS = (-1005550101, -1005550102)

TEXTS = [
    "",
    " ",
    "\u200b",
    "\u202eterbalik",
    "halo",
    "lapor",
    "berhenti",
    "hapus data saya",
    "Lapor Insiden",
    "Survei",
    "Bantuan",
    "Status Laporan",
    "Konten Kampanye",
    "😀" * 50,
    "<b>tebal</b> & <i>",
    "a\x00b",
    "x" * 4096,
    "y" * 10_000,
    "Gereja kami di Cilegon disegel satpol pp pagi tadi, padahal izin sudah lengkap.",
]
COMMANDS = [
    "/start",
    "/start " + "9" * 40,
    "/start rp_" + "x" * 80,
    "/start inv_-1",
    "/start \u0000",
    "/lapor",
    "/report",
    "/laporan",
    "/survei",
    "/bahasa",
    "/bantuan",
    "/help",
    "/batal",
    "/berhenti",
    "/mulai",
    "/hapusdata",
    "/siaran",
    "/konten",
    "/start@rukun_test_bot",
    "/unknown_command",
    "/" + "z" * 300,
]
ENTITY_TYPES = ["bold", "bot_command", "mention", "text_link", "url", "custom_emoji", "spoiler"]
ODD_NUMBERS = [0, -1, 2**31, 2**31 - 1, 2**53, 2**63 - 1, -(2**63), 10**25]


class Fuzzer:
    """Builds one malformed-but-plausible update at a time from a seeded generator."""

    def __init__(
        self, rnd: random.Random, users: list[dict[str, Any]], greeting_ids: dict[int, int]
    ):
        self.rnd = rnd
        self.users = users
        self.greeting_ids = greeting_ids
        self.groups = [{"id": g, "type": "supergroup", "title": f"Grup {g}"} for g in GROUPS]
        self.callbacks = callback_classes()
        self.kinds: Counter[str] = Counter()
        #: Chats an update of the run is from: Telegram only sends updates from chats that exist.
        self.new_chats: list[dict[str, Any]] = []

    def user(self) -> dict[str, Any]:
        return self.rnd.choice(self.users)

    def text(self) -> str:
        return self.rnd.choice(TEXTS + COMMANDS)

    def entities(self, text: str) -> list[dict[str, Any]]:
        out = []
        for _ in range(self.rnd.randint(0, 4)):
            entity: dict[str, Any] = {
                "type": self.rnd.choice(ENTITY_TYPES),
                "offset": self.rnd.choice([0, 1, len(text), len(text) + 5, -3]),
                "length": self.rnd.choice([0, 1, len(text), 10_000, -1]),
            }
            if entity["type"] == "text_link":
                entity["url"] = self.rnd.choice(["https://example.org", "tg://user?id=1", ""])
            if entity["type"] == "custom_emoji":
                entity["custom_emoji_id"] = "5368324170671202286"
            out.append(entity)
        return out

    def chat_for(self, user: dict[str, Any]) -> dict[str, Any]:
        return private_chat(user) if self.rnd.random() < 0.75 else self.rnd.choice(self.groups)

    # -- the kinds of update ---------------------------------------------------------------
    def odd_message(self) -> dict[str, Any]:
        user = self.user()
        text = self.text()
        body = message(user, self.chat_for(user), text)
        if self.rnd.random() < 0.5:
            body["entities"] = self.entities(text)
        return {"message": body}

    def odd_ids(self) -> dict[str, Any]:
        user = dict(self.user())
        chat = private_chat(user)
        target = self.rnd.choice(["message_id", "from.id", "chat.id", "date", "reply"])
        body = message(user, chat, self.rnd.choice(COMMANDS))
        number = self.rnd.choice(ODD_NUMBERS)
        if target == "message_id" or target == "date":
            body[target] = number
        elif target == "from.id":
            body["from"] = {**user, "id": number}
        elif target == "chat.id":
            body["chat"] = {**chat, "id": number}
            self.new_chats.append(body["chat"])
        else:
            body["reply_to_message"] = message(user, chat, "asal", message_id=number)
        return {"message": body}

    def forged_press(self) -> tuple[dict[str, Any], str]:
        cls = self.rnd.choice(self.callbacks)
        parts = []
        for field in cls.model_fields.values():
            parts.append(
                self.rnd.choice(
                    [
                        str(self.rnd.choice(ODD_NUMBERS)),
                        "",
                        "claim",
                        "a",
                        "t",
                        "y",
                        "٣",
                        "²",
                        "x" * 40,
                        "1",
                        "0",
                        "-5",
                        "true",
                    ]
                )
                if field.annotation is not int or self.rnd.random() < 0.5
                else str(self.rnd.choice(ODD_NUMBERS))
            )
        if self.rnd.random() < 0.1:
            parts.append("extra")
        data = cls.__separator__.join([cls.__prefix__, *parts])
        return self.user(), data.encode()[:64].decode(errors="ignore")

    def unknown_kind(self) -> dict[str, Any]:
        name = self.rnd.choice(["future_update", "business_whatever", "x"])
        return {name: {"id": self.rnd.randint(1, 10**6), "from": self.user()}}

    def edited(self) -> dict[str, Any]:
        user = self.user()
        body = message(user, self.chat_for(user), self.text(), edit_date=1_700_000_100)
        return {"edited_message": body}

    def channel_post(self) -> dict[str, Any]:
        channel = {"id": -1005550200, "type": "channel", "title": "Kanal"}
        kind = self.rnd.choice(["channel_post", "edited_channel_post"])
        return {kind: message(None, channel, self.text(), sender_chat=channel)}

    def membership(self) -> dict[str, Any]:
        statuses = ["member", "left", "kicked", "administrator", "restricted"]
        me = {"id": 123456, "is_bot": True, "first_name": "Rukun Test Bot"}
        member = me if self.rnd.random() < 0.6 else self.user()
        change = {
            "chat": self.rnd.choice([*self.groups, private_chat(self.user())]),
            "from": self.rnd.choice([self.user(), ANONYMOUS_ADMIN]),
            "date": 1_700_000_000,
            "old_chat_member": {"status": self.rnd.choice(statuses), "user": member},
            "new_chat_member": {"status": self.rnd.choice(statuses), "user": member},
        }
        return {self.rnd.choice(["my_chat_member", "chat_member"]): change}

    def not_a_person(self) -> dict[str, Any]:
        group = self.rnd.choice(self.groups)
        robot = {
            "id": self.rnd.choice([777_001, 1087968824, 136817688]),
            "is_bot": True,
            "first_name": "Bot",
        }
        sender_chat = self.rnd.choice(
            [group, {"id": -1005550200, "type": "channel", "title": "K"}, None]
        )
        extra = {"sender_chat": sender_chat} if sender_chat else {}
        chat = group if self.rnd.random() < 0.8 else private_chat(self.user())
        return {"message": message(robot, chat, self.text(), **extra)}

    def forward(self) -> dict[str, Any]:
        user = self.user()
        if self.rnd.random() < 0.5:
            return hidden_forward(user, self.text() or "x")
        origin = self.rnd.choice(
            [
                {"type": "user", "date": 1, "sender_user": self.user()},
                {"type": "hidden_user", "date": 1, "sender_user_name": "Rahasia"},
                {"type": "chat", "date": 1, "sender_chat": self.groups[0]},
                {
                    "type": "channel",
                    "date": 1,
                    "chat": {"id": -100, "type": "channel"},
                    "message_id": 1,
                },
                {"type": "mystery", "date": 1},
            ]
        )
        return {"message": message(user, private_chat(user), self.text(), forward_origin=origin)}

    def odd_media(self) -> dict[str, Any]:
        user = self.user()
        media = self.rnd.choice(
            [
                {"photo": []},
                {"photo": [{"file_id": "x", "file_unique_id": "y", "width": -1, "height": 0}]},
                {"document": {"file_id": "nope", "file_unique_id": "u", "file_size": 2**40}},
                {"location": {"latitude": 999.0, "longitude": -999.0}},
                {"contact": {"phone_number": "", "first_name": ""}},
                {
                    "sticker": {
                        "file_id": "s",
                        "file_unique_id": "s",
                        "type": "regular",
                        "width": 1,
                        "height": 1,
                        "is_animated": False,
                        "is_video": False,
                    }
                },
                {"voice": {"file_id": "v", "file_unique_id": "v", "duration": -5}},
                {"poll": {"id": "p", "question": "?", "options": [], "total_voter_count": 0}},
            ]
        )
        return {"message": message(user, private_chat(user), None, caption=self.text(), **media)}

    def reply_to_bot(self) -> dict[str, Any]:
        user = self.user()
        me = {"id": 123456, "is_bot": True, "first_name": "Rukun Test Bot"}
        cls = self.rnd.choice(self.callbacks)
        data = f"{cls.__prefix__}:{self.rnd.choice(['', 'x', '9' * 30, '1:2:3:4:5'])}"
        markup = {"inline_keyboard": [[{"text": "b", "callback_data": data}]]}
        replied = message(me, private_chat(user), "pertanyaan", reply_markup=markup)
        replied["message_id"] = self.greeting_ids[user["id"]]
        return {"message": message(user, private_chat(user), self.text(), reply_to_message=replied)}

    KINDS = (
        "odd_message",
        "odd_ids",
        "forged_press",
        "unknown_kind",
        "edited",
        "channel_post",
        "membership",
        "not_a_person",
        "forward",
        "odd_media",
        "reply_to_bot",
    )

    def next(self) -> tuple[str, Any]:
        kind = self.rnd.choice(self.KINDS)
        self.kinds[kind] += 1
        return kind, getattr(self, kind)()


async def _settled(harness: Harness, timeout: float = 45.0) -> None:
    """Every queued update fetched, and the bot quiet for a moment."""
    for _ in range(int(timeout / 0.1)):
        if not await harness.emu.pending_updates():
            break
        await asyncio.sleep(0.1)
    else:
        raise AssertionError("the bot stopped fetching updates")
    quiet, last = 0, -1
    while quiet < 5:  # 0.5 s without a new Bot API call
        calls = len(await harness.emu.calls())
        quiet = quiet + 1 if calls == last else 0
        last = calls
        await asyncio.sleep(0.1)


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"ops_chat_id": OPS_CHAT}


@pytest.mark.slow
async def test_fuzzed_updates_leave_the_bot_answering(harness: Harness) -> None:
    rnd = random.Random(SEED)
    await known_group(harness, OPS_CHAT)
    drivers: list[UserDriver] = [
        harness.user(f"Warga{i}", language_code=rnd.choice(["id", "en", None, "xx"]))
        for i in range(10)
    ]
    users = [d.info for d in drivers]
    for group_id in GROUPS:
        await harness.emu.register_chat(
            {"id": group_id, "type": "supergroup", "title": f"Grup {group_id}"}, members=users
        )
    greeting_ids = {}
    for driver in drivers:
        [greeting] = await driver.send("/start")
        greeting_ids[driver.id] = greeting["message_id"]
    fuzz = Fuzzer(rnd, users, greeting_ids)
    with errors_logged() as errors:
        for _ in range(UPDATES):
            kind, update = fuzz.next()
            if kind == "forged_press":
                user, data = update
                await harness.emu.press_button(user, greeting_ids[user["id"]], data, check=False)
            else:
                for chat in fuzz.new_chats:
                    if -(2**63) <= chat["id"] < 2**63:  # larger ones are set aside
                        await harness.emu.register_chat(chat)
                fuzz.new_chats.clear()
                await harness.emu.push_update(update, store=True)
        await _settled(harness)
        newcomer = harness.user("Pendatang")
        [reply] = await newcomer.send("/start", timeout=30)
    assert reply["text"].startswith("Halo, Pendatang"), f"seed {SEED}"
    assert set(fuzz.kinds) == set(Fuzzer.KINDS) and sum(fuzz.kinds.values()) >= 500
    assert errors.lines() == [], f"seed {SEED}: {errors.lines()[:10]}"
    print(f"fuzz seed {SEED}: {dict(fuzz.kinds)}")

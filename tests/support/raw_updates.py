"""Raw update JSON as Telegram sends it (for ``EmulatorClient.push_update``), and a log catcher.

Tests of odd and malformed input queue these through the emulator, so the real bot reads them
the way it reads Telegram's: through ``getUpdates`` (or the webhook) as plain JSON.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.support.harness import Harness

JsonDict = dict[str, Any]
DATE = 1_700_000_000
#: Telegram's service accounts: GroupAnonymousBot, Channel_Bot, Telegram (linked channels).
ANONYMOUS_ADMIN = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}
CHANNEL_BOT = {"id": 136817688, "is_bot": True, "first_name": "Channel", "username": "Channel_Bot"}
_message_ids = itertools.count(900_000)


def private_chat(user: JsonDict) -> JsonDict:
    return {"id": user["id"], "type": "private", "first_name": user.get("first_name", "")}


def message(
    sender: JsonDict | None, chat: JsonDict, text: str | None = "halo", **extra: Any
) -> JsonDict:
    """A ``message`` object (``sender`` None: no ``from``, as in a channel)."""
    body: JsonDict = {"message_id": next(_message_ids), "date": DATE, "chat": chat}
    if sender is not None:
        body["from"] = sender
    if text is not None:
        body["text"] = text
        if text.startswith("/"):
            command = text.split()[0]
            body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    body.update(extra)
    return body


def hidden_forward(user: JsonDict, text: str = "pesan terusan") -> JsonDict:
    """A forward from a sender who hides their account, as Telegram sends legacy ones: the
    ``hidden_user`` origin has no ``sender_user_name`` (aiogram issue #1840)."""
    origin = {"type": "hidden_user", "date": 1_422_450_181}
    return {"message": message(user, private_chat(user), text, forward_origin=origin)}


def anonymous_admin_message(group: JsonDict, text: str) -> JsonDict:
    """A message an anonymous group admin sends: from GroupAnonymousBot, on behalf of the group."""
    return {"message": message(ANONYMOUS_ADMIN, group, text, sender_chat=group)}


async def known_group(harness: Harness, chat_id: int, title: str = "Ops Rukun") -> JsonDict:
    """A supergroup the emulator knows (so the bot may write there)."""
    group = {"id": chat_id, "type": "supergroup", "title": title}
    await harness.emu.register_chat(group)
    return group


class ErrorLog(logging.Handler):
    """Every record at ERROR or above, from any logger."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def lines(self) -> list[str]:
        return [f"{r.name}: {r.getMessage()}" for r in self.records]


@contextmanager
def errors_logged() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)

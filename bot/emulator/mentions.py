"""Entities Telegram finds by itself: ``/commands`` and ``@mentions``, and who a mention names.

Telegram detects ``bot_command`` and ``mention`` entities in what users type and ``mention``
entities in what bots send, and turns a bot's ``tg://user?id=N`` link into a ``text_mention``
carrying the user.  Privacy mode and selective force-reply both read these entities.
"""

from __future__ import annotations

import re
from typing import Any

from .entities import utf16_len
from .state import BotState, JsonDict

_COMMAND_RE = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")
_MENTION_RE = re.compile(r"(?<![\w/@])@[A-Za-z0-9_]{3,32}\b")
_USER_LINK_RE = re.compile(r"^tg://user\?id=(\d+)$")


def _found(text: str, pattern: re.Pattern[str], kind: str) -> list[JsonDict]:
    return [
        {"type": kind, "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
        for m in pattern.finditer(text)
    ]


def command_entities(text: str) -> list[JsonDict]:
    """``bot_command`` entities for ``/cmd`` and ``/cmd@bot_username`` tokens."""
    return _found(text, _COMMAND_RE, "bot_command")


def mention_entities(text: str) -> list[JsonDict]:
    """``mention`` entities for ``@username`` tokens."""
    return _found(text, _MENTION_RE, "mention")


def typed_entities(text: str) -> list[JsonDict]:
    """What Telegram detects in text a user typed: commands and mentions, in order."""
    return sorted(command_entities(text) + mention_entities(text), key=lambda e: e["offset"])


def entity_text(text: str, entity: JsonDict) -> str:
    """The part of ``text`` an entity covers (offsets count UTF-16 code units)."""
    raw = text.encode("utf-16-le")
    start, length = int(entity["offset"]) * 2, int(entity["length"]) * 2
    return raw[start : start + length].decode("utf-16-le", errors="replace")


def enrich_sent(bot: BotState, text: str, entities: list[Any]) -> list[Any]:
    """A bot message's entities as Telegram returns them: user links become ``text_mention``
    (for users the emulator knows) and ``@username`` tokens get ``mention`` entities."""
    out: list[Any] = []
    for entity in entities:
        match = (
            _USER_LINK_RE.match(str(entity.get("url", ""))) if isinstance(entity, dict) else None
        )
        user = bot.users.get(int(match.group(1))) if match else None
        if user is not None:
            entity = {
                "type": "text_mention",
                "offset": entity["offset"],
                "length": entity["length"],
                "user": dict(user),
            }
        out.append(entity)
    covered = {(e.get("offset"), e.get("length")) for e in out if isinstance(e, dict)}
    out.extend(e for e in mention_entities(text) if (e["offset"], e["length"]) not in covered)
    return sorted(out, key=lambda e: (e["offset"], -e["length"]))


def mentioned_user_ids(bot: BotState, text: str, entities: list[Any]) -> list[int]:
    """Users named by ``mention`` (known usernames only) and ``text_mention`` entities."""
    found: list[int] = []
    for entity in entities:
        if not isinstance(entity, dict):
            continue
        user_id: int | None = None
        if entity.get("type") == "text_mention":
            user_id = int((entity.get("user") or {}).get("id", 0)) or None
        elif entity.get("type") == "mention":
            user_id = bot.usernames.get(entity_text(text, entity)[1:].lower())
        if user_id is not None and user_id not in found:
            found.append(user_id)
    return found


def content_entities(message: JsonDict) -> tuple[str, list[Any]]:
    """``(text, entities)`` of a message, or its caption and caption entities."""
    if "text" in message:
        return str(message["text"]), list(message.get("entities") or [])
    return str(message.get("caption") or ""), list(message.get("caption_entities") or [])

"""User-side actions: each one stores what the user did and queues a real Update."""

from __future__ import annotations

import copy
import re
import secrets
import time
from typing import Any

from .entities import utf16_len
from .media import fake_user_file
from .state import BotState, ChatState, JsonDict, MessageRecord
from .validation import inline_callback_data

_COMMAND_RE = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")


class ControlError(Exception):
    """A test-control request that cannot be carried out (HTTP 400)."""


def command_entities(text: str) -> list[JsonDict]:
    """``bot_command`` entities for ``/cmd`` and ``/cmd@bot_username`` tokens."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_len(text[: m.start()]),
            "length": utf16_len(m.group()),
        }
        for m in _COMMAND_RE.finditer(text)
    ]


def _user(bot: BotState, user: JsonDict) -> JsonDict:
    if not isinstance(user, dict) or "id" not in user:
        raise ControlError("user must be an object with an 'id'")
    return bot.register_user(user)


def _chat(bot: BotState, user: JsonDict, chat: JsonDict | None) -> ChatState:
    if chat is None:
        return bot.chats[user["id"]]
    if not isinstance(chat, dict) or "id" not in chat:
        raise ControlError("chat must be an object with an 'id'")
    if int(chat["id"]) > 0 and chat.get("type", "private") == "private":
        return bot.chats[user["id"]] if int(chat["id"]) == user["id"] else bot.ensure_chat(chat)
    return bot.ensure_chat({"type": "supergroup", **chat})


def user_message(
    bot: BotState,
    user: JsonDict,
    text: str | None = None,
    *,
    chat: JsonDict | None = None,
    location: JsonDict | None = None,
    photo: bool = False,
    document: JsonDict | None = None,
    video: bool = False,
    voice: bool = False,
    sticker: bool = False,
    contact: JsonDict | None = None,
    caption: str | None = None,
    reply_to_message_id: int | None = None,
) -> JsonDict:
    """Store a message written by ``user`` and queue its ``message`` update."""
    sender = _user(bot, user)
    target = _chat(bot, sender, chat)
    message: JsonDict = {
        "message_id": target.allocate_id(),
        "from": sender,
        "chat": dict(target.chat),
        "date": int(time.time()),
    }
    if reply_to_message_id is not None:
        replied = target.live(int(reply_to_message_id))
        if replied is None:
            raise ControlError(f"message {reply_to_message_id} not found in chat {target.id}")
        message["reply_to_message"] = {
            k: v for k, v in replied.message.items() if k != "reply_to_message"
        }
    if text is not None:
        message["text"] = text
        entities = command_entities(text)
        if entities:
            message["entities"] = entities
    if location is not None:
        message["location"] = {
            "latitude": float(location["latitude"]),
            "longitude": float(location["longitude"]),
        }
    if photo:
        message["photo"] = fake_user_file(bot, "photo")
    if document is not None:
        message["document"] = fake_user_file(bot, "document", **document)
    if video:
        message["video"] = fake_user_file(bot, "video")
    if voice:
        message["voice"] = fake_user_file(bot, "voice")
    if sticker:
        message["sticker"] = fake_user_file(bot, "sticker")
    if contact is not None:
        message["contact"] = {"first_name": sender["first_name"], **contact}
    if caption is not None:
        message["caption"] = caption
    if len(message) == 4 or (len(message) == 5 and "reply_to_message" in message):
        raise ControlError("a message needs text, media, location or contact")
    target.add(MessageRecord(message, from_bot=False))
    bot.push_update({"message": message})
    return copy.deepcopy(message)


def press_button(
    bot: BotState,
    user: JsonDict,
    message_id: int,
    data: str,
    *,
    chat: JsonDict | None = None,
    check: bool = True,
) -> str:
    """Press an inline button; returns the callback query id."""
    sender = _user(bot, user)
    target = _chat(bot, sender, chat)
    record = target.live(int(message_id))
    if check:
        if record is None or not record.from_bot:
            raise ControlError(f"bot message {message_id} not found in chat {target.id}")
        buttons = inline_callback_data(record.message.get("reply_markup"))
        if data not in buttons:
            raise ControlError(
                f"message {message_id} has no button with callback_data {data!r}; "
                f"has {sorted(buttons)}"
            )
    if record is not None:
        message = copy.deepcopy(record.message)
    else:
        message = {"message_id": int(message_id), "chat": dict(target.chat), "date": 0}
    query_id = str(secrets.randbits(63))
    query = {
        "id": query_id,
        "from": sender,
        "message": message,
        "chat_instance": target.chat_instance,
        "data": data,
    }
    bot.callback_queries[query_id] = query
    bot.push_update({"callback_query": query})
    return query_id


def inline_query(
    bot: BotState, user: JsonDict, query: str, *, offset: str = "", chat_type: str = "sender"
) -> str:
    """Type an inline query; returns the inline query id."""
    sender = _user(bot, user)
    query_id = str(secrets.randbits(63))
    payload = {
        "id": query_id,
        "from": sender,
        "query": query,
        "offset": offset,
        "chat_type": chat_type,
    }
    bot.inline_queries[query_id] = payload
    bot.push_update({"inline_query": payload})
    return query_id


def choose_inline_result(
    bot: BotState,
    user: JsonDict,
    result_id: str,
    query: str,
    *,
    inline_message_id: str | None = None,
) -> int:
    """Pick an inline result; returns the update id."""
    sender = _user(bot, user)
    payload: dict[str, Any] = {"result_id": result_id, "from": sender, "query": query}
    if inline_message_id is not None:
        payload["inline_message_id"] = inline_message_id
        bot.inline_messages.setdefault(
            inline_message_id,
            MessageRecord({"inline_message_id": inline_message_id}, from_bot=True),
        )
    return bot.push_update({"chosen_inline_result": payload})

"""User-side actions: each one stores what the user did and queues a real Update."""

from __future__ import annotations

import copy
import secrets
import time
from typing import Any

from .media import fake_user_file
from .mentions import typed_entities
from .privacy import GROUP_TYPES, hears
from .state import BotState, ChatState, JsonDict, MessageRecord
from .threads import place, thread_for
from .validation import inline_callback_data


class ControlError(Exception):
    """A test-control request that cannot be carried out (HTTP 400)."""


def user_of(bot: BotState, user: JsonDict) -> JsonDict:
    """The registered ``User`` for a control request's ``user`` object."""
    if not isinstance(user, dict) or "id" not in user:
        raise ControlError("user must be an object with an 'id'")
    return bot.register_user(user)


def deliver(bot: BotState, chat: ChatState, message: JsonDict) -> bool:
    """Store a user's (or service) message; queue its update if the bot would receive it."""
    sender = message.get("from") or {}
    if chat.chat.get("type") in GROUP_TYPES and sender.get("id") not in (None, bot.bot_id):
        chat.members.add(int(sender["id"]))
    chat.add(MessageRecord(message, from_bot=False))
    if not hears(bot, chat, message):
        return False
    bot.push_update({"message": message})
    return True


def chat_of(bot: BotState, user: JsonDict, chat: JsonDict | None) -> ChatState:
    """The chat a control request names (the user's private chat by default)."""
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
    message_thread_id: int | None = None,
) -> JsonDict:
    """Store a message written by ``user``; queue its ``message`` update if the bot hears it."""
    sender = user_of(bot, user)
    target = chat_of(bot, sender, chat)
    replied: JsonDict | None = None
    if reply_to_message_id is not None:
        record = target.live(int(reply_to_message_id))
        if record is None:
            raise ControlError(f"message {reply_to_message_id} not found in chat {target.id}")
        replied = {k: v for k, v in record.message.items() if k != "reply_to_message"}
    topic, error = thread_for(target, message_thread_id, replied)
    if error is not None:
        raise ControlError(f"{error} (message_thread_id {message_thread_id} in chat {target.id})")
    message: JsonDict = {
        "message_id": target.allocate_id(),
        "from": sender,
        "chat": dict(target.chat),
        "date": int(time.time()),
    }
    place(message, topic)
    if replied is not None:
        message["reply_to_message"] = replied
    if text is not None:
        message["text"] = text
        entities = typed_entities(text)
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
        entities = typed_entities(caption)
        if entities:
            message["caption_entities"] = entities
    bookkeeping = {"message_id", "from", "chat", "date", "reply_to_message"}
    if not message.keys() - bookkeeping - {"message_thread_id", "is_topic_message"}:
        raise ControlError("a message needs text, media, location or contact")
    deliver(bot, target, message)
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
    sender = user_of(bot, user)
    target = chat_of(bot, sender, chat)
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
    sender = user_of(bot, user)
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
    sender = user_of(bot, user)
    payload: dict[str, Any] = {"result_id": result_id, "from": sender, "query": query}
    if inline_message_id is not None:
        payload["inline_message_id"] = inline_message_id
        bot.inline_messages.setdefault(
            inline_message_id,
            MessageRecord({"inline_message_id": inline_message_id}, from_bot=True),
        )
    return bot.push_update({"chosen_inline_result": payload})

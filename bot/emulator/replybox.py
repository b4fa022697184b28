"""Force-reply: who sees the reply box of a bot message, and answering in it.

A bot message sent with ``reply_markup={"force_reply": true}`` opens the reply box for everyone
in the chat.  With ``"selective": true`` in a group Telegram opens it only for (Bot API,
``ForceReply.selective``):

1. users @mentioned in the message's text (``mention`` and ``text_mention`` entities);
2. the sender of the message the bot's message replies to (same chat).

In a private chat the one user always sees it.
"""

from __future__ import annotations

from typing import Any

from .actions import ControlError, user_message
from .mentions import content_entities, mentioned_user_ids
from .privacy import GROUP_TYPES
from .state import BotState, ChatState, JsonDict, MessageRecord


def _force_reply_message(bot: BotState, chat_id: int, message_id: int) -> MessageRecord:
    chat = bot.chats.get(chat_id)
    record = None if chat is None else chat.live(message_id)
    if record is None or not record.from_bot:
        raise ControlError(f"bot message {message_id} not found in chat {chat_id}")
    markup = record.reply_markup or {}
    if markup.get("force_reply") is not True:
        raise ControlError(f"message {message_id} in chat {chat_id} has no force_reply markup")
    return record


def _selective(chat: ChatState, record: MessageRecord) -> bool:
    return chat.chat.get("type") in GROUP_TYPES and bool(
        (record.reply_markup or {}).get("selective")
    )


def reply_box(bot: BotState, chat_id: int, message_id: int) -> JsonDict:
    """``{"selective", "everyone", "user_ids"}`` for a force-reply message.

    ``user_ids`` are the users who see the box: the targets of a selective force-reply, else every
    member the emulator knows in the chat (``everyone`` is then true: anyone may answer).
    """
    record = _force_reply_message(bot, chat_id, message_id)
    chat = bot.chats[chat_id]
    if not _selective(chat, record):
        known = sorted(chat.members) if chat.chat.get("type") in GROUP_TYPES else [chat.id]
        return {"selective": False, "everyone": True, "user_ids": known}
    text, entities = content_entities(record.message)
    targets = mentioned_user_ids(bot, text, entities)
    replied = record.message.get("reply_to_message") or {}
    sender = (replied.get("from") or {}).get("id")
    if sender is not None and sender != bot.bot_id and sender not in targets:
        targets.append(int(sender))
    return {"selective": True, "everyone": False, "user_ids": targets}


def answer(
    bot: BotState, user: JsonDict, chat_id: int, message_id: int, **content: Any
) -> JsonDict:
    """``user`` types into the reply box of bot message ``message_id``: a reply to it.

    Refused (:class:`ControlError`) when that user would not see the reply box.
    """
    box = reply_box(bot, chat_id, message_id)
    user_id = int(user.get("id", 0)) if isinstance(user, dict) else 0
    if not box["everyone"] and user_id not in box["user_ids"]:
        raise ControlError(
            f"user {user_id} does not see the reply box of message {message_id} in chat "
            f"{chat_id} (selective force_reply shown to {box['user_ids'] or 'nobody'})"
        )
    chat = bot.chats[chat_id]
    content.pop("reply_to_message_id", None)
    return user_message(bot, user, chat=dict(chat.chat), reply_to_message_id=message_id, **content)

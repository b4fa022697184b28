"""Forum topics: ``createForumTopic`` and friends, users creating topics, topic listings.

A supergroup registered with ``"is_forum": true`` has topics.  A topic's ``message_thread_id`` is
the id of its ``forum_topic_created`` service message; messages sent with that
``message_thread_id`` carry it and ``is_topic_message: true`` (see :mod:`.threads`).  Error texts
are Telegram's (tdlib's, first letter lowered as the Bot API does).
"""

from __future__ import annotations

import time
from typing import Any

from .actions import ControlError, chat_of, deliver, user_of
from .errors import bad_request
from .membership import has_right
from .messaging import resolve_chat
from .registry import Call, api_method
from .state import BotState, ChatState, JsonDict, MessageRecord, TopicState
from .threads import THREAD_NOT_FOUND, is_forum

MAX_TOPIC_NAME = 128
ICON_COLORS = (7322096, 16766590, 13338331, 9367192, 16749490, 16478047)
NOT_A_FORUM = "the chat is not a forum"
_NOT_MODIFIED = "TOPIC_NOT_MODIFIED"


def topic_name(raw: Any) -> str:
    """Telegram's cleaning of a topic name: stripped, cut at 128 characters, never empty."""
    name = str(raw or "").strip()[:MAX_TOPIC_NAME].strip()
    if not name:
        raise bad_request("title must be non-empty")
    return name


def icon_color(raw: int | None) -> int:
    if raw is None:
        return ICON_COLORS[0]
    if raw not in ICON_COLORS:
        raise bad_request("invalid icon color specified")
    return raw


def _service(
    chat: ChatState, sender: JsonDict, topic_id: int | None, content: JsonDict
) -> JsonDict:
    message_id = chat.allocate_id()
    thread = message_id if topic_id is None else topic_id
    return {
        "message_id": message_id,
        "from": sender,
        "chat": dict(chat.chat),
        "date": int(time.time()),
        "message_thread_id": thread,
        "is_topic_message": True,
        **content,
    }


def open_topic(
    chat: ChatState, sender: JsonDict, name: str, color: int, emoji: str | None
) -> tuple[TopicState, JsonDict]:
    """Create a topic and its ``forum_topic_created`` message (the caller stores the message)."""
    created: JsonDict = {"name": name, "icon_color": color}
    if emoji:
        created["icon_custom_emoji_id"] = emoji
    message = _service(chat, sender, None, {"forum_topic_created": created})
    topic = TopicState(message["message_id"], name, color, int(sender["id"]), emoji)
    chat.topics[topic.message_thread_id] = topic
    return topic, message


def _bot_service(call: Call, chat: ChatState, topic: TopicState, content: JsonDict) -> None:
    message = _service(chat, call.bot.me(), topic.message_thread_id, content)
    chat.add(MessageRecord(message, from_bot=True))
    call.bot.bot_changed.notify()


def _forum(call: Call) -> ChatState:
    chat = resolve_chat(call)
    if not is_forum(chat):
        raise bad_request(NOT_A_FORUM)
    return chat


def _topic(call: Call, chat: ChatState, right: str, refusal: str) -> TopicState:
    """The topic named by ``message_thread_id``; the bot needs ``right`` unless it made it."""
    thread_id = call.params.integer("message_thread_id")
    if thread_id is None or thread_id <= 0:
        raise bad_request("invalid message thread identifier specified")
    topic = chat.topics.get(thread_id)
    if topic is None:
        raise bad_request(THREAD_NOT_FOUND)
    if topic.creator_id != call.bot.bot_id and not has_right(chat, right):
        raise bad_request(refusal)
    return topic


@api_method("createForumTopic")
async def create_forum_topic(call: Call) -> JsonDict:
    chat = _forum(call)
    if not has_right(chat, "can_manage_topics"):
        raise bad_request("not enough rights to create a topic")
    p = call.params
    name, color = topic_name(p.text("name")), icon_color(p.integer("icon_color"))
    topic, message = open_topic(chat, call.bot.me(), name, color, p.text("icon_custom_emoji_id"))
    chat.add(MessageRecord(message, from_bot=True))
    call.bot.bot_changed.notify()
    return topic.forum_topic()


@api_method("editForumTopic")
async def edit_forum_topic(call: Call) -> bool:
    chat = _forum(call)
    topic = _topic(call, chat, "can_manage_topics", "not enough rights to edit the topic")
    raw = call.params.raw
    changes: JsonDict = {}
    if raw.get("name") not in (None, ""):
        changes["name"] = topic_name(raw["name"])
    if raw.get("icon_custom_emoji_id") is not None:
        changes["icon_custom_emoji_id"] = str(raw["icon_custom_emoji_id"])
    if not changes:
        return True  # nothing asked: Telegram answers True without a change
    current = {"name": topic.name, "icon_custom_emoji_id": topic.icon_custom_emoji_id or ""}
    if all(current[key] == value for key, value in changes.items()):
        raise bad_request(_NOT_MODIFIED)
    topic.name = changes.get("name", topic.name)
    if "icon_custom_emoji_id" in changes:
        topic.icon_custom_emoji_id = changes["icon_custom_emoji_id"] or None
    _bot_service(call, chat, topic, {"forum_topic_edited": changes})
    return True


async def _set_closed(call: Call, closed: bool) -> bool:
    chat = _forum(call)
    topic = _topic(call, chat, "can_manage_topics", "not enough rights to close or open the topic")
    if topic.closed == closed:
        raise bad_request(_NOT_MODIFIED)
    topic.closed = closed
    _bot_service(
        call, chat, topic, {"forum_topic_closed" if closed else "forum_topic_reopened": {}}
    )
    return True


@api_method("closeForumTopic")
async def close_forum_topic(call: Call) -> bool:
    return await _set_closed(call, True)


@api_method("reopenForumTopic")
async def reopen_forum_topic(call: Call) -> bool:
    return await _set_closed(call, False)


@api_method("deleteForumTopic")
async def delete_forum_topic(call: Call) -> bool:
    chat = _forum(call)
    topic = _topic(call, chat, "can_delete_messages", "not enough rights to delete the topic")
    for record in chat.messages.values():
        if record.message.get("message_thread_id") == topic.message_thread_id:
            record.deleted = True
    del chat.topics[topic.message_thread_id]
    call.bot.bot_changed.notify()
    return True


# -- the control side ------------------------------------------------------------------------
def user_creates_topic(
    bot: BotState,
    user: JsonDict,
    chat: JsonDict,
    name: str,
    *,
    icon_color: int | None = None,
    icon_custom_emoji_id: str | None = None,
) -> JsonDict:
    """A member creates a topic; its service message is delivered like every service message."""
    sender = user_of(bot, user)
    target = chat_of(bot, sender, chat)
    if not is_forum(target):
        raise ControlError(f"{NOT_A_FORUM}: chat {target.id}")
    color = ICON_COLORS[0] if icon_color is None else icon_color
    if color not in ICON_COLORS or not str(name or "").strip():
        raise ControlError(f"a topic needs a name and an icon_color from {ICON_COLORS}")
    topic, message = open_topic(
        target, sender, str(name).strip()[:MAX_TOPIC_NAME], color, icon_custom_emoji_id
    )
    deliver(bot, target, message)
    return topic.forum_topic()


def _chat(bot: BotState, chat_id: int) -> ChatState:
    chat = bot.chats.get(chat_id)
    if chat is None:
        raise ControlError(f"chat {chat_id} not found")
    return chat


def list_topics(bot: BotState, chat_id: int) -> list[JsonDict]:
    """Every live topic of a chat: ``ForumTopic`` fields plus ``is_closed`` and ``creator_id``."""
    return [
        {**topic.forum_topic(), "is_closed": topic.closed, "creator_id": topic.creator_id}
        for _, topic in sorted(_chat(bot, chat_id).topics.items())
    ]


def topic_messages(bot: BotState, chat_id: int, thread_id: int) -> list[JsonDict]:
    """Every stored message of one topic (users', the bot's, service messages; a deleted topic's
    messages are marked ``deleted``)."""
    chat = _chat(bot, chat_id)
    found = [
        record.snapshot()
        for _, record in sorted(chat.messages.items())
        if record.message.get("message_thread_id") == thread_id
    ]
    if not found:
        raise ControlError(f"{THREAD_NOT_FOUND}: {thread_id} in chat {chat_id}")
    return found

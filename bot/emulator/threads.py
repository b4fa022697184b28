"""Which forum topic a new message goes to, shared by bot sends and user actions."""

from __future__ import annotations

from .state import ChatState, JsonDict, TopicState

THREAD_NOT_FOUND = "message thread not found"
TOPIC_CLOSED = "TOPIC_CLOSED"


def is_forum(chat: ChatState) -> bool:
    return chat.chat.get("type") == "supergroup" and bool(chat.chat.get("is_forum"))


def thread_for(
    chat: ChatState, explicit: int | None, reply_to: JsonDict | None
) -> tuple[TopicState | None, str | None]:
    """``(topic, error)`` for a message sent with ``message_thread_id=explicit``.

    Without an explicit id a reply goes to the topic of the message it answers; no topic means
    the chat itself (a forum's General topic).  ``error`` is Telegram's reason for refusing.
    """
    thread_id = explicit
    if thread_id is None and reply_to is not None and reply_to.get("is_topic_message"):
        thread_id = reply_to.get("message_thread_id")
    if thread_id is None:
        return None, None
    topic = chat.topics.get(int(thread_id)) if is_forum(chat) else None
    if topic is None:
        return None, THREAD_NOT_FOUND
    if topic.closed:
        return topic, TOPIC_CLOSED
    return topic, None


def place(content: JsonDict, topic: TopicState | None) -> None:
    """Mark ``content`` as a message of ``topic`` (no-op for the chat itself)."""
    if topic is not None:
        content["message_thread_id"] = topic.message_thread_id
        content["is_topic_message"] = True

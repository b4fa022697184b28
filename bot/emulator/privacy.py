"""Privacy mode: which group messages reach a bot (core.telegram.org/bots/features#privacy-mode).

With privacy mode on (BotFather's default) a bot that is not an administrator of a group or
supergroup receives only:

- commands: a message starting with ``/cmd`` or ``/cmd@this_bot`` (not ``/cmd@other_bot``);
- replies to its own messages;
- messages that mention it (``@this_bot`` or a ``text_mention``) and messages sent via it;
- service messages (members joining or leaving, topics created, ...).

Private chats always deliver.  Messages the bot does not receive are still stored in the chat's
history, so tests can see them, but no update is queued.
"""

from __future__ import annotations

from .mentions import content_entities, entity_text
from .state import BotState, ChatState, JsonDict

GROUP_TYPES = frozenset(("group", "supergroup"))
ADMIN_STATUSES = frozenset(("administrator", "creator"))
SERVICE_KEYS = frozenset(
    (
        "new_chat_members left_chat_member new_chat_title new_chat_photo delete_chat_photo "
        "group_chat_created supergroup_chat_created migrate_to_chat_id migrate_from_chat_id "
        "pinned_message forum_topic_created forum_topic_edited forum_topic_closed "
        "forum_topic_reopened general_forum_topic_hidden general_forum_topic_unhidden"
    ).split()
)


def bot_is_admin(chat: ChatState) -> bool:
    """Whether the bot was registered as an administrator (or creator) of the chat."""
    return chat.bot_member is not None and chat.bot_member.get("status") in ADMIN_STATUSES


def _command_for_bot(bot: BotState, text: str, entities: list[object]) -> bool:
    first = entities[0] if entities else None
    if not isinstance(first, dict) or first.get("type") != "bot_command" or first["offset"] != 0:
        return False
    _, _, target = entity_text(text, first).partition("@")
    return not target or target.lower() == bot.username.lower()


def _mentions_bot(bot: BotState, text: str, entities: list[object]) -> bool:
    for entity in entities:
        if not isinstance(entity, dict):
            continue
        if entity.get("type") == "mention":
            if entity_text(text, entity)[1:].lower() == bot.username.lower():
                return True
        elif entity.get("type") == "text_mention":
            if (entity.get("user") or {}).get("id") == bot.bot_id:
                return True
    return False


def hears(bot: BotState, chat: ChatState, message: JsonDict) -> bool:
    """Whether Telegram would deliver this user message in ``chat`` to ``bot``."""
    if chat.chat.get("type") not in GROUP_TYPES or not bot.privacy_mode or bot_is_admin(chat):
        return True
    if SERVICE_KEYS & message.keys():
        return True
    if (message.get("via_bot") or {}).get("id") == bot.bot_id:
        return True
    if (message.get("reply_to_message") or {}).get("from", {}).get("id") == bot.bot_id:
        return True
    text, entities = content_entities(message)
    return _command_for_bot(bot, text, entities) or _mentions_bot(bot, text, entities)

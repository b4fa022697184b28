"""Group membership: the bot's own status per chat (``my_chat_member``) and members joining.

The bot's ``ChatMember`` is kept on :class:`ChatState` as ``bot_member``; an administrator hears
every group message even with privacy mode on and may manage topics if ``can_manage_topics``.
"""

from __future__ import annotations

import time
from typing import Any

from .actions import ControlError, chat_of, deliver, user_of
from .state import BotState, ChatState, JsonDict

ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_send_welcome_messages",
    "can_pin_messages",
    "can_manage_topics",
)
_STATUSES = ("creator", "administrator", "member", "left", "kicked")
_PRESENT = frozenset(("creator", "administrator", "member"))


def member_object(status: str, rights: dict[str, Any] | None = None) -> JsonDict:
    """A ``ChatMember`` without ``user``; an administrator has every right unless ``rights``
    turns it off (``can_promote_members`` is off unless turned on)."""
    if status not in _STATUSES:
        raise ControlError(f"bot status must be one of {', '.join(_STATUSES)}, not {status!r}")
    unknown = set(rights or {}) - set(ADMIN_RIGHTS)
    if unknown:
        raise ControlError(f"unknown administrator rights: {sorted(unknown)}")
    if status == "administrator":
        member: JsonDict = {"status": status, "can_be_edited": False, "is_anonymous": False}
        member.update(dict.fromkeys(ADMIN_RIGHTS, True), can_promote_members=False)
        member.update({key: bool(value) for key, value in (rights or {}).items()})
        return member
    if rights:
        raise ControlError("only an administrator has rights")
    if status == "creator":
        return {"status": status, "is_anonymous": False}
    if status == "kicked":
        return {"status": status, "until_date": 0}
    return {"status": status}


def has_right(chat: ChatState, right: str) -> bool:
    """Whether the bot holds an administrator right; assumed while its status was never set."""
    member = chat.bot_member
    if member is None or member["status"] == "creator":
        return True
    return member["status"] == "administrator" and bool(member.get(right))


def bot_chat_member(bot: BotState, chat: ChatState) -> JsonDict:
    """``getChatMember`` for the bot itself (a plain member while never set)."""
    return {**(chat.bot_member or {"status": "member"}), "user": bot.me()}


def register(chat: ChatState, status: str | None, rights: Any) -> None:
    """Set the bot's status silently (test set-up: no update is queued)."""
    if status is not None:
        chat.bot_member = member_object(status, rights)


def set_bot_member(
    bot: BotState,
    chat: JsonDict,
    status: str,
    *,
    by: JsonDict,
    rights: dict[str, Any] | None = None,
) -> JsonDict:
    """``by`` adds, promotes, demotes or removes the bot: queues ``my_chat_member`` (always
    delivered) and, when the bot joins, the ``new_chat_members`` service message."""
    actor = user_of(bot, by)
    target = chat_of(bot, actor, chat)
    if target.chat.get("type") == "private":
        raise ControlError("a bot's membership can only change in a group or supergroup")
    old = target.bot_member or {"status": "left"}
    new = member_object(status, rights)
    target.bot_member = new
    me = bot.me()
    update = {
        "chat": dict(target.chat),
        "from": actor,
        "date": int(time.time()),
        "old_chat_member": {**old, "user": me},
        "new_chat_member": {**new, "user": me},
    }
    bot.push_update({"my_chat_member": update})
    if old["status"] not in _PRESENT and status in _PRESENT:
        _service(bot, target, actor, {"new_chat_members": [me]})
    return update


def add_members(
    bot: BotState, chat: JsonDict, users: list[JsonDict], *, by: JsonDict | None = None
) -> JsonDict:
    """Users join (or ``by`` adds them): the ``new_chat_members`` service message."""
    if not users:
        raise ControlError("users must name at least one user")
    joined = [user_of(bot, user) for user in users]
    actor = user_of(bot, by) if by is not None else joined[0]
    target = chat_of(bot, actor, chat)
    if target.chat.get("type") == "private":
        raise ControlError("members join a group or supergroup, not a private chat")
    target.members.update(user["id"] for user in joined)
    return _service(bot, target, actor, {"new_chat_members": joined})


def _service(bot: BotState, chat: ChatState, actor: JsonDict, content: JsonDict) -> JsonDict:
    message: JsonDict = {
        "message_id": chat.allocate_id(),
        "from": actor,
        "chat": dict(chat.chat),
        "date": int(time.time()),
        **content,
    }
    deliver(bot, chat, message)
    return message

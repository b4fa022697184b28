"""Group controls of :class:`~bot.emulator.client.EmulatorClient`: privacy mode, the bot's
membership, members joining, force-reply reply boxes and forum topics."""

from __future__ import annotations

from typing import Any

JsonDict = dict[str, Any]


class GroupControls:
    """Mixed into ``EmulatorClient``; every call goes through its ``_result``."""

    async def _result(self, verb: str, path: str, body: JsonDict | None = None, **kw: Any) -> Any:
        raise NotImplementedError

    # -- privacy mode and membership --------------------------------------------------------
    async def set_privacy(self, enabled: bool) -> None:
        """BotFather's ``/setprivacy``: on (Telegram's default), the bot hears only commands,
        mentions, replies to it and service messages in groups where it is not an admin."""
        await self._result("POST", "/privacy", {"enabled": enabled})

    async def privacy(self) -> bool:
        """Whether privacy mode is on for this bot."""
        return bool((await self._result("GET", "/privacy"))["enabled"])

    async def set_bot_member(
        self,
        chat: JsonDict,
        status: str,
        *,
        by: JsonDict,
        rights: dict[str, bool] | None = None,
    ) -> JsonDict:
        """``by`` adds/promotes/demotes/removes the bot (``"member"``, ``"administrator"``,
        ``"left"``, ``"kicked"``); queues ``my_chat_member`` and, on joining, the
        ``new_chat_members`` message.  Returns the ``ChatMemberUpdated``."""
        body = {"chat": chat, "status": status, "by": by, "rights": rights}
        return await self._result("POST", "/bot_member", body)

    async def add_members(
        self, chat: JsonDict, users: list[JsonDict], *, by: JsonDict | None = None
    ) -> JsonDict:
        """Users join a group (added by ``by``): the ``new_chat_members`` service message."""
        return await self._result("POST", "/members", {"chat": chat, "users": users, "by": by})

    # -- force-reply --------------------------------------------------------------------------
    async def reply_box(self, chat_id: int, message_id: int) -> JsonDict:
        """``{"selective", "everyone", "user_ids"}`` for a bot message with ``force_reply``."""
        return await self._result("GET", f"/chats/{chat_id}/messages/{message_id}/force_reply")

    async def force_reply_targets(self, chat_id: int, message_id: int) -> list[int]:
        """Users who get the reply box of that bot message (for a non-selective force-reply:
        every member the emulator knows in the chat)."""
        return list((await self.reply_box(chat_id, message_id))["user_ids"])

    async def answer_force_reply(
        self, user: JsonDict, chat_id: int, message_id: int, text: str | None = None, **content: Any
    ) -> JsonDict:
        """The user types into the reply box: a message replying to ``message_id``.  Refused
        (:class:`EmulatorError`) when that user does not see the box."""
        body = {"user": user, "text": text, **content}
        return await self._result(
            "POST",
            f"/chats/{chat_id}/messages/{message_id}/force_reply",
            {k: v for k, v in body.items() if v not in (None, False)},
        )

    # -- forum topics ---------------------------------------------------------------------------
    async def create_topic(
        self,
        user: JsonDict,
        chat: JsonDict,
        name: str,
        *,
        icon_color: int | None = None,
        icon_custom_emoji_id: str | None = None,
    ) -> JsonDict:
        """A member creates a topic (the service message reaches the bot); returns ``ForumTopic``."""
        body = {"user": user, "chat": chat, "name": name, "icon_color": icon_color}
        if icon_custom_emoji_id:
            body["icon_custom_emoji_id"] = icon_custom_emoji_id
        return await self._result("POST", "/topics", body)

    async def topics(self, chat_id: int) -> list[JsonDict]:
        """The chat's topics: ``ForumTopic`` fields plus ``is_closed`` and ``creator_id``."""
        return await self._result("GET", f"/chats/{chat_id}/topics")

    async def topic_messages(self, chat_id: int, message_thread_id: int) -> list[JsonDict]:
        """Every stored message of one topic, in order (service messages included)."""
        return await self._result("GET", f"/chats/{chat_id}/topics/{message_thread_id}/messages")

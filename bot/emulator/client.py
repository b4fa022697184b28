"""``EmulatorClient``: the test-side async client of the ``/_emu/`` control API."""

from __future__ import annotations

from types import TracebackType
from typing import Any

import aiohttp

from .client_groups import GroupControls

JsonDict = dict[str, Any]


class EmulatorError(RuntimeError):
    """The control API refused a request."""


class EmulatorClient(GroupControls):
    """Drive the emulator as users do and inspect what the bot did.

    ``EmulatorClient(base_url, token)`` talks to one bot token; use it as an
    async context manager or call :meth:`close`.
    """

    def __init__(
        self, base_url: str, token: str, *, session: aiohttp.ClientSession | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._session = session
        self._own_session = session is None

    # -- plumbing -----------------------------------------------------------------------
    async def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
            self._own_session = True
        return self._session

    async def _call(
        self,
        verb: str,
        path: str,
        body: JsonDict | None = None,
        *,
        query: dict[str, Any] | None = None,
        wait: float = 0.0,
    ) -> tuple[int, JsonDict]:
        session = await self._http()
        url = f"{self.base_url}/_emu/{self.token}{path}"
        params = {k: str(v) for k, v in (query or {}).items() if v is not None}
        timeout = aiohttp.ClientTimeout(total=wait + 30.0)
        async with session.request(verb, url, json=body, params=params, timeout=timeout) as resp:
            payload = await resp.json()
            if resp.status not in (200, 408):
                raise EmulatorError(f"{verb} {path}: HTTP {resp.status}: {payload.get('error')}")
            return resp.status, payload

    async def _result(self, verb: str, path: str, body: JsonDict | None = None, **kw: Any) -> Any:
        status, payload = await self._call(verb, path, body, **kw)
        if status == 408:
            raise TimeoutError(payload.get("error"))
        return payload["result"]

    async def close(self) -> None:
        """Close the HTTP session (if the client created it)."""
        if self._session is not None and self._own_session:
            await self._session.close()
        self._session = None

    async def __aenter__(self) -> EmulatorClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # -- users acting ---------------------------------------------------------------------
    async def register_users(self, *users: JsonDict) -> list[JsonDict]:
        """Make users' private chats known so the bot can write to them first."""
        return await self._result("POST", "/users", {"users": list(users)})

    async def register_chat(
        self,
        chat: JsonDict,
        *,
        members: list[JsonDict] | None = None,
        bot_status: str | None = None,
        bot_rights: dict[str, bool] | None = None,
    ) -> JsonDict:
        """Make a group/supergroup known (``"is_forum": true`` for topics), optionally with
        members and the bot's status there (``"administrator"`` hears everything); no update."""
        body = {
            "chat": chat,
            "members": members or [],
            "bot_status": bot_status,
            "bot_rights": bot_rights,
        }
        return await self._result("POST", "/chats", body)

    async def send_message(
        self,
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
        """The user writes a message (in a forum topic with ``message_thread_id``); returns the
        created ``Message``.  In a group with privacy mode on the bot may not receive it."""
        body = {
            "user": user,
            "text": text,
            "chat": chat,
            "location": location,
            "photo": photo,
            "document": document,
            "video": video,
            "voice": voice,
            "sticker": sticker,
            "contact": contact,
            "caption": caption,
            "reply_to_message_id": reply_to_message_id,
            "message_thread_id": message_thread_id,
        }
        return await self._result(
            "POST", "/messages", {k: v for k, v in body.items() if v not in (None, False)}
        )

    async def press_button(
        self,
        user: JsonDict,
        message_id: int,
        data: str,
        *,
        chat: JsonDict | None = None,
        check: bool = True,
    ) -> str:
        """Press an inline button; returns the callback query id."""
        body = {"user": user, "message_id": message_id, "data": data, "chat": chat, "check": check}
        return await self._result("POST", "/callback_queries", body)

    async def inline_query(self, user: JsonDict, query: str, *, offset: str = "") -> str:
        """Type an inline query; returns its id."""
        return await self._result(
            "POST", "/inline_queries", {"user": user, "query": query, "offset": offset}
        )

    async def choose_inline_result(
        self, user: JsonDict, result_id: str, query: str, *, inline_message_id: str | None = None
    ) -> None:
        """Choose an inline result (queues ``chosen_inline_result``)."""
        body = {
            "user": user,
            "result_id": result_id,
            "query": query,
            "inline_message_id": inline_message_id,
        }
        await self._result("POST", "/chosen_inline_results", body)

    async def push_update(self, update: JsonDict, *, store: bool = False) -> int:
        """Queue raw update JSON as given (malformed is fine: nothing is checked); returns its
        ``update_id`` (assigned unless present).  ``store``: also keep its message in the chat's
        history when the chat is known, as Telegram would, so the bot can reply to it."""
        return await self._result("POST", "/updates", {"update": update, "store": store})

    # -- inspecting the bot ---------------------------------------------------------------------
    async def bot_messages(self, chat_id: int) -> list[JsonDict]:
        """The bot's messages in a chat, current state, in order (incl. ``deleted``, ``edits``)."""
        return await self._result("GET", f"/chats/{chat_id}/messages")

    async def messages(self, chat_id: int) -> list[JsonDict]:
        """Every stored message of a chat (users' and the bot's)."""
        return await self._result("GET", f"/chats/{chat_id}/messages", query={"all": 1})

    async def wait_bot_messages(
        self,
        chat_id: int,
        count: int,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[JsonDict]:
        """Wait until the chat has at least ``count`` bot messages; returns all of them."""
        status, payload = await self._call(
            "GET",
            f"/chats/{chat_id}/messages",
            query={"count": count, "timeout": timeout},
            wait=timeout,
        )
        if status == 408:
            found = payload.get("result") or []
            listing = "; ".join(
                f"#{m['message_id']}{' (deleted)' if m.get('deleted') else ''}: "
                f"{(m.get('text') or m.get('caption') or '<media>')[:80]!r}"
                for m in found
            )
            raise TimeoutError(
                f"expected {count} bot messages in chat {chat_id} within {timeout}s, "
                f"found {len(found)}: {listing or 'none'}"
            )
        return payload["result"]

    async def callback_answer(
        self,
        callback_query_id: str,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> JsonDict:
        """Wait for the bot's ``answerCallbackQuery`` parameters."""
        return await self._result(
            "GET",
            f"/callback_answers/{callback_query_id}",
            query={"timeout": timeout},
            wait=timeout,
        )

    async def inline_answer(
        self,
        inline_query_id: str,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> JsonDict:
        """Wait for the bot's ``answerInlineQuery`` parameters (``results`` decoded)."""
        return await self._result(
            "GET", f"/inline_answers/{inline_query_id}", query={"timeout": timeout}, wait=timeout
        )

    async def calls(self, method: str | None = None) -> list[JsonDict]:
        """Every Bot API call (``method, params, ok, error_code, description, at``)."""
        return await self._result("GET", "/calls", query={"method": method})

    async def stats(self) -> JsonDict:
        """Counters: ``sent``, ``rate_limited``, ``forbidden``, ``by_method``, ``per_chat``..."""
        return await self._result("GET", "/stats")

    async def pending_updates(self) -> list[JsonDict]:
        """Updates queued and not yet confirmed/delivered."""
        return await self._result("GET", "/updates")

    async def my_commands(self) -> list[JsonDict]:
        """Stored command lists: ``[{scope, language_code, commands}]``."""
        return await self._result("GET", "/commands")

    # -- knobs ------------------------------------------------------------------------------------
    async def set_limits(
        self,
        *,
        enabled: bool = True,
        global_per_second: int = 30,
        per_chat_per_second: int = 1,
        per_group_per_minute: int = 20,
        group_window_seconds: float = 60.0,
    ) -> None:
        """Switch Telegram-like flood limits on (or off with ``enabled=False``); tests may
        shorten the group window (``group_window_seconds``, Telegram's is 60)."""
        await self._result(
            "POST",
            "/limits",
            {
                "enabled": enabled,
                "global_per_second": global_per_second,
                "per_chat_per_second": per_chat_per_second,
                "per_group_per_minute": per_group_per_minute,
                "group_window_seconds": group_window_seconds,
            },
        )

    async def set_blocked(
        self, user_id: int, blocked: bool = True, *, deactivated: bool = False
    ) -> None:
        """Mark a user as having blocked the bot (403) or as deactivated."""
        await self._result(
            "POST", "/blocked", {"user_id": user_id, "blocked": blocked, "deactivated": deactivated}
        )

    async def fail_next(
        self,
        count: int,
        *,
        error_code: int = 500,
        description: str = "Internal Server Error",
        method: str | None = None,
        drop_connection: bool = False,
        after: str | None = None,
        hold_seconds: float = 0.0,
        chat_id: int | None = None,
    ) -> None:
        """Fail the next ``count`` Bot API calls (of ``method`` and towards ``chat_id`` only,
        if given).

        ``after``: carry the call out, then spoil its answer: ``"corrupt"``, ``"drop"`` or
        ``"hold"`` (answer after ``hold_seconds``).
        """
        await self._result(
            "POST",
            "/failures",
            {
                "count": count,
                "error_code": error_code,
                "description": description,
                "method": method,
                "drop_connection": drop_connection,
                "after": after,
                "hold_seconds": hold_seconds,
                "chat_id": chat_id,
            },
        )

    async def reset(self) -> None:
        """Forget all state of this token."""
        await self._result("POST", "/reset")

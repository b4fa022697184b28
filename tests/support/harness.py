"""End-to-end harness: the real bot (polling or webhook) against the Bot API emulator.

Tests act as Telegram users through :class:`UserDriver` (send text, press buttons, share a
location…) and read what the bot sent back, exactly as a person would see it.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.clock import Clock
from bot.config import Settings, load_settings
from bot.emulator import EmulatorClient
from bot.runtime import Runtime

TOKEN = "123456:TEST-token_for-emulator"
BOT_ID = 123456
_user_ids = itertools.count(1001)


@dataclass
class Harness:
    """One emulator and one bot process, with the settings the test chose.

    ``privacy_mode`` is off here, so the bot hears every group message (as if BotFather's
    ``/setprivacy`` were disabled or the bot were a group admin).  Real groups usually have it
    ON, which the emulator models by default (``rukun emulator``): then the bot hears only
    commands, mentions, replies to its messages and service messages.  Tests of group prompts
    that must work in a real group set ``harness.privacy_mode = True`` before ``start()`` or call
    ``await harness.emu.set_privacy(True)``.
    """

    emulator_url: str
    settings: Settings
    clock: Clock
    mode: str = "polling"
    runtime: Runtime | None = None
    privacy_mode: bool = False
    emu: EmulatorClient = field(init=False)

    def __post_init__(self) -> None:
        self.emu = EmulatorClient(self.emulator_url, TOKEN)

    @property
    def services(self) -> Any:
        assert self.runtime is not None, "the bot is not running"
        return self.runtime.services

    async def start(self) -> None:
        await self.emu.set_privacy(self.privacy_mode)
        self.runtime = Runtime(self.settings, clock=self.clock, polling_timeout=1)
        if self.mode == "webhook":
            await self.runtime.start_webhook("127.0.0.1", 0)
        else:
            await self.runtime.start_polling()
        # wait until start-up (commands published) has happened, so tests see a settled bot
        for _ in range(200):
            if await self.emu.calls("setMyCommands"):
                break
            await asyncio.sleep(0.02)

    async def stop(self) -> None:
        if self.runtime is not None:
            await self.runtime.stop()
            self.runtime = None

    async def restart(self) -> None:
        """Stop the bot process and start a new one on the same database (a redeploy)."""
        await self.stop()
        await self.start()

    def user(
        self,
        first_name: str = "Siti",
        *,
        user_id: int | None = None,
        language_code: str | None = "id",
        username: str | None = None,
        last_name: str | None = None,
    ) -> UserDriver:
        info: dict[str, Any] = {
            "id": user_id or next(_user_ids),
            "first_name": first_name,
            "is_bot": False,
        }
        if language_code:
            info["language_code"] = language_code
        if username:
            info["username"] = username
        if last_name:
            info["last_name"] = last_name
        return UserDriver(self, info)

    def group(self, title: str, chat_id: int) -> dict[str, Any]:
        return {"id": chat_id, "type": "supergroup", "title": title}


class UserDriver:
    """A Telegram user talking to the bot in their private chat (or a group they are in)."""

    def __init__(self, harness: Harness, info: dict[str, Any]) -> None:
        self.h = harness
        self.info = info
        self.id: int = info["id"]

    @property
    def emu(self) -> EmulatorClient:
        return self.h.emu

    async def inbox(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Every message the bot sent to this chat (current state, edits applied)."""
        return await self.emu.bot_messages(chat_id or self.id)

    async def _after(
        self, chat_id: int, before: int, expect: int, timeout: float
    ) -> list[dict[str, Any]]:
        if expect == 0:
            await asyncio.sleep(0.3)
            msgs = await self.emu.bot_messages(chat_id)
            return msgs[before:]
        msgs = await self.emu.wait_bot_messages(chat_id, before + expect, timeout=timeout)
        return msgs[before:]

    async def send(
        self,
        text: str | None = None,
        *,
        expect: int = 1,
        chat: dict[str, Any] | None = None,
        timeout: float = 10.0,
        **kwargs: Any,
    ) -> list[dict[str, Any]]:
        """Send a message and return the ``expect`` new bot messages in that chat."""
        chat_id = chat["id"] if chat else self.id
        before = len(await self.emu.bot_messages(chat_id))
        await self.emu.send_message(self.info, text, chat=chat, **kwargs)
        return await self._after(chat_id, before, expect, timeout)

    async def press(
        self,
        message: dict[str, Any],
        button: str,
        *,
        expect: int = 0,
        chat_id: int | None = None,
        timeout: float = 10.0,
    ) -> dict[str, Any]:
        """Press the inline button whose text contains ``button``; returns the callback answer.

        With ``expect`` > 0, also waits for that many new messages in the chat.
        """
        data = find_button(message, button)
        chat_id = chat_id or message["chat"]["id"]
        before = len(await self.emu.bot_messages(chat_id))
        query_id = await self.emu.press_button(
            self.info, message["message_id"], data, chat=_chat_of(message)
        )
        answer = await self.emu.callback_answer(query_id, timeout=timeout)
        if expect:
            await self.emu.wait_bot_messages(chat_id, before + expect, timeout=timeout)
        return answer

    async def press_data(
        self, message: dict[str, Any], data: str, *, check: bool = False
    ) -> dict[str, Any]:
        """Press a button with arbitrary callback data (a forged press when ``check`` is False)."""
        query_id = await self.emu.press_button(
            self.info, message["message_id"], data, chat=_chat_of(message), check=check
        )
        return await self.emu.callback_answer(query_id)

    async def last(self, chat_id: int | None = None) -> dict[str, Any]:
        msgs = await self.inbox(chat_id)
        assert msgs, "the bot has sent nothing to this chat"
        return msgs[-1]


def _chat_of(message: dict[str, Any]) -> dict[str, Any] | None:
    chat = message.get("chat") or {}
    return chat if chat.get("type") in ("group", "supergroup") else None


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    markup = message.get("reply_markup") or {}
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    out = []
    for row in rows:
        for b in row:
            out.append(b if isinstance(b, dict) else {"text": b})
    return out


def button_texts(message: dict[str, Any]) -> list[str]:
    return [b["text"] for b in buttons(message)]


def find_button(message: dict[str, Any], text: str) -> str:
    """The callback data of the inline button whose label contains ``text``."""
    for b in buttons(message):
        if text.lower() in b["text"].lower() and "callback_data" in b:
            return str(b["callback_data"])
    raise AssertionError(f"no button {text!r} in {button_texts(message)}")


def text_of(messages: Iterable[dict[str, Any]]) -> str:
    return "\n---\n".join(m.get("text") or m.get("caption") or "" for m in messages)


def make_settings(
    *,
    database_url: str,
    emulator_url: str,
    redis_url: str | None = None,
    config_dir: Any,
    **overrides: Any,
) -> Settings:
    """Settings for a test: no config.yml or .env of the developer's leak in."""
    empty = config_dir / "config.yml"
    if not empty.exists():
        empty.write_text("{}\n")
    values: dict[str, Any] = {
        "bot_token": TOKEN,
        "telegram_api_url": emulator_url,
        "database_url": database_url,
        "redis_url": redis_url,
        "data_dir": config_dir,
        "_env_file": None,
    }
    values.update(overrides)
    return load_settings(empty, **values)


def entity_text(message: dict[str, Any], entity: dict[str, Any]) -> str:
    """The text an entity covers (Telegram counts offsets in UTF-16 code units)."""
    raw = (message.get("text") or message.get("caption") or "").encode("utf-16-le")
    start, length = entity["offset"] * 2, entity["length"] * 2
    return raw[start : start + length].decode("utf-16-le")

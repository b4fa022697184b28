"""In-memory state of the emulator: bots, users, chats, messages, updates, calls.

Every bot token gets its own :class:`BotState`; nothing is shared between
tokens, so parallel tests with distinct tokens never see each other.  All
per-call operations are O(1) (dict lookups and appends) so the emulator can
sustain broadcast benchmarks.
"""

from __future__ import annotations

import copy
import itertools
import json
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .bookkeeping import Notifier, Stats, WebhookConfig
from .limits import FailureInjector, RateLimiter

DEFAULT_BOT_USERNAME = "rukun_test_bot"
JsonDict = dict[str, Any]


@dataclass
class MessageRecord:
    """A stored message (the bot's or a user's) plus emulator bookkeeping."""

    message: JsonDict
    from_bot: bool
    reply_markup: JsonDict | None = None  # as sent (inline *or* reply keyboard)
    deleted: bool = False
    edits: list[JsonDict] = field(default_factory=list)

    def snapshot(self) -> JsonDict:
        """Control-API view: current message, ``reply_markup`` as sent, ``deleted``, ``edits``."""
        view = copy.deepcopy(self.message)
        if self.reply_markup is not None:
            view["reply_markup"] = copy.deepcopy(self.reply_markup)
        view["deleted"] = self.deleted
        view["edits"] = copy.deepcopy(self.edits)
        return view


@dataclass
class TopicState:
    """A forum topic; its id is the id of its ``forum_topic_created`` service message."""

    message_thread_id: int
    name: str
    icon_color: int
    creator_id: int
    icon_custom_emoji_id: str | None = None
    closed: bool = False

    def forum_topic(self) -> JsonDict:
        """The Bot API ``ForumTopic`` object."""
        topic: JsonDict = {
            "message_thread_id": self.message_thread_id,
            "name": self.name,
            "icon_color": self.icon_color,
        }
        if self.icon_custom_emoji_id:
            topic["icon_custom_emoji_id"] = self.icon_custom_emoji_id
        return topic


@dataclass
class ChatState:
    """One chat: its Telegram ``Chat`` object, its messages, members and forum topics.

    ``bot_member`` is the bot's ``ChatMember`` (without ``user``) once a test registered it;
    ``None`` means "never said": privacy mode applies and topic rights are assumed.
    """

    chat: JsonDict
    chat_instance: str = field(default_factory=lambda: str(secrets.randbits(63)))
    next_message_id: int = 1
    messages: dict[int, MessageRecord] = field(default_factory=dict)
    bot_message_ids: list[int] = field(default_factory=list)
    members: set[int] = field(default_factory=set)
    bot_member: JsonDict | None = None
    topics: dict[int, TopicState] = field(default_factory=dict)

    @property
    def id(self) -> int:
        return int(self.chat["id"])

    def add(self, record: MessageRecord) -> MessageRecord:
        """Store ``record`` under its ``message_id``."""
        message_id = record.message["message_id"]
        self.messages[message_id] = record
        if record.from_bot:
            self.bot_message_ids.append(message_id)
        return record

    def allocate_id(self) -> int:
        """Next message id; shared by user and bot messages of this chat."""
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def live(self, message_id: int) -> MessageRecord | None:
        """The stored, not deleted message with that id."""
        record = self.messages.get(message_id)
        return None if record is None or record.deleted else record


@dataclass
class FileRecord:
    """A file known to the emulator (uploaded by the bot or sent by a user)."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None
    file_path: str = ""

    @property
    def file_size(self) -> int:
        return len(self.data)


_ids = itertools.count(1)


def new_file_ids(kind: str = "F") -> tuple[str, str]:
    """A fresh ``(file_id, file_unique_id)`` pair."""
    n = next(_ids)
    return f"EMU{kind}{n:06d}{secrets.token_urlsafe(12)}", f"U{kind}{n:06d}"


class BotState:
    """Everything the emulator knows about one bot token."""

    def __init__(
        self, token: str, username: str = DEFAULT_BOT_USERNAME, *, privacy_mode: bool = True
    ) -> None:
        self.token = token
        self.privacy_mode = privacy_mode  # BotFather's default: groups deliver only some messages
        self.bot_id = int(token.split(":", 1)[0])
        self.username = username
        self.first_name = "Rukun Test Bot"
        self.chats: dict[int, ChatState] = {}
        self.users: dict[int, JsonDict] = {}
        self.usernames: dict[str, int] = {}
        self.updates: deque[JsonDict] = deque()
        self.next_update_id = 1
        self.webhook: WebhookConfig | None = None
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.files: dict[str, FileRecord] = {}
        self.files_by_path: dict[str, FileRecord] = {}
        self.calls: list[JsonDict] = []
        self.stats = Stats()
        self.limiter = RateLimiter()
        self.failures = FailureInjector()
        self.blocked: dict[int, str] = {}
        self.callback_queries: dict[str, JsonDict] = {}
        self.callback_answers: dict[str, JsonDict] = {}
        self.inline_queries: dict[str, JsonDict] = {}
        self.inline_answers: dict[str, JsonDict] = {}
        self.inline_messages: dict[str, MessageRecord] = {}
        self.poll_generation = 0
        self.updates_changed = Notifier()  # new updates / webhook changes
        self.bot_changed = Notifier()  # bot messages, answers, calls

    # -- identity -----------------------------------------------------------------
    def me(self) -> JsonDict:
        """The bot's ``User`` object."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }

    # -- users and chats ------------------------------------------------------------
    def register_user(self, user: JsonDict) -> JsonDict:
        """Remember ``user`` and make sure their private chat exists."""
        clean: JsonDict = {"id": int(user["id"]), "is_bot": bool(user.get("is_bot", False))}
        clean["first_name"] = str(user.get("first_name") or f"User{clean['id']}")
        for key in ("last_name", "username", "language_code", "is_premium"):
            if user.get(key) is not None:
                clean[key] = user[key]
        self.users[clean["id"]] = clean
        if clean.get("username"):
            self.usernames[str(clean["username"]).lower()] = clean["id"]
        chat = {"id": clean["id"], "type": "private", "first_name": clean["first_name"]}
        for key in ("last_name", "username"):
            if key in clean:
                chat[key] = clean[key]
        self.ensure_chat(chat)
        return clean

    def ensure_chat(self, chat: JsonDict) -> ChatState:
        """Get or create the chat; refreshes its title/names from ``chat``."""
        chat_id = int(chat["id"])
        state = self.chats.get(chat_id)
        if state is None:
            kind = chat.get("type") or ("private" if chat_id > 0 else "supergroup")
            state = self.chats[chat_id] = ChatState(chat={"id": chat_id, "type": kind})
        for key in ("type", "title", "username", "first_name", "last_name", "is_forum"):
            if chat.get(key) is not None:
                state.chat[key] = chat[key]
        if state.chat["type"] != "private" and "title" not in state.chat:
            state.chat["title"] = f"Group {chat_id}"
        if state.chat.get("username") and chat_id < 0:
            self.usernames[str(state.chat["username"]).lower()] = chat_id
        return state

    def find_chat(self, chat_ref: int | str) -> ChatState | None:
        """Resolve a numeric id or ``@username``."""
        if isinstance(chat_ref, str) and chat_ref.startswith("@"):
            found = self.usernames.get(chat_ref[1:].lower())
            return None if found is None else self.chats.get(found)
        return self.chats.get(int(chat_ref))

    # -- updates ----------------------------------------------------------------------
    def push_update(self, payload: JsonDict) -> int:
        """Queue an update (``update_id`` is assigned unless present)."""
        update = dict(payload)
        if "update_id" not in update:
            update["update_id"] = self.next_update_id
        self.next_update_id = max(self.next_update_id, int(update["update_id"])) + 1
        self.updates.append(update)
        self.updates_changed.notify()
        return int(update["update_id"])

    def confirm_updates(self, offset: int) -> None:
        """Drop updates before ``offset`` (negative: keep only the last ``-offset``)."""
        if offset < 0:
            while len(self.updates) > -offset:
                self.updates.popleft()
            return
        while self.updates and self.updates[0]["update_id"] < offset:
            self.updates.popleft()

    # -- files ------------------------------------------------------------------------
    def add_file(
        self, data: bytes, *, kind: str, file_name: str | None = None, mime_type: str | None = None
    ) -> FileRecord:
        """Store bytes under a fresh ``file_id`` and ``file_path``."""
        file_id, unique_id = new_file_ids(kind[:1].upper())
        folder = {"p": "photos", "v": "videos", "d": "documents", "a": "voice", "s": "stickers"}
        suffix = (file_name or "").rsplit(".", 1)[-1] if file_name and "." in file_name else "bin"
        if kind.startswith("p"):
            suffix = "jpg"
        path = f"{folder.get(kind[:1].lower(), 'documents')}/file_{len(self.files)}.{suffix}"
        record = FileRecord(file_id, unique_id, data, file_name, mime_type, path)
        self.files[file_id] = record
        self.files_by_path[path] = record
        return record

    # -- calls --------------------------------------------------------------------------
    def log_call(self, method: str, params: JsonDict, error: tuple[int, str] | None) -> None:
        """Append one Bot API call to the call log and update counters."""
        self.calls.append(
            {
                "method": method,
                "params": params,
                "ok": error is None,
                "error_code": None if error is None else error[0],
                "description": None if error is None else error[1],
                "at": time.time(),
            }
        )
        if error is None:
            self.stats.by_method[method] += 1
        else:
            self.stats.errors[error[0]] += 1


class EmulatorState:
    """All bots served by one emulator process."""

    def __init__(
        self,
        bot_username: str = DEFAULT_BOT_USERNAME,
        *,
        strict_html: bool = True,
        privacy_mode: bool = True,
    ) -> None:
        self.bot_username = bot_username
        self.strict_html = strict_html
        self.privacy_mode = privacy_mode  # for bots created from now on
        self.bots: dict[str, BotState] = {}
        self.on_webhook_change: Callable[[BotState], None] | None = None

    def bot(self, token: str) -> BotState:
        """The state for ``token`` (created on first use)."""
        state = self.bots.get(token)
        if state is None:
            state = self.bots[token] = BotState(
                token, self.bot_username, privacy_mode=self.privacy_mode
            )
        return state

    def reset(self, token: str) -> BotState:
        """Forget everything about ``token``; returns the fresh state."""
        old = self.bots.pop(token, None)
        if old is not None:
            old.webhook = None
            if self.on_webhook_change is not None:
                self.on_webhook_change(old)
            old.poll_generation += 1
            old.updates_changed.notify()
        return self.bot(token)


def canonical_json(value: Any) -> str:
    """Stable JSON text used as a dictionary key (e.g. command scopes)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))

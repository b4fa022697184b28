"""Rate limiting, failure injection and blocked-user bookkeeping.

All of it is off by default and switched on through the control API.
Rate limits use sliding windows of accepted sends (amortised O(1) per call):

* global: ``global_per_second`` sends per bot in any 1 s window;
* private chats (positive id): ``per_chat_per_second`` per 1 s window;
* groups/supergroups (negative id): ``per_group_per_minute`` per 60 s window.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError, forbidden, too_many_requests

BLOCKED = "bot was blocked by the user"
DEACTIVATED = "user is deactivated"


class SlidingWindow:
    """Timestamps of accepted events within the last ``window`` seconds."""

    __slots__ = ("limit", "times", "window")

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self.times: deque[float] = deque()

    def wait_time(self, now: float) -> float:
        """Seconds until one more event fits (0 when it fits now)."""
        times = self.times
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) < self.limit:
            return 0.0
        return times[len(times) - self.limit] + self.window - now

    def record(self, now: float) -> None:
        self.times.append(now)


@dataclass
class RateLimiter:
    """Telegram-like flood control for one bot."""

    enabled: bool = False
    global_per_second: int = 30
    per_chat_per_second: int = 1
    per_group_per_minute: int = 20
    #: The group window (Telegram's is a minute; tests may shorten it).
    group_window_seconds: float = 60.0
    _global: SlidingWindow = field(default_factory=lambda: SlidingWindow(30, 1.0))
    _chats: dict[int, SlidingWindow] = field(default_factory=dict)

    def configure(
        self,
        *,
        enabled: bool = True,
        global_per_second: int = 30,
        per_chat_per_second: int = 1,
        per_group_per_minute: int = 20,
        group_window_seconds: float = 60.0,
    ) -> None:
        """Switch limits on/off and set them; clears the windows."""
        self.enabled = enabled
        self.group_window_seconds = group_window_seconds
        self.global_per_second = global_per_second
        self.per_chat_per_second = per_chat_per_second
        self.per_group_per_minute = per_group_per_minute
        self._global = SlidingWindow(global_per_second, 1.0)
        self._chats.clear()

    def _chat_window(self, chat_id: int) -> SlidingWindow:
        window = self._chats.get(chat_id)
        if window is None:
            if chat_id < 0:
                window = SlidingWindow(self.per_group_per_minute, self.group_window_seconds)
            else:
                window = SlidingWindow(self.per_chat_per_second, 1.0)
            self._chats[chat_id] = window
        return window

    def acquire(self, chat_id: int, now: float | None = None) -> None:
        """Record a send to ``chat_id`` or raise a 429 :class:`ApiError`."""
        if not self.enabled:
            return
        now = time.monotonic() if now is None else now
        chat_window = self._chat_window(chat_id)
        wait = max(self._global.wait_time(now), chat_window.wait_time(now))
        if wait > 0:
            raise too_many_requests(max(1, math.ceil(wait)))
        self._global.record(now)
        chat_window.record(now)


@dataclass
class FailureRule:
    """Fail the next ``remaining`` calls (of ``method`` if given).

    With ``after`` the call is carried out first (the message is sent) and then its answer is
    spoiled: ``"corrupt"`` (a body that is not JSON), ``"drop"`` (the connection closes without an
    answer) or ``"hold"`` (the answer waits ``hold_seconds``, past the client's timeout).
    """

    remaining: int
    error_code: int = 500
    description: str = "Internal Server Error"
    method: str | None = None
    drop_connection: bool = False
    after: str | None = None
    hold_seconds: float = 0.0
    #: Only calls towards this chat (``chat_id`` parameter), if given.
    chat_id: int | None = None


def chat_of(raw: Any) -> int | None:
    """The ``chat_id`` parameter of a call, when it is a number."""
    try:
        return int(raw.get("chat_id"))
    except (TypeError, ValueError, AttributeError):
        return None


class DropConnection(Exception):
    """Raised to make the server close the connection without an answer."""


@dataclass
class FailureInjector:
    """Queue of :class:`FailureRule`; consulted before every Bot API call."""

    rules: list[FailureRule] = field(default_factory=list)

    def add(self, rule: FailureRule) -> None:
        if rule.method:
            rule.method = rule.method.lower()
        if rule.remaining > 0:
            self.rules.append(rule)

    def _take(self, method: str, *, after: bool, chat_id: int | None) -> FailureRule | None:
        lowered = method.lower()
        for rule in self.rules:
            if (
                (rule.after is not None) == after
                and rule.method in (None, lowered)
                and rule.chat_id in (None, chat_id)
            ):
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self.rules.remove(rule)
                return rule
        return None

    def check(self, method: str, chat_id: int | None = None) -> None:
        """Raise the injected failure for this call, if one applies (before carrying it out)."""
        if not self.rules:
            return
        rule = self._take(method, after=False, chat_id=chat_id)
        if rule is None:
            return
        if rule.drop_connection:
            raise DropConnection()
        raise ApiError(rule.error_code, rule.description)

    def after_call(self, method: str, chat_id: int | None = None) -> FailureRule | None:
        """The fault to apply to the answer of a call already carried out, if one applies."""
        return self._take(method, after=True, chat_id=chat_id) if self.rules else None


def check_blocked(blocked: dict[int, str], chat_id: int) -> None:
    """403 when the private chat's user blocked the bot or is deactivated."""
    reason = blocked.get(chat_id) if chat_id > 0 else None
    if reason is not None:
        raise forbidden(reason)

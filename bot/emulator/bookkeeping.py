"""Bookkeeping of a bot state: a wake-up primitive, webhook settings and the call counters."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

JsonDict = dict[str, Any]


class Notifier:
    """Wake-up primitive: waiters re-check a predicate after each ``notify()``."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Wake every current waiter."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:  # noqa: ASYNC109
        """Wait until ``predicate()`` is true or ``timeout`` seconds pass."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(timeout, 0.0)
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            event = self._event
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return predicate()
        return True


@dataclass
class Stats:
    """Counters exposed through ``/_emu/{token}/stats``."""

    sent: int = 0
    rate_limited: int = 0
    forbidden: int = 0
    injected_failures: int = 0
    by_method: Counter[str] = field(default_factory=Counter)
    errors: Counter[int] = field(default_factory=Counter)
    per_chat: Counter[int] = field(default_factory=Counter)

    def as_dict(self) -> JsonDict:
        return {
            "sent": self.sent,
            "rate_limited": self.rate_limited,
            "forbidden": self.forbidden,
            "injected_failures": self.injected_failures,
            "by_method": dict(self.by_method),
            "errors": {str(code): n for code, n in self.errors.items()},
            "per_chat": {str(chat): n for chat, n in self.per_chat.items()},
        }


@dataclass
class WebhookConfig:
    """Current ``setWebhook`` settings and delivery status."""

    url: str
    secret_token: str | None = None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None

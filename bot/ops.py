"""Alerts to the ops chat: each kind of fault at most once per interval, the rest counted.

A Redis outage fails every update the same way, and a poison update comes back on every poll; the
ops chat should hear of each once, not a thousand times. :class:`OpsAlerts` keys an alert by what
went wrong and where (``"ConnectionError at jobs.py:40 in run"``, ``"undecodable update:
message.forward_origin…"``): the first goes out, the same key is held back for ``every`` (10
minutes by default) and counted, and the next one that goes out says how many were held back.
Alerts carry types, places and update ids, never a user's data; callers build them that way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiogram import Bot

from bot.clock import Clock
from bot.config import Settings
from bot.i18n import Catalog

log = logging.getLogger(__name__)

DEFAULT_EVERY = timedelta(minutes=10)
#: Distinct keys remembered; the least recently alerted are forgotten beyond this.
MAX_KEYS = 1000


@dataclass
class _Seen:
    sent_at: datetime
    held_back: int = 0


class OpsAlerts:
    """Deduplicated, rate-limited messages to ``ops_chat_id`` (else ``coordinators_chat_id``)."""

    def __init__(
        self,
        settings: Settings,
        catalog: Catalog,
        clock: Clock,
        *,
        every: timedelta = DEFAULT_EVERY,
    ) -> None:
        self.chat_id = settings.ops_chat_id or settings.coordinators_chat_id
        self.language = settings.default_language
        self.catalog = catalog
        self.clock = clock
        self.every = every
        self._seen: dict[str, _Seen] = {}
        #: Alerts held back since the process started (all keys).
        self.held_back_total = 0

    def due(self, key: str) -> int | None:
        """Whether an alert for ``key`` may go out now: the count held back since the last one,
        or None (then it is counted as held back)."""
        now = self.clock.now()
        seen = self._seen.get(key)
        if seen is not None and now - seen.sent_at < self.every:
            seen.held_back += 1
            self.held_back_total += 1
            return None
        held = seen.held_back if seen is not None else 0
        self._seen.pop(key, None)
        self._seen[key] = _Seen(now)  # re-inserted: the dict stays in order of the last alert
        while len(self._seen) > MAX_KEYS:
            self._seen.pop(next(iter(self._seen)))
        return held

    async def alert(self, bot: Bot, key: str, text_key: str, **args: object) -> bool:
        """Send catalogue text ``text_key`` unless ``key`` was alerted within ``every``.

        Returns whether a message went out. Sending is best effort: a failure is logged.
        """
        if not self.chat_id:
            return False
        held = self.due(key)
        if held is None:
            log.info("ops alert held back (%s)", key)
            return False
        text = self.catalog.text(self.language, text_key, **args)
        if held:
            text += "\n" + self.catalog.text(self.language, "error-ops-held-back", count=held)
        try:
            await bot.send_message(self.chat_id, text)
        except Exception as exc:
            log.warning("could not alert the ops chat: %s", type(exc).__name__)
            return False
        return True

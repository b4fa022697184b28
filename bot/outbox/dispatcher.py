"""The job that sends owed messages: bounded attempts, ``retry_after`` honoured, failures told.

Each kind of message has a :class:`Sender` (registered by its feature) that renders and sends it
(``send``), records what the send returned in the same transaction that marks it sent
(``sent``), and decides what a failure means (``failed``: a report card whose chat is gone closes
that route and goes up a level). Errors are classified once, here:

- ``retry_after`` (429): not sent; due again after the wait, the attempt given back.
- the chat is gone (bot blocked or removed, chat not found, group upgraded): failed at once.
- Telegram refused the request itself (400): failed at once, retrying cannot help.
- anything else (network, 5xx, timeout, an answer that cannot be read, a bug while recording):
  the outcome is unknown, the attempt counts; retried with backoff until ``max_attempts``.

Every failure that the sender does not handle itself is told to the coordinators' chat (the ops
chat when set) with the message's label (a report code, never a person).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNotFound,
    TelegramRetryAfter,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.logs import redact
from bot.outbox.kinds import NOTICE
from bot.outbox.models import OutboxState
from bot.outbox.store import Outbox, OutboxItem

log = logging.getLogger("bot.outbox")

#: The kind of the notice that tells coordinators about a failed message (never itself told).

GONE_MARKERS = (
    "chat not found",
    "bot was kicked",
    "bot is not a member",
    "have no rights to send",
    "not enough rights",
    "user is deactivated",
    "group chat was upgraded",
    "chat_write_forbidden",
)


class Reason(StrEnum):
    #: The chat cannot be reached any more (blocked, removed, not found).
    GONE = "gone"
    #: Telegram refused this request; sending it again cannot help.
    REJECTED = "rejected"
    #: Every attempt failed or ended without an answer.
    EXHAUSTED = "exhausted"


@dataclass(frozen=True, slots=True)
class Failure:
    reason: Reason
    detail: str
    attempts: int


class Skip(Exception):
    """Raised by a sender: there is nothing to send any more (settled as skipped)."""


class Sender:
    """How one kind of message is sent; subclasses override ``send`` and maybe the hooks."""

    async def send(self, bot: Bot, item: OutboxItem) -> dict[str, Any] | None:
        raise NotImplementedError

    async def sent(self, s: AsyncSession, item: OutboxItem, result: dict[str, Any] | None) -> None:
        """Record what the send returned (same transaction as marking it sent)."""

    async def failed(self, s: AsyncSession, item: OutboxItem, failure: Failure) -> bool:
        """React to a failure (same transaction as marking it failed); True when the sender told
        whoever must know, False to let the dispatcher tell the coordinators."""
        return False


def classify(exc: BaseException) -> Reason | None:
    """The reason a send failed for good, or None when it may succeed later."""
    if isinstance(exc, TelegramForbiddenError | TelegramMigrateToChat | TelegramNotFound):
        return Reason.GONE
    if isinstance(exc, TelegramBadRequest):
        text = str(exc).lower()
        if any(marker in text for marker in GONE_MARKERS):
            return Reason.GONE
        return Reason.REJECTED
    return None


class OutboxDispatcher:
    """Claims due messages and sends them through their kinds' senders."""

    def __init__(
        self, bot: Bot, outbox: Outbox, senders: dict[str, Sender], *, notice_chat: int | None
    ) -> None:
        self.bot = bot
        self.outbox = outbox
        self.senders = senders
        self.notice_chat = notice_chat
        self.settings = outbox.settings

    async def run(self) -> None:
        """Forever: send what is due, then sleep until kicked or the poll interval passed."""
        while True:
            try:
                busy = await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox: a round failed; trying again shortly")
                busy = 0
            if not busy:
                await self.outbox.wait(self.settings.poll_interval)

    async def run_once(self) -> int:
        """One claim and its sends (messages to different chats go out concurrently)."""
        claimed = await self.outbox.claim(self.settings.batch_size)
        for item in claimed.exhausted:
            await self._fail(item, Failure(Reason.EXHAUSTED, "outcome unknown", item.attempts))
        if claimed.to_send:
            await asyncio.gather(*(self._deliver(item) for item in claimed.to_send))
        return len(claimed.to_send) + len(claimed.exhausted)

    async def drain(self, rounds: int = 50) -> None:
        """Send until nothing is due (CLI, tests)."""
        for _ in range(rounds):
            if not await self.run_once():
                return

    async def _deliver(self, item: OutboxItem) -> None:
        sender = self.senders.get(item.kind)
        if sender is None:
            await self._fail(item, Failure(Reason.REJECTED, f"unknown kind {item.kind}", 0))
            return
        try:
            async with asyncio.timeout(self.settings.send_timeout):
                result = await sender.send(self.bot, item)
        except Skip as exc:
            async with self.outbox.db.transaction() as s:
                await self.outbox.settle(s, item, OutboxState.SKIPPED, error=str(exc) or None)
            return
        except TelegramRetryAfter as exc:
            await self.outbox.retry(
                item, float(exc.retry_after), "retry_after", attempt_counts=False
            )
            return
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # classified below; anything unknown is retried, bounded
            await self._after_error(item, exc)
            return
        try:
            async with self.outbox.db.transaction() as s:
                await self.outbox.settle(s, item, OutboxState.SENT, result=result)
                await sender.sent(s, item, result)
        except Exception as exc:
            # The message left, but recording it failed: retried (bounded by max_attempts).
            log.exception("outbox: message %s sent but not recorded", item.id)
            await self._after_error(item, exc)
            return
        if result is not None:
            self.outbox.kick()  # the sender may have owed follow-ups (evidence under a card)

    async def _after_error(self, item: OutboxItem, exc: BaseException) -> None:
        detail = redact(f"{type(exc).__name__}: {exc}")[:500]
        reason = classify(exc)
        if reason is not None:
            await self._fail(item, Failure(reason, detail, item.attempts))
            return
        if item.attempts >= self.settings.max_attempts:
            await self._fail(item, Failure(Reason.EXHAUSTED, detail, item.attempts))
            return
        delay = min(
            self.settings.retry_backoff * 2 ** (item.attempts - 1), self.settings.retry_backoff_max
        )
        log.info(
            "outbox: %s %s attempt %d failed (%s); again in %.0f s",
            item.kind,
            item.id,
            item.attempts,
            type(exc).__name__,
            delay,
        )
        await self.outbox.retry(item, delay, detail)

    async def _fail(self, item: OutboxItem, failure: Failure) -> None:
        log.warning(
            "outbox: %s %s (%s) failed after %d attempt(s): %s",
            item.kind,
            item.id,
            item.payload.get("label", "-"),
            failure.attempts,
            failure.reason.value,
        )
        sender = self.senders.get(item.kind)
        async with self.outbox.db.transaction() as s:
            await self.outbox.settle(
                s, item, OutboxState.FAILED, error=f"{failure.reason.value}: {failure.detail}"
            )
            told = await sender.failed(s, item, failure) if sender is not None else False
            if not told and item.kind != NOTICE and self.notice_chat is not None:
                self.outbox.add(
                    s,
                    NOTICE,
                    self.notice_chat,
                    {
                        "key": "outbox-failed",
                        "args": {
                            "what": item.payload.get("label", item.kind),
                            "attempts": failure.attempts,
                            "reason": failure.reason.value,
                        },
                    },
                )
        self.outbox.kick()

"""The delivery engine: claims deliveries in batches and sends them at Telegram's limit.

One producer claims batches (``FOR UPDATE SKIP LOCKED`` on PostgreSQL) into a bounded queue;
``concurrency`` senders take one claim at a time: check it (cancelled? opted out?), wait for the
chat pacer and the token bucket, send, record the outcome. 429 pauses every sender (through the
shared limiter); 403 marks the user blocked; 400 fails the delivery with the reason; network errors
and 5xx are retried with exponential backoff, a bounded number of times. No recursion.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import FSInputFile, Message
from sqlalchemy import update

from bot.broadcasting.models import Broadcast, DeliveryStatus
from bot.broadcasting.ratelimit import ChatPacer, RateLimiter
from bot.broadcasting.render import Rendered, render
from bot.broadcasting.service import BroadcastService
from bot.broadcasting.settings import BroadcastSettings
from bot.broadcasting.store import Claim, DeliveryStore
from bot.db import Database
from bot.i18n import Catalog
from bot.people.service import PeopleService

log = logging.getLogger(__name__)

#: True while the engine itself is sending, so the interactive-priority middleware ignores it.
BULK = contextvars.ContextVar("rukun_bulk_send", default=False)
#: A 429 storm longer than this many consecutive rate-limit answers fails the delivery.
MAX_RATE_LIMITED = 50


class DeliveryEngine:
    """Delivers every sending broadcast's pending deliveries; runs until cancelled."""

    def __init__(
        self,
        *,
        bot: Bot,
        db: Database,
        store: DeliveryStore,
        broadcasts: BroadcastService,
        people: PeopleService,
        catalog: Catalog,
        limiter: RateLimiter,
        pacer: ChatPacer,
        settings: BroadcastSettings,
    ) -> None:
        self.bot = bot
        self.db = db
        self.store = store
        self.broadcasts = broadcasts
        self.people = people
        self.catalog = catalog
        self.limiter = limiter
        self.pacer = pacer
        self.settings = settings
        self._rendered: dict[int, Rendered] = {}
        self._upload_locks: dict[int, asyncio.Lock] = {}
        self._queued: dict[int, Claim] = {}  # claimed, not yet tried: given back on a clean stop
        self._held: dict[int, Claim] = {}  # every claim this engine holds: its lease is renewed
        self.sent = 0

    async def run(self) -> None:
        queue: asyncio.Queue[Claim] = asyncio.Queue(maxsize=self.settings.batch_size)
        senders = [
            asyncio.create_task(self._sender(queue)) for _ in range(self.settings.concurrency)
        ]
        senders.append(asyncio.create_task(self._renew_leases()))
        try:
            while True:
                try:
                    batch = await self.store.claim(self.settings.batch_size)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("claiming deliveries failed; retrying")
                    batch = []
                if not batch:
                    await asyncio.sleep(self.settings.poll_interval)
                    continue
                for claim in batch:
                    self._queued[claim.id] = claim
                    self._held[claim.id] = claim
                    await queue.put(claim)
        finally:
            for task in senders:
                task.cancel()
            for task in senders:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            with contextlib.suppress(Exception):
                await asyncio.shield(self.store.release(list(self._queued.values())))

    async def _renew_leases(self) -> None:
        """Keep the lease of every claim still waiting here, so no other worker takes it over."""
        every = self.settings.lease_seconds / 3
        while True:
            await asyncio.sleep(every)
            try:
                await self.store.renew(list(self._held))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("renewing delivery leases failed")

    async def _sender(self, queue: asyncio.Queue[Claim]) -> None:
        BULK.set(True)
        while True:
            claim = await queue.get()
            try:
                await self._deliver(claim)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("delivery %s failed unexpectedly; it will be retried", claim.id)
            finally:
                self._queued.pop(claim.id, None)
                self._held.pop(claim.id, None)
                queue.task_done()

    async def _deliver(self, claim: Claim) -> None:
        reason = await self.store.check(claim)  # cancelled or opted out since the claim?
        # (checked before waiting for a token, so skipped deliveries cost no send budget)
        if reason == "gone":
            return
        if reason is not None:
            await self.store.finish(claim, DeliveryStatus.SKIPPED, error=reason)
            return
        await self.pacer.wait(claim.user_id)
        await self.limiter.acquire()
        # checked again after the wait: still ours, not cancelled, not opted out just now
        reason = await self.store.check(claim)
        if reason == "gone":
            return
        if reason is not None:
            await self.store.finish(claim, DeliveryStatus.SKIPPED, error=reason)
            return
        # from here the message may be in flight: a crash now can duplicate it (the stated bound)
        self._queued.pop(claim.id, None)
        attempts = 0
        rate_limited = 0
        while True:
            try:
                message = await self._send(claim)
            except TelegramRetryAfter as exc:
                rate_limited += 1
                if rate_limited > MAX_RATE_LIMITED:
                    await self.store.finish(
                        claim, DeliveryStatus.FAILED, error="rate limited", attempts=attempts
                    )
                    return
                log.warning("429: pausing bulk sends for %ss", exc.retry_after)
                await self.limiter.pause(exc.retry_after)
                await self.limiter.acquire()
                continue
            except TelegramForbiddenError as exc:
                await self.store.finish(
                    claim, DeliveryStatus.BLOCKED, error=exc.message, attempts=attempts + 1
                )
                await self.people.mark_blocked(claim.user_id)
                return
            except (TelegramBadRequest, TelegramNotFound) as exc:
                await self.store.finish(
                    claim, DeliveryStatus.FAILED, error=exc.message, attempts=attempts + 1
                )
                return
            except (TelegramNetworkError, TelegramServerError, TelegramAPIError) as exc:
                attempts += 1
                if attempts >= self.settings.max_attempts:
                    await self.store.finish(
                        claim, DeliveryStatus.FAILED, error=f"gave up: {exc}", attempts=attempts
                    )
                    return
                delay = min(
                    self.settings.retry_backoff * 2 ** (attempts - 1),
                    self.settings.retry_backoff_max,
                )
                await asyncio.sleep(delay)
                await self.limiter.acquire()
                continue
            await self._record_sent(claim, message.message_id, attempts + 1)
            return

    async def _record_sent(self, claim: Claim, message_id: int, attempts: int) -> None:
        """Record a sent message, retrying a failing database: an unrecorded send is resent."""
        for attempt in range(1, 11):
            try:
                await self.store.finish(
                    claim, DeliveryStatus.SENT, message_id=message_id, attempts=attempts
                )
                self.sent += 1
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("recording delivery %s as sent failed (try %s)", claim.id, attempt)
                await asyncio.sleep(min(0.2 * 2**attempt, 5.0))

    async def _content(self, broadcast_id: int) -> Rendered:
        rendered = self._rendered.get(broadcast_id)
        if rendered is None:
            info = await self.broadcasts.get(broadcast_id)
            async with self.db.session() as s:
                row = await s.get(Broadcast, broadcast_id)
                file_id = row.media_file_id if row is not None else None
            rendered = render(info, self.catalog, file_id)
            self._rendered[broadcast_id] = rendered
        return rendered

    async def _send(self, claim: Claim) -> Message:
        content = await self._content(claim.broadcast_id)
        if content.media_type is None:
            return await self.bot.send_message(
                claim.user_id, content.text, reply_markup=content.markup, **self._paid()
            )
        if not content.media_is_path:
            return await self._send_media(claim.user_id, content, content.media_source)
        lock = self._upload_locks.setdefault(claim.broadcast_id, asyncio.Lock())
        async with lock:  # the first send uploads the file; the others reuse its file id
            if content.media_is_path:
                path = Path(content.media_source or "")
                message = await self._send_media(claim.user_id, content, FSInputFile(path))
                file_id = _file_id(message, content.media_type)
                if file_id:
                    content.media_source, content.media_is_path = file_id, False
                    await self._remember_file(claim.broadcast_id, file_id)
                return message
        return await self._send_media(claim.user_id, content, content.media_source)

    async def _send_media(self, chat_id: int, content: Rendered, media: Any) -> Message:
        kwargs = {"caption": content.text, "reply_markup": content.markup, **self._paid()}
        if content.media_type == "photo":
            return await self.bot.send_photo(chat_id, media, **kwargs)
        if content.media_type == "video":
            return await self.bot.send_video(chat_id, media, **kwargs)
        return await self.bot.send_document(chat_id, media, **kwargs)

    def _paid(self) -> dict[str, Any]:
        return {"allow_paid_broadcast": True} if self.settings.allow_paid_broadcast else {}

    async def _remember_file(self, broadcast_id: int, file_id: str) -> None:
        async with self.db.transaction() as s:
            await s.execute(
                update(Broadcast).where(Broadcast.id == broadcast_id).values(media_file_id=file_id)
            )


def _file_id(message: Message, media_type: str) -> str | None:
    if media_type == "photo" and message.photo:
        return message.photo[-1].file_id
    if media_type == "video" and message.video:
        return message.video.file_id
    if media_type == "document" and message.document:
        return message.document.file_id
    return None


def lease_of(settings: BroadcastSettings) -> timedelta:
    return timedelta(seconds=settings.lease_seconds)

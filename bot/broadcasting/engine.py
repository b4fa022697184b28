"""The delivery engine: claims deliveries in batches and sends them at Telegram's limit.

One producer claims batches (one ``UPDATE … RETURNING``, ``FOR UPDATE SKIP LOCKED`` on
PostgreSQL, attempts counted before anything is sent) into a bounded queue; ``concurrency``
senders take one claim at a time, wait for the chat pacer and a token, send, and hand the outcome
to the recorder, which writes outcomes in batches (up to MAX_FLUSHES batches at once, so one slow
commit does not hold the senders up). A watcher reads the state of the broadcasts in flight once
per ``poll_interval``: a cancelled broadcast stops at once, without a check per message.

The duplicate bound is enforced, not hoped for: a sender takes one of ``crash_duplicate_bound``
slots before its message may leave and the slot comes back only once the outcome is on disk, so
a worker killed at any moment leaves at most that many messages sent but not recorded.

Failures: 429 pauses every sender (through the shared limiter) and is retried (nothing was sent);
403 marks the user blocked; 400/404 fail the delivery with the reason; anything else — 5xx,
network errors, an answer that cannot be read, any unexpected exception — may have reached
Telegram, so it is counted as an attempt on disk before the next try, and after ``max_attempts``
the delivery fails with its reason. No recursion, no unbounded retry: no recipient ever gets more
than ``max_attempts`` copies (see the README's crash-safety paragraph for the tighter bound).
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
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.methods import SendDocument, SendMessage, SendPhoto, SendVideo
from aiogram.methods.base import TelegramMethod
from aiogram.types import FSInputFile, Message
from sqlalchemy import update

from bot.broadcasting.bulk import PreparedSend, prepare
from bot.broadcasting.models import Broadcast, BroadcastState, DeliveryStatus
from bot.broadcasting.ratelimit import ChatPacer, RateLimiter, TokenReserve, reserve_batch
from bot.broadcasting.render import Rendered, render
from bot.broadcasting.service import BroadcastService
from bot.broadcasting.settings import BroadcastSettings
from bot.broadcasting.store import Claim, DeliveryStore, Outcome
from bot.db import Database
from bot.i18n import Catalog
from bot.people.service import PeopleService

log = logging.getLogger(__name__)

#: True while the engine itself is sending, so the interactive-priority middleware ignores it.
BULK = contextvars.ContextVar("rukun_bulk_send", default=False)
#: A 429 storm longer than this many consecutive rate-limit answers fails the delivery.
MAX_RATE_LIMITED = 50
#: Outcomes are written every RECORD_EVERY seconds, or sooner when a record batch waits.
RECORD_EVERY = 0.1
MAX_RECORD_BATCH = 100
#: Record batches written at once (each in its own transaction, on its own connection).
MAX_FLUSHES = 2
SKIP_REASONS = {"opted_out", "blocked", "cancelled"}


def record_batch(settings: BroadcastSettings) -> int:
    """Outcomes written per statement: about RECORD_EVERY seconds of sending, at most 100."""
    return max(1, min(MAX_RECORD_BATCH, int(settings.rate_per_second * RECORD_EVERY)))


def crash_duplicate_bound(settings: BroadcastSettings) -> int:
    """The most messages a worker killed mid-broadcast can send twice: those in flight plus
    the outcomes not yet written. The engine holds to it with as many slots: a send takes one,
    a recorded outcome gives it back."""
    return settings.concurrency + 2 * record_batch(settings)


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
        self.tokens = TokenReserve(limiter, settings)
        self.pacer = pacer
        self.settings = settings
        self._rendered: dict[int, Rendered] = {}
        self._upload_locks: dict[int, asyncio.Lock] = {}
        self._prepared: dict[int, PreparedSend] = {}  # broadcast id → its encoded message
        self._loading = asyncio.Lock()
        self._queued: dict[int, Claim] = {}  # claimed, not yet tried: given back on a clean stop
        self._held: dict[int, Claim] = {}  # every claim this engine holds: its lease is renewed
        self._states: dict[int, str] = {}  # broadcast id → state, refreshed by the watcher
        self._outcomes: list[Outcome] = []
        self._record_batch = record_batch(settings)
        self._wanted = asyncio.Event()
        #: sent (or maybe sent) and not yet recorded: at most crash_duplicate_bound of them
        self._slots = asyncio.Semaphore(crash_duplicate_bound(settings))
        self._slotted: set[int] = set()
        self._flushing: set[asyncio.Task[None]] = set()
        self._record_delay = RECORD_EVERY
        self._room = asyncio.Event()
        #: paid broadcasts: chats reserved per claimed batch (seconds to wait; < 0: ask the pacer)
        self._reserved: dict[int, float] = {}
        self.sent = 0

    async def run(self) -> None:
        # claim ahead at most half a batch: the rest stays pending for other workers and for
        # opt-outs, which are read with the claim. Paid broadcasts keep a whole batch queued: at
        # 1000/s a claim on a busy PostgreSQL takes longer than half a batch lasts.
        queue: asyncio.Queue[Claim] = asyncio.Queue()
        low = max(1, self.settings.batch_size // 2)
        if self.settings.allow_paid_broadcast:
            low = self.settings.batch_size
        helpers = [
            asyncio.create_task(self._sender(queue)) for _ in range(self.settings.concurrency)
        ]
        helpers += [
            asyncio.create_task(self._renew_leases()),
            asyncio.create_task(self._watch_states()),
        ]
        recorder = asyncio.create_task(self._recorder())
        try:
            while True:
                while queue.qsize() >= low:
                    self._room.clear()
                    await self._room.wait()
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
                if self.settings.allow_paid_broadcast:
                    await self._reserve([c for c in batch if c.skip is None])
                for claim in batch:
                    self._states.setdefault(claim.broadcast_id, BroadcastState.SENDING.value)
                    if claim.skip is not None:
                        self._skip(claim, claim.skip)
                        continue
                    self._queued[claim.id] = claim
                    self._held[claim.id] = claim
                    queue.put_nowait(claim)
        finally:
            for task in helpers:
                task.cancel()
            for task in helpers:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            recorder.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await recorder
            if self._flushing:  # batches being written: let them finish
                with contextlib.suppress(Exception):
                    await asyncio.shield(asyncio.wait(set(self._flushing)))
            with contextlib.suppress(Exception):
                await asyncio.shield(self._flush())
            with contextlib.suppress(Exception):
                await asyncio.shield(self.store.release(list(self._queued.values())))

    async def _reserve(self, batch: list[Claim]) -> None:
        """Paid broadcasts: the chats of a batch paced in one round trip, not one per message."""
        margin = len(batch) / self.settings.rate_per_second + 1.0
        try:
            waits = await reserve_batch(self.pacer, [c.user_id for c in batch], margin)
        except Exception:
            log.exception("reserving chats for a batch failed; pacing one by one")
            return
        for claim in batch:
            self._reserved[claim.id] = waits.get(claim.user_id, -1.0)

    # --- background helpers

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

    async def _watch_states(self) -> None:
        """One read per interval of the states of the broadcasts in flight (cancelled?)."""
        while True:
            await asyncio.sleep(self.settings.poll_interval)
            wanted = {c.broadcast_id for c in self._held.values()}
            try:
                states = await self.store.states(sorted(wanted))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("reading broadcast states failed")
                continue
            self._states = {b: states.get(b, BroadcastState.CANCELLED.value) for b in wanted}

    async def _recorder(self) -> None:
        """Write outcomes in batches, up to MAX_FLUSHES at once: a batch starts as soon as it is
        full (or every RECORD_EVERY seconds), without waiting for the one before to commit."""
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wanted.wait(), RECORD_EVERY)
            self._wanted.clear()
            while len(self._flushing) >= MAX_FLUSHES:
                await asyncio.wait(set(self._flushing), return_when=asyncio.FIRST_COMPLETED)
            if not self._outcomes:
                continue
            task = asyncio.create_task(self._flush_or_retry())
            self._flushing.add(task)
            task.add_done_callback(self._flushing.discard)

    async def _flush_or_retry(self) -> None:
        """One batch; a failing database is retried later (backing off), the outcomes kept."""
        try:
            await self._flush()
            self._record_delay = RECORD_EVERY
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("recording %d delivery outcomes failed; retrying", len(self._outcomes))
            self._record_delay = min(self._record_delay * 2, 5.0)
            await asyncio.sleep(self._record_delay)  # holds its place: retries back off

    async def _flush(self) -> None:
        batch, self._outcomes = self._outcomes, []
        if not batch:
            return
        try:
            await self.store.record(batch)
        except BaseException:
            self._outcomes[:0] = batch  # kept for the next try
            raise
        self.sent += sum(1 for o in batch if o.status == DeliveryStatus.SENT)
        for o in batch:
            self._held.pop(o.claim.id, None)
            self._free(o.claim)

    def _free(self, claim: Claim) -> None:
        """The claim's send is settled (recorded, or given up here): its slot comes back."""
        if claim.id in self._slotted:
            self._slotted.discard(claim.id)
            self._slots.release()

    async def _outcome(self, outcome: Outcome) -> None:
        """Hand an outcome to the recorder (a full batch is written at once)."""
        self._outcomes.append(outcome)
        self._queued.pop(outcome.claim.id, None)
        if len(self._outcomes) >= self._record_batch:
            self._wanted.set()

    def _skip(self, claim: Claim, reason: str) -> None:
        status = DeliveryStatus.SKIPPED if reason in SKIP_REASONS else DeliveryStatus.FAILED
        error = reason
        if reason == "gave_up":
            error = f"gave up after {claim.attempts - 1} attempts (outcome unknown)"
        self._outcomes.append(Outcome(claim, status, error=error))

    # --- sending

    async def _sender(self, queue: asyncio.Queue[Claim]) -> None:
        BULK.set(True)
        while True:
            claim = await queue.get()
            self._room.set()
            try:
                await self._deliver(claim)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a bug: the claim is failed with its reason, never resent
                log.exception("delivery %s failed unexpectedly", claim.id)
                await self._outcome(
                    Outcome(
                        claim, DeliveryStatus.FAILED, error=f"internal error: {type(exc).__name__}"
                    )
                )
            finally:
                queue.task_done()

    def _cancelled(self, claim: Claim) -> bool:
        return self._states.get(claim.broadcast_id) != BroadcastState.SENDING.value

    async def _deliver(self, claim: Claim) -> None:
        if self._cancelled(claim):  # skipped deliveries cost no send budget
            await self._outcome(Outcome(claim, DeliveryStatus.SKIPPED, error="cancelled"))
            return
        reserved = self._reserved.pop(claim.id, -1.0)
        if reserved < 0:
            await self.pacer.wait(claim.user_id)
        elif reserved > 0:
            await asyncio.sleep(reserved)
        await self._slots.acquire()  # at most crash_duplicate_bound sent and not recorded
        self._slotted.add(claim.id)
        await self.tokens.take()
        if self._cancelled(claim):  # cancelled while waiting
            await self._outcome(Outcome(claim, DeliveryStatus.SKIPPED, error="cancelled"))
            return
        # from here the message may be in flight: its attempt is already counted on disk
        self._queued.pop(claim.id, None)
        attempts = claim.attempts
        rate_limited = 0
        while True:
            try:
                async with asyncio.timeout(self.settings.send_timeout):
                    message_id = await self._send(claim)
            except TelegramRetryAfter as exc:  # not sent: retried without counting
                rate_limited += 1
                if rate_limited > MAX_RATE_LIMITED:
                    await self._outcome(Outcome(claim, DeliveryStatus.FAILED, error="rate limited"))
                    return
                log.warning("429: pausing bulk sends for %ss", exc.retry_after)
                await self.tokens.pause(exc.retry_after)
                await self.tokens.take()
                continue
            except TelegramForbiddenError as exc:
                await self._outcome(Outcome(claim, DeliveryStatus.BLOCKED, error=exc.message))
                await self.people.mark_blocked(claim.user_id)
                return
            except (TelegramBadRequest, TelegramNotFound) as exc:
                await self._outcome(Outcome(claim, DeliveryStatus.FAILED, error=exc.message))
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # 5xx, network, unreadable answer: it may have gone out
                reason = f"{type(exc).__name__}: {exc}"
                if attempts >= self.settings.max_attempts:
                    await self._outcome(
                        Outcome(claim, DeliveryStatus.FAILED, error=f"gave up: {reason}")
                    )
                    return
                await asyncio.sleep(self._backoff(attempts))
                try:
                    counted = await self.store.count_attempt(claim)  # on disk before the next try
                except Exception:
                    log.exception("delivery %s: cannot count the next attempt", claim.id)
                    counted = None  # not resent now: its lease runs out and a claim counts it
                if counted is None:  # no longer ours, or not counted: never sent uncounted
                    self._held.pop(claim.id, None)
                    self._free(claim)
                    return
                attempts = counted
                await self.tokens.take()
                continue
            await self._outcome(Outcome(claim, DeliveryStatus.SENT, message_id=message_id))
            return

    def _backoff(self, attempts: int) -> float:
        return min(
            self.settings.retry_backoff * 2 ** (attempts - 1), self.settings.retry_backoff_max
        )

    async def _content(self, broadcast_id: int) -> Rendered:
        rendered = self._rendered.get(broadcast_id)
        if rendered is not None:
            return rendered
        async with self._loading:  # one read per broadcast, not one per sender at the start
            return await self._load_content(broadcast_id)

    async def _load_content(self, broadcast_id: int) -> Rendered:
        rendered = self._rendered.get(broadcast_id)
        if rendered is None:
            info = await self.broadcasts.get(broadcast_id)
            async with self.db.session() as s:
                row = await s.get(Broadcast, broadcast_id)
                file_id = row.media_file_id if row is not None else None
            rendered = render(info, self.catalog, file_id)
            self._rendered[broadcast_id] = rendered
        return rendered

    async def _send(self, claim: Claim) -> int:
        """Send the broadcast to one recipient; returns the message id."""
        prepared = self._prepared.get(claim.broadcast_id)
        if prepared is not None:  # the hot path: the message is encoded once per broadcast
            return await prepared.send(claim.user_id)
        content = await self._content(claim.broadcast_id)
        if content.media_is_path:
            lock = self._upload_locks.setdefault(claim.broadcast_id, asyncio.Lock())
            async with lock:  # the first send uploads the file; the others reuse its file id
                if content.media_is_path:
                    path = Path(content.media_source or "")
                    message = await self.bot(
                        self._method(content, claim.user_id, FSInputFile(path))
                    )
                    file_id = _file_id(message, content.media_type or "")
                    if file_id:
                        content.media_source, content.media_is_path = file_id, False
                        await self._remember_file(claim.broadcast_id, file_id)
                    return message.message_id
        prepared = prepare(self.bot, self._method(content, 0, content.media_source))
        if prepared is None:  # a session that is not aiogram's aiohttp one: the ordinary way
            message = await self.bot(self._method(content, claim.user_id, content.media_source))
            return message.message_id
        self._prepared[claim.broadcast_id] = prepared
        return await prepared.send(claim.user_id)

    def _method(self, content: Rendered, chat_id: int, media: Any) -> TelegramMethod[Message]:
        paid = self._paid()
        if content.media_type is None:
            return SendMessage(
                chat_id=chat_id, text=content.text, reply_markup=content.markup, **paid
            )
        kwargs = {"caption": content.text, "reply_markup": content.markup, **paid}
        if content.media_type == "photo":
            return SendPhoto(chat_id=chat_id, photo=media, **kwargs)
        if content.media_type == "video":
            return SendVideo(chat_id=chat_id, video=media, **kwargs)
        return SendDocument(chat_id=chat_id, document=media, **kwargs)

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

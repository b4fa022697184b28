"""Background jobs of broadcasting: the delivery engine and the scheduler/monitor.

The scheduler runs under a job lock (exactly one worker at a time): it starts due broadcasts,
completes finished ones, and edits the coordinators' progress messages (at most every
``progress_interval`` seconds). The delivery engine runs in every worker.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware
from aiogram.exceptions import TelegramAPIError

from bot.broadcasting.engine import BULK, DeliveryEngine, lease_of
from bot.broadcasting.progress import progress_text, summary_text
from bot.broadcasting.ratelimit import ChatPacer, RateLimiter, make_limiter
from bot.broadcasting.service import BroadcastService
from bot.broadcasting.store import DeliveryStore
from bot.jobs import run_periodic
from bot.people.service import UnknownUserError
from bot.services import Services, Task

log = logging.getLogger(__name__)

SCHEDULER_LOCK = "broadcast-scheduler"


class Monitor:
    """Starts due broadcasts, completes finished ones, keeps progress messages current."""

    def __init__(self, services: Services, bot: Bot) -> None:
        self.services = services
        self.bot = bot
        self.broadcasts: BroadcastService = services.broadcasts
        self.interval = services.settings.broadcasts.progress_interval
        self._edited: dict[int, float] = {}
        self._shown: dict[int, str] = {}

    async def tick(self) -> None:
        for broadcast_id in await self.broadcasts.start_due():
            await self._post_progress(broadcast_id)
        for broadcast_id in await self.broadcasts.finish_done():
            await self._post_summary(broadcast_id)
        now = time.monotonic()
        for broadcast_id in await self.broadcasts.sending_ids():
            if now - self._edited.get(broadcast_id, 0.0) >= self.interval:
                await self._edit_progress(broadcast_id)

    async def _translator(self, user_id: int) -> Any:
        try:
            lang = (await self.services.people.get(user_id)).language
        except UnknownUserError:
            lang = self.services.settings.default_language
        return self.services.catalog.translator(lang)

    async def _post_progress(self, broadcast_id: int) -> None:
        chat_id = await self.broadcasts.progress_chat(broadcast_id)
        if chat_id is None:
            return
        t = await self._translator(chat_id)
        text = progress_text(t, await self.broadcasts.progress(broadcast_id))
        try:
            message = await self.bot.send_message(chat_id, text)
        except TelegramAPIError as exc:
            log.warning("cannot post progress of broadcast %s: %s", broadcast_id, exc)
            return
        await self.broadcasts.set_progress_message(broadcast_id, message.message_id)
        self._edited[broadcast_id] = time.monotonic()
        self._shown[broadcast_id] = text

    async def _edit_progress(self, broadcast_id: int) -> None:
        chat_id, message_id = await self.broadcasts.progress_message(broadcast_id)
        if chat_id is None:
            return
        if message_id is None:  # started by another worker before a crash, or never posted
            await self._post_progress(broadcast_id)
            return
        t = await self._translator(chat_id)
        text = progress_text(t, await self.broadcasts.progress(broadcast_id))
        self._edited[broadcast_id] = time.monotonic()
        if self._shown.get(broadcast_id) == text:
            return
        with contextlib.suppress(TelegramAPIError):
            await self.bot.edit_message_text(text=text, chat_id=chat_id, message_id=message_id)
        self._shown[broadcast_id] = text

    async def _post_summary(self, broadcast_id: int) -> None:
        chat_id, message_id = await self.broadcasts.progress_message(broadcast_id)
        self._edited.pop(broadcast_id, None)
        self._shown.pop(broadcast_id, None)
        if chat_id is None:
            return
        t = await self._translator(chat_id)
        progress = await self.broadcasts.progress(broadcast_id)
        try:
            if message_id is not None:
                with contextlib.suppress(TelegramAPIError):
                    await self.bot.edit_message_text(
                        text=progress_text(t, progress), chat_id=chat_id, message_id=message_id
                    )
            await self.bot.send_message(chat_id, summary_text(t, progress))
        except TelegramAPIError as exc:
            log.warning("cannot post the summary of broadcast %s: %s", broadcast_id, exc)


class InteractiveFirst(BaseRequestMiddleware):
    """Interactive sends draw from the bulk bucket without waiting, so bulk slows down for them."""

    SENDS = ("Send", "Copy", "Forward")

    def __init__(self, limiter: RateLimiter) -> None:
        self.limiter = limiter

    async def __call__(self, make_request: Any, bot: Bot, method: Any) -> Any:
        if not BULK.get() and type(method).__name__.startswith(self.SENDS):
            self.limiter.consume_nowait()
        return await make_request(bot, method)


def build_engine(
    services: Services, bot: Bot, limiter: RateLimiter | None = None
) -> DeliveryEngine:
    settings = services.settings.broadcasts
    limiter = limiter or make_limiter(settings, services.redis)
    return DeliveryEngine(
        bot=bot,
        db=services.db,
        store=DeliveryStore(
            services.db,
            services.clock,
            services.locks.holder,
            lease_of(settings),
            max_attempts=settings.max_attempts,
        ),
        broadcasts=services.broadcasts,
        people=services.people,
        catalog=services.catalog,
        limiter=limiter,
        pacer=ChatPacer(settings, services.redis),
        settings=settings,
    )


def broadcast_jobs(services: Services, bot: Bot) -> list[Task]:
    """The delivery engine and the scheduler of this process."""
    settings = services.settings.broadcasts
    limiter = make_limiter(settings, services.redis)
    bot.session.middleware(InteractiveFirst(limiter))
    engine = build_engine(services, bot, limiter)
    monitor = Monitor(services, bot)
    return [
        engine.run(),
        run_periodic(SCHEDULER_LOCK, settings.poll_interval, monitor.tick, services.locks),
    ]

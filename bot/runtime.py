"""Running the bot: long polling or a webhook server, on the services built from settings."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from typing import Any

from aiogram import Bot, Dispatcher
from aiohttp import web

from bot.app import background_tasks, build_app_services, create_bot, create_dispatcher
from bot.clock import Clock
from bot.config import Settings
from bot.services import Services
from bot.sqlcount import dump_from_env
from bot.webhook import UpdateDeduplicator, create_webhook_app, webhook_path

log = logging.getLogger(__name__)

#: Set to 1 so several ``rukun webhook`` processes serve one port (SO_REUSEPORT, Linux).
REUSE_PORT_ENV = "RUKUN_WEBHOOK_REUSE_PORT"


#: Parametrised response models, held: pydantic keeps them weakly, so once collected aiogram's
#: ``Response[Message]`` was built again (a schema build) for a sendMessage now and then (issue 18).
_RESPONSE_MODELS: list[Any] = []


def keep_response_models() -> None:
    """Hold the response models of the interactive methods (a few ms, once)."""
    from aiogram import methods
    from aiogram.methods.base import Response

    if _RESPONSE_MODELS:
        return
    kinds = {
        repr(m.__returning__): m.__returning__
        for m in (
            methods.SendMessage,
            methods.EditMessageText,
            methods.AnswerCallbackQuery,
            methods.DeleteMessage,
        )
    }
    _RESPONSE_MODELS.extend(Response[kind] for kind in kinds.values())  # type: ignore[valid-type]


class Runtime:
    """One running bot process: services, bot and dispatcher, started and stopped together."""

    def __init__(
        self, settings: Settings, *, clock: Clock | None = None, polling_timeout: int = 10
    ) -> None:
        self.settings = settings
        self.polling_timeout = polling_timeout
        self.services: Services = build_app_services(settings, clock=clock)
        self.bot: Bot = create_bot(settings)
        keep_response_models()
        self.dp: Dispatcher | None = None
        self._task: asyncio.Task[None] | None = None
        self._runner: web.AppRunner | None = None
        self._jobs: list[asyncio.Task[None]] = []

    def start_jobs(self) -> None:
        """Start every feature's background jobs (delivery engine, sweepers…)."""
        for coro in background_tasks(self.services, self.bot):
            self._jobs.append(asyncio.create_task(coro))

    async def start_polling(self) -> None:
        """Start long polling in the background (returns once started)."""
        self.dp = create_dispatcher(self.services)
        await self.bot.delete_webhook(drop_pending_updates=False)
        self._task = asyncio.create_task(
            self.dp.start_polling(
                self.bot, handle_signals=False, polling_timeout=self.polling_timeout
            )
        )
        if self.settings.run_jobs_in_bot:
            self.start_jobs()
        await asyncio.sleep(0)

    async def start_worker(self) -> None:
        """Only the background jobs, no updates: ``rukun worker``."""
        await self.bot.me()
        self.start_jobs()

    async def start_webhook(self, host: str, port: int) -> int:
        """Serve the webhook on host:port and register it with Telegram; returns the bound port."""
        me = await self.bot.me()
        dedup = UpdateDeduplicator(
            self.services.db, self.services.clock, me.id, redis=self.services.redis
        )
        await dedup.prune()
        self.dp = create_dispatcher(self.services)
        secret = (
            self.settings.webhook_secret.get_secret_value()
            if self.settings.webhook_secret
            else None
        )
        path = webhook_path(self.settings.webhook_url)
        app = create_webhook_app(self.dp, self.bot, secret=secret, path=path, dedup=dedup)
        # aiogram logs every update already ("Update id=… is handled"): no access log line too
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        # N workers behind one port: each binds it with SO_REUSEPORT, the kernel spreads connections
        reuse = os.environ.get(REUSE_PORT_ENV, "") not in ("", "0")
        site = web.TCPSite(self._runner, host, port, reuse_port=reuse or None)
        await site.start()
        bound = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        url = self.settings.webhook_url or f"http://{host}:{bound}{path}"
        await self.bot.set_webhook(url, secret_token=secret, drop_pending_updates=False)
        log.info("webhook listening on %s:%s%s", host, bound, path)
        if self.settings.run_jobs_in_bot:
            self.start_jobs()
        return int(bound)

    async def stop(self) -> None:
        for job in self._jobs:
            job.cancel()
        for job in self._jobs:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await job
        self._jobs.clear()
        if self.dp is not None and self._task is not None:
            with contextlib.suppress(RuntimeError):
                await self.dp.stop_polling()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._runner is not None:
            await (
                self._runner.cleanup()
            )  # runs the dispatcher's shutdown and closes the bot session
        else:
            await self.bot.session.close()
        await self.services.close()
        dump_from_env()


async def _serve_until_signal(runtime: Runtime, start: object) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await start  # type: ignore[misc]
        await stop.wait()
    finally:
        await runtime.stop()


async def run_polling(settings: Settings) -> None:
    """``rukun run``: long polling until SIGINT/SIGTERM."""
    runtime = Runtime(settings)
    await _serve_until_signal(runtime, runtime.start_polling())


async def run_webhook(settings: Settings, host: str, port: int) -> None:
    """``rukun webhook``: serve the webhook until SIGINT/SIGTERM."""
    runtime = Runtime(settings)
    await _serve_until_signal(runtime, runtime.start_webhook(host, port))


async def run_worker(settings: Settings) -> None:
    """``rukun worker``: the background jobs alone, until SIGINT/SIGTERM."""
    runtime = Runtime(settings)
    await _serve_until_signal(runtime, runtime.start_worker())

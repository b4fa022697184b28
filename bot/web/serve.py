"""Serving the dashboard: mounted on an aiohttp app, or on its own server beside polling."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from aiohttp import web

from bot.config import Settings
from bot.services import Services

log = logging.getLogger(__name__)


def mount(app: web.Application, services: Services, bot_token: str) -> None:
    """Mount the dashboard under ``web.path`` on ``app`` (the webhook server or our own)."""
    from bot.web.app import create_web_app

    path = services.settings.web.path
    app.add_subapp(path, create_web_app(services, bot_token, base=path))


async def start_dashboard(
    services: Services, bot_token: str, host: str, port: int
) -> tuple[web.AppRunner, int]:
    """A server of the dashboard alone on host:port (0: a free port); returns it and its port."""
    root = web.Application()
    mount(root, services, bot_token)
    runner = web.AppRunner(root)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = int(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
    log.info("dashboard on http://%s:%s%s", host, bound, services.settings.web.path)
    return runner, bound


async def run_polling_with_dashboard(settings: Settings, host: str, port: int) -> None:
    """``rukun web``: the bot by long polling and the dashboard, until SIGINT/SIGTERM."""
    from bot.runtime import Runtime

    assert settings.bot_token is not None
    runtime = Runtime(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    runner = None
    try:
        await runtime.start_polling()
        runner, bound = await start_dashboard(
            runtime.services, settings.bot_token.get_secret_value(), host, port
        )
        print(f"dashboard: http://{host}:{bound}{settings.web.path}/", flush=True)
        await stop.wait()
    finally:
        if runner is not None:
            await runner.cleanup()
        await runtime.stop()

"""The aiohttp application: Bot API routes, file downloads, webhook delivery.

``create_emulator_app(state)`` builds the app (state at ``app["state"]``),
``running_emulator()`` serves it on a free local port for a test and
``run_emulator()`` serves it forever for the CLI.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
from aiohttp import web

from . import control, control_groups, methods
from .errors import ApiError
from .limits import DropConnection, chat_of
from .params import read_multipart, read_params
from .registry import TOKEN_RE
from .state import DEFAULT_BOT_USERNAME, BotState, EmulatorState

log = logging.getLogger(__name__)

WEBHOOK_RETRY_DELAYS = (0.05, 0.2, 0.5)
WEBHOOK_TIMEOUT = aiohttp.ClientTimeout(total=10)
_UNAUTHORIZED = {"ok": False, "error_code": 401, "description": "Unauthorized"}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


async def handle_api(request: web.Request) -> web.StreamResponse:
    """``/bot{token}/{method}``: run a Bot API method and answer Telegram-style."""
    token = request.match_info["token"]
    if not TOKEN_RE.match(token):
        return web.json_response(_UNAUTHORIZED, status=401)
    emu: EmulatorState = request.app["state"]
    bot = emu.bot(token)
    try:
        raw = await read_params(request)
        result = await methods.execute(emu, bot, request.match_info["method"], raw)
    except ApiError as exc:
        return web.json_response(exc.payload(), status=exc.error_code, dumps=_dumps)
    except DropConnection:
        if request.transport is not None:
            request.transport.close()
        return web.Response(status=500)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        body = {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"}
        return web.json_response(body, status=400, dumps=_dumps)
    fault = bot.failures.after_call(request.match_info["method"], chat_of(raw))
    if fault is not None:  # the call was carried out; its answer is spoiled
        if fault.after == "hold":
            await asyncio.sleep(fault.hold_seconds)
        elif fault.after == "drop":
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=500)
        elif fault.after == "corrupt":
            return web.Response(text='{"ok": true, "result": {"message_id": ', status=200)
    return web.json_response({"ok": True, "result": result}, dumps=_dumps)


async def handle_file(request: web.Request) -> web.StreamResponse:
    """``/file/bot{token}/{path}``: download a file returned by ``getFile``."""
    token = request.match_info["token"]
    if not TOKEN_RE.match(token):
        return web.json_response(_UNAUTHORIZED, status=401)
    record = request.app["state"].bot(token).files_by_path.get(request.match_info["path"])
    if record is None:
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )
    return web.Response(
        body=record.data, content_type=record.mime_type or "application/octet-stream"
    )


class WebhookDeliverer:
    """One delivery task per bot with a webhook; POSTs queued updates in order."""

    def __init__(self, emu: EmulatorState) -> None:
        self.emu = emu
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self.session: aiohttp.ClientSession | None = None

    def on_change(self, bot: BotState) -> None:
        """Start or stop the delivery task after ``setWebhook``/``deleteWebhook``."""
        task = self.tasks.get(bot.token)
        if bot.webhook is None:
            if task is not None:
                task.cancel()
                del self.tasks[bot.token]
        elif task is None or task.done():
            self.tasks[bot.token] = asyncio.create_task(self._run(bot))

    async def close(self) -> None:
        for task in self.tasks.values():
            task.cancel()
        await asyncio.gather(*self.tasks.values(), return_exceptions=True)
        self.tasks.clear()
        if self.session is not None:
            await self.session.close()

    async def _run(self, bot: BotState) -> None:
        while bot.webhook is not None:
            await bot.updates_changed.wait_for(
                lambda: bool(bot.updates) or bot.webhook is None, 60.0
            )
            if bot.webhook is None or not bot.updates:
                continue
            update = bot.updates[0]
            if await self._deliver(bot, update) and bot.updates and bot.updates[0] is update:
                bot.updates.popleft()

    async def _deliver(self, bot: BotState, update: dict[str, Any]) -> bool:
        """POST one update with retries; False only if the webhook went away meanwhile."""
        if self.session is None:
            self.session = aiohttp.ClientSession(timeout=WEBHOOK_TIMEOUT)
        body = _dumps(update).encode()
        for delay in (*WEBHOOK_RETRY_DELAYS, None):
            hook = bot.webhook
            if hook is None:
                return False
            headers = {"Content-Type": "application/json"}
            if hook.secret_token:
                headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
            try:
                async with self.session.post(hook.url, data=body, headers=headers) as resp:
                    if resp.status < 300:
                        await self._reply(bot, resp)
                        return True
                    error = f"Wrong response from the webhook: {resp.status} {resp.reason}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"Connection failed: {type(exc).__name__}"
            hook.last_error_date, hook.last_error_message = int(time.time()), error
            log.info("webhook delivery to %s failed: %s", hook.url, error)
            if delay is not None:
                await asyncio.sleep(delay)
        return True  # gave up on this update, like Telegram eventually does

    async def _reply(self, bot: BotState, resp: aiohttp.ClientResponse) -> None:
        """Execute a method returned in the webhook response body, if any."""
        try:
            if resp.content_type == "application/json":
                raw = await resp.json()
            elif resp.content_type.startswith("multipart/"):
                raw = await read_multipart(aiohttp.MultipartReader(resp.headers, resp.content))
            else:
                return
        except (ValueError, aiohttp.ClientError):
            return
        if isinstance(raw, dict) and raw.get("method"):
            method = str(raw.pop("method"))
            try:
                await methods.execute(self.emu, bot, method, raw)
            except (ApiError, DropConnection):
                pass  # Telegram ignores failures of webhook-reply calls, but they are logged


def create_emulator_app(state: EmulatorState | None = None) -> web.Application:
    """Build the emulator application; the state is kept at ``app["state"]``."""
    emu = state if state is not None else EmulatorState()
    app = web.Application(middlewares=[control.control_errors], client_max_size=64 * 1024 * 1024)
    deliverer = WebhookDeliverer(emu)
    with warnings.catch_warnings():  # plain string keys are part of the public contract
        warnings.simplefilter("ignore", web.NotAppKeyWarning)
        app["state"] = emu
        app["webhooks"] = deliverer
    emu.on_webhook_change = deliverer.on_change

    async def shutdown(_: web.Application) -> None:
        await deliverer.close()

    app.on_cleanup.append(shutdown)
    app.router.add_routes(control.routes)
    app.router.add_routes(control_groups.routes)
    app.router.add_route("*", "/bot{token}/{method}", handle_api)
    app.router.add_get("/file/bot{token}/{path:.+}", handle_file)
    return app


@asynccontextmanager
async def running_emulator(
    port: int = 0, *, state: EmulatorState | None = None, host: str = "127.0.0.1"
) -> AsyncIterator[str]:
    """Serve the emulator while the block runs; yields its base URL."""
    runner = web.AppRunner(create_emulator_app(state), access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound_host, bound_port = runner.addresses[0][:2]
    try:
        yield f"http://{bound_host}:{bound_port}"
    finally:
        await runner.cleanup()


async def serve_emulator(
    host: str = "127.0.0.1",
    port: int = 8081,
    *,
    bot_username: str = DEFAULT_BOT_USERNAME,
    privacy_mode: bool = True,
) -> None:
    """Serve until cancelled (for use inside an existing event loop)."""
    state = EmulatorState(bot_username, privacy_mode=privacy_mode)
    async with running_emulator(port, state=state, host=host) as url:
        log.info("Telegram Bot API emulator listening on %s", url)
        await asyncio.Event().wait()


def run_emulator(
    host: str = "127.0.0.1",
    port: int = 8081,
    *,
    bot_username: str = DEFAULT_BOT_USERNAME,
    privacy_mode: bool = True,
) -> None:
    """Serve forever (blocking); for the CLI.  Bots start with Telegram's privacy mode on."""
    state = EmulatorState(bot_username, privacy_mode=privacy_mode)
    web.run_app(create_emulator_app(state), host=host, port=port, access_log=None)

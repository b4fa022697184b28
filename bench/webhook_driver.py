"""The users and Telegram's webhook delivery of bench/webhook.py: one :class:`Driver` per bot.

Users act through the emulator's control API; the driver takes the updates with getUpdates and
POSTs each to the bot's port, up to ``MAX_CONNECTIONS`` at once, re-posting on 503; a latency is
the user's action → the webhook's 200.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.processes import cpu_seconds
from bot.emulator import EmulatorClient

SECRET = "bench_secret_token"
PATH = "/telegram/webhook"
FIRST_ID = 30_000_000
MAX_CONNECTIONS = 40
KINDS = (("/start", 0.2), ("text", 0.4), ("button", 0.4))
TEXT = "halo, apa kabar?"


@dataclass
class Bot:
    """One bot under test: its processes, port and users' buttons."""

    name: str
    token: str
    port: int
    procs: list[Any] = field(default_factory=list)
    #: user id → (message id, callback data) of the button to press
    buttons: dict[int, tuple[int, str]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{PATH}"

    def cpu(self) -> float:
        return sum(cpu_seconds(p.pid) for p in self.procs)


@dataclass
class Step:
    rate: int
    sent: int
    answered: int
    p95: float
    cpu_ms: float
    offered: float

    @property
    def passed(self) -> bool:
        return self.answered == self.sent and self.p95 <= 1.0


class Driver:
    """Users' actions through the emulator, and Telegram's webhook delivery to one bot."""

    def __init__(self, api: str, bot: Bot, http: aiohttp.ClientSession) -> None:
        self.bot = bot
        self.api = api
        self.http = http
        self.emu = EmulatorClient(api, bot.token, session=http)
        self.created: dict[Any, float] = {}
        self.finished: dict[Any, float] = {}
        self.latencies: list[float] = []
        self.failures = 0
        self._deliver = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=MAX_CONNECTIONS, force_close=False)
        )
        self._slots = asyncio.Semaphore(MAX_CONNECTIONS)
        self._pump: asyncio.Task[None] | None = None

    async def _delete_webhook(self) -> None:
        async with self.http.post(f"{self.api}/bot{self.bot.token}/deleteWebhook") as r:
            assert r.status == 200, await r.text()

    async def start(self) -> None:
        await self._delete_webhook()
        self._pump = asyncio.create_task(self._run())

    async def close(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump
        await self._deliver.close()

    async def _run(self) -> None:
        offset = 0
        tasks: set[asyncio.Task[None]] = set()
        while True:
            params = {"offset": offset, "timeout": 1, "limit": 100}
            async with self.http.post(
                f"{self.api}/bot{self.bot.token}/getUpdates", json=params
            ) as r:
                reply = await r.json()
            if "result" not in reply:  # the emulator is going away, or refused: ask again
                if "webhook is active" in str(reply.get("description")):
                    # a worker's setWebhook landed after our deleteWebhook (its /healthz answers
                    # before it registers): the bench delivers, so take the webhook away again
                    await self._delete_webhook()
                else:
                    print(f"    getUpdates refused: {reply}", flush=True)
                    await asyncio.sleep(0.2)
                continue
            updates = reply["result"]
            for update in updates:
                offset = max(offset, update["update_id"] + 1)
                await self._slots.acquire()
                task = asyncio.create_task(self._post(update))
                tasks.add(task)
                task.add_done_callback(tasks.discard)

    async def _post(self, update: dict[str, Any]) -> None:
        try:
            headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            for _ in range(200):
                try:
                    async with self._deliver.post(self.bot.url, json=update, headers=headers) as r:
                        await r.read()
                        if r.status == 200:
                            break
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.2)
            else:
                self.failures += 1
                return
        finally:
            self._slots.release()
        key = _key(update)
        if key in self.created:
            self.latencies.append(time.monotonic() - self.created.pop(key))
        else:
            self.finished[key] = time.monotonic()

    def _started(self, key: Any, t0: float) -> None:
        if key in self.finished:
            self.latencies.append(self.finished.pop(key) - t0)
        else:
            self.created[key] = t0

    async def act(self, kind: str, user_id: int) -> None:
        user = {"id": user_id, "first_name": f"Warga{user_id % 1000}", "is_bot": False}
        user["language_code"] = "id"
        t0 = time.monotonic()
        if kind == "button":
            message_id, data = self.bot.buttons[user_id]
            query = await self.emu.press_button(user, message_id, data, check=False)
            self._started(("q", query), t0)
        else:
            text = TEXT if kind == "text" else kind
            message = await self.emu.send_message(user, text)
            self._started(("m", user_id, message["message_id"]), t0)

    async def settle(self, count: int, limit: float) -> None:
        deadline = time.monotonic() + limit
        while len(self.latencies) + self.failures < count and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.05)


def _key(update: dict[str, Any]) -> Any:
    if "callback_query" in update:
        return ("q", update["callback_query"]["id"])
    message = update["message"]
    return ("m", message["chat"]["id"], message["message_id"])


async def warm_up(driver: Driver, users: list[int]) -> None:
    """Every user is known (/start, a free text: every worker has loaded its NLU model), then the
    message whose button they press."""
    emu = driver.emu
    kinds = ["/start", "text"] + (["/hapusdata"] if driver.bot.name == "rukun" else [])
    for n, kind in enumerate(kinds, 1):
        await asyncio.gather(*(driver.act(kind, uid) for uid in users))
        await driver.settle(len(users) * n, 180)
        if len(driver.latencies) < 0.99 * len(users) * n:
            raise RuntimeError(
                f"{driver.bot.name}: {len(driver.latencies)} of {len(users) * n} warm-up "
                f"updates answered; see the logs"
            )
    for uid in users:
        messages = await emu.bot_messages(uid)
        last = messages[-1]
        rows = (last.get("reply_markup") or {}).get("inline_keyboard") or []
        data = next((b["callback_data"] for r in rows for b in r if "Tidak" in b["text"]), "x")
        driver.bot.buttons[uid] = (last["message_id"], data)
    driver.latencies.clear()


async def step(driver: Driver, rate: int, seconds: float, users: list[int]) -> Step:
    rng = random.Random(rate)
    n = max(1, int(rate * seconds))
    driver.latencies.clear()
    driver.failures = 0
    cpu0 = driver.bot.cpu()
    t0 = time.monotonic()
    tasks = []
    kinds, weights = zip(*KINDS, strict=True)
    for i in range(n):
        delay = t0 + i / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        kind = rng.choices(kinds, weights)[0]
        tasks.append(asyncio.create_task(driver.act(kind, rng.choice(users))))
    offered = n / max(time.monotonic() - t0, 1e-9)
    await asyncio.gather(*tasks)
    await driver.settle(n, 15)
    cpu = driver.bot.cpu() - cpu0
    answered = len(driver.latencies)
    lat = sorted(driver.latencies) + [float("inf")] * (n - answered)
    p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))]
    await driver.settle(n, 30)  # stragglers, so the next step starts clean
    return Step(rate, n, answered, p95, cpu * 1000 / max(answered, 1), offered)


async def ramp(driver: Driver, rates: list[int], seconds: float, users: list[int]) -> Step | None:
    best: Step | None = None
    for rate in rates:
        s = await step(driver, rate, seconds, users)
        print(
            f"    {driver.bot.name:<6} {rate:>5}/s (offered {s.offered:6.1f}/s): "
            f"{s.answered}/{s.sent} answered, p95 {s.p95:.3f}s, CPU {s.cpu_ms:.2f} ms/update, "
            f"load {os.getloadavg()[0]:.2f}  {'ok' if s.passed else 'OVER'}",
            flush=True,
        )
        if not s.passed:
            break
        best = s
    return best

"""Interactive updates in webhook mode: Rukun beside a bare aiogram 3 echo bot (issue 18).

    python bench/webhook.py                                # sqlite:1, postgres:1, postgres:2
    python bench/webhook.py --configs postgres:2 --repeat 1 --step 4
    python bench/webhook.py --logs /tmp/wh                 # keep logs, SQL counts
    python bench/webhook.py --profile /tmp/prof            # py-spy of Rukun (pip install py-spy)

One emulator process serves both bots (real processes: ``python -m bot webhook`` and
bench/echo_bot.py, N of each behind one port with SO_REUSEPORT: the kernel spreads the
connections). The bench plays Telegram's webhook delivery: users act through the emulator's control
API (the updates are real emulator updates: messages stored, callback queries known), the bench
takes them with getUpdates and POSTs each to the bot's port, up to 40 at once (Telegram's default
``max_connections``), re-posting on 503. Latency: the user's action → the webhook's 200 (the bots
answer once handled, so their replies are sent by then).

A mix from ``--users`` known users (each sent /start and /hapusdata first): 20% /start, 40% free
text, 40% a press of "Tidak" under /hapusdata (the echo bot: a press on its greeting). Rates step up
(``--rates``), ``--step`` seconds each, until p95 > 1 s or an update goes unanswered; the last rate
passed is the sustained rate. Printed per run: sustained updates/s for each bot and the ratio (goal
≥ 0.5); CPU ms per update of the bot processes at that rate (/proc; goal ≤ 3); SQL statements,
transactions and rollbacks per update, by kind (Rukun with ``RUKUN_SQL_COUNT``: a
``before_cursor_execute`` listener, bot/sqlcount.py; measured over the stepped phase only; goal ≤ 2
for a known user's button press). The load average is printed beside every figure: this machine has
2 cores shared by the bench, the emulator, both bots and the database servers, so rates are noisy;
the CPU and statement figures are the robust ones.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.processes import cpu_seconds, emulator, start, stop, wait_http  # noqa: E402
from bot.db import upgrade_database  # noqa: E402
from bot.emulator import EmulatorClient  # noqa: E402

RUKUN_TOKEN = "123456:WEBHOOK-bench-rukun"
ECHO_TOKEN = "654321:WEBHOOK-bench-echo"
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

    async def start(self) -> None:
        async with self.http.post(f"{self.api}/bot{self.bot.token}/deleteWebhook") as r:
            assert r.status == 200, await r.text()
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


@contextlib.asynccontextmanager
async def bots(
    cfg: str, workers: int, db_url: str, redis_url: str | None, api: str, tmp: Path
) -> AsyncIterator[tuple[Bot, Bot]]:
    from bench.broadcast import worker_env
    from tests.support.servers import free_port

    rukun = Bot("rukun", RUKUN_TOKEN, free_port())
    echo = Bot("echo", ECHO_TOKEN, free_port())
    config = tmp / f"{cfg}.yml"
    config.write_text(f"data_dir: {tmp / cfg}\nflood:\n  max_messages: 1000\n")
    env = worker_env(config, db_url, api, redis_url)
    env.pop("RUKUN_STRICT_SESSIONS", None)
    env.update(BOT_TOKEN=RUKUN_TOKEN, WEBHOOK_SECRET=SECRET, WEBHOOK_URL=rukun.url)
    env.update(RUKUN_SQL_COUNT=str(tmp / f"{cfg}-sql"), RUKUN_WEBHOOK_REUSE_PORT="1")
    echo_env = {**os.environ, "PYTHONPATH": str(ROOT), "RUKUN_WEBHOOK_REUSE_PORT": "1"}
    try:
        for i in range(workers):
            log = tmp / f"{cfg}-rukun-{i}.log"
            args = ["-m", "bot", "webhook", "--host", "127.0.0.1", "--port", str(rukun.port)]
            rukun.procs.append(start(args, env, log))
            await wait_http(f"http://127.0.0.1:{rukun.port}/healthz", rukun.procs[-1], log, "rukun")
            log = tmp / f"{cfg}-echo-{i}.log"
            args = ["bench/echo_bot.py", "--api", api, "--token", ECHO_TOKEN]
            echo.procs.append(start([*args, "--port", str(echo.port)], echo_env, log))
            await wait_http(f"http://127.0.0.1:{echo.port}/healthz", echo.procs[-1], log, "echo")
        yield rukun, echo
    finally:
        for p in rukun.procs + echo.procs:
            stop(p)


def start_profiler(pid: str, out: Path) -> subprocess.Popen[bytes]:
    """py-spy sampling a bot process until interrupted (``pip install py-spy``: profiling only)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    spy = Path(sys.executable).with_name("py-spy")
    return subprocess.Popen(
        [str(spy), "record", "--pid", pid, "--rate", "200", "--format", "raw", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )


def error_lines(tmp: Path, name: str) -> int:
    """Updates the error handler answered, from Rukun's logs."""
    return sum(
        path.read_text(errors="replace").count("ERROR bot.errors: error handling")
        for path in tmp.glob(f"{name}-rukun-*.log")
    )


def sql_counts(prefix: Path) -> dict[str, dict[str, int]]:
    totals: dict[str, dict[str, int]] = {}
    for path in prefix.parent.glob(prefix.name + ".*"):
        for kind, tally in json.loads(path.read_text()).items():
            into = totals.setdefault(kind, {})
            for k, v in tally.items():
                into[k] = into.get(k, 0) + v
    return totals


def minus(a: dict[str, dict[str, int]], b: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {
        kind: {k: v - b.get(kind, {}).get(k, 0) for k, v in tally.items()}
        for kind, tally in a.items()
    }


async def run_config(cfg: str, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    backend, _, n = cfg.partition(":")
    workers = int(n or 1)
    rates = [int(r) for r in args.rates.split(",")]
    async with contextlib.AsyncExitStack() as stack:
        redis_url = None
        if backend == "sqlite":
            db_url = f"sqlite+aiosqlite:///{tmp / (cfg.replace(':', '-') + '.db')}"
        else:
            import asyncpg
            from redis.asyncio import Redis

            from tests.support.servers import postgres_server, redis_server

            pg = stack.enter_context(postgres_server())
            redis_url = stack.enter_context(redis_server())
            conn = await asyncpg.connect(pg.dsn())
            await conn.execute("CREATE DATABASE bench")
            await conn.close()
            redis = Redis.from_url(redis_url)
            await redis.flushall()
            await redis.aclose()
            db_url = pg.url("bench")
        await asyncio.to_thread(upgrade_database, db_url)
        name = cfg.replace(":", "-")
        api = await stack.enter_async_context(emulator(tmp / f"{name}-emulator.log"))
        rukun, echo = await stack.enter_async_context(
            bots(name, workers, db_url, redis_url, api, tmp)
        )
        http = await stack.enter_async_context(aiohttp.ClientSession())
        drivers = [Driver(api, rukun, http), Driver(api, echo, http)]
        users = [FIRST_ID + i for i in range(args.users)]
        for d in drivers:
            await d.start()
            stack.push_async_callback(d.close)
            await warm_up(d, users)
        await asyncio.sleep(1.2)  # counts are written once a second, after an update: one more
        await drivers[0].act("text", users[0])
        await drivers[0].settle(1, 30)
        before = sql_counts(tmp / f"{name}-sql")
        best: dict[str, list[float]] = {"rukun": [], "echo": []}
        cpu: dict[str, list[float]] = {"rukun": [], "echo": []}
        for rep in range(args.repeat):
            print(f"  {cfg} repetition {rep + 1}", flush=True)
            for d in drivers:
                spy = None
                if args.profile and rep == 0 and d.bot.name == "rukun":
                    out = Path(args.profile) / f"{name}-rukun.txt"
                    pid = str(d.bot.procs[0].pid)
                    spy = start_profiler(pid, out)
                s = await ramp(d, rates, args.step, users)
                if spy is not None:
                    spy.send_signal(signal.SIGINT)
                    spy.wait(timeout=60)
                best[d.bot.name].append(float(s.rate) if s else 0.0)
                cpu[d.bot.name].append(s.cpu_ms if s else float("nan"))
    counts = minus(sql_counts(tmp / f"{name}-sql"), before)
    errors = error_lines(tmp, name)
    return {"cfg": cfg, "best": best, "cpu": cpu, "sql": counts, "errors": errors}


def report(r: dict[str, Any]) -> None:
    rk, ec = r["best"]["rukun"], r["best"]["echo"]
    med_r, med_e = statistics.median(rk), statistics.median(ec)
    ratio = med_r / med_e if med_e else float("nan")
    cpu_r, cpu_e = statistics.median(r["cpu"]["rukun"]), statistics.median(r["cpu"]["echo"])
    print(f"== {r['cfg']} (load {os.getloadavg()[0]:.2f})")
    print(
        f"  sustained updates/s at p95 <= 1 s: rukun {rk} (median {med_r:g}), echo {ec} "
        f"(median {med_e:g})"
    )
    print(f"  ratio rukun/echo {ratio:.3f} (goal >= 0.5) {'MET' if ratio >= 0.5 else 'NOT MET'}")
    print(
        f"  CPU ms/update at the sustained rate: rukun {cpu_r:.2f} (goal <= 3) "
        f"{'MET' if cpu_r <= 3 else 'NOT MET'}, echo {cpu_e:.2f}"
    )
    print(f"  updates Rukun's error handler answered (an apology): {r['errors']}")
    for kind, t in sorted(r["sql"].items()):
        n = t.get("updates", 0)
        if n <= 0:
            continue
        goal = " (goal <= 2)" if kind == "button" else ""
        print(
            f"  SQL per {kind:<7} update: {t['statements'] / n:.2f} statements{goal}, "
            f"{t['transactions'] / n:.2f} transactions, {t['rollbacks'] / n:.2f} rollbacks "
            f"({n} updates)"
        )


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--configs", default="sqlite:1,postgres:1,postgres:2")
    parser.add_argument("--rates", default="10,20,40,60,80,120,160,240,320,480,640,960")
    parser.add_argument("--step", type=float, default=5.0, help="seconds per rate")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--logs", help="keep logs and SQL counts in this directory")
    parser.add_argument("--profile", help="py-spy (collapsed stacks) of Rukun's first worker here")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}; {os.cpu_count()} CPUs", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="rukun-webhook-") as tmpdir:
        tmp = Path(args.logs) if args.logs else Path(tmpdir)
        tmp.mkdir(parents=True, exist_ok=True)
        for cfg in args.configs.split(","):
            results.append(await run_config(cfg, args, tmp))
            report(results[-1])
    print("\n== summary")
    for r in results:
        report(r)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

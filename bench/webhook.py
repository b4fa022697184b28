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
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.processes import emulator, start, stop, wait_http  # noqa: E402
from bench.webhook_driver import FIRST_ID, SECRET, Bot, Driver, ramp, warm_up  # noqa: E402
from bot.db import upgrade_database  # noqa: E402

RUKUN_TOKEN = "123456:WEBHOOK-bench-rukun"
ECHO_TOKEN = "654321:WEBHOOK-bench-echo"


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

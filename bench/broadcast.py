"""Broadcast delivery benchmark against the Bot API emulator enforcing Telegram's limits.

    python bench/broadcast.py                 # 5,000 recipients per scenario (a few minutes each)
    python bench/broadcast.py --quick         # 500 recipients
    python bench/broadcast.py --recipients N --scenarios single,two,kill

Scenarios (each with 2% of recipients having blocked the bot; emulator: 30 msg/s globally and
1 msg/s per chat, answering 429 beyond):
  single  one `rukun worker` process on SQLite
  two     two `rukun worker` processes on PostgreSQL + Redis (shared token bucket)
  kill    one worker on PostgreSQL + Redis, `kill -9` at about half-way, then a new worker
Workers are real subprocesses (`python -m bot worker`). Figures are printed with their targets.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402

from bot.app import build_app_services  # noqa: E402
from bot.broadcasting.segments import Segment  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.db import Database, upgrade_database  # noqa: E402
from bot.emulator import EmulatorClient  # noqa: E402
from bot.people.models import User  # noqa: E402

TOKEN = "123456:BENCH-token"
RATE = 25.0
CONCURRENCY = 8
LEASE = 10.0
TEXT = "📣 Bench: Selamat Hari Toleransi Internasional"
FIRST_ID = 10_000_000


@dataclass
class Result:
    name: str
    recipients: int
    blocked: int
    duration: float
    attempts: int
    rate: float
    rate_limited: int
    duplicates: int
    lost: int
    blocked_marked: int
    extra: dict[str, Any]


@contextlib.asynccontextmanager
async def emulator_process(log: Path) -> Any:
    """The emulator in its own process, so the bench's own work never delays its clock."""
    from tests.support.servers import free_port

    port = free_port()
    proc = subprocess.Popen(  # noqa: ASYNC220
        [sys.executable, "-m", "bot", "emulator", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        import aiohttp

        async with aiohttp.ClientSession() as http:
            for _ in range(100):
                with contextlib.suppress(aiohttp.ClientError):
                    async with http.get(f"{url}/_emu/health") as r:
                        if r.status == 200:
                            break
                await asyncio.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def write_config(directory: Path, rate: float) -> Path:
    config = directory / "config.yml"
    config.write_text(
        "broadcasts:\n"
        f"  rate_per_second: {rate}\n"
        f"  concurrency: {CONCURRENCY}\n"
        "  batch_size: 100\n"
        f"  lease_seconds: {LEASE}\n"
        "  poll_interval: 0.5\n"
        f"data_dir: {directory}\n"
    )
    return config


def worker_env(config: Path, db_url: str, api: str, redis_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
    env.update(
        RUKUN_CONFIG=str(config),
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=api,
        DATABASE_URL=db_url,
        PYTHONPATH=str(ROOT),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "worker"],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


async def prepare(db_url: str, emu: EmulatorClient, n: int) -> tuple[list[int], set[int]]:
    await asyncio.to_thread(upgrade_database, db_url)
    ids = list(range(FIRST_ID, FIRST_ID + n))
    db = Database(db_url)
    now = time.time()
    from datetime import UTC, datetime

    stamp = datetime.fromtimestamp(now, UTC)
    async with db.transaction() as s:
        for chunk in range(0, n, 1000):
            await s.execute(
                insert(User),
                [
                    {
                        "id": i,
                        "first_name": f"Warga{i}",
                        "telegram_language": "id",
                        "opted_out": False,
                        "blocked": False,
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                    for i in ids[chunk : chunk + 1000]
                ],
            )
    await db.dispose()
    for chunk in range(0, n, 1000):
        await emu.register_users(
            *(
                {"id": i, "first_name": f"Warga{i}", "is_bot": False}
                for i in ids[chunk : chunk + 1000]
            )
        )
    blocked = set(ids[::50])  # 2%
    for uid in blocked:
        await emu.set_blocked(uid)
    return ids, blocked


async def schedule(settings: Any) -> int:
    services = build_app_services(settings)
    try:
        service = services["broadcasts"]
        bid = await service.create(
            text=TEXT, segment=Segment(), created_by=None, slug=f"bench-{time.time_ns()}"
        )
        await service.schedule(bid)
        return bid
    finally:
        await services.close()


async def progress(settings: Any, bid: int) -> Any:
    services = build_app_services(settings)
    try:
        return await services["broadcasts"].progress(bid)
    finally:
        await services.close()


async def measure(
    name: str,
    emu: EmulatorClient,
    settings: Any,
    ids: list[int],
    blocked: set[int],
    bid: int,
    extra: dict[str, Any],
) -> Result:
    calls = [c for c in await emu.calls("sendMessage") if TEXT in str(c["params"].get("text", ""))]
    attempts = [c for c in calls if c["error_code"] != 429]
    rate_limited = sum(1 for c in calls if c["error_code"] == 429)
    times = sorted(c["at"] for c in attempts)
    duration = times[-1] - times[0] if len(times) > 1 else 0.0
    delivered = Counter(int(c["params"]["chat_id"]) for c in calls if c["ok"])
    wanted = [u for u in ids if u not in blocked]
    duplicates = sum(n - 1 for n in delivered.values() if n > 1)
    for chat, n in delivered.items():
        if n > 1:
            extra.setdefault("duplicated_chats", []).append(chat)
    lost = sum(1 for u in wanted if delivered[u] == 0)
    db = Database(settings.database_url)
    async with db.session() as s:
        marked = set((await s.scalars(select(User.id).where(User.blocked.is_(True)))).all())
    await db.dispose()
    return Result(
        name=name,
        recipients=len(ids),
        blocked=len(blocked),
        duration=duration,
        attempts=len(attempts),
        rate=(len(attempts) - 1) / duration if duration else 0.0,
        rate_limited=rate_limited,
        duplicates=duplicates,
        lost=lost,
        blocked_marked=len(marked & blocked),
        extra=extra,
    )


async def wait_final(settings: Any, bid: int, limit: float) -> Any:
    deadline = time.monotonic() + limit
    shown = 0.0
    while True:
        p = await progress(settings, bid)
        final = p.state in ("completed", "cancelled", "failed")
        if final or time.monotonic() - shown >= 10:
            shown = time.monotonic()
            print(
                f"  {p.state:9} sent {p.sent:5}/{p.total}  blocked {p.blocked:4}  "
                f"remaining {p.remaining:5}",
                flush=True,
            )
        if final:
            return p
        if time.monotonic() > deadline:
            raise TimeoutError(f"broadcast {bid} not finished within {limit:.0f}s")
        await asyncio.sleep(1.0)


async def scenario(
    name: str, n: int, *, workers: int, db_url: str, redis_url: str | None, kill: bool, tmp: Path
) -> Result:
    print(
        f"\n== {name}: {n} recipients, {workers} worker(s), {'PostgreSQL + Redis' if redis_url else 'SQLite'}"
    )
    async with emulator_process(tmp / f"{name}-emulator.log") as api:
        emu = EmulatorClient(api, TOKEN)
        try:
            ids, blocked = await prepare(db_url, emu, n)
            config = write_config(tmp, RATE)
            settings = load_settings(
                config,
                bot_token=TOKEN,
                telegram_api_url=api,
                database_url=db_url,
                redis_url=redis_url,
                _env_file=None,
            )
            await emu.set_limits(enabled=True, global_per_second=30, per_chat_per_second=1)
            env = worker_env(config, db_url, api, redis_url)
            log = tmp / f"{name}.log"
            procs = [start_worker(env, log) for _ in range(workers)]
            extra: dict[str, Any] = {}
            try:
                await asyncio.sleep(3.0)  # workers start up
                bid = await schedule(settings)
                timeout = n / RATE * 3 + 120
                if kill:
                    while (await progress(settings, bid)).sent < n // 2:  # noqa: ASYNC110
                        await asyncio.sleep(0.2)
                    procs[0].send_signal(signal.SIGKILL)
                    procs[0].wait()
                    extra["killed_at_sent"] = (await progress(settings, bid)).sent
                    print(f"  kill -9 at {extra['killed_at_sent']} sent; restarting")
                    procs = [start_worker(env, log)]
                await wait_final(settings, bid, timeout)
            finally:
                for p in procs:
                    with contextlib.suppress(ProcessLookupError):
                        p.send_signal(signal.SIGTERM)
                for p in procs:
                    try:
                        p.wait(timeout=15)
                    except subprocess.TimeoutExpired:
                        p.kill()
            return await measure(name, emu, settings, ids, blocked, bid, extra)
        finally:
            await emu.close()


def report(r: Result, *, bound: int | None) -> bool:
    ok = True

    def line(label: str, value: str, target: str, passed: bool) -> None:
        nonlocal ok
        ok &= passed
        print(f"  {label:38} {value:>14}   target {target:22} {'PASS' if passed else 'FAIL'}")

    print(
        f"-- {r.name}: {r.recipients} recipients ({r.blocked} blocked the bot), {r.duration:.1f}s of sending"
    )
    ratio = r.rate / RATE
    if bound is None:
        line(
            "achieved / configured rate",
            f"{r.rate:.2f}/{RATE:g} = {ratio:.3f}",
            ">= 0.95",
            ratio >= 0.95,
        )
        line("ratio to Telegram's 30/s", f"{r.rate / 30:.3f}", "<= 1.0", r.rate <= 30.5)
        line("duplicates", str(r.duplicates), "0", r.duplicates == 0)
    else:
        line("achieved rate (incl. lease wait)", f"{r.rate:.2f}/s", "(informational)", True)
        line("duplicates", str(r.duplicates), f"<= {bound} (concurrency)", r.duplicates <= bound)
    line("recipients lost", str(r.lost), "0", r.lost == 0)
    line(
        "blocked users marked",
        f"{r.blocked_marked}/{r.blocked}",
        "all",
        r.blocked_marked == r.blocked,
    )
    line("429 answers", str(r.rate_limited), "<= 5 (start-up only)", r.rate_limited <= 5)
    return ok


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--quick", action="store_true", help="500 recipients per scenario")
    parser.add_argument("--scenarios", default="single,two,kill")
    parser.add_argument(
        "--logs", help="Keep the workers' logs (and SQLite files) in this directory."
    )
    args = parser.parse_args()
    n = 500 if args.quick else args.recipients
    wanted = args.scenarios.split(",")
    results: list[tuple[Result, int | None]] = []
    with tempfile.TemporaryDirectory(prefix="rukun-bench-") as tmpdir:
        tmp = Path(args.logs) if args.logs else Path(tmpdir)
        tmp.mkdir(parents=True, exist_ok=True)
        if "single" in wanted:
            r = await scenario(
                "single",
                n,
                workers=1,
                db_url=f"sqlite+aiosqlite:///{tmp / 'single.db'}",
                redis_url=None,
                kill=False,
                tmp=tmp,
            )
            results.append((r, None))
        if {"two", "kill"} & set(wanted):
            from tests.support.servers import postgres_server, redis_server

            with postgres_server() as pg, redis_server() as redis_url:
                import asyncpg

                for db in ("two", "kill"):
                    if db in wanted:
                        conn = await asyncpg.connect(pg.dsn())
                        await conn.execute(f"CREATE DATABASE bench_{db}")
                        await conn.close()
                        r = await scenario(
                            db,
                            n,
                            workers=2 if db == "two" else 1,
                            db_url=pg.url(f"bench_{db}"),
                            redis_url=redis_url,
                            kill=db == "kill",
                            tmp=tmp,
                        )
                        results.append((r, CONCURRENCY if db == "kill" else None))
                        from redis import Redis

                        Redis.from_url(redis_url).flushall()
    print(f"\n== results (configured rate {RATE:.0f}/s, concurrency {CONCURRENCY} per worker)")
    all_ok = True
    for r, bound in results:
        all_ok &= report(r, bound=bound)
    print("\nOVERALL", "PASS" if all_ok else "FAIL")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

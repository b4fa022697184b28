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

    python bench/broadcast.py --paid          # paid broadcasts: 1000 msg/s configured, 10,000 each

With ``--paid`` the emulator lifts Telegram's global and per-chat limits (a paid broadcast's
ceiling is the bot's own speed), the workers run with ``allow_paid_broadcast`` and
``rate_per_second: 1000``, and the scenarios are ``single`` (SQLite, 1 worker), ``pg1``
(PostgreSQL + Redis, 1 worker), ``two`` (PostgreSQL + Redis, 2 workers) and ``kill``. CPU time of
the worker processes and of the emulator is read from /proc and printed per message.

    python bench/broadcast.py --paid --repeat 2            # each scenario twice
    python bench/broadcast.py --paid --profile /tmp/prof   # py-spy flame graphs of the workers

The machine's load average is printed with every run (rates drop under load; CPU per message is
the robust figure). ``--profile`` needs py-spy (``pip install -e .[bench]``).
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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
LEASE = 10.0
TEXT = "📣 Bench: Selamat Hari Toleransi Internasional"
FIRST_ID = 10_000_000


@dataclass(frozen=True)
class Profile:
    """How the workers are configured and what the emulator enforces."""

    rate: float = 25.0
    concurrency: int = 8
    batch_size: int = 100
    paid: bool = False
    max_attempts: int = 5

    @property
    def limited(self) -> bool:
        return not self.paid


FREE = Profile()
PAID = Profile(rate=1000.0, concurrency=32, batch_size=400, paid=True)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), 0 when it is gone."""
    fields = _stat(pid)
    if fields is None:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_cpu() -> tuple[float, float]:
    """(busy, idle) CPU seconds of the whole machine so far, every core (Linux /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    busy = sum(fields[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy / os.sysconf("SC_CLK_TCK"), idle / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def family(pids: list[int]) -> list[int]:
    """The processes and all their descendants (a worker may train the NLU model in a child)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            parents[int(entry.name)] = int(fields[1])
    found = set(pids)
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in found and pid not in found:
                found.add(pid)
                grew = True
    return sorted(found)


def server_pids(port: int) -> list[int]:
    """The PostgreSQL or Redis server listening on ``port`` (found by its command line), with
    its children (PostgreSQL's backends)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if ("postgres" in cmd and f"-p {port}" in cmd) or (
            "redis-server" in cmd and f":{port}" in cmd
        ):
            found.append(int(entry.name))
    return family(found)


async def settled(pids: list[int], *, limit: float = 120.0) -> None:
    """Wait until the processes and their children are idle (start-up done, NLU model loaded),
    so their CPU time counts only sending. Idle means three quiet half-seconds in a row, each
    with almost no CPU used and no process runnable: a process starved by a loaded machine
    uses no CPU either, but it is runnable, so it does not pass for idle."""
    deadline = time.monotonic() + limit
    quiet = 0
    last = sum(cpu_seconds(p) for p in family(pids))
    while time.monotonic() < deadline and quiet < 3:
        await asyncio.sleep(0.5)
        procs = family(pids)
        now = sum(cpu_seconds(p) for p in procs)
        runnable = any((f := _stat(p)) is not None and f[0] == "R" for p in procs)
        quiet = quiet + 1 if now - last < 0.02 * len(pids) and not runnable else 0
        last = now
    if quiet < 3:
        print(f"  (workers not idle after {limit:.0f}s: CPU figures include start-up)")


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
    worker_cpu: float = 0.0
    emulator_cpu: float = 0.0
    #: PostgreSQL (all backends) and Redis, when they serve this run
    server_cpu: float | None = None
    #: the most copies one recipient got
    max_copies: int = 0
    #: load average (1 min) before the run and at its end
    load: tuple[float, float] = (0.0, 0.0)
    workers: int = 1
    run: int = 1
    error: str | None = None
    #: the whole machine while sending: the share of its CPU left idle, and the cores that
    #: processes outside this run used on average (other people's tests, say)
    machine_idle: float | None = None
    others_cores: float | None = None


def load_average() -> float:
    return os.getloadavg()[0]


@contextlib.asynccontextmanager
async def emulator_process(log: Path, pids: list[int] | None = None) -> Any:
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
    if pids is not None:
        pids.append(proc.pid)
    try:
        import aiohttp

        deadline = time.monotonic() + 90  # a loaded machine starts Python slowly
        async with aiohttp.ClientSession() as http:
            while True:
                with contextlib.suppress(aiohttp.ClientError):
                    async with http.get(f"{url}/_emu/health") as r:
                        if r.status == 200:
                            break
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the emulator did not start; see {log}")
                await asyncio.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def write_config(directory: Path, profile: Profile) -> Path:
    config = directory / "config.yml"
    config.write_text(
        "broadcasts:\n"
        f"  rate_per_second: {profile.rate}\n"
        f"  allow_paid_broadcast: {'true' if profile.paid else 'false'}\n"
        f"  concurrency: {profile.concurrency}\n"
        f"  batch_size: {profile.batch_size}\n"
        f"  max_attempts: {profile.max_attempts}\n"
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


def start_profiler(pid: int, out: Path) -> subprocess.Popen[bytes]:
    """py-spy sampling one worker until it is interrupted (collapsed stacks). py-spy samples
    wall time: the worker is given a higher priority, so that on a loaded machine its samples
    are time on the CPU, not time waiting for it."""
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, pid, -10)
    return subprocess.Popen(
        ["py-spy", "record", "--pid", str(pid), "--rate", "250", "--format", "raw", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )


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
        service = services.broadcasts
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
        return await services.broadcasts.progress(bid)
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
        max_copies=max(delivered.values(), default=0),
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
    name: str,
    n: int,
    *,
    workers: int,
    db_url: str,
    redis_url: str | None,
    kill: bool,
    tmp: Path,
    profile: Profile = FREE,
    profile_dir: Path | None = None,
) -> Result:
    load_before = load_average()
    print(
        f"\n== {name}: {n} recipients, {workers} worker(s), "
        f"{'PostgreSQL + Redis' if redis_url else 'SQLite'}; load average {load_before:.2f}",
        flush=True,
    )
    emulator_pids: list[int] = []
    async with emulator_process(tmp / f"{name}-emulator.log", emulator_pids) as api:
        emu = EmulatorClient(api, TOKEN)
        try:
            ids, blocked = await prepare(db_url, emu, n)
            config = write_config(tmp, profile)
            settings = load_settings(
                config,
                bot_token=TOKEN,
                telegram_api_url=api,
                database_url=db_url,
                redis_url=redis_url,
                _env_file=None,
            )
            if profile.limited:
                await emu.set_limits(enabled=True, global_per_second=30, per_chat_per_second=1)
            else:
                await emu.set_limits(enabled=False)
            env = worker_env(config, db_url, api, redis_url)
            log = tmp / f"{name}.log"
            procs = [start_worker(env, log) for _ in range(workers)]
            extra: dict[str, Any] = {}
            profilers: list[subprocess.Popen[bytes]] = []
            ports: list[int] = []
            server_cpu = 0.0
            cpu_before: dict[int, float] = {}
            worker_cpu = 0.0
            try:
                await asyncio.sleep(3.0)  # workers start up
                await settled([p.pid for p in procs] + emulator_pids)
                cpu_before = {p.pid: cpu_seconds(p.pid) for p in procs}
                emulator_before = cpu_seconds(emulator_pids[0])
                machine_before, window_started = machine_cpu(), time.monotonic()
                ports = [u.port for u in (urlsplit(db_url), urlsplit(redis_url or "")) if u.port]
                servers_before = {
                    pid: cpu_seconds(pid) for port in ports for pid in server_pids(port)
                }
                if profile_dir is not None:
                    profilers = [
                        start_profiler(p.pid, profile_dir / f"{name}-worker{i}.txt")
                        for i, p in enumerate(procs)
                    ]
                bid = await schedule(settings)
                timeout = n / profile.rate * 3 + 120
                if kill:
                    while (await progress(settings, bid)).sent < n // 2:  # noqa: ASYNC110
                        await asyncio.sleep(0.2)
                    worker_cpu += cpu_seconds(procs[0].pid) - cpu_before.pop(procs[0].pid, 0.0)
                    procs[0].send_signal(signal.SIGKILL)
                    procs[0].wait()
                    extra["killed_at_sent"] = (await progress(settings, bid)).sent
                    print(f"  kill -9 at {extra['killed_at_sent']} sent; restarting")
                    procs = [start_worker(env, log)]
                    cpu_before[procs[0].pid] = 0.0
                await wait_final(settings, bid, timeout)
                worker_cpu += sum(cpu_seconds(p.pid) - cpu_before.get(p.pid, 0.0) for p in procs)
                emulator_cpu = cpu_seconds(emulator_pids[0]) - emulator_before
                server_cpu = sum(
                    cpu_seconds(pid) - servers_before.get(pid, 0.0)
                    for port in ports
                    for pid in server_pids(port)
                )
                machine_after, window = machine_cpu(), time.monotonic() - window_started
                busy = machine_after[0] - machine_before[0]
                idle = machine_after[1] - machine_before[1]
                extra["machine_idle"] = idle / max(busy + idle, 1e-9)
                ours = worker_cpu + emulator_cpu + server_cpu
                extra["others_cores"] = max(0.0, busy - ours) / max(window, 1e-9)
            finally:
                for prof in profilers:
                    prof.send_signal(signal.SIGINT)
                    prof.wait(timeout=30)
                for p in procs:
                    with contextlib.suppress(ProcessLookupError):
                        p.send_signal(signal.SIGTERM)
                for p in procs:
                    try:
                        p.wait(timeout=15)
                    except subprocess.TimeoutExpired:
                        p.kill()
            result = await measure(name, emu, settings, ids, blocked, bid, extra)
            result.worker_cpu, result.emulator_cpu = worker_cpu, emulator_cpu
            result.server_cpu = server_cpu if ports else None
            result.load = (load_before, load_average())
            result.workers = workers
            result.machine_idle = extra.pop("machine_idle", None)
            result.others_cores = extra.pop("others_cores", None)
            return result
        finally:
            await emu.close()


def report(r: Result, profile: Profile, *, bound: int | None) -> bool:
    ok = True

    def line(label: str, value: str, target: str, passed: bool) -> None:
        nonlocal ok
        ok &= passed
        print(f"  {label:38} {value:>14}   target {target:22} {'PASS' if passed else 'FAIL'}")

    print(
        f"-- {r.name}: {r.recipients} recipients ({r.blocked} blocked the bot), "
        f"{r.duration:.1f}s of sending; load average {r.load[0]:.2f} before, {r.load[1]:.2f} after"
    )
    if r.error is not None:
        line("run", r.error[:60], "finishes", False)
        return False
    ratio = r.rate / profile.rate
    sent = max(1, r.attempts)
    if bound is None:
        goal = 0.9 if profile.paid else 0.95
        informational = profile.paid and r.name == "single"
        line(
            "achieved / configured rate",
            f"{r.rate:.0f}/{profile.rate:g} = {ratio:.3f}",
            "(as the machine allows)" if informational else f">= {goal}",
            informational or ratio >= goal,
        )
        if profile.limited:
            line("ratio to Telegram's 30/s", f"{r.rate / 30:.3f}", "<= 1.0", r.rate <= 30.5)
        line("duplicates", str(r.duplicates), "0", r.duplicates == 0)
    else:
        line("achieved rate (incl. lease wait)", f"{r.rate:.0f}/s", "(informational)", True)
        line("duplicates", str(r.duplicates), f"<= {bound} (stated bound)", r.duplicates <= bound)
        line(
            "most copies to one recipient",
            str(r.max_copies),
            f"<= {profile.max_attempts} (max_attempts)",
            r.max_copies <= profile.max_attempts,
        )
    line("recipients lost", str(r.lost), "0", r.lost == 0)
    line(
        "blocked users marked",
        f"{r.blocked_marked}/{r.blocked}",
        "all",
        r.blocked_marked == r.blocked,
    )
    if profile.limited:
        line("429 answers", str(r.rate_limited), "<= 5 (start-up only)", r.rate_limited <= 5)
    worker_ms = r.worker_cpu * 1000 / sent
    checked = profile.paid and bound is None  # the kill run's figure includes a restart
    line(
        "worker CPU per message",
        f"{worker_ms:.2f} ms",
        "<= 1 ms" if checked else "(informational)",
        worker_ms <= 1.0 or not checked,
    )
    line(
        "emulator CPU per message",
        f"{r.emulator_cpu * 1000 / sent:.2f} ms",
        "(informational)",
        True,
    )
    if r.server_cpu is not None:
        line(
            "PostgreSQL + Redis CPU per message",
            f"{r.server_cpu * 1000 / sent:.2f} ms",
            "(informational)",
            True,
        )
    if r.machine_idle is not None and r.others_cores is not None:
        # no idle CPU left while sending: the rate was bounded by the machine, not the engine
        line("machine CPU idle while sending", f"{r.machine_idle:.0%}", "(informational)", True)
        line(
            "cores used by other processes",
            f"{r.others_cores:.2f} of {os.cpu_count()}",
            "(informational)",
            True,
        )
    return ok


def table(results: list[tuple[Result, int | None]], profile: Profile) -> None:
    """Every run in one table (Markdown), as pasted into docs/broadcasting.md."""
    print(
        "\n| scenario | run | backend | workers | recipients | rate (of "
        f"{profile.rate:g}/s) | worker CPU ms/msg | emulator CPU ms/msg | PG + Redis CPU ms/msg "
        "| duplicates | lost | load avg before/after | idle CPU / others' cores |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r, b in results:
        backend = "SQLite" if r.name == "single" else "PostgreSQL + Redis"
        sent = max(1, r.attempts)
        dup = (
            f"{r.duplicates} (bound {b}, max {r.max_copies}/recipient)" if b else str(r.duplicates)
        )
        rate = "error" if r.error else f"{r.rate:.0f} ({r.rate / profile.rate:.2f})"
        servers = "–" if r.server_cpu is None else f"{r.server_cpu * 1000 / sent:.2f}"
        machine = (
            "–"
            if r.machine_idle is None or r.others_cores is None
            else f"{r.machine_idle:.0%} / {r.others_cores:.2f}"
        )
        print(
            f"| {r.name}{' (kill -9)' if b else ''} | {r.run} | {backend} | {r.workers} "
            f"| {r.recipients} | {rate} | {r.worker_cpu * 1000 / sent:.2f} "
            f"| {r.emulator_cpu * 1000 / sent:.2f} | {servers} | {dup} | {r.lost} "
            f"| {r.load[0]:.2f} / {r.load[1]:.2f} | {machine} |"
        )


def scaling(results: list[tuple[Result, int | None]]) -> bool:
    """Two workers at least as fast as one (mean of the runs of each)."""
    one = [r.rate for r, _ in results if r.name == "pg1" and not r.error]
    two = [r.rate for r, _ in results if r.name == "two" and not r.error]
    if not one or not two:
        return True
    ratio = (sum(two) / len(two)) / (sum(one) / len(one))
    passed = ratio >= 1.0
    print(
        f"  {'two workers / one worker (rate)':38} {ratio:>14.3f}   target {'>= 1.0':22} "
        f"{'PASS' if passed else 'FAIL'}"
    )
    return passed


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recipients", type=int, default=None)
    parser.add_argument("--quick", action="store_true", help="500 recipients per scenario")
    parser.add_argument("--paid", action="store_true", help="paid broadcasts at 1000 msg/s")
    parser.add_argument("--scenarios", default=None)
    parser.add_argument("--repeat", type=int, default=1, help="Run each scenario this many times.")
    parser.add_argument("--profile", help="Sample the workers with py-spy into this directory.")
    parser.add_argument(
        "--logs", help="Keep the workers' logs (and SQLite files) in this directory."
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=None,
        help="Sends in flight per worker (default: 32 paid, 8 free).",
    )
    args = parser.parse_args()
    profile = PAID if args.paid else FREE
    if args.concurrency:
        profile = replace(profile, concurrency=args.concurrency)
    n = 500 if args.quick else args.recipients or (10_000 if args.paid else 5000)
    wanted = (args.scenarios or ("single,pg1,two,kill" if args.paid else "single,two,kill")).split(
        ","
    )
    from bot.broadcasting.engine import crash_duplicate_bound
    from bot.broadcasting.settings import BroadcastSettings

    bound = crash_duplicate_bound(
        BroadcastSettings(
            rate_per_second=profile.rate,
            allow_paid_broadcast=profile.paid,
            concurrency=profile.concurrency,
        )
    )
    results: list[tuple[Result, int | None]] = []
    profile_dir = Path(args.profile) if args.profile else None
    if profile_dir is not None:
        profile_dir.mkdir(parents=True, exist_ok=True)

    async def run(name: str, run_no: int, kill_bound: int | None, **kw: Any) -> None:
        label = f"{name}-{run_no}" if args.repeat > 1 else name
        try:
            r = await scenario(label, n, tmp=tmp, profile=profile, profile_dir=profile_dir, **kw)
        except Exception as exc:  # one broken run must not hide the others' figures
            r = Result(
                label, n, 0, 0.0, 0, 0.0, 0, 0, n, 0, {}, error=f"{type(exc).__name__}: {exc}"
            )
        r.name, r.run = name, run_no
        r.workers = kw["workers"]
        results.append((r, kill_bound))
        report(r, profile, bound=kill_bound)

    with tempfile.TemporaryDirectory(prefix="rukun-bench-") as tmpdir:
        tmp = Path(args.logs) if args.logs else Path(tmpdir)
        tmp.mkdir(parents=True, exist_ok=True)
        for run_no in range(1, args.repeat + 1):
            if "single" in wanted:
                await run(
                    "single",
                    run_no,
                    None,
                    workers=1,
                    db_url=f"sqlite+aiosqlite:///{tmp / f'single-{run_no}.db'}",
                    redis_url=None,
                    kill=False,
                )
            if {"pg1", "two", "kill"} & set(wanted):
                from tests.support.servers import postgres_server, redis_server

                with postgres_server() as pg, redis_server() as redis_url:
                    import asyncpg

                    for db in ("pg1", "two", "kill"):
                        if db in wanted:
                            conn = await asyncpg.connect(pg.dsn())
                            await conn.execute(f"CREATE DATABASE bench_{db}")
                            await conn.close()
                            await run(
                                db,
                                run_no,
                                bound if db == "kill" else None,
                                workers=2 if db == "two" else 1,
                                db_url=pg.url(f"bench_{db}"),
                                redis_url=redis_url,
                                kill=db == "kill",
                            )
                            from redis import Redis

                            Redis.from_url(redis_url).flushall()
    print(
        f"\n== results (configured rate {profile.rate:.0f}/s, concurrency {profile.concurrency} "
        f"per worker, claim batch {profile.batch_size}{', paid broadcasts' if profile.paid else ''})"
    )
    all_ok = True
    for r, b in results:
        all_ok &= report(r, profile, bound=b)
    if profile.paid:
        all_ok &= scaling(results)
    table(results, profile)
    print("\nOVERALL", "PASS" if all_ok else "FAIL")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

"""Many users at once: every one answered, nobody apologised to, nothing lost (issue 17).

    python bench/load.py                                   # 50, 100, 200 users; SQLite and PG
    python bench/load.py --users 200 --backends sqlite
    python bench/load.py --logs /tmp/load                  # keep the bot's and emulator's logs

Each run starts the Bot API emulator and the real bot (``python -m bot run``, long polling) as
their own processes, on a fresh database holding one open survey (PostgreSQL + Redis: throwaway
servers as in tests/support/servers.py). N users then start at the same moment, each going through
a realistic mix without pause: /start, a free-text greeting, /survei, the survey's button, one
answer, /lapor, the story, the category button, the place button, /batal. Each step waits up to
``--timeout`` seconds for its reply; a user whose step goes unanswered stops there.

Printed for each backend and N:
  unanswered   steps with no reply within the timeout
  apologies    replies that were the error handler's apology (message or button alert)
  lost         survey answers a user was shown the next question for, but that were not stored,
               and users greeted but not stored
  p50/p95/max  latency of a step (send → its last expected reply), over every answered step
  from the bot's log: pool timeouts ("QueuePool limit" errors), "database is locked" errors,
  nested sessions (warnings), and failed updates (distinct updates the error handler logged).
Goal: 0 unanswered, 0 apologies, 0 lost at 200 users on both backends. The bot runs without
``RUKUN_STRICT_SESSIONS``, as in production: a nested session is logged, not raised.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from bench.broadcast import worker_env  # noqa: E402
from bench.processes import emulator  # noqa: E402
from bot.clock import Clock  # noqa: E402
from bot.db import Database, upgrade_database  # noqa: E402
from bot.emulator import EmulatorClient  # noqa: E402
from bot.i18n import Catalog  # noqa: E402
from bot.people.models import User  # noqa: E402
from bot.surveys.models import SurveyAnswer, SurveyStatus  # noqa: E402
from bot.surveys.schema import parse_survey  # noqa: E402
from bot.surveys.service import SurveyService  # noqa: E402

TOKEN = "123456:LOAD-bench-token"
FIRST_ID = 20_000_000
STORY = "Gereja kami di Cilegon disegel satpol pp pagi tadi, padahal izin sudah lengkap."
SURVEY = {
    "slug": "beban",
    "title": {"id": "Survei Beban", "en": "Load Survey"},
    "intro": {"id": "Dua pertanyaan singkat.", "en": "Two short questions."},
    "questions": [
        {"id": "q1", "type": "likert5", "text": {"id": "Saya merasa aman.", "en": "I feel safe."}},
        {"id": "q2", "type": "yesno", "text": {"id": "Pernah lapor?", "en": "Ever reported?"}},
    ],
}


@dataclass(frozen=True)
class Step:
    """One thing a user does: send ``text``, or press the button labelled ``button`` on the last
    message; ``expect`` new messages make its reply."""

    name: str
    expect: int
    text: str | None = None
    button: str | None = None


STEPS = (
    Step("/start", 1, text="/start"),
    Step("free text", 1, text="halo, apa kabar?"),
    Step("/survei", 1, text="/survei"),
    Step("survey button", 2, button="Survei Beban"),
    Step("survey answer", 1, button="Setuju"),
    Step("/lapor", 2, text="/lapor"),
    Step("story", 1, text=STORY),
    Step("category button", 1, button="Rumah ibadah"),
    Step("place button", 1, button="Kota Cilegon"),
    Step("/batal", 1, text="/batal"),
)


@dataclass
class Outcome:
    """What one user saw."""

    latencies: list[float] = field(default_factory=list)
    #: The steps answered, in order (``latencies`` has one entry per answered step).
    answered: list[str] = field(default_factory=list)
    unanswered: str | None = None
    alert_apologies: int = 0


@dataclass
class Result:
    backend: str
    users: int
    steps: int
    unanswered: int
    apologies: int
    lost: int
    completed: int
    p50: float
    p95: float
    worst: float
    log: dict[str, int]
    unanswered_at: dict[str, int]
    step_p95: dict[str, float]


def button_data(message: dict[str, Any], label: str) -> str:
    """The callback data of the button labelled exactly ``label``, else the first containing it."""
    found = [
        b for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row
    ]
    for b in found:
        if b["text"] == label and "callback_data" in b:
            return str(b["callback_data"])
    for b in found:
        if label.lower() in b["text"].lower() and "callback_data" in b:
            return str(b["callback_data"])
    raise LookupError(f"no button {label!r} in {[b['text'] for b in found]}")


async def run_user(
    emu: EmulatorClient, user_id: int, go: asyncio.Event, wait: float, apology: set[str]
) -> Outcome:
    info = {"id": user_id, "first_name": f"Warga{user_id % 1000}", "is_bot": False}
    info["language_code"] = "id"
    out = Outcome()
    seen = 0
    last: dict[str, Any] | None = None
    await go.wait()
    for step in STEPS:
        started = time.monotonic()
        try:
            if step.button is not None:
                assert last is not None
                query = await emu.press_button(
                    info, last["message_id"], button_data(last, step.button)
                )
                answer = await emu.callback_answer(query, timeout=wait)
                if answer.get("text") in apology:
                    out.alert_apologies += 1
                    out.unanswered = step.name
                    return out
            else:
                await emu.send_message(info, step.text)
            msgs = await emu.wait_bot_messages(user_id, seen + step.expect, timeout=wait)
        except (TimeoutError, LookupError):
            out.unanswered = step.name
            return out
        except Exception as exc:  # the emulator refused a call: say which, go on with the others
            out.unanswered = f"{step.name} ({type(exc).__name__})"
            return out
        elapsed = time.monotonic() - started
        new = msgs[seen:]
        seen = len(msgs)
        if any((m.get("text") or "") in apology for m in new):
            out.unanswered = step.name
            return out
        out.latencies.append(elapsed)
        out.answered.append(step.name)
        last = msgs[-1]
    return out


def log_counts(path: Path) -> dict[str, int]:
    text = path.read_text(errors="replace") if path.exists() else ""
    return {
        "pool timeouts": len(re.findall(r"^sqlalchemy\.exc\.TimeoutError: QueuePool", text, re.M)),
        "database is locked": len(
            re.findall(r"\(sqlite3\.OperationalError\) database is locked", text)
        ),
        "nested sessions": text.count("nested database session"),
        "failed updates": len(set(re.findall(r"error handling \w+ update (\d+)", text))),
    }


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def prepare(db_url: str) -> None:
    """A migrated database with the open survey."""
    await asyncio.to_thread(upgrade_database, db_url)
    db = Database(db_url)
    try:
        surveys = SurveyService(db, Clock())
        await surveys.load(parse_survey(SURVEY, "beban.yml"))
        await surveys.set_status(str(SURVEY["slug"]), SurveyStatus.OPEN)
    finally:
        await db.dispose()


async def stored(db_url: str) -> tuple[int, int]:
    """(users stored, survey answers stored)."""
    db = Database(db_url)
    try:
        async with db.session() as s:
            users = await s.scalar(select(func.count()).select_from(User))
            answers = await s.scalar(select(func.count()).select_from(SurveyAnswer))
        return int(users or 0), int(answers or 0)
    finally:
        await db.dispose()


def bot_env(config: Path, db_url: str, api: str, redis_url: str | None) -> dict[str, str]:
    """The bot's environment, as production has it: nested sessions are logged, not raised."""
    env = worker_env(config, db_url, api, redis_url)
    env.pop("RUKUN_STRICT_SESSIONS", None)
    env["BOT_TOKEN"] = TOKEN
    return env


async def scenario(
    backend: str, n: int, db_url: str, redis_url: str | None, tmp: Path, wait: float
) -> Result:
    name = f"{backend}-{n}"
    config = tmp / f"{name}.yml"
    # Flood control is lifted: the users here go through their steps with no pause at all.
    config.write_text(f"data_dir: {tmp / name}\nflood:\n  max_messages: 1000\n")
    await prepare(db_url)
    catalog = Catalog()
    apology = {catalog.text(lang, "error-apology") for lang in ("id", "en")}
    bot_log = tmp / f"{name}-bot.log"
    async with emulator(tmp / f"{name}-emulator.log") as api:
        proc = subprocess.Popen(  # noqa: ASYNC220
            [sys.executable, "-m", "bot", "run"],
            cwd=ROOT,
            env=bot_env(config, db_url, api, redis_url),
            stdout=bot_log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        emu = EmulatorClient(api, TOKEN, session=http)
        try:
            for _ in range(600):
                if await emu.calls("setMyCommands"):
                    break
                if proc.poll() is not None:
                    raise RuntimeError(f"the bot exited with {proc.returncode}; see {bot_log}")
                await asyncio.sleep(0.1)
            # one user first, alone: the NLU model and every cache load before the crowd arrives
            warm = asyncio.Event()
            warm.set()
            warmup = await run_user(emu, FIRST_ID - 1, warm, wait, apology)
            if warmup.unanswered is not None:
                raise RuntimeError(f"the bot did not answer {warmup.unanswered!r} of one user")
            go = asyncio.Event()
            ids = [FIRST_ID + i for i in range(n)]
            tasks = [asyncio.create_task(run_user(emu, uid, go, wait, apology)) for uid in ids]
            await asyncio.sleep(0.2)
            go.set()
            outcomes = await asyncio.gather(*tasks)
            await asyncio.sleep(1.0)  # late replies and log lines settle
            late_apologies = 0
            for uid in ids:
                late_apologies += sum(
                    (m.get("text") or "") in apology for m in await emu.bot_messages(uid)
                )
        finally:
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=20)
            if proc.poll() is None:
                proc.kill()
            await emu.close()
            await http.close()
    users, answers = await stored(db_url)
    greeted = sum("/start" in o.answered for o in outcomes)
    answered_survey = sum("survey answer" in o.answered for o in outcomes)
    latencies = [x for o in outcomes for x in o.latencies]
    unanswered_at: dict[str, int] = {}
    for o in outcomes:
        if o.unanswered is not None:
            unanswered_at[o.unanswered] = unanswered_at.get(o.unanswered, 0) + 1
    return Result(
        backend=backend,
        users=n,
        steps=len(latencies),
        unanswered=sum(o.unanswered is not None for o in outcomes),
        apologies=late_apologies + sum(o.alert_apologies for o in outcomes),
        lost=max(0, greeted - users) + max(0, answered_survey - answers),
        completed=sum(o.unanswered is None for o in outcomes),
        p50=percentile(latencies, 0.50),
        p95=percentile(latencies, 0.95),
        worst=max(latencies, default=float("nan")),
        log=log_counts(bot_log),
        unanswered_at=unanswered_at,
        step_p95={
            step.name: percentile(
                [
                    x
                    for o in outcomes
                    for x, nm in zip(o.latencies, o.answered, strict=True)
                    if nm == step.name
                ],
                0.95,
            )
            for step in STEPS
        },
    )


def report(r: Result, *, steps: bool = False) -> bool:
    ok = r.unanswered == 0 and r.apologies == 0 and r.lost == 0
    logs = ", ".join(f"{k} {v}" for k, v in r.log.items())
    where = (
        " (stopped at: " + ", ".join(f"{k} {v}" for k, v in sorted(r.unanswered_at.items())) + ")"
        if r.unanswered_at
        else ""
    )
    print(
        f"{r.backend:<8} {r.users:>4} users: {r.completed}/{r.users} completed, "
        f"{r.steps} steps answered, unanswered {r.unanswered}{where}, apologies {r.apologies}, "
        f"lost {r.lost}; latency p50 {r.p50:.2f}s p95 {r.p95:.2f}s max {r.worst:.2f}s; "
        f"log: {logs}  {'PASS' if ok else 'FAIL'}",
        flush=True,
    )
    if steps:
        print("         p95 by step: " + ", ".join(f"{k} {v:.2f}s" for k, v in r.step_p95.items()))
    return ok


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", default="50,100,200", help="comma-separated user counts")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a step may wait")
    parser.add_argument("--logs", help="keep the bot's and emulator's logs in this directory")
    args = parser.parse_args()
    counts = [int(x) for x in args.users.split(",")]
    backends = args.backends.split(",")
    print(f"load average {os.getloadavg()[0]:.2f}; {len(STEPS)} steps per user", flush=True)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="rukun-load-") as tmpdir:
        tmp = Path(args.logs) if args.logs else Path(tmpdir)
        tmp.mkdir(parents=True, exist_ok=True)
        if "sqlite" in backends:
            for n in counts:
                path = tmp / f"sqlite-{n}.db"
                for old in (
                    path,
                    path.with_name(path.name + "-wal"),
                    path.with_name(path.name + "-shm"),
                ):
                    old.unlink(missing_ok=True)
                url = f"sqlite+aiosqlite:///{path}"
                results.append(await scenario("sqlite", n, url, None, tmp, args.timeout))
                report(results[-1], steps=True)
        if "postgres" in backends:
            import asyncpg
            from redis.asyncio import Redis

            from tests.support.servers import postgres_server, redis_server

            with postgres_server() as pg, redis_server() as redis_url:
                for n in counts:
                    conn = await asyncpg.connect(pg.dsn())
                    await conn.execute(f"DROP DATABASE IF EXISTS load_{n}")
                    await conn.execute(f"CREATE DATABASE load_{n}")
                    await conn.close()
                    redis = Redis.from_url(redis_url)
                    await redis.flushall()
                    await redis.aclose()
                    results.append(
                        await scenario(
                            "postgres", n, pg.url(f"load_{n}"), redis_url, tmp, args.timeout
                        )
                    )
                    report(results[-1], steps=True)
    print("\n== results")
    ok = all([report(r) for r in results])
    print("OVERALL", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

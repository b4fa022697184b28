"""Bad settings and files at start-up (issue 17): the real ``rukun`` process ends with exit code 2 and
one line naming the setting or file, leaves no traceback, never hangs, and changes nothing stored."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.databases import SqliteTemplate
from tests.support.harness import TOKEN
from tests.support.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
NOT_A_DATABASE = b"these are the minutes of the FKUB meeting, not a database\n" * 40


def closed_port() -> int:
    return free_port()  # nothing listens there


@dataclass
class Case:
    """One bad setting: how to break the deployment, the command, the name the error must give."""

    id: str
    args: list[str]
    names: str  # the setting or file the one-line message must name
    env: dict[str, str] = field(default_factory=dict)
    config: bytes = b"admins: []\n"
    database: str = "migrated"  # migrated | garbage


def cases() -> list[Case]:
    pg = f"postgresql+asyncpg://rukun:secret@127.0.0.1:{closed_port()}/rukun"
    bad_redis = "redis://localhost:notaport/0"
    return [
        Case("pg-unreachable-db-upgrade", ["db", "upgrade"], "DATABASE_URL", {"DATABASE_URL": pg}),
        Case("pg-unreachable-run", ["run"], "DATABASE_URL", {"DATABASE_URL": pg}),
        Case("sqlite-garbage-run", ["run"], "rukun.db", database="garbage"),
        Case("sqlite-garbage-db-upgrade", ["db", "upgrade"], "rukun.db", database="garbage"),
        Case("sqlite-garbage-survey-list", ["survey", "list"], "rukun.db", database="garbage"),
        Case("redis-malformed-run", ["run"], "REDIS_URL", {"REDIS_URL": bad_redis}),
        Case("redis-malformed-worker", ["worker"], "REDIS_URL", {"REDIS_URL": bad_redis}),
        Case("redis-no-scheme-run", ["run"], "REDIS_URL", {"REDIS_URL": "localhost:6379"}),
        Case(
            "redis-unreachable-run",
            ["run"],
            "REDIS_URL",
            {"REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0"},
        ),
        Case(
            "redis-unreachable-worker",
            ["worker"],
            "REDIS_URL",
            {"REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0"},
        ),
        Case("config-not-utf8-run", ["run"], "config.yml", config=b"admins: []\nnama: \xff\xfe\n"),
        Case(
            "config-not-utf8-check",
            ["config", "check"],
            "config.yml",
            config="default_language: id\n# Grüße\n".encode("latin-1"),
        ),
        Case("config-bad-yaml-run", ["run"], "config.yml", config=b"admins: [1, 2\nflood: {\n"),
        Case("config-bad-yaml-check", ["config", "check"], "config.yml", config=b"a: b: c\n"),
    ]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def rukun(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=90, check=False,
    )


def error_lines(stderr: str) -> list[str]:
    """The ``error: …`` lines; anything else printed may only be a ``warning: …`` line."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert all(line.startswith(("error: ", "warning: ")) for line in lines), stderr
    return [line for line in lines if line.startswith("error: ")]


def base_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "WEBHOOK_SECRET")}
    env.update(
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=f"http://127.0.0.1:{closed_port()}",  # never reached: start-up stops first
        DATABASE_URL=database_url,
        RUKUN_CONFIG=str(tmp_path / "config.yml"),
        PYTHONPATH=str(ROOT),
    )
    return env


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.id)
def test_bad_setting_is_one_line_exit_2_and_nothing_changes(
    case: Case, tmp_path: Path, sqlite_template: SqliteTemplate
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    if case.database == "garbage":
        (data / "rukun.db").write_bytes(NOT_A_DATABASE)
        url = f"sqlite+aiosqlite:///{data / 'rukun.db'}"
    else:
        url = sqlite_template.fresh(data)
    (tmp_path / "config.yml").write_bytes(case.config)
    env = {**base_env(tmp_path, url), **case.env}
    before = snapshot(tmp_path)

    done = rukun(case.args, tmp_path, env)

    assert done.returncode == 2, done.stdout + done.stderr
    [error] = error_lines(done.stderr)
    assert case.names in error, error
    assert "Traceback" not in done.stdout + done.stderr
    assert "secret" not in done.stderr  # a password in a URL is never printed
    assert snapshot(tmp_path) == before


def test_run_creates_a_missing_sqlite_directory_and_goes_on(tmp_path: Path) -> None:
    """``DATABASE_URL`` in a folder that does not exist yet (a fresh ``data/``): ``rukun run``
    creates it and migrates, as on a first deploy, then reaches the next check (here: the Bot API
    is unreachable) instead of hanging."""
    (tmp_path / "config.yml").write_text("admins: []\n", encoding="utf-8")
    target = tmp_path / "fresh" / "deeper" / "rukun.db"
    done = rukun(["run"], tmp_path, base_env(tmp_path, f"sqlite+aiosqlite:///{target}"))
    assert done.returncode == 2, done.stderr
    [line] = error_lines(done.stderr)
    assert line.startswith("error: TELEGRAM_API_URL: cannot reach the Bot API"), line
    assert target.is_file()


def test_a_sqlite_directory_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "config.yml").write_text("admins: []\n", encoding="utf-8")
    (tmp_path / "data").write_text("a file where the data folder should be\n", encoding="utf-8")
    target = tmp_path / "data" / "rukun.db"
    before = snapshot(tmp_path)
    done = rukun(["run"], tmp_path, base_env(tmp_path, f"sqlite+aiosqlite:///{target}"))
    assert done.returncode == 2, done.stderr
    [line] = error_lines(done.stderr)
    assert line.startswith("error: DATABASE_URL: ") and str(tmp_path / "data") in line, line
    assert snapshot(tmp_path) == before

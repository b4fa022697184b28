"""Fixtures of the bad-file tests: a CLI with its own SQLite file, and a fingerprint of it."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bot.cli import app

Cli = Callable[..., Result]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """``cli("survey", "validate", path)``: run ``rukun`` against ``tmp_path/cli.db``."""
    config = tmp_path / "config.yml"
    config.write_text("{}\n")
    monkeypatch.chdir(tmp_path)
    for name in ("BOT_TOKEN", "REDIS_URL", "TELEGRAM_API_URL", "RUKUN_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    env = {
        "RUKUN_CONFIG": str(config),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
    }
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(app, list(args), env=env)

    return run


@pytest.fixture
def db_fingerprint(tmp_path: Path) -> Callable[[], str]:
    """A hash over everything the CLI's database holds (schema and rows, as SQL), read without
    writing: a journal checkpoint changes the file's bytes but stores nothing."""

    def fingerprint() -> str:
        digest = hashlib.sha256()
        path = tmp_path / "cli.db"
        if path.exists():
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                for line in con.iterdump():
                    digest.update(line.encode())
            finally:
                con.close()
        return digest.hexdigest()

    return fingerprint


def error_lines(result: Result) -> list[str]:
    """The lines the command printed (stdout and stderr), without blank ones."""
    return [line for line in result.output.splitlines() if line.strip()]


def assert_one_line_each(result: Result, *expected: str) -> None:
    """Exit status is not 0, no traceback, and every expected text is on some line."""
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    lines = error_lines(result)
    for text in expected:
        assert any(text in line for line in lines), (text, lines)


def assert_faults(lines: list[str], prefix: str, faults: list[str]) -> None:
    """Every fault is on a line starting with ``prefix + fault``, and there is no other line."""
    for fault in faults:
        assert any(line.startswith(f"{prefix}{fault}") for line in lines), (fault, lines)
    assert len(lines) == len(faults), lines

"""The CLI's cheap schema check (issue 12): the same answer as Alembic's, without loading it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.cli_schema import database_heads, migration_heads
from bot.db import code_heads, current_heads, upgrade_database
from tests.support.markers import both_backends


def test_heads_from_the_files_text_are_alembics(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"
    assert migration_heads() == code_heads(url)


@both_backends
def test_a_migrated_database_is_at_the_heads(database_url: str) -> None:
    assert database_heads(database_url) == current_heads(database_url) == migration_heads()


def test_a_database_without_revisions_is_empty_and_a_bad_one_is_unknown(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).execute("CREATE TABLE t (x)").connection.close()
    assert database_heads(f"sqlite+aiosqlite:///{empty}") == set()
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database at all" * 100)
    assert database_heads(f"sqlite+aiosqlite:///{garbage}") is None  # Alembic's path says why
    missing = tmp_path / "nowhere" / "rukun.db"
    assert database_heads(f"sqlite+aiosqlite:///{missing}") is None
    assert not missing.parent.exists()  # read-only: nothing made


def _migration(folder: Path, revision: str, down: str) -> None:
    (folder / f"{revision}.py").write_text(
        f'revision: str = "{revision}"\ndown_revision: str | None = {down}\n', encoding="utf-8"
    )


def test_heads_follow_branches_and_merges(tmp_path: Path) -> None:
    _migration(tmp_path, "0001", "None")
    _migration(tmp_path, "0002_a", '"0001"')
    _migration(tmp_path, "0002_b", '"0001"')
    assert migration_heads(tmp_path) == {"0002_a", "0002_b"}
    _migration(tmp_path, "0003_merge", '("0002_a", "0002_b")')
    assert migration_heads(tmp_path) == {"0003_merge"}


def test_a_revision_that_is_not_a_literal_is_left_to_alembic(tmp_path: Path) -> None:
    _migration(tmp_path, "0001", "None")
    (tmp_path / "0002.py").write_text("revision = make_id()\ndown_revision = '0001'\n")
    assert migration_heads(tmp_path) is None


def test_a_database_behind_the_code_is_upgraded_by_a_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An SQLite database at the first revision only: `rukun survey list` upgrades it (Alembic
    is loaded because the cheap check sees the difference) and lists; the next run does not."""
    from typer.testing import CliRunner

    from bot.cli import app

    url = f"sqlite+aiosqlite:///{tmp_path / 'rukun.db'}"
    upgrade_database(url, "0001")
    assert database_heads(url) == {"0001"}
    (tmp_path / "config.yml").write_text("admins: []\n", encoding="utf-8")
    monkeypatch.setenv("RUKUN_CONFIG", str(tmp_path / "config.yml"))
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("REDIS_URL", raising=False)
    calls: list[str] = []
    import bot.db

    real = bot.db.upgrade_database

    def spy(u: str, revision: str = "heads") -> None:
        calls.append(u)
        real(u, revision)

    monkeypatch.setattr(bot.db, "upgrade_database", spy)
    result = CliRunner().invoke(app, ["survey", "list"])
    assert result.exit_code == 0, result.output
    assert calls == [url]  # the cheap check saw the difference and Alembic ran
    result = CliRunner().invoke(app, ["survey", "list"])
    assert result.exit_code == 0, result.output
    assert calls == [url]  # at the heads now: Alembic is not loaded again
    assert database_heads(url) == migration_heads()

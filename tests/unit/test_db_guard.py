"""bot/db.py: one session per task (nested checkouts refused), SQLite writers queue, readers don't."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.db import Database, NestedSessionError
from tests.support.markers import both_backends


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'guard.db'}", strict=True)
    async with database.transaction() as s:
        await s.execute(text("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)"))
        await s.execute(text("INSERT INTO counter VALUES (1, 0)"))
    yield database
    await database.dispose()


async def read_counter(db: Database) -> int:
    async with db.session() as s:
        return int(await s.scalar(text("SELECT value FROM counter WHERE id = 1")) or 0)


@both_backends
async def test_a_nested_session_in_one_task_is_refused_with_both_places(database_url: str) -> None:
    db = Database(database_url, strict=True)
    try:
        with pytest.raises(NestedSessionError) as err:
            async with db.session() as s:
                await s.execute(text("SELECT 1"))
                async with db.transaction():
                    pass
        message = str(err.value)
        assert "test_db_guard.py" in message and "opened at" in message
        assert "pass the session down" in message
        # the guard let go: the next sessions, one after the other, are fine
        async with db.transaction() as s:
            await s.execute(text("SELECT 1"))
        async with db.session() as s:
            assert await s.scalar(text("SELECT 2")) == 2
    finally:
        await db.dispose()


async def test_passing_the_session_down_is_not_nesting(db: Database) -> None:
    async def value(reuse=None):  # type: ignore[no-untyped-def]
        async with db.session(reuse) as s:
            return await s.scalar(text("SELECT value FROM counter"))

    async with db.transaction() as s:
        await s.execute(text("UPDATE counter SET value = 5"))
        assert await value(s) == 5  # the caller's session: sees its own uncommitted write
    assert await value() == 5


async def test_other_tasks_have_their_own_sessions(db: Database) -> None:
    async with db.session():
        # tasks started while this one holds a session hold their own, one each: not nesting
        values = await asyncio.gather(*(read_counter(db) for _ in range(3)))
    assert values == [0, 0, 0]


async def test_without_strict_a_nested_session_is_logged_once_per_place(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'lax.db'}", strict=False)
    try:
        with caplog.at_level(logging.WARNING, logger="bot.db"):
            for _ in range(3):
                async with db.session() as s:
                    await s.execute(text("SELECT 1"))
                    async with db.session() as inner:
                        assert await inner.scalar(text("SELECT 3")) == 3
        warnings = [r for r in caplog.records if "nested database session" in r.getMessage()]
        assert len(warnings) == 1 and "test_db_guard.py" in warnings[0].getMessage()
    finally:
        await db.dispose()


def test_strict_mode_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUKUN_STRICT_SESSIONS", "1")
    assert Database("sqlite+aiosqlite://").strict
    monkeypatch.setenv("RUKUN_STRICT_SESSIONS", "0")
    assert not Database("sqlite+aiosqlite://").strict


async def test_sqlite_writers_that_read_first_queue_and_lose_nothing(db: Database) -> None:
    """Read, yield to the others, then write: every increment survives, no "database is locked"."""

    async def increment() -> None:
        async with db.transaction() as s:
            value = await s.scalar(text("SELECT value FROM counter WHERE id = 1"))
            await asyncio.sleep(0.01)  # another writer runs here unless writes take the lock
            await s.execute(text("UPDATE counter SET value = :v WHERE id = 1"), {"v": value + 1})

    await asyncio.gather(*(increment() for _ in range(20)))
    assert await read_counter(db) == 20


async def test_sqlite_reads_go_on_while_another_process_writes(db: Database) -> None:
    """A second Database on the same file stands for another process (the worker, the CLI)."""
    other = Database(db.url, strict=True)
    writing = asyncio.Event()
    release = asyncio.Event()

    async def long_write() -> None:
        async with other.transaction() as s:
            await s.execute(text("UPDATE counter SET value = 7 WHERE id = 1"))
            writing.set()
            await release.wait()

    writer = asyncio.create_task(long_write())
    try:
        await writing.wait()
        # the write lock is taken and held: a read neither waits for it nor sees the uncommitted 7
        assert await read_counter(db) == 0
        assert not writer.done()
        queued = asyncio.create_task(increment_in(db))
        await asyncio.sleep(0.2)
        assert not queued.done()  # a writer of this process waits for the lock (busy_timeout)…
        release.set()
        await writer
        await queued  # …and then writes, without "database is locked"
        assert await read_counter(db) == 8
    finally:
        release.set()
        await other.dispose()


async def increment_in(db: Database) -> None:
    async with db.transaction() as s:
        await s.execute(text("UPDATE counter SET value = value + 1 WHERE id = 1"))

"""Database: engine, sessions, declarative base and migrations.

Every durable record lives in one SQL database: SQLite (aiosqlite) by default, PostgreSQL (asyncpg) in
production. Services receive a :class:`Database` and open short transactions:
``async with db.transaction() as s: …`` for writes (commits on success), ``db.session()`` for reads.

One task holds at most one session at a time: a function that needs the database while its caller
holds a session takes that session as a parameter. A second checkout in the same task needs a second
pool connection and, under load, deadlocks the pool (issue 17). :class:`Database` notices it: it logs
a warning once per place, and raises :class:`NestedSessionError` when ``RUKUN_STRICT_SESSIONS=1``
(the test suite sets it).

SQLite: write transactions begin with ``BEGIN IMMEDIATE`` (the write lock up front, so a transaction
that reads first cannot fail to upgrade with "database is locked") and queue in this process on one
lock, in other processes on ``busy_timeout``; reads begin a plain deferred transaction and, in WAL
mode, never wait for a writer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from bot.sqlcount import READ_OPTION, attach_from_env

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: A Telegram id: users and chats need 64 bits; SQLite's INTEGER PRIMARY KEY stays an alias of rowid.
TelegramId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; use bot.clock")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of every model; constraint names are stable across backends."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    """``created_at`` / ``updated_at`` in UTC."""

    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=lambda: datetime.now(UTC))
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime, default=lambda: datetime.now(UTC), onupdate=lambda: datetime.now(UTC)
    )


#: Set to 1 to make a nested session checkout raise :class:`NestedSessionError` (tests do).
STRICT_SESSIONS_ENV = "RUKUN_STRICT_SESSIONS"

#: Connections of one process's pool, and how long a checkout may wait for one. Handlers are capped
#: at ``pool_size`` running at once (``Database.handler_limit``); the overflow is for background jobs.
SQLITE_POOL = {"pool_size": 10, "max_overflow": 10, "pool_timeout": 20}
POSTGRES_POOL = {"pool_size": 15, "max_overflow": 10, "pool_timeout": 20, "pool_pre_ping": True}
#: How long a SQLite writer of another process waits for the write lock (ms).
SQLITE_BUSY_TIMEOUT_MS = 30_000

#: Nested checkouts that are known and reported but not fixed yet (bot/reports is being redesigned):
#: (file, function) of a frame on the stack. They are logged, never raised.
KNOWN_NESTED: frozenset[tuple[str, str]] = frozenset()

_WRITE_OPTION = "rukun_write"
log = logging.getLogger(__name__)


class NestedSessionError(RuntimeError):
    """A task asked for a second database session while it holds one (two pool connections)."""


@dataclass(frozen=True, slots=True)
class _Hold:
    """The session a task holds: of which database, whether it writes, where it was opened."""

    db: Database
    task: asyncio.Task[Any] | None
    write: bool
    where: str


_held: ContextVar[_Hold | None] = ContextVar("rukun_db_held", default=None)


def _caller() -> str:
    """``file:line in function`` of the code that asked for the session."""
    frame = sys._getframe(1)
    here = __file__
    while frame is not None and (
        frame.f_code.co_filename == here or frame.f_code.co_filename == contextlib.__file__
    ):
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return "?"
    name = frame.f_code.co_filename.rsplit("/bot/", 1)[-1]
    return f"{name}:{frame.f_lineno} in {frame.f_code.co_name}"


def _known_nested() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        for path, function in KNOWN_NESTED:
            if code.co_name == function and code.co_filename.endswith(path):
                return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # the driver emits no BEGIN of its own: _sqlite_begin does
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    """Writes take the lock up front; reads begin deferred (they never take the write lock);
    :meth:`Database.read` begins nothing (each statement is its own implicit transaction)."""
    options = conn.get_execution_options()
    if options.get(READ_OPTION):
        return
    conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get(_WRITE_OPTION) else "BEGIN")


class Database:
    """The engine and session factory of one database URL."""

    def __init__(self, url: str, *, echo: bool = False, strict: bool | None = None) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        #: Raise on a nested session checkout (else log it once per place).
        self.strict = (
            os.environ.get(STRICT_SESSIONS_ENV, "") not in ("", "0") if strict is None else strict
        )
        kwargs: dict[str, Any] = {"echo": echo}
        in_memory = self.is_sqlite and (not parsed.database or parsed.database == ":memory:")
        if self.is_sqlite and not in_memory:
            Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
        if not in_memory:
            kwargs.update(SQLITE_POOL if self.is_sqlite else POSTGRES_POOL)
        #: How many updates may be handled at once: each holds at most one connection at a time.
        self.handler_limit = int(kwargs.get("pool_size", 1))
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
            event.listen(self.engine.sync_engine, "begin", _sqlite_begin)
        attach_from_env(self.engine)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        read_options: dict[str, Any] = {READ_OPTION: True}
        if not self.is_sqlite:  # SQLite connections are in the driver's autocommit already
            read_options["isolation_level"] = "AUTOCOMMIT"
        self._read_engine = self.engine.execution_options(**read_options)
        self._write_engine = self.engine.execution_options(**{_WRITE_OPTION: True})
        self._write_sessionmaker = async_sessionmaker(self._write_engine, expire_on_commit=False)
        #: SQLite has one writer at a time: this process's writers queue here, not in busy_timeout.
        self._write_lock = asyncio.Lock() if self.is_sqlite else None
        self._warned: set[str] = set()

    @contextlib.contextmanager
    def _checkout(self, *, write: bool) -> Iterator[_Hold | None]:
        """Note the session this task now holds; yields the one it already held (nested)."""
        task = asyncio.current_task()
        held = _held.get()
        outer = held if held is not None and held.db is self and held.task is task else None
        if outer is not None:
            self._nested(outer)
        where = _caller() if self.strict else ""
        token = _held.set(_Hold(self, task, write or (outer is not None and outer.write), where))
        try:
            yield outer
        finally:
            _held.reset(token)

    def _nested(self, outer: _Hold) -> None:
        site = _caller()
        if self.strict and not _known_nested():
            raise NestedSessionError(
                f"{site} opens a second database session while this task holds one "
                f"(opened at {outer.where}): pass the session down, or finish the first"
            )
        if site not in self._warned:
            self._warned.add(site)
            log.warning("nested database session at %s: it needs a second connection", site)

    @contextlib.asynccontextmanager
    async def session(self, reuse: AsyncSession | None = None) -> AsyncIterator[AsyncSession]:
        """A session for reads (its transaction is rolled back when it closes).

        ``reuse``: the caller's own session, when it holds one; it is yielded as it is.
        """
        if reuse is not None:
            yield reuse
            return
        with self._checkout(write=False):
            async with self.sessionmaker() as session:
                yield session

    @contextlib.asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        """A connection for Core reads in autocommit: no transaction is begun and none is rolled
        back (a :meth:`session` begins one and rolls it back when it closes). Each statement
        sees what was committed when it ran; use :meth:`session` for a consistent snapshot."""
        with self._checkout(write=False):
            async with self._read_engine.connect() as conn:
                yield conn

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session inside a transaction that commits on success and rolls back on error."""
        with self._checkout(write=True) as outer:
            lock = self._write_lock
            if lock is None or (outer is not None and outer.write):
                # PostgreSQL; or nested in this task's own write (already holding the lock)
                async with self._write_sessionmaker() as session, session.begin():
                    yield session
                return
            async with lock, self._write_sessionmaker() as session, session.begin():
                yield session

    @contextlib.asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """:meth:`transaction` for Core statements: a connection in a transaction (commits on
        success), without the ORM session's own work; SQLite's write lock as for a transaction."""
        with self._checkout(write=True) as outer:
            lock = self._write_lock
            engine = self._write_engine
            if lock is None or (outer is not None and outer.write):
                async with engine.begin() as conn:
                    yield conn
                return
            async with lock, engine.begin() as conn:
                yield conn

    async def upgrade(self, revision: str = "heads") -> None:
        """Apply pending migrations (runs Alembic in a worker thread)."""
        await asyncio.to_thread(upgrade_database, self.url, revision)

    async def dispose(self) -> None:
        await self.engine.dispose()


def alembic_config(url: str) -> Any:
    """An Alembic config that points at the package's migrations and the given URL."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade_database(url: str, revision: str = "heads") -> None:
    """Apply migrations up to ``revision`` (blocking; call from a thread inside an event loop)."""
    from alembic import command

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no loop in this thread: Alembic's env.py can run its own
        command.upgrade(alembic_config(url), revision)
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(command.upgrade, alembic_config(url), revision).result()


def current_heads(url: str) -> set[str]:
    """The revisions the database is at (empty for an empty database)."""

    async def _read() -> set[str]:
        from alembic.runtime.migration import MigrationContext

        engine = create_async_engine(url)
        try:
            async with engine.connect() as conn:
                heads = await conn.run_sync(
                    lambda sync: MigrationContext.configure(sync).get_current_heads()
                )
                return set(heads)
        finally:
            await engine.dispose()

    return asyncio.run(_read())


def code_heads(url: str) -> set[str]:
    """The latest revision of every migration branch the code ships."""
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config(url)).get_heads())


def affected(result: Any) -> int:
    """Rows an INSERT/UPDATE/DELETE touched (``rowcount`` of the cursor result)."""
    return int(getattr(result, "rowcount", 0) or 0)


def insert_for(session: AsyncSession, table: Any) -> Any:
    """A dialect-specific INSERT (SQLite or PostgreSQL) that supports ``on_conflict_do_*``."""
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)

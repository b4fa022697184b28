"""Database: engine, sessions, declarative base and migrations.

Every durable record lives in one SQL database: SQLite (aiosqlite) by default, PostgreSQL (asyncpg) in
production. Services receive a :class:`Database` and open short transactions with
``async with db.session() as s, s.begin(): …``; they decide when to commit.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


class Database:
    """The engine and session factory of one database URL."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {"echo": echo}
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        if not self.is_sqlite:
            kwargs.update(pool_size=10, max_overflow=10, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session; the caller opens the transaction (``s.begin()``) and so decides the commit."""
        async with self.sessionmaker() as session:
            yield session

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session inside a transaction that commits on success and rolls back on error."""
        async with self.sessionmaker() as session, session.begin():
            yield session

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

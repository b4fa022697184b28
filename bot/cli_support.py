"""Helpers every CLI command uses: settings or a one-line error, schema checks, running a coroutine."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.services import Services

T = TypeVar("T")

NO_TOKEN_HELP = """\
BOT_TOKEN is not set, so the bot cannot talk to Telegram.

  1. Open Telegram, talk to @BotFather, send /newbot and copy the token it gives you.
  2. Put it in .env (copy .env.example):   BOT_TOKEN=123456789:ABC...
  3. Run again:                            rukun run

To try Rukun offline, point it at the bundled Bot API emulator instead of Telegram:
  rukun emulator --port 8081 &
  BOT_TOKEN=123456:TEST TELEGRAM_API_URL=http://127.0.0.1:8081 rukun run
"""


def fail(message: str, code: int = 2) -> NoReturn:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def settings_or_exit() -> Settings:
    from bot.config import ConfigError, load_settings

    try:
        return load_settings()
    except ConfigError as exc:
        fail(str(exc))


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def ensure_schema(settings: Settings) -> None:
    """SQLite is upgraded in place; PostgreSQL must be at head (``rukun db upgrade``).

    The usual case, a database already at the code's heads, is told cheaply: the heads read from
    the migration files' text against the ``alembic_version`` rows. Only when they differ (or
    cannot be read that way) is Alembic loaded, to upgrade SQLite or to name what is missing.
    """
    from bot.cli_schema import database_heads, migration_heads

    needed = migration_heads()
    with database_errors(settings):
        current = database_heads(settings.database_url)
        if current is not None and current == needed:
            return
        if settings.is_sqlite:
            from bot.db import upgrade_database

            upgrade_database(settings.database_url)
            return
        if current is None:
            from bot.db import current_heads

            current = current_heads(settings.database_url)
    if needed is None:
        from bot.db import code_heads

        needed = code_heads(settings.database_url)
    if current != needed:
        fail(
            f"the database is at {sorted(current) or 'no revision'}, the code needs "
            f"{sorted(needed)}: run `rukun db upgrade`"
        )


def _sqlite_path(settings: Settings) -> str | None:
    from sqlalchemy.engine import make_url

    database = make_url(settings.database_url).database
    return database if settings.is_sqlite and database and database != ":memory:" else None


@contextlib.contextmanager
def database_errors(settings: Settings) -> Iterator[None]:
    """The database cannot be used (unreachable, not a database, no folder): one line, exit 2.

    The message names DATABASE_URL and the file or the host, never the password.
    """
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    path = _sqlite_path(settings)
    try:
        yield
    except OSError as exc:
        if path is not None:  # the folder of the SQLite file cannot be made or used
            fail(f"DATABASE_URL: cannot use the folder of {path} ({exc.strerror or exc})")
        fail(f"DATABASE_URL: cannot connect to {_db_host(settings)} ({_reason(exc)})")
    except SQLAlchemyError as exc:
        cause: BaseException = exc.orig if isinstance(exc, DBAPIError) and exc.orig else exc
        if path is not None:
            if "not a database" in str(cause) or "malformed" in str(cause):
                fail(
                    f"DATABASE_URL: {path} is not an SQLite database ({cause}); "
                    "point DATABASE_URL at the bot's database file or a new path"
                )
            fail(f"DATABASE_URL: cannot use the SQLite database {path} ({cause})")
        fail(f"DATABASE_URL: cannot connect to {_db_host(settings)} ({_reason(cause)})")
    except Exception as exc:  # asyncpg's own errors (a refused password, no such database…)
        if type(exc).__module__.startswith("asyncpg"):
            fail(f"DATABASE_URL: cannot connect to {_db_host(settings)} ({_reason(exc)})")
        raise


def _db_host(settings: Settings) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(settings.database_url)
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def check_redis(settings: Settings) -> None:
    """Refuse to serve when ``REDIS_URL`` is set and Redis does not answer (one line, exit 2)."""
    if settings.redis_url is None:
        return
    from bot.redis_client import check

    problem = run_async(check(settings.redis_url.get_secret_value()))
    if problem is not None:
        fail(f"REDIS_URL: {problem}")


@contextlib.contextmanager
def telegram_errors(settings: Settings) -> Iterator[None]:
    """Turn the usual start-up failures (no server, a rejected token) into one clear line."""
    from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError

    try:
        yield
    except TelegramUnauthorizedError:
        fail(f"BOT_TOKEN was rejected by the Bot API at {settings.telegram_api_url} (check the token)")
    except TelegramNetworkError as exc:
        fail(f"TELEGRAM_API_URL: cannot reach the Bot API at {settings.telegram_api_url} ({exc})")


def with_services(
    work: Callable[[Services], Awaitable[T]],
    *,
    errors: tuple[type[Exception], ...] = (),
    describe: Callable[[Exception], str] = str,
    core_only: bool = False,
) -> T:
    """Run ``work(services)`` against the configured database (schema checked first).

    The services are closed afterwards; an exception of a type in ``errors`` becomes one
    ``error: …`` line (``describe`` turns it into the text) and exit status 2, and so does any
    :class:`~bot.errors.UserError` (its plain English text).

    ``core_only``: only the core services (database, clock, people…), no feature set up: a
    command that makes the one service it reads (a listing) starts without importing the others.
    """
    from bot.errors import UserError

    settings = settings_or_exit()
    ensure_schema(settings)

    async def go() -> T:
        if core_only:
            from bot.services import build_services

            services = build_services(settings)
        else:
            from bot.app import build_app_services

            services = build_app_services(settings)
        try:
            return await work(services)
        finally:
            await services.close()

    try:
        return run_async(go())
    except errors as exc:
        fail(describe(exc))
    except UserError as exc:
        fail(str(exc))

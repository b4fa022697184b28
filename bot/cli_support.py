"""Helpers every CLI command uses: settings or a one-line error, schema checks, running a coroutine."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer

from bot.config import ConfigError, Settings, load_settings

if TYPE_CHECKING:
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
    try:
        return load_settings()
    except ConfigError as exc:
        fail(str(exc))


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def ensure_schema(settings: Settings) -> None:
    """SQLite is upgraded in place; PostgreSQL must be at head (``rukun db upgrade``)."""
    from bot.db import code_heads, current_heads, upgrade_database

    if settings.is_sqlite:
        upgrade_database(settings.database_url)
        return
    try:
        current = current_heads(settings.database_url)
    except Exception as exc:  # any connection problem ends here with one line
        fail(f"DATABASE_URL: cannot connect ({type(exc).__name__}: {exc})")
    needed = code_heads(settings.database_url)
    if current != needed:
        fail(
            f"the database is at {sorted(current) or 'no revision'}, the code needs "
            f"{sorted(needed)}: run `rukun db upgrade`"
        )


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
) -> T:
    """Run ``work(services)`` against the configured database (schema checked first).

    The services are closed afterwards; an exception of a type in ``errors`` becomes one
    ``error: …`` line (``describe`` turns it into the text) and exit status 2, and so does any
    :class:`~bot.errors.UserError` (its plain English text).
    """
    from bot.app import build_app_services
    from bot.errors import UserError

    settings = settings_or_exit()
    ensure_schema(settings)

    async def go() -> T:
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

"""The ``rukun`` command line: run the bot, manage the database, users and each feature."""

from __future__ import annotations

import importlib
import json
import logging
import os
import sys
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from bot.cli_support import (
    NO_TOKEN_HELP,
    check_redis,
    database_errors,
    ensure_schema,
    fail,
    run_async,
    settings_or_exit,
    telegram_errors,
)
from bot.logs import setup_logging

if TYPE_CHECKING:
    from typer._click import Command, Context

    from bot.config import Settings


def load_command(target: str) -> typer.Typer:
    """The typer sub-app a feature names as ``"module:attribute"`` (``bot.surveys.cli:app``)."""
    module, _, attribute = target.partition(":")
    sub_app = getattr(importlib.import_module(module), attribute)
    if not isinstance(sub_app, typer.Typer):
        raise TypeError(f"{target} is not a typer.Typer")
    return sub_app


class LazyCommands(TyperGroup):
    """``rukun``'s commands: the core's, then each feature's, imported only when it is used.

    ``rukun partners list`` imports the reports CLI and nothing of the other features' commands;
    only a help that lists every command (``rukun --help``) loads them all.
    """

    _features: dict[str, str] | None = None

    def features(self) -> dict[str, str]:
        if self._features is None:
            from bot.app import feature_commands

            self._features = feature_commands()
        return self._features

    def list_commands(self, ctx: Context) -> list[str]:
        core = super().list_commands(ctx)
        return [*core, *(name for name in self.features() if name not in core)]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in self.features():
            # a group even when the sub-app has one command (typer would collapse it into that
            # command: `rukun reports export` would read "export" as an extra argument)
            command = typer.main.get_group(load_command(self.features()[cmd_name]))
            command.name = cmd_name
            self.add_command(command, cmd_name)
        return command


app = typer.Typer(
    cls=LazyCommands,
    help="Rukun: a Telegram bot for tolerance and democracy networks.",
    no_args_is_help=True,
)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
config_app = typer.Typer(help="Configuration.", no_args_is_help=True)
users_app = typer.Typer(help="Users and roles.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(config_app, name="config")
app.add_typer(users_app, name="users")


def _serve(start: Callable[[Settings], Coroutine[Any, Any, None]], *, webhook: bool = False) -> None:
    """Check settings, token and schema, then run ``start(settings)`` until stopped."""
    settings = settings_or_exit()
    setup_logging()
    if settings.bot_token is None:
        typer.echo(NO_TOKEN_HELP, err=True)
        raise typer.Exit(2)
    if webhook and settings.webhook_secret is None:
        fail(
            "WEBHOOK_SECRET: required in webhook mode (any random string of 1-256 A-Z a-z 0-9 _ -)"
        )
    check_redis(settings)
    ensure_schema(settings)
    _warn_fallback(settings)
    if settings.redis_url is not None:
        from bot.redis_client import quiet_outages

        quiet_outages()  # a later Redis outage: one warning a minute, not one per failed update
    with telegram_errors(settings):
        run_async(start(settings))


@app.command()
def run() -> None:
    """Run the bot with long polling (applies pending migrations to the embedded SQLite database)."""
    from bot.runtime import run_polling

    _serve(run_polling)


@app.command()
def webhook(
    host: str = typer.Option("0.0.0.0", help="Interface to listen on."),
    port: int = typer.Option(8080, help="Port to listen on."),
) -> None:
    """Run the bot as a webhook server (set WEBHOOK_URL and WEBHOOK_SECRET)."""
    from bot.runtime import run_webhook

    _serve(lambda settings: run_webhook(settings, host, port), webhook=True)


@app.command()
def worker() -> None:
    """Run only the background jobs (broadcast delivery, SLA escalation, reminders)."""
    from bot.runtime import run_worker

    _serve(run_worker)


@app.command()
def emulator(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8081, help="Port to listen on."),
) -> None:
    """Run the bundled Telegram Bot API emulator (for offline demos and tests)."""
    from bot.emulator import run_emulator

    setup_logging()
    run_emulator(host, port)


@db_app.command("upgrade")
def db_upgrade(
    revision: str = typer.Argument(
        "heads", help="Target revision (default: every feature's latest)."
    ),
) -> None:
    """Apply pending migrations to DATABASE_URL."""
    from bot.db import upgrade_database

    settings = settings_or_exit()
    with database_errors(settings):
        upgrade_database(settings.database_url, revision)
    typer.echo("database is up to date")


@db_app.command("current")
def db_current() -> None:
    """Print the database's revision."""
    from bot.db import current_heads

    settings = settings_or_exit()
    with database_errors(settings):
        heads = current_heads(settings.database_url)
    typer.echo(", ".join(sorted(heads)) or "(empty database)")


@config_app.command("check")
def config_check() -> None:
    """Validate the configuration and print it, secrets masked."""
    settings = settings_or_exit()
    json.dump(settings.masked(), sys.stdout, indent=2, ensure_ascii=False)
    typer.echo()
    if settings.bot_token is None:
        typer.secho("warning: BOT_TOKEN is not set", fg=typer.colors.YELLOW, err=True)
    _warn_fallback(settings)


def _warn_fallback(settings: Settings) -> None:
    from bot.reports.settings import fallback_warning

    warning = fallback_warning(settings.coordinators_chat_id, settings.admins)
    if warning:
        typer.secho(f"warning: {warning}", fg=typer.colors.YELLOW, err=True)


def _people(settings: Settings) -> Any:
    from bot.clock import Clock
    from bot.db import Database
    from bot.people.service import PeopleService

    db = Database(settings.database_url)
    return db, PeopleService(
        db, Clock(), admins=settings.admins, default_language=settings.default_language
    )


def _role(value: str) -> Any:
    from bot.people.models import Role
    from bot.people.service import GRANTABLE_ROLES

    try:
        role = Role(value.lower())
    except ValueError:
        fail(f"unknown role {value!r}; choose one of {', '.join(r.value for r in GRANTABLE_ROLES)}")
    if role not in GRANTABLE_ROLES:
        fail(
            f"{value!r} cannot be granted; choose one of {', '.join(r.value for r in GRANTABLE_ROLES)}"
        )
    return role


@users_app.command("grant")
def users_grant(telegram_id: int, role: str) -> None:
    """Grant ROLE (alumni, partner, coordinator, admin) to a user who has started the bot."""
    from bot.people.service import UnknownUserError

    settings = settings_or_exit()
    ensure_schema(settings)
    db, people = _people(settings)

    async def _go() -> bool:
        try:
            return bool(await people.grant(telegram_id, _role(role), by="cli"))
        finally:
            await db.dispose()

    try:
        changed = run_async(_go())
    except UnknownUserError:
        fail(f"user {telegram_id} has not started the bot yet; ask them to send /start first")
    typer.echo(
        f"granted {role} to {telegram_id}" if changed else f"{telegram_id} already has {role}"
    )


@users_app.command("revoke")
def users_revoke(telegram_id: int, role: str) -> None:
    """Take ROLE back from a user."""
    settings = settings_or_exit()
    ensure_schema(settings)
    db, people = _people(settings)

    async def _go() -> bool:
        try:
            return bool(await people.revoke(telegram_id, _role(role)))
        finally:
            await db.dispose()

    changed = run_async(_go())
    typer.echo(
        f"revoked {role} from {telegram_id}" if changed else f"{telegram_id} did not have {role}"
    )


@users_app.command("list")
def users_list(
    role: str = typer.Option(None, help="Only users with this role."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
) -> None:
    """List users (newest first) with their roles."""
    from bot.people.models import Role

    settings = settings_or_exit()
    ensure_schema(settings)
    db, people = _people(settings)
    wanted = None
    if role:
        try:
            wanted = Role(role.lower())
        except ValueError:
            fail(f"unknown role {role!r}")

    async def _go() -> list[Any]:
        try:
            return list(await people.list_users(wanted))
        finally:
            await db.dispose()

    for p in run_async(_go()):
        roles = sorted(r.value for r in p.roles)
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "id": p.id,
                        "name": p.first_name,
                        "username": p.username,
                        "language": p.language,
                        "roles": roles,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            typer.echo(
                f"{p.id}\t{p.first_name}\t@{p.username or '-'}\t{p.language}\t{','.join(roles)}"
            )


def main() -> None:
    """Console entry point."""
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    logging.captureWarnings(True)
    app()


if __name__ == "__main__":
    main()

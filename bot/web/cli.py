"""``rukun web``: the bot (long polling) and the dashboard on one port, beside it."""

from __future__ import annotations

import typer

app = typer.Typer(help="The coordinators' dashboard (Telegram Mini App).")


@app.callback(invoke_without_command=True)
def web(
    ctx: typer.Context,
    host: str = typer.Option(None, help="Interface to listen on (default: web.host)."),
    port: int = typer.Option(None, help="Port to listen on (default: web.port)."),
) -> None:
    """Run the bot by long polling with the dashboard served at http://HOST:PORT/web/."""
    if ctx.invoked_subcommand is not None:
        return
    from bot.cli_support import (
        NO_TOKEN_HELP,
        check_redis,
        ensure_schema,
        run_async,
        settings_or_exit,
        telegram_errors,
    )
    from bot.logs import setup_logging
    from bot.web.serve import run_polling_with_dashboard

    settings = settings_or_exit()
    setup_logging()
    if settings.bot_token is None:
        typer.echo(NO_TOKEN_HELP, err=True)
        raise typer.Exit(2)
    check_redis(settings)
    ensure_schema(settings)
    with telegram_errors(settings):
        run_async(
            run_polling_with_dashboard(
                settings,
                host or settings.web.host,
                port if port is not None else settings.web.port,
            )
        )

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


playground_app = typer.Typer(help="The offline playground: emulator, bot and a web chat.")


@playground_app.callback(invoke_without_command=True)
def playground(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", help="Interface of the web chat."),
    port: int = typer.Option(8765, help="Port of the web chat (0: any free port)."),
    workdir: str = typer.Option(
        None, help="Where the throwaway database lives (default: a new temporary folder)."
    ),
) -> None:
    """Play the bot offline: a citizen, a partner group, a coordinator and an alumnus side by
    side at http://HOST:PORT/, on a throwaway database with sample partners and surveys."""
    if ctx.invoked_subcommand is not None:
        return
    import tempfile
    from pathlib import Path

    from bot.cli_support import run_async
    from bot.logs import setup_logging
    from bot.web.playground_run import run_playground

    setup_logging()
    folder = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="rukun-playground-"))
    run_async(run_playground(folder, host, port))

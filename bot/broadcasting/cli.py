"""``rukun broadcast …``: load broadcast files, send, follow, cancel and list broadcasts."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import typer

from bot.cli_support import fail, with_services

app = typer.Typer(help="Broadcasts: load files, send, status, cancel, list.", no_args_is_help=True)
T = TypeVar("T")


def _with_services(work: Callable[[Any], Awaitable[T]]) -> T:
    """Run ``work(services)`` against the configured database; errors become one line."""
    from bot.broadcasting.service import BroadcastError
    from bot.fileio import FileError

    return with_services(work, errors=(BroadcastError, FileError, ValueError))


def _parse_at(value: str | None, tz: Any) -> datetime | None:
    if value is None:
        return None
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"):
        with contextlib.suppress(ValueError):
            return datetime.strptime(value, fmt).replace(tzinfo=tz)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        fail(f"--at: cannot read {value!r} (use e.g. '2025-11-16 09:00', in the bot's time zone)")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


@app.command("load")
def load_cmd(
    path: Path = typer.Argument(..., help="A broadcasts/*.yml file or a directory."),
    now: bool = typer.Option(
        False, "--now", help="Send a broadcast whose schedule has passed now (else it is refused)."
    ),
) -> None:
    """Load broadcast files (idempotent by slug); nothing is stored if any file is bad."""
    from bot.broadcasting.loader import load

    async def work(services: Any) -> list[tuple[str, str]]:
        return await load(
            services.broadcasts,
            path,
            tz=services.settings.tz,
            base_dir=Path.cwd(),
            now=services.clock.now(),
            send_now=now,
        )

    for slug, outcome in _with_services(work):
        typer.echo(f"{outcome:9} {slug}")


@app.command("send")
def send_cmd(
    slug: str,
    at: str = typer.Option(None, help="When to send, e.g. '2025-11-16 09:00' (bot's time zone)."),
    wait: bool = typer.Option(False, "--wait", help="Block with a progress bar until it finishes."),
    deliver: bool = typer.Option(
        False, "--deliver", help="Also run the delivery engine here (when no worker or bot runs)."
    ),
) -> None:
    """Schedule a loaded broadcast (a broadcast is sent once; copy it to send again)."""

    async def work(services: Any) -> str:
        service = services.broadcasts
        broadcast_id = await service.id_for(slug)
        info = await service.get(broadcast_id)
        when = _parse_at(at, services.settings.tz) or info.scheduled_at
        if when is not None and when < services.clock.now():
            local = when.astimezone(services.settings.tz).strftime("%Y-%m-%d %H:%M")
            typer.echo(f"{slug}: {local} has passed; sending now")
            when = None
        await service.schedule(broadcast_id, when)
        count = await service.audience_count(info.segment)
        typer.echo(f"{slug}: scheduled for {when or 'now'} to about {count} recipients")
        if wait or deliver:
            await _follow(services, broadcast_id, deliver=deliver)
        return (await service.progress(broadcast_id)).state

    _with_services(work)


async def _follow(services: Any, broadcast_id: int, *, deliver: bool) -> None:
    """Print progress until the broadcast is final; optionally deliver in this process."""
    from bot.broadcasting.models import FINAL_STATES
    from bot.broadcasting.progress import status_line

    service = services.broadcasts
    jobs: list[asyncio.Task[None]] = []
    bot = None
    if deliver:
        from bot.app import create_bot
        from bot.broadcasting.worker import broadcast_jobs

        bot = create_bot(services.settings)
        jobs = [asyncio.create_task(job) for job in broadcast_jobs(services, bot)]
    try:
        while True:
            p = await service.progress(broadcast_id)
            width = 30
            filled = (
                int(width * p.done / p.total)
                if p.total
                else (width if p.state in FINAL_STATES else 0)
            )
            typer.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {status_line(p)}", nl=False)
            if p.state in FINAL_STATES:
                typer.echo("")
                return
            await asyncio.sleep(1.0)
    finally:
        for job in jobs:
            job.cancel()
        for job in jobs:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await job
        if bot is not None:
            await bot.session.close()


@app.command("status")
def status_cmd(slug: str) -> None:
    """Sent / failed / blocked / remaining and the time left."""
    from bot.broadcasting.progress import status_line

    async def work(services: Any) -> str:
        service = services.broadcasts
        return status_line(await service.progress(await service.id_for(slug)))

    typer.echo(_with_services(work))


@app.command("cancel")
def cancel_cmd(slug: str) -> None:
    """Stop a scheduled or sending broadcast; nothing more is sent."""

    async def work(services: Any) -> None:
        service = services.broadcasts
        await service.cancel(await service.id_for(slug))

    _with_services(work)
    typer.echo(f"{slug}: cancelled")


@app.command("list")
def list_cmd(limit: int = typer.Option(50, help="How many, newest first.")) -> None:
    """Broadcasts, newest first: id, slug, state, segment."""

    async def work(services: Any) -> list[str]:
        lines = []
        for info in await services.broadcasts.list_broadcasts(limit=limit):
            when = (
                info.scheduled_at.astimezone(services.settings.tz).strftime("%Y-%m-%d %H:%M")
                if info.scheduled_at
                else "-"
            )
            lines.append(
                f"#{info.id:<4} {info.slug or '-':28} {info.state:10} {when:16} {info.segment.describe()}"
            )
        return lines

    for line in _with_services(work):
        typer.echo(line)

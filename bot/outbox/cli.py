"""``rukun outbox …``: what is owed, what failed and why, and sending a failed message again."""

from __future__ import annotations

from typing import Any

import typer

from bot.cli_support import fail, with_services

outbox_app = typer.Typer(
    help="Messages owed by reports and surveys (cards, notifications): state and retries.",
    no_args_is_help=True,
)


@outbox_app.command("list")
def outbox_list(
    failed: bool = typer.Option(False, "--failed", help="Only the failed messages."),
    limit: int = typer.Option(50, min=1, max=1000),
) -> None:
    """Counts by state, then the latest messages: id, kind, state, attempts, label, error."""
    from bot.outbox.models import OutboxState

    async def job(services: Any) -> Any:
        states = [OutboxState.FAILED] if failed else None
        return await services.outbox.counts(), await services.outbox.messages(states, limit)

    counts, rows = with_services(job)
    typer.echo(" ".join(f"{state}={n}" for state, n in sorted(counts.items())) or "empty")
    for m in rows:
        label = (m.payload or {}).get("label", "-")
        error = f"  {m.error}" if m.error else ""
        typer.echo(f"{m.id}\t{m.kind}\t{m.state}\t{m.attempts}\t{label}{error}")


@outbox_app.command("retry")
def outbox_retry(
    message_id: int = typer.Argument(..., help="The id shown by `outbox list`."),
) -> None:
    """Send a failed message again, with fresh attempts (the running bot picks it up)."""

    async def job(services: Any) -> bool:
        return bool(await services.outbox.requeue(message_id))

    if not with_services(job):
        fail(f"outbox message {message_id}: no such failed message")
    typer.echo(f"outbox message {message_id}: queued again")

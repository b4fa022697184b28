"""``rukun partners …`` and ``rukun reports export …``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import typer

from bot.cli_support import fail, with_services

partners_app = typer.Typer(help="Partner organisations that handle reports.", no_args_is_help=True)
reports_app = typer.Typer(help="Incident reports: export.", no_args_is_help=True)

T = TypeVar("T")


def _with_reports(job: Callable[[Any, Any], Awaitable[T]]) -> T:
    """Run ``job(reports_service, settings)`` against the configured database."""
    return with_services(lambda services: job(services.reports, services.settings))


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


@partners_app.command("add")
def partners_add(
    name: str = typer.Option(..., "--name", help="The organisation's name (same name updates)."),
    chat_id: int = typer.Option(..., "--chat-id", help="Telegram chat id (a group is negative)."),
    regions: str = typer.Option(..., help="Region codes, comma-separated: 36.72,36 or *."),
    categories: str = typer.Option("*", help="Categories, comma-separated, or *."),
) -> None:
    """Add a partner, or update the one with the same name."""
    from bot.reports.domain.partners import PartnerError

    async def job(reports: Any, _settings: Any) -> Any:
        return await reports.partners.add(
            name=name, chat_id=chat_id, regions=_split(regions), categories=_split(categories)
        )

    try:
        p = _with_reports(job)
    except PartnerError as exc:
        fail(str(exc))
    typer.echo(
        f"partner {p.id}: {p.name} (chat {p.chat_id}) regions={','.join(p.regions)} "
        f"categories={','.join(p.categories)}"
    )


@partners_app.command("list")
def partners_list() -> None:
    """Every partner: id, name, chat, regions, categories, active."""

    async def job(services: Any) -> Any:
        # the partner service alone (core services only): the listing starts fast (issue 12)
        from bot.reports.domain.partners import PartnerService

        config = services.settings.reports.partners
        partners = PartnerService(services.db, services.clock, services.people, config)
        return await partners.list_partners()

    for p in with_services(job, core_only=True):
        typer.echo(
            f"{p.id}\t{p.name}\t{p.chat_id}\t{','.join(p.regions)}\t"
            f"{','.join(p.categories)}\t{'active' if p.active else 'inactive'}"
        )


@partners_app.command("remove")
def partners_remove(partner_id: int) -> None:
    """Deactivate a partner (its reports keep their history)."""
    from bot.reports.domain.partners import UnknownPartnerError

    async def job(reports: Any, _settings: Any) -> Any:
        return await reports.partners.remove(partner_id)

    try:
        p = _with_reports(job)
    except UnknownPartnerError as exc:
        fail(str(exc))
    typer.echo(f"partner {p.id} ({p.name}) is inactive; new reports no longer go there")


async def _bot_username(settings: Any, given: str | None) -> str:
    if given:
        return given.removeprefix("@")
    if settings.bot_token is None:
        fail("the bot's username is unknown: pass --bot-username NAME or set BOT_TOKEN")
    from bot.app import create_bot

    bot = create_bot(settings)
    try:
        me = await bot.me()
    finally:
        await bot.session.close()
    return me.username or ""


@partners_app.command("invite")
def partners_invite(
    partner_id: int,
    bot_username: str = typer.Option(None, "--bot-username", help="Default: asked from Telegram."),
) -> None:
    """Print a link that makes whoever opens it a member of the partner (valid 14 days)."""
    from bot.people.deeplinks import LinkKind, start_link
    from bot.reports.domain.partners import UnknownPartnerError

    async def job(reports: Any, settings: Any) -> str:
        username = await _bot_username(settings, bot_username)
        code = await reports.partners.create_invite(partner_id)
        return start_link(username, LinkKind.PARTNER_INVITE, code)

    try:
        link = _with_reports(job)
    except UnknownPartnerError as exc:
        fail(str(exc))
    typer.echo(link)


@reports_app.command("export")
def reports_export(
    fmt: str = typer.Option("csv", "--format", help="csv or xlsx."),
    out: Path = typer.Option(..., "--out", help="File to write."),
    since: str = typer.Option(None, "--since", help="Only reports created on or after YYYY-MM-DD."),
) -> None:
    """One row per report (anonymous reporters stay anonymous); XLSX adds the timeline sheet."""
    from bot.reports.domain.export import export

    if fmt not in ("csv", "xlsx"):
        fail(f"--format: {fmt!r} is not supported (use csv or xlsx)")
    start: datetime | None = None
    if since:
        try:
            start = datetime.combine(date.fromisoformat(since), datetime.min.time(), UTC)
        except ValueError:
            fail(f"--since: {since!r} is not a date (use YYYY-MM-DD)")

    async def job(reports: Any, _settings: Any) -> int:
        return await export(reports, fmt, out, start)

    count = _with_reports(job)
    typer.echo(f"wrote {count} reports to {out}")

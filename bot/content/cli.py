"""``rukun cohorts …`` and ``rukun content …``: cohorts, invite links, rosters, content files, stats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from bot.cli_support import fail, with_services

cohorts_app = typer.Typer(
    help="Alumni cohorts: add, list, invite links, rosters.", no_args_is_help=True
)
content_app = typer.Typer(help="Campaign content: load files, list, stats.", no_args_is_help=True)

T = TypeVar("T")


def _with_content(job: Callable[[Any, Any], Awaitable[T]]) -> T:
    """Run ``job(content_service, settings)`` against the configured database."""
    return with_services(lambda services: job(services.content, services.settings))


def _region(value: str | None) -> str | None:
    from bot.content.roster import resolve_region
    from bot.geo.gazetteer import Gazetteer

    if not value:
        return None
    found = resolve_region(Gazetteer.default(), value)
    if isinstance(found, str):
        fail(f"--region: {found}")
    return found.code


def _date(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date (use YYYY-MM-DD)")


async def _bot_username(settings: Any, given: str | None) -> str:
    if given:
        return given.removeprefix("@")
    if settings.content.bot_username:
        return str(settings.content.bot_username).removeprefix("@")
    if settings.bot_token is None:
        fail(
            "the bot's username is unknown: pass --bot USERNAME, set content.bot_username, or set BOT_TOKEN"
        )
    from bot.app import create_bot

    bot = create_bot(settings)
    try:
        me = await bot.me()
    finally:
        await bot.session.close()
    return me.username or ""


def _link(username: str, code: str) -> str:
    from bot.people.deeplinks import LinkKind, start_link

    return start_link(username, LinkKind.ALUMNI_INVITE, code)


@cohorts_app.command("add")
def cohorts_add(
    name: Annotated[
        str, typer.Option("--name", help='e.g. "Sekolah Demokrasi Hybrid Banten 2023"')
    ],
    region: Annotated[
        str | None,
        typer.Option("--region", help="Province or kabupaten/kota: code (36, 36.72) or name."),
    ] = None,
    starts: Annotated[str | None, typer.Option("--starts", help="First day, YYYY-MM-DD.")] = None,
    ends: Annotated[str | None, typer.Option("--ends", help="Last day, YYYY-MM-DD.")] = None,
) -> None:
    """Create a cohort with an invite code."""
    region_code = _region(region)
    starts_on, ends_on = _date(starts, "--starts"), _date(ends, "--ends")

    async def job(content: Any, settings: Any) -> Any:
        return await content.add_cohort(
            None, name, region_code, starts_on=starts_on, ends_on=ends_on
        )

    cohort = _with_content(job)  # a ContentError is printed by with_services
    typer.echo(f"cohort {cohort.id} created: {cohort.name} (invite code {cohort.invite_code})")


@cohorts_app.command("list")
def cohorts_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Cohorts with their members, pending roster entries and active invite code."""

    async def job(content: Any, settings: Any) -> Any:
        return await content.list_cohorts(None)

    for c in _with_content(job):
        row = {
            "id": c.id,
            "name": c.name,
            "region": c.region_code,
            "starts": c.starts_on.isoformat() if c.starts_on else None,
            "ends": c.ends_on.isoformat() if c.ends_on else None,
            "members": c.members,
            "roster_pending": c.roster_pending,
            "invite_code": c.invite_code,
        }
        if as_json:
            typer.echo(json.dumps(row, ensure_ascii=False))
        else:
            typer.echo(
                f"{c.id}\t{c.name}\t{c.region_code or '-'}\t{c.members} alumni\t"
                f"{c.roster_pending} pending\t{c.invite_code or '(no active code)'}"
            )


@cohorts_app.command("invite")
def cohorts_invite(
    cohort_id: Annotated[int, typer.Argument(metavar="ID")],
    new: Annotated[
        bool, typer.Option("--new", help="Revoke the current codes and make a new one.")
    ] = False,
    bot: Annotated[
        str | None,
        typer.Option("--bot", help="The bot's username (else content.bot_username or getMe)."),
    ] = None,
) -> None:
    """Print the cohort's invite link (https://t.me/<bot>?start=a-CODE)."""
    async def job(content: Any, settings: Any) -> str:
        code = await content.invite_code(None, cohort_id, renew=new)
        return _link(await _bot_username(settings, bot), code)

    typer.echo(_with_content(job))


@cohorts_app.command("revoke")
def cohorts_revoke(
    code: Annotated[str, typer.Argument(help="The invite code (the part after a-).")],
) -> None:
    """Revoke an invite code: the link stops working; existing alumni stay alumni."""

    async def job(content: Any, settings: Any) -> bool:
        return bool(await content.cohorts.revoke_invite(code.removeprefix("a-")))

    if not _with_content(job):
        fail(f"no active invite code {code!r}")
    typer.echo(f"invite code {code} revoked")


@cohorts_app.command("import")
def cohorts_import(
    cohort_id: Annotated[int, typer.Argument(metavar="ID")],
    csv_path: Annotated[
        Path, typer.Option("--csv", help="CSV with name, phone or username, region.")
    ],
) -> None:
    """Load a roster: good rows become pending entries matched when people open the invite link."""
    from bot.content.roster import RosterFileError, parse_roster
    from bot.fileio import MAX_CSV_BYTES, FileError, read_text

    try:
        text = read_text(csv_path, max_bytes=MAX_CSV_BYTES)
        rows, problems = parse_roster(text, source=str(csv_path))
    except (FileError, RosterFileError) as exc:
        fail(str(exc))

    async def job(content: Any, settings: Any) -> int:
        return int(await content.cohorts.import_roster(cohort_id, rows))

    stored = _with_content(job)
    for problem in problems:
        typer.secho(f"{csv_path}: {problem}", fg=typer.colors.YELLOW, err=True)
    typer.echo(f"{stored} roster entries loaded, {len(problems)} rows skipped")
    if problems:
        raise typer.Exit(1)


@content_app.command("load")
def content_load(
    path: Annotated[Path, typer.Argument(help="A content file or a directory of them.")],
) -> None:
    """Load content files (YAML or Markdown); idempotent by slug."""

    async def job(content: Any, settings: Any) -> Any:
        return await content.load_files(path)

    result = _with_content(job)
    for line in (line for error in result.errors for line in error.lines()):
        typer.secho(f"error: {line}", fg=typer.colors.RED, err=True)
    typer.echo(
        f"{len(result.created)} created, {len(result.updated)} updated, {len(result.errors)} failed"
    )
    if result.errors:
        raise typer.Exit(1)


@content_app.command("list")
def content_list() -> None:
    """Every item: id, slug, status, topics, title."""

    async def job(content: Any, settings: Any) -> Any:
        return await content.library.all_items()

    for item in _with_content(job):
        typer.echo(f"{item.id}\t{item.slug}\t{item.status}\t{','.join(item.topics)}\t{item.title}")


@content_app.command("stats")
def content_stats(
    fmt: Annotated[str, typer.Option("--format", help="csv or json")] = "csv",
) -> None:
    """Per item and per cohort: shares by channel and referred joins."""
    from bot.content.models import ShareChannel

    if fmt not in ("csv", "json"):
        fail(f"--format: {fmt!r}: use csv or json")

    async def job(content: Any, settings: Any) -> Any:
        return await content.stats(None)

    channels = [c.value for c in ShareChannel]
    rows = [r.to_dict(channels) for r in _with_content(job)]
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    out = io.StringIO()
    fields = ["kind", "key", "title", "shares", *[f"shares_{c}" for c in channels], "joined"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    typer.echo(out.getvalue(), nl=False)

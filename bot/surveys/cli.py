"""``rukun survey …``: validate, load, open, close, list, send, import, results."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from bot.cli_support import fail, settings_or_exit, with_services

app = typer.Typer(
    help="Surveys: validate and load YAML, open/close, invite, import CSV, results.",
    no_args_is_help=True,
)
T = TypeVar("T")
FORMATS = ("text", "json", "xlsx", "csv")


def _with_services(work: Callable[[Any], Awaitable[T]], *, core_only: bool = False) -> T:
    """Run ``work(services)``; file problems and domain errors become one line each."""
    from bot.fileio import FileError
    from bot.surveys.service import SurveyError

    return with_services(work, errors=(FileError, SurveyError, ValueError), core_only=core_only)


def _definitions(path: Path | None) -> list[Any]:
    from bot.surveys.schema import SurveyDefinitionError, load_survey_path

    if path is None:
        path = settings_or_exit().surveys.dir
    if not path.exists():
        fail(f"{path}: no such file or folder")
    try:
        return load_survey_path(path)
    except SurveyDefinitionError as exc:
        for problem in exc.problems:
            typer.echo(problem, err=True)
        fail(f"{len(exc.problems)} problem(s); nothing was loaded", code=1)


@app.command("validate")
def validate_cmd(
    path: Path = typer.Argument(None, help="A survey file or folder (default: surveys.dir)."),
) -> None:
    """Check survey files; every problem is listed with file, question id and field."""
    for d in _definitions(path):
        typer.echo(f"ok  {d.slug} ({len(d.questions)} questions)")


@app.command("load")
def load_cmd(
    path: Path = typer.Argument(None, help="A survey file or folder (default: surveys.dir)."),
) -> None:
    """Store surveys; changed questions of a survey with answers make a new version."""
    definitions = _definitions(path)

    async def work(services: Any) -> list[Any]:
        return [await services.surveys.load(d, source_path=str(path or "")) for d in definitions]

    for result in _with_services(work):
        typer.echo(f"{result.outcome:12} {result.slug} (version {result.version})")


def _set_status(slug: str, status: str) -> None:
    from bot.surveys.models import SurveyStatus

    async def work(services: Any) -> tuple[bool, str | None]:
        surveys = services.surveys
        now = services.clock.now()
        note = None
        if status == SurveyStatus.OPEN.value:
            info = await surveys.get(slug)
            local = services.settings.tz
            if info.closes_at is not None and info.closes_at <= now:
                closed = info.closes_at.astimezone(local).strftime("%Y-%m-%d %H:%M")
                raise ValueError(
                    f"{slug}: its window closed on {closed} (closes: in its file); "
                    "set a later closes: date and load it again to open it"
                )
            if info.opens_at is not None and info.opens_at > now:
                starts = info.opens_at.astimezone(local).strftime("%Y-%m-%d %H:%M")
                note = f"people can take it from {starts} (opens: in its file)"
        return bool(await surveys.set_status(slug, SurveyStatus(status))), note

    changed, note = _with_services(work)
    typer.echo(f"{slug} is {status}" if changed else f"{slug} was already {status}")
    if note:
        typer.echo(note)


@app.command("open")
def open_cmd(slug: str) -> None:
    """Open a survey (people can take it between its opens/closes dates)."""
    _set_status(slug, "open")


@app.command("close")
def close_cmd(slug: str) -> None:
    """Close a survey (answers are kept)."""
    _set_status(slug, "closed")


@app.command("list")
def list_cmd() -> None:
    """Surveys with status, wave, version and responses."""

    async def work(services: Any) -> list[tuple[Any, int, int]]:
        # the survey service alone (core services only): the listing starts fast (issue 12)
        from bot.surveys.service import SurveyService

        surveys = SurveyService(services.db, services.clock)
        out = []
        for info in await surveys.list():
            started, completed = await surveys.counts(info.id)
            out.append((info, started, completed))
        return out

    rows = _with_services(work, core_only=True)
    if not rows:
        typer.echo("no surveys yet: rukun survey load dialogs/surveys")
    for info, started, completed in rows:
        typer.echo(
            f"{info.slug}\t{info.status}\t{info.wave}\tv{info.version}\t"
            f"started {started}\tcompleted {completed}\t{info.title_in('id')}"
        )


@app.command("send")
def send_cmd(
    slug: str,
    language: str = typer.Option("id", help="Language of the invitation (id or en)."),
) -> None:
    """Invite the survey's audience (minus those who completed it) with a broadcast."""
    from bot.surveys.invite import send_invitation

    async def work(services: Any) -> int:
        info = await services.surveys.get(slug)
        if not info.takeable(services.clock.now()):
            raise ValueError(
                f"{slug} is not open now (rukun survey open {slug}; check opens/closes)"
            )
        broadcasts = getattr(services, "broadcasts", None)
        if broadcasts is None:
            raise ValueError("the broadcasting feature is not installed")
        return await send_invitation(
            services.db, services.catalog, broadcasts, info, language=language
        )

    broadcast_id = _with_services(work)
    typer.echo(
        f"invitation broadcast {broadcast_id} scheduled (rukun broadcast status {broadcast_id})"
    )


@app.command("import")
def import_cmd(
    slug: str,
    csv_path: Path = typer.Option(
        ..., "--csv", help="CSV: respondent, region, cohort, one column per question."
    ),
) -> None:
    """Import answers collected elsewhere; bad rows are reported, good rows load, re-import adds nothing."""
    from bot.surveys.imports import import_csv

    try:
        data = csv_path.read_bytes()
    except OSError as exc:
        fail(f"{csv_path}: cannot read the file ({exc.strerror})")

    async def work(services: Any) -> Any:
        info = await services.surveys.get(slug)
        return await import_csv(services.db, services.clock, info, data, str(csv_path))

    report = _with_services(work)
    for problem in report.problems:
        typer.echo(problem, err=True)
    typer.echo(
        f"{report.rows_total} rows: {report.loaded} loaded, {report.duplicates} already there, "
        f"{report.rejected} rejected"
    )
    if report.rejected:
        raise typer.Exit(1)


@app.command("results")
def results_cmd(
    slug: str,
    vs: str = typer.Option(None, "--vs", help="Compare with this survey (e.g. the pre wave)."),
    by: str = typer.Option(None, "--by", help="Breakdown: province, cohort or role."),
    fmt: str = typer.Option("text", "--format", help="text, json, xlsx or csv."),
    out: Path = typer.Option(None, "--out", help="Write to this file (xlsx needs it)."),
    language: str = typer.Option("id", help="Language of labels (id or en)."),
) -> None:
    """Results: counts, means with 95% CI, pre/post tests, breakdowns (groups < 5 suppressed)."""
    from bot.surveys import exports

    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}")
    if fmt == "xlsx" and out is None:
        fail("--format xlsx needs --out FILE.xlsx")

    async def work(services: Any) -> dict[str, Any]:
        return dict(await services.survey_analysis.results(slug, vs=vs, by=by))

    doc = _with_services(work)
    if fmt == "xlsx":
        assert out is not None
        out.write_bytes(exports.to_xlsx(doc, language))
        typer.echo(f"wrote {out}")
        return
    text = {
        "text": lambda: exports.to_text(doc, language),
        "json": lambda: exports.to_json(doc),
        "csv": lambda: exports.to_csv(doc, language),
    }[fmt]()
    if out is not None:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}")
    else:
        typer.echo(text)

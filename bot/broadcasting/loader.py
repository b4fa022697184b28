"""``broadcasts/*.yml``: broadcasts written as files and loaded with ``rukun broadcast load``.

One broadcast per file::

    slug: hari-toleransi-2025          # required, a-z 0-9 and dashes; loading is idempotent by slug
    title: Hari Toleransi Internasional
    language: id                       # the language of the /berhenti line (default: the bot's)
    message: |                         # Telegram HTML
      Selamat <b>Hari Toleransi Internasional</b>!
    media: {type: photo, path: broadcasts/media/toleransi.jpg}   # or file_id: …
    buttons:                           # rows of buttons: url, callback_data or switch_inline_query
      - - {text: Baca selengkapnya, url: "https://…"}
    segment: {roles: [alumni], regions: ["36.72", "32"]}
    schedule: 2025-11-16 09:00         # in the deployment's time zone; optional

Files are read through :mod:`bot.fileio`: every problem of every file is reported at once as
``file:line: field: what is wrong``, and nothing is stored when any file is bad. Regions are written
by name or code (``Banten`` is stored as ``36``); a schedule in the past is refused unless
``rukun broadcast load --now`` says to send it now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import Field, ValidationInfo, field_validator

from bot.broadcasting.content import (
    BroadcastContentError,
    check_buttons,
    check_media,
    check_text,
)
from bot.broadcasting.models import BroadcastState
from bot.broadcasting.segments import ROLE_CHOICES, Segment, SegmentError
from bot.broadcasting.service import BroadcastInfo, BroadcastService
from bot.fileio import (
    FileError,
    FileModel,
    Problem,
    RegionList,
    Scalar,
    ScalarList,
    YamlDoc,
    one_of,
    parse_when,
    read_yaml,
    validate,
    yaml_files,
)

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class BroadcastFileError(FileError):
    """Broadcast files that cannot be loaded; every problem names the file, line and field."""


class SegmentIn(FileModel):
    """``segment:``: regions by name or code, every value a plain scalar."""

    roles: ScalarList = Field(default_factory=list)
    regions: RegionList = Field(default_factory=list)
    languages: ScalarList = Field(default_factory=list)
    cohorts: ScalarList = Field(default_factory=list)
    topics: ScalarList = Field(default_factory=list)
    surveys_completed: ScalarList = Field(default_factory=list)
    surveys_not_completed: ScalarList = Field(default_factory=list)
    user_ids: list[int] = Field(default_factory=list)

    @field_validator("roles")
    @classmethod
    def _roles(cls, roles: list[str]) -> list[str]:
        return [one_of(r, ROLE_CHOICES) for r in roles]

    @field_validator("languages")
    @classmethod
    def _languages(cls, languages: list[str]) -> list[str]:
        return [one_of(lang, ("id", "en")) for lang in languages]


def _content(check: Any, value: Any) -> Any:
    try:
        return check(value)
    except BroadcastContentError as exc:
        raise ValueError(str(exc)) from None


class BroadcastFile(FileModel):
    """A ``broadcasts/*.yml`` file (``media`` comes before ``message``: the limit depends on it)."""

    slug: Scalar
    title: Scalar | None = None
    language: str | None = None
    media: dict[str, Any] | None = None
    message: str = Field(default="", validate_default=True)
    buttons: list[Any] | None = None
    segment: SegmentIn = Field(default_factory=SegmentIn)
    schedule: datetime | None = None

    @field_validator("slug")
    @classmethod
    def _slug(cls, slug: str) -> str:
        if not SLUG_RE.match(slug):
            raise ValueError(
                "required; lower-case letters, digits and dashes (e.g. hari-toleransi-2025)"
            )
        return slug

    @field_validator("language")
    @classmethod
    def _language(cls, language: str | None) -> str | None:
        return None if language is None else one_of(language, ("id", "en"))

    @field_validator("media")
    @classmethod
    def _media(cls, media: dict[str, Any] | None, info: ValidationInfo) -> dict[str, Any] | None:
        checked: dict[str, Any] | None = _content(check_media, media)
        if checked and "path" in checked:
            base_dir = (info.context or {}).get("base_dir")
            file = Path(checked["path"])
            if not file.is_absolute() and base_dir is not None:
                file = base_dir / file
            if not file.is_file():
                raise ValueError(f"media.path: {checked['path']} does not exist")
            checked["path"] = str(file)
        return checked

    @field_validator("message")
    @classmethod
    def _message(cls, message: str, info: ValidationInfo) -> str:
        media = info.data.get("media")
        _content(lambda text: check_text(text, has_media=media is not None), message)
        return message.strip()

    @field_validator("buttons")
    @classmethod
    def _buttons(cls, buttons: list[Any] | None) -> list[list[dict[str, Any]]] | None:
        return _content(check_buttons, buttons)  # type: ignore[no-any-return]

    @field_validator("schedule", mode="before")
    @classmethod
    def _schedule(cls, value: Any, info: ValidationInfo) -> datetime | None:
        tz: tzinfo = (info.context or {}).get("tz") or ZoneInfo("Asia/Jakarta")
        return None if value is None else parse_when(value, tz)


@dataclass
class BroadcastDefinition:
    path: Path
    slug: str
    title: str | None
    language: str | None
    message: str
    media: dict[str, Any] | None
    buttons: list[list[dict[str, Any]]] | None
    segment: Segment
    schedule: datetime | None
    doc: YamlDoc | None = None


def parse_file(path: Path, *, tz: ZoneInfo, base_dir: Path | None = None) -> BroadcastDefinition:
    """Read and check one file (no database access); every problem at once."""
    try:
        doc = read_yaml(path)
        model = validate(BroadcastFile, doc, context={"tz": tz, "base_dir": base_dir})
    except FileError as exc:
        raise BroadcastFileError(exc.problems) from None
    return BroadcastDefinition(
        path=path,
        slug=model.slug,
        title=model.title,
        language=model.language,
        message=model.message,
        media=model.media,
        buttons=model.buttons,
        segment=Segment.from_dict(model.segment.model_dump()),
        schedule=model.schedule,
        doc=doc,
    )


def broadcast_files(path: Path) -> list[Path]:
    if not path.exists():
        raise BroadcastFileError.one(path, "no such file or directory")
    return list(yaml_files(path))


def _problem(d: BroadcastDefinition, key: str, message: str) -> Problem:
    line = d.doc.line((key,)) if d.doc is not None else None
    return Problem(str(d.path), line, key, message)


def read_definitions(
    path: Path,
    *,
    tz: ZoneInfo,
    base_dir: Path | None = None,
    now: datetime | None = None,
    send_now: bool = False,
) -> list[BroadcastDefinition]:
    """Every file under ``path``, or :class:`BroadcastFileError` with every problem of every file.

    With ``now``, a schedule before it is refused unless ``send_now`` (then it is sent now).
    """
    definitions: list[BroadcastDefinition] = []
    problems: list[Problem] = []
    for file in broadcast_files(path):
        try:
            definitions.append(parse_file(file, tz=tz, base_dir=base_dir))
        except BroadcastFileError as exc:
            problems.extend(exc.problems)
    first: dict[str, BroadcastDefinition] = {}
    for d in definitions:
        if d.slug in first:
            problems.append(_problem(d, "slug", f"{d.slug!r} is also used by {first[d.slug].path}"))
        first.setdefault(d.slug, d)
        if now is not None and d.schedule is not None and d.schedule < now and not send_now:
            local = d.schedule.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            problems.append(
                _problem(
                    d,
                    "schedule",
                    f"{local} is in the past; change it, or load with --now to send it now",
                )
            )
    if problems:
        raise BroadcastFileError(problems)
    return definitions


async def load(
    service: BroadcastService,
    path: Path,
    *,
    tz: ZoneInfo,
    base_dir: Path | None = None,
    now: datetime | None = None,
    send_now: bool = False,
) -> list[tuple[str, str]]:
    """Load every file under ``path``: ``[(slug, "created" | "updated" | "unchanged" …)]``.

    All files are checked before anything is stored. A broadcast already scheduled or sent is
    left as it is when the file is unchanged and refused when it changed (send a copy instead).
    With ``now`` a past schedule is refused, or with ``send_now`` the broadcast is sent now.
    """
    definitions = read_definitions(path, tz=tz, base_dir=base_dir, now=now, send_now=send_now)
    problems = []
    for d in definitions:  # an unregistered segment filter is a load error, not a send error
        try:
            await service.audience_count(d.segment)
        except SegmentError as exc:
            problems.append(_problem(d, "segment", str(exc)))
    if problems:
        raise BroadcastFileError(problems)
    overdue = {d.slug for d in definitions if now is not None and d.schedule and d.schedule < now}
    planned: list[tuple[BroadcastDefinition, int | None, bool]] = []
    for d in definitions:
        existing, same = await _existing(service, d)
        if existing is not None and existing.state != BroadcastState.DRAFT and not same:
            problems.append(
                _problem(
                    d,
                    "slug",
                    f"{d.slug} is already {existing.state} and cannot change; "
                    "give the file a new slug to send a new broadcast",
                )
            )
        planned.append((d, existing.id if existing else None, same))
    if problems:
        raise BroadcastFileError(problems)
    results = []
    for d, existing_id, same in planned:
        outcome = await _store(service, d, existing_id, same, send_now=d.slug in overdue)
        if d.slug in overdue and outcome != "unchanged":
            assert d.schedule is not None
            await service.schedule(existing_id or await service.id_for(d.slug), None)
            local = d.schedule.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            outcome += f"; its schedule {local} has passed, sending now"
        results.append((d.slug, outcome))
    return results


async def _existing(
    service: BroadcastService, d: BroadcastDefinition
) -> tuple[BroadcastInfo | None, bool]:
    """The stored broadcast with the file's slug, and whether the file says the same."""
    try:
        info = await service.get(await service.id_for(d.slug))
    except LookupError:
        return None, False
    same = (
        info.text == d.message
        and info.title == d.title
        and info.media == d.media
        and (info.buttons or None) == d.buttons
        and info.segment.to_dict() == d.segment.to_dict()
    )
    return info, same


async def _store(
    service: BroadcastService,
    d: BroadcastDefinition,
    existing_id: int | None,
    same: bool,
    *,
    send_now: bool,
) -> str:
    schedule = None if send_now else d.schedule
    if existing_id is None:
        new_id = await service.create(
            text=d.message,
            segment=d.segment,
            created_by=None,
            slug=d.slug,
            title=d.title,
            media=d.media,
            buttons=d.buttons,
            source=f"file:{d.slug}",
            language=d.language,
        )
        if schedule is not None:
            await service.update_draft(new_id, scheduled_at=schedule)
        return "created"
    info = await service.get(existing_id)
    if info.state != BroadcastState.DRAFT or (same and info.scheduled_at == schedule):
        return "unchanged"
    await service.update_draft(
        existing_id,
        title=d.title,
        text=d.message,
        language=d.language or service.default_language,
        media=d.media,
        buttons=d.buttons,
        segment=d.segment,
        scheduled_at=schedule,
    )
    return "updated"

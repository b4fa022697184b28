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

Every problem is reported as ``file: field: what is wrong``; nothing is stored from a bad file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.broadcasting.content import (
    BroadcastContentError,
    check_buttons,
    check_media,
    check_text,
)
from bot.broadcasting.models import BroadcastState
from bot.broadcasting.segments import Segment, SegmentError
from bot.broadcasting.service import BroadcastService

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
KEYS = {"slug", "title", "language", "message", "media", "buttons", "segment", "schedule"}


class BroadcastFileError(ValueError):
    """A broadcast file that cannot be loaded; the message names the file and the field."""


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


def _schedule(value: Any, tz: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=tz) if value.tzinfo is None else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=tz)
    text = str(value).strip()
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=tz)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"cannot read {text!r} as a date-time (use 2025-11-16 09:00)") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def parse_file(path: Path, *, tz: ZoneInfo, base_dir: Path | None = None) -> BroadcastDefinition:
    """Read and check one file (no database access)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BroadcastFileError(f"{path}: cannot read the file ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise BroadcastFileError(
            f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})"
        ) from exc
    if not isinstance(data, dict):
        raise BroadcastFileError(f"{path}: the top level must be a mapping (slug, message, …)")
    unknown = sorted(set(map(str, data)) - KEYS)
    if unknown:
        raise BroadcastFileError(
            f"{path}: {unknown[0]}: unknown key (known: {', '.join(sorted(KEYS))})"
        )

    def err(field: str, problem: str) -> BroadcastFileError:
        return BroadcastFileError(f"{path}: {field}: {problem}")

    slug = data.get("slug")
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        raise err(
            "slug", "required; lower-case letters, digits and dashes (e.g. hari-toleransi-2025)"
        )
    message = data.get("message") or ""
    if not isinstance(message, str):
        raise err("message", "must be text")
    language = data.get("language")
    if language is not None and language not in ("id", "en"):
        raise err("language", f"{language!r}; use id or en")
    try:
        media = check_media(data.get("media"))
        if media and "path" in media:
            file = Path(media["path"])
            if not file.is_absolute() and base_dir is not None:
                file = base_dir / file
            if not file.is_file():
                raise BroadcastContentError(f"media.path: {media['path']} does not exist")
            media["path"] = str(file)
        check_text(message, has_media=media is not None)
        buttons = check_buttons(data.get("buttons"))
    except BroadcastContentError as exc:
        raise BroadcastFileError(f"{path}: {exc}") from exc
    try:
        segment = Segment.from_dict(data.get("segment"))
    except SegmentError as exc:
        raise err("segment", str(exc)) from exc
    schedule = None
    if data.get("schedule") is not None:
        try:
            schedule = _schedule(data["schedule"], tz)
        except ValueError as exc:
            raise err("schedule", str(exc)) from exc
    title = data.get("title")
    return BroadcastDefinition(
        path=path,
        slug=slug,
        title=str(title) if title is not None else None,
        language=language,
        message=message.strip(),
        media=media,
        buttons=buttons,
        segment=segment,
        schedule=schedule,
    )


def broadcast_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted([*path.glob("*.yml"), *path.glob("*.yaml")])
    if not path.exists():
        raise BroadcastFileError(f"{path}: no such file or directory")
    return [path]


async def load(
    service: BroadcastService, path: Path, *, tz: ZoneInfo, base_dir: Path | None = None
) -> list[tuple[str, str]]:
    """Load every file under ``path``: ``[(slug, "created" | "updated" | "unchanged")]``.

    All files are checked before anything is stored. A broadcast already scheduled or sent is
    left as it is when the file is unchanged and refused when it changed (send a copy instead).
    """
    definitions = [parse_file(p, tz=tz, base_dir=base_dir) for p in broadcast_files(path)]
    slugs = [d.slug for d in definitions]
    duplicate = next((s for s in slugs if slugs.count(s) > 1), None)
    if duplicate:
        raise BroadcastFileError(f"{path}: slug {duplicate!r} is used by more than one file")
    for d in definitions:  # an unregistered segment filter is a load error, not a send error
        try:
            await service.audience_count(d.segment)
        except SegmentError as exc:
            raise BroadcastFileError(f"{d.path}: segment: {exc}") from exc
    results = []
    for d in definitions:
        fields = {
            "title": d.title,
            "text": d.message,
            "language": d.language or service.default_language,
            "media": d.media,
            "buttons": d.buttons,
            "segment": d.segment,
            "scheduled_at": d.schedule,
        }
        try:
            existing = await service.id_for(d.slug)
        except LookupError:
            existing = None
        if existing is None:
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
            if d.schedule is not None:
                await service.update_draft(new_id, scheduled_at=d.schedule)
            results.append((d.slug, "created"))
            continue
        info = await service.get(existing)
        same = (
            info.text == d.message
            and info.title == d.title
            and info.media == d.media
            and (info.buttons or None) == d.buttons
            and info.segment.to_dict() == d.segment.to_dict()
        )
        if info.state != BroadcastState.DRAFT:
            if same:
                results.append((d.slug, "unchanged"))
                continue
            raise BroadcastFileError(
                f"{d.path}: slug: {d.slug} is already {info.state} and cannot change; "
                "give the file a new slug to send a new broadcast"
            )
        if same and info.scheduled_at == d.schedule:
            results.append((d.slug, "unchanged"))
            continue
        await service.update_draft(existing, **fields)
        results.append((d.slug, "updated"))
    return results

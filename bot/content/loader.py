"""Content files in ``broadcasts/content/``: YAML (body in Telegram HTML) or Markdown with front matter.

A malformed file is reported with its path and field; the other files still load.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.content.library import MEDIA_TYPES, SLUG_RE, ItemDraft
from bot.telegram_text import EntityParseError, parse_html

#: Room left in a 4096-character message for the referral line added when sharing.
MAX_BODY_CHARS = 3800
MAX_TITLE_CHARS = 120
_FIELDS = {
    "slug",
    "title",
    "body",
    "topics",
    "language",
    "campaign",
    "valid_from",
    "valid_until",
    "media",
    "publish",
}


class ContentFileError(ValueError):
    """A content file that cannot be loaded: ``path: field: problem``."""

    def __init__(self, path: Path | str, field: str | None, message: str) -> None:
        self.path = str(path)
        self.field = field
        self.message = message
        where = f"{path}: {field}" if field else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class LoadReport:
    drafts: list[ItemDraft]
    errors: list[ContentFileError]


def content_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yml", ".yaml", ".md"))
    return [path]


def read_content(path: Path, *, topics: list[str], tz: ZoneInfo) -> LoadReport:
    """Every item in ``path`` (a file or a directory), and the files that failed."""
    drafts: list[ItemDraft] = []
    errors: list[ContentFileError] = []
    if not path.exists():
        return LoadReport([], [ContentFileError(path, None, "no such file or directory")])
    seen: dict[str, Path] = {}
    for file in content_files(path):
        try:
            draft = parse_file(file, topics=topics, tz=tz)
        except ContentFileError as exc:
            errors.append(exc)
            continue
        if draft.slug in seen:
            errors.append(
                ContentFileError(file, "slug", f"{draft.slug!r} is also used by {seen[draft.slug]}")
            )
            continue
        seen[draft.slug] = file
        drafts.append(draft)
    return LoadReport(drafts, errors)


def parse_file(path: Path, *, topics: list[str], tz: ZoneInfo) -> ItemDraft:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentFileError(path, None, f"cannot read the file ({exc})") from exc
    if path.suffix == ".md":
        data, body = _front_matter(path, raw)
        if "body" in data:
            raise ContentFileError(
                path, "body", "a Markdown file's body is the text after the front matter"
            )
        data["body"] = markdown_to_html(body)
    else:
        data = _yaml(path, raw)
    return _draft(path, data, topics=topics, tz=tz)


def _yaml(path: Path, raw: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        raise ContentFileError(
            path, where, f"not valid YAML ({getattr(exc, 'problem', exc)})"
        ) from exc
    if not isinstance(data, dict):
        raise ContentFileError(
            path, None, "the file must be a mapping (slug: …, title: …, body: …)"
        )
    return data


def _front_matter(path: Path, raw: str) -> tuple[dict[str, Any], str]:
    match = re.match(r"^---\s*\n(.*?)\n---\s*\n(.*)$", raw, re.S)
    if match is None:
        raise ContentFileError(
            path, None, "a Markdown file starts with front matter between '---' lines"
        )
    return _yaml(path, match.group(1)), match.group(2)


def _text(path: Path, data: dict[str, Any], name: str, *, required: bool, limit: int) -> str | None:
    value = data.get(name)
    if value is None:
        if required:
            raise ContentFileError(path, name, "is required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise ContentFileError(path, name, "must be a non-empty text")
    value = value.strip()
    if len(value) > limit:
        raise ContentFileError(path, name, f"is {len(value)} characters long (at most {limit})")
    return value


def _draft(path: Path, data: dict[str, Any], *, topics: list[str], tz: ZoneInfo) -> ItemDraft:
    unknown = sorted(str(k) for k in data if k not in _FIELDS)
    if unknown:
        raise ContentFileError(
            path, unknown[0], f"unknown field (known: {', '.join(sorted(_FIELDS))})"
        )
    slug = _text(path, data, "slug", required=True, limit=64) or ""
    if not SLUG_RE.match(slug):
        raise ContentFileError(path, "slug", f"{slug!r}: use 3-64 characters a-z, 0-9 and '-'")
    title = _text(path, data, "title", required=True, limit=MAX_TITLE_CHARS) or ""
    body = _text(path, data, "body", required=True, limit=20000) or ""
    check_body(body, path=path)
    raw_topics = data.get("topics") or []
    if isinstance(raw_topics, str):
        raw_topics = [raw_topics]
    if not isinstance(raw_topics, list):
        raise ContentFileError(path, "topics", "must be a list of topics")
    for topic in raw_topics:
        if topic not in topics:
            raise ContentFileError(
                path, "topics", f"unknown topic {topic!r} (known: {', '.join(topics)})"
            )
    language = data.get("language", "id")
    if language not in ("id", "en"):
        raise ContentFileError(path, "language", f"{language!r}: use id or en")
    campaign = _text(path, data, "campaign", required=False, limit=100)
    media_type, media_path = _media(path, data.get("media"))
    valid_from = _when(path, data, "valid_from", tz, end_of_day=False)
    valid_until = _when(path, data, "valid_until", tz, end_of_day=True)
    if valid_from and valid_until and valid_until <= valid_from:
        raise ContentFileError(path, "valid_until", "must be after valid_from")
    publish = data.get("publish", True)
    if not isinstance(publish, bool):
        raise ContentFileError(path, "publish", "must be true or false")
    return ItemDraft(
        slug=slug,
        title=title,
        body=body,
        topics=tuple(dict.fromkeys(raw_topics)),
        language=language,
        campaign=campaign,
        media_type=media_type,
        media_path=media_path,
        valid_from=valid_from,
        valid_until=valid_until,
        publish=publish,
        source=f"file:{path.name}",
    )


def check_body(body: str, *, path: Path | str = "body") -> str:
    """Raise ContentFileError unless ``body`` is Telegram HTML that fits a message; returns the plain text."""
    try:
        plain, _ = parse_html(body)
    except EntityParseError as exc:
        raise ContentFileError(
            path, "body", f"not valid Telegram HTML ({exc.description})"
        ) from exc
    if len(plain) > MAX_BODY_CHARS:
        raise ContentFileError(
            path, "body", f"is {len(plain)} characters of text (at most {MAX_BODY_CHARS})"
        )
    return plain


def _media(path: Path, media: Any) -> tuple[str | None, str | None]:
    if media is None:
        return None, None
    if not isinstance(media, dict) or set(media) - {"type", "path"}:
        raise ContentFileError(path, "media", "must be a mapping with 'type' and 'path'")
    kind = media.get("type")
    if kind not in MEDIA_TYPES:
        raise ContentFileError(path, "media.type", f"{kind!r}: use one of {', '.join(MEDIA_TYPES)}")
    rel = media.get("path")
    if not isinstance(rel, str) or not rel:
        raise ContentFileError(path, "media.path", "is required")
    file = (path.parent / rel).resolve()
    if not file.is_file():
        raise ContentFileError(path, "media.path", f"{rel}: no such file")
    return kind, str(file)


def _when(
    path: Path, data: dict[str, Any], name: str, tz: ZoneInfo, *, end_of_day: bool
) -> datetime | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = (
                datetime.fromisoformat(value)
                if "T" in value or " " in value
                else date.fromisoformat(value)
            )
        except ValueError as exc:
            raise ContentFileError(
                path, name, f"{value!r}: use YYYY-MM-DD or YYYY-MM-DD HH:MM"
            ) from exc
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=tz)).astimezone(UTC)
    if isinstance(value, date):
        day = value + timedelta(days=1) if end_of_day else value
        return datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)
    raise ContentFileError(path, name, "must be a date (YYYY-MM-DD)")


def markdown_to_html(text: str) -> str:
    """A small Markdown subset to Telegram HTML: **bold**, _italic_, `code`, [text](https://…)."""
    out = html.escape(text.strip(), quote=False)
    out = re.sub(
        r"\[([^\]]+)\]\((https?://[^)\s]+)\)",
        lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>',
        out,
    )
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"(?<![\w/])_(.+?)_(?!\w)", r"<i>\1</i>", out)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    return out

"""Content files in ``broadcasts/content/``: YAML (body in Telegram HTML) or Markdown with front matter.

A malformed file is reported with its path and field; the other files still load.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import Field, ValidationInfo, field_validator

from bot.content.library import MEDIA_TYPES, SLUG_RE, ItemDraft
from bot.fileio import (
    FileError,
    FileModel,
    Problem,
    Scalar,
    ScalarList,
    YamlDoc,
    one_of,
    parse_when,
    parse_yaml,
    read_text,
    validate,
)
from bot.telegram_text import EntityParseError, parse_html

#: Room left in a 4096-character message for the referral line added when sharing.
MAX_BODY_CHARS = 3800
MAX_TITLE_CHARS = 120


class ContentFileError(FileError):
    """Content that cannot be used: ``path:line: field: problem`` (every problem of a file)."""

    def __init__(
        self,
        path: Path | str,
        field: str | None = None,
        message: str = "",
        *,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(problems or [Problem(str(path), None, field, message)])
        self.path = str(path)


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


def _text_limit(value: str, limit: int) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must be a non-empty text")
    if len(value) > limit:
        raise ValueError(f"is {len(value)} characters long (at most {limit})")
    return value


class MediaIn(FileModel):
    type: str
    path: Scalar

    @field_validator("type")
    @classmethod
    def _type(cls, kind: str) -> str:
        if kind not in MEDIA_TYPES:
            raise ValueError(f"{kind!r}: use one of {', '.join(MEDIA_TYPES)}")
        return kind

    @field_validator("path")
    @classmethod
    def _exists(cls, rel: str, info: ValidationInfo) -> str:
        folder: Path = (info.context or {}).get("folder") or Path.cwd()
        file = (folder / rel).resolve()
        if not rel or not file.is_file():
            raise ValueError(f"{rel}: no such file")
        return str(file)


class ContentFile(FileModel):
    """A content item (YAML, or the front matter of a Markdown file plus its text)."""

    slug: Scalar
    title: str
    body: str
    topics: ScalarList = Field(default_factory=list)
    language: str = "id"
    campaign: Scalar | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    media: MediaIn | None = None
    publish: bool = True

    @field_validator("slug")
    @classmethod
    def _slug(cls, slug: str) -> str:
        if not SLUG_RE.match(slug):
            raise ValueError(f"{slug!r}: use 3-64 characters a-z, 0-9 and '-'")
        return slug

    @field_validator("title")
    @classmethod
    def _title(cls, title: str) -> str:
        return _text_limit(title, MAX_TITLE_CHARS)

    @field_validator("body")
    @classmethod
    def _body(cls, body: str) -> str:
        body = _text_limit(body, 20000)
        problem = body_problem(body)
        if problem:
            raise ValueError(problem)
        return body

    @field_validator("campaign")
    @classmethod
    def _campaign(cls, campaign: str | None) -> str | None:
        return None if campaign is None else _text_limit(campaign, 100)

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, value: list[str], info: ValidationInfo) -> list[str]:
        known: list[str] = (info.context or {}).get("topics") or []
        for topic in value:
            if topic not in known:
                raise ValueError(f"unknown topic {topic!r} (known: {', '.join(known)})")
        return list(dict.fromkeys(value))

    @field_validator("language")
    @classmethod
    def _language(cls, language: str) -> str:
        return one_of(language, ("id", "en"))

    @field_validator("valid_from", "valid_until", mode="before")
    @classmethod
    def _when(cls, value: Any, info: ValidationInfo) -> datetime | None:
        tz = (info.context or {}).get("tz") or ZoneInfo("Asia/Jakarta")
        end_of_day = info.field_name == "valid_until"
        return None if value is None else parse_when(value, tz, end_of_day=end_of_day)

    @field_validator("valid_until")
    @classmethod
    def _after(cls, until: datetime | None, info: ValidationInfo) -> datetime | None:
        since = info.data.get("valid_from")
        if since and until and until <= since:
            raise ValueError("must be after valid_from")
        return until

    def draft(self, path: Path) -> ItemDraft:
        return ItemDraft(
            slug=self.slug,
            title=self.title,
            body=self.body,
            topics=tuple(self.topics),
            language=self.language,
            campaign=self.campaign,
            media_type=self.media.type if self.media else None,
            media_path=self.media.path if self.media else None,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            publish=self.publish,
            source=f"file:{path.name}",
        )


def _document(path: Path) -> YamlDoc:
    """The item's data with lines: a YAML file, or a Markdown file's front matter and text."""
    raw = read_text(path)
    if path.suffix != ".md":
        return parse_yaml(raw, path)
    match = re.match(r"^---\s*\n(.*?)\n---\s*\n(.*)$", raw, re.S)
    if match is None:
        raise FileError.one(path, "a Markdown file starts with front matter between '---' lines")
    doc = parse_yaml(match.group(1), path, line_offset=1)
    if isinstance(doc.data, dict):
        if "body" in doc.data:
            raise FileError.one(
                path,
                "a Markdown file's body is the text after the front matter",
                line=doc.line(("body",)),
                field="body",
            )
        doc.data["body"] = markdown_to_html(match.group(2))
        doc.lines[("body",)] = raw[: match.start(2)].count("\n") + 1
    return doc


def parse_file(path: Path, *, topics: list[str], tz: ZoneInfo) -> ItemDraft:
    """One item, or :class:`ContentFileError` with every problem of the file."""
    try:
        doc = _document(path)
        model = validate(
            ContentFile,
            doc,
            context={"topics": topics, "tz": tz, "folder": path.parent},
            shape="slug: …, title: …, body: …",
        )
    except FileError as exc:
        raise ContentFileError(path, problems=exc.problems) from None
    return model.draft(path)


def body_problem(body: str) -> str | None:
    """What keeps ``body`` from being sent as Telegram HTML in one message, or None."""
    try:
        plain, _ = parse_html(body)
    except EntityParseError as exc:
        return f"not valid Telegram HTML ({exc.description})"
    if len(plain) > MAX_BODY_CHARS:
        return f"is {len(plain)} characters of text (at most {MAX_BODY_CHARS})"
    return None


def check_body(body: str, *, path: Path | str = "body") -> str:
    """Raise ContentFileError unless ``body`` is Telegram HTML that fits a message."""
    problem = body_problem(body)
    if problem:
        raise ContentFileError(path, "body", problem)
    return body


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

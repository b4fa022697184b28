"""The content library: items, publishing, browsing, searching. No aiogram here."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select, update

from bot.clock import Clock
from bot.content.errors import ContentError
from bot.content.models import ContentItem, ContentStatus
from bot.db import Database

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")
MEDIA_TYPES = ("photo", "video", "document")


class UnknownItemError(ContentError):
    key = "content-error-unknown-item"


@dataclass(frozen=True, slots=True)
class ItemDraft:
    """A content item as written in a file or composed in the chat."""

    slug: str
    title: str
    body: str
    topics: tuple[str, ...] = ()
    language: str = "id"
    campaign: str | None = None
    media_type: str | None = None
    media_path: str | None = None
    media_file_id: str | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    publish: bool = True
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """A content item as handlers see it."""

    id: int
    slug: str
    title: str
    body: str
    topics: tuple[str, ...]
    language: str
    campaign: str | None
    media_type: str | None
    media_path: str | None
    media_file_id: str | None
    status: str
    published_at: datetime | None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def published(self) -> bool:
        return self.status == ContentStatus.PUBLISHED.value


def _item(row: ContentItem) -> Item:
    return Item(
        id=row.id,
        slug=row.slug,
        title=row.title,
        body=row.body,
        topics=tuple(row.topics or ()),
        language=row.language,
        campaign=row.campaign,
        media_type=row.media_type,
        media_path=row.media_path,
        media_file_id=row.media_file_id,
        status=row.status,
        published_at=row.published_at,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
    )


def slugify(title: str) -> str:
    """ "Cek Fakta Sebelum Berbagi!" → "cek-fakta-sebelum-berbagi"."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:56].strip("-")
    return slug if len(slug) >= 3 else f"konten-{slug}".strip("-")


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Item]
    page: int
    pages: int


class ContentLibrary:
    """Campaign content items."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def upsert(self, draft: ItemDraft, *, created_by: int | None = None) -> tuple[Item, bool]:
        """Create or update the item with ``draft.slug``; returns (item, created).

        Loading the same file twice changes nothing; a changed media path forgets the old file id.
        """
        now = self.clock.now()
        async with self.db.transaction() as s:
            row = await s.scalar(select(ContentItem).where(ContentItem.slug == draft.slug))
            created = row is None
            if row is None:
                row = ContentItem(slug=draft.slug, created_at=now, created_by=created_by)
                s.add(row)
            elif row.media_path != draft.media_path or row.media_type != draft.media_type:
                row.media_file_id = None
            row.title = draft.title
            row.body = draft.body
            row.topics = list(draft.topics)
            row.language = draft.language
            row.campaign = draft.campaign
            row.media_type = draft.media_type
            row.media_path = draft.media_path
            if draft.media_file_id:
                row.media_file_id = draft.media_file_id
            row.valid_from = draft.valid_from
            row.valid_until = draft.valid_until
            row.source = draft.source
            row.updated_at = now
            if draft.publish and row.status != ContentStatus.PUBLISHED.value:
                row.status = ContentStatus.PUBLISHED.value
                row.published_at = now
            elif not draft.publish and created:
                row.status = ContentStatus.DRAFT.value
            await s.flush()
            return _item(row), created

    async def unique_slug(self, title: str) -> str:
        base = slugify(title)
        async with self.db.session() as s:
            taken = set(
                (
                    await s.scalars(
                        select(ContentItem.slug).where(ContentItem.slug.like(f"{base}%"))
                    )
                ).all()
            )
        if base not in taken:
            return base
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        return f"{base}-{n}"

    async def publish(self, item_id: int) -> Item:
        now = self.clock.now()
        async with self.db.transaction() as s:
            row = await s.get(ContentItem, item_id)
            if row is None:
                raise UnknownItemError(id=str(item_id))
            if row.status != ContentStatus.PUBLISHED.value:
                row.status = ContentStatus.PUBLISHED.value
                row.published_at = now
            return _item(row)

    async def get(self, item_id: int) -> Item:
        async with self.db.session() as s:
            row = await s.get(ContentItem, item_id)
            if row is None:
                raise UnknownItemError(id=str(item_id))
            return _item(row)

    async def by_slug(self, slug: str) -> Item | None:
        async with self.db.session() as s:
            row = await s.scalar(select(ContentItem).where(ContentItem.slug == slug))
            return _item(row) if row is not None else None

    async def set_file_id(self, item_id: int, file_id: str) -> None:
        """Remember Telegram's file id of an uploaded local file, so it is uploaded only once."""
        async with self.db.transaction() as s:
            await s.execute(
                update(ContentItem).where(ContentItem.id == item_id).values(media_file_id=file_id)
            )

    def _live(self):  # type: ignore[no-untyped-def]
        now = self.clock.now()
        return (
            select(ContentItem)
            .where(
                ContentItem.status == ContentStatus.PUBLISHED.value,
                or_(ContentItem.valid_from.is_(None), ContentItem.valid_from <= now),
                or_(ContentItem.valid_until.is_(None), ContentItem.valid_until > now),
            )
            .order_by(ContentItem.published_at.desc(), ContentItem.id.desc())
        )

    async def live_items(self, topic: str | None = None) -> list[Item]:
        """Published items valid now, newest first (optionally of one topic)."""
        async with self.db.session() as s:
            items = [_item(r) for r in (await s.scalars(self._live())).all()]
        if topic:
            items = [i for i in items if topic in i.topics]
        return items

    async def page(self, page: int, size: int, topic: str | None = None) -> Page:
        items = await self.live_items(topic)
        pages = max(1, -(-len(items) // size))
        page = min(max(page, 0), pages - 1)
        return Page(items[page * size : (page + 1) * size], page, pages)

    async def search(self, query: str, limit: int) -> list[Item]:
        """Live items whose title, slug or topics contain every word of ``query`` (newest first)."""
        words = [w for w in _fold(query).split() if w]
        items = await self.live_items()
        if not words:
            return items[:limit]
        found = []
        for item in items:
            haystack = _fold(" ".join([item.title, item.slug, *item.topics]))
            if all(w in haystack for w in words):
                found.append(item)
        # an exact slug first (the "Bagikan" button searches by slug)
        found.sort(key=lambda i: i.slug != query.strip().lower())
        return found[:limit]

    async def all_items(self) -> list[Item]:
        async with self.db.session() as s:
            rows = (await s.scalars(select(ContentItem).order_by(ContentItem.id))).all()
            return [_item(r) for r in rows]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(
        r"[^a-z0-9]+", " ", "".join(c for c in text if not unicodedata.combining(c)).lower()
    )

"""Broadcasts as the rest of the bot sees them: create, schedule, count, follow, cancel.

Plain Python (no aiogram): the chat wizard, the CLI, the YAML loader and other features (content,
surveys) all go through :class:`BroadcastService` (``services.broadcasts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from bot.broadcasting.content import check_buttons, check_media, check_text
from bot.broadcasting.lifecycle import BroadcastLifecycle
from bot.broadcasting.models import (
    FINAL_STATES,
    Broadcast,
    BroadcastState,
    Delivery,
    DeliveryStatus,
)
from bot.broadcasting.segments import Segment, SegmentFilters, audience_query
from bot.clock import Clock
from bot.db import Database
from bot.errors import ExplainedError


class BroadcastError(ExplainedError):
    """A broadcast operation that cannot be done: ``str(exc)`` says why (CLI), ``key`` the chat."""

    key = "broadcast-error-other"


class UnknownBroadcastError(BroadcastError, LookupError):
    """No broadcast with that id or slug."""

    key = "broadcast-expired"


class AlreadySentError(BroadcastError):
    """A broadcast is sent once; sending it again needs a copy."""


class NotStoppableError(BroadcastError):
    """The broadcast has already finished or been stopped."""

    key = "broadcast-not-stoppable"


@dataclass(frozen=True)
class BroadcastProgress:
    """Where a broadcast stands: counts by delivery status, its state and the time left."""

    id: int
    slug: str | None
    title: str | None
    state: str
    total: int
    pending: int
    sending: int
    sent: int
    failed: int
    blocked: int
    skipped: int
    scheduled_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    eta: timedelta | None

    @property
    def remaining(self) -> int:
        return self.pending + self.sending

    @property
    def done(self) -> int:
        return self.total - self.remaining


@dataclass(frozen=True)
class BroadcastInfo:
    """A broadcast's own fields (what it says and to whom)."""

    id: int
    slug: str | None
    title: str | None
    text: str
    language: str
    media: dict[str, Any] | None
    buttons: list[list[dict[str, Any]]] | None
    segment: Segment
    source: str | None
    state: str
    created_by: int | None
    scheduled_at: datetime | None


def _info(b: Broadcast) -> BroadcastInfo:
    return BroadcastInfo(
        id=b.id,
        slug=b.slug,
        title=b.title,
        text=b.text,
        language=b.language,
        media=b.media,
        buttons=b.buttons,
        segment=Segment.from_dict(b.segment),
        source=b.source,
        state=b.state,
        created_by=b.created_by,
        scheduled_at=b.scheduled_at,
    )


class BroadcastService(BroadcastLifecycle):
    """Broadcasts and their recipients."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        filters: SegmentFilters,
        *,
        default_language: str = "id",
        rate_per_second: float = 25.0,
    ) -> None:
        self.db = db
        self.clock = clock
        self.filters = filters
        self.default_language = default_language
        self.rate_per_second = rate_per_second

    # --- composing

    async def create(
        self,
        *,
        text: str,
        segment: Segment,
        created_by: int | None,
        slug: str | None = None,
        title: str | None = None,
        media: dict[str, Any] | None = None,
        buttons: list[list[dict[str, Any]]] | None = None,
        source: str | None = None,
        language: str | None = None,
    ) -> int:
        """Store a draft broadcast and return its id; raises on bad content or a taken slug."""
        media = check_media(media)
        check_text(text, has_media=media is not None)
        buttons = check_buttons(buttons)
        self._query(segment)  # an unknown role or unregistered filter fails here, not later
        if language is None:
            language = segment.languages[0] if len(segment.languages) == 1 else None
        language = language if language in ("id", "en") else self.default_language
        async with self.db.transaction() as s:
            if slug is not None and await s.scalar(
                select(Broadcast.id).where(Broadcast.slug == slug)
            ):
                raise BroadcastError(f"a broadcast with slug {slug!r} already exists")
            row = Broadcast(
                slug=slug,
                title=title,
                text=text,
                language=language,
                media=media,
                buttons=buttons,
                segment=segment.to_dict(),
                source=source,
                state=BroadcastState.DRAFT.value,
                created_by=created_by,
                created_at=self.clock.now(),
                updated_at=self.clock.now(),
            )
            s.add(row)
            await s.flush()
            return row.id

    async def update_draft(self, broadcast_id: int, **fields: Any) -> None:
        """Change a draft (the YAML loader re-loading a file); refused once scheduled."""
        if "media" in fields:
            fields["media"] = check_media(fields["media"])
        if "text" in fields:
            check_text(fields["text"], has_media=fields.get("media") is not None)
        if "buttons" in fields:
            fields["buttons"] = check_buttons(fields["buttons"])
        if "segment" in fields:
            self._query(fields["segment"])
            fields["segment"] = fields["segment"].to_dict()
        async with self.db.transaction() as s:
            row = await self._get(s, broadcast_id)
            if row.state != BroadcastState.DRAFT:
                raise AlreadySentError(f"broadcast {row.slug or row.id} is {row.state}")
            for key, value in fields.items():
                setattr(row, key, value)
            row.media_file_id = None
            row.updated_at = self.clock.now()

    async def copy(self, broadcast_id: int, *, slug: str | None = None) -> int:
        """A new draft with the same message and segment (to send a broadcast again)."""
        info = await self.get(broadcast_id)
        return await self.create(
            text=info.text,
            segment=info.segment,
            created_by=info.created_by,
            slug=slug,
            title=info.title,
            media=info.media,
            buttons=info.buttons,
            source=info.source,
            language=info.language,
        )

    async def schedule(self, broadcast_id: int, at: datetime | None = None) -> None:
        """Send at ``at`` (None = now). A broadcast is sent once: a second call is refused."""
        when = at or self.clock.now()
        if when.tzinfo is None:
            raise BroadcastError("schedule time must carry a time zone")
        async with self.db.transaction() as s:
            row = await self._get(s, broadcast_id)
            if row.state not in (BroadcastState.DRAFT, BroadcastState.SCHEDULED):
                raise AlreadySentError(
                    f"broadcast {row.slug or row.id} is already {row.state}; "
                    "make a copy to send it again"
                )
            row.state = BroadcastState.SCHEDULED.value
            row.scheduled_at = when
            row.updated_at = self.clock.now()

    async def set_progress_chat(self, broadcast_id: int, chat_id: int | None) -> None:
        """Where the progress message and the summary go (the coordinator's chat)."""
        async with self.db.transaction() as s:
            row = await self._get(s, broadcast_id)
            row.progress_chat_id = chat_id

    async def progress_chat(self, broadcast_id: int) -> int | None:
        return (await self.progress_message(broadcast_id))[0]

    async def progress_message(self, broadcast_id: int) -> tuple[int | None, int | None]:
        async with self.db.session() as s:
            row = await self._get(s, broadcast_id)
            return row.progress_chat_id, row.progress_message_id

    async def set_progress_message(self, broadcast_id: int, message_id: int) -> None:
        async with self.db.transaction() as s:
            row = await self._get(s, broadcast_id)
            row.progress_message_id = message_id

    async def cancel(self, broadcast_id: int) -> None:
        """Stop a scheduled or sending broadcast; deliveries not yet sent are skipped."""
        now = self.clock.now()
        async with self.db.transaction() as s:
            row = await self._get(s, broadcast_id)
            if row.state in FINAL_STATES:
                raise NotStoppableError(
                    f"broadcast {row.slug or row.id} is already {row.state}", id=row.id
                )
            row.state = BroadcastState.CANCELLED.value
            row.finished_at = now
            await s.execute(
                update(Delivery)
                .where(
                    Delivery.broadcast_id == broadcast_id,
                    Delivery.status.in_((DeliveryStatus.PENDING, DeliveryStatus.SENDING)),
                )
                .values(status=DeliveryStatus.SKIPPED.value, error="cancelled")
            )

    # --- reading

    def _query(self, segment: Segment) -> Any:
        return audience_query(segment, self.filters, default_language=self.default_language)

    async def audience_count(self, segment: Segment) -> int:
        """How many users the segment reaches now (opted-out and blocked never count)."""
        query = self._query(segment).subquery()
        async with self.db.session() as s:
            return int(await s.scalar(select(func.count()).select_from(query)) or 0)

    async def _get(self, s: Any, broadcast_id: int) -> Broadcast:
        row = await s.get(Broadcast, broadcast_id)
        if row is None:
            raise UnknownBroadcastError(f"no broadcast #{broadcast_id}")
        return row

    async def get(self, broadcast_id: int) -> BroadcastInfo:
        async with self.db.session() as s:
            return _info(await self._get(s, broadcast_id))

    async def id_for(self, ref: str | int) -> int:
        """A broadcast id from an id or a slug."""
        async with self.db.session() as s:
            if isinstance(ref, int) or str(ref).isdigit():
                if await s.get(Broadcast, int(ref)) is not None:
                    return int(ref)
            found = await s.scalar(select(Broadcast.id).where(Broadcast.slug == str(ref)))
        if found is None:
            raise UnknownBroadcastError(f"no broadcast {ref!r}")
        return int(found)

    async def list_broadcasts(self, *, limit: int = 50) -> list[BroadcastInfo]:
        async with self.db.session() as s:
            rows = await s.scalars(select(Broadcast).order_by(Broadcast.id.desc()).limit(limit))
            return [_info(b) for b in rows]

    async def progress(self, broadcast_id: int) -> BroadcastProgress:
        """Counts by delivery status, the state and (while sending) the estimated time left."""
        async with self.db.session() as s:
            row = await self._get(s, broadcast_id)
            counts = dict(
                (
                    await s.execute(
                        select(Delivery.status, func.count())
                        .where(Delivery.broadcast_id == broadcast_id)
                        .group_by(Delivery.status)
                    )
                ).all()
            )
        c = {status: int(counts.get(status.value, 0)) for status in DeliveryStatus}
        remaining = c[DeliveryStatus.PENDING] + c[DeliveryStatus.SENDING]
        eta = None
        if row.state == BroadcastState.SENDING:
            eta = timedelta(seconds=remaining / self.rate_per_second)
        return BroadcastProgress(
            id=row.id,
            slug=row.slug,
            title=row.title,
            state=row.state,
            total=sum(c.values()) if c else row.total,
            pending=c[DeliveryStatus.PENDING],
            sending=c[DeliveryStatus.SENDING],
            sent=c[DeliveryStatus.SENT],
            failed=c[DeliveryStatus.FAILED],
            blocked=c[DeliveryStatus.BLOCKED],
            skipped=c[DeliveryStatus.SKIPPED],
            scheduled_at=row.scheduled_at,
            started_at=row.started_at,
            finished_at=row.finished_at,
            eta=eta,
        )

    async def delivered_user_ids(self, source: str) -> list[int]:
        """Users who were sent a broadcast with this ``source`` (e.g. ``survey:<slug>``)."""
        async with self.db.session() as s:
            rows = await s.scalars(
                select(Delivery.user_id)
                .join(Broadcast, Broadcast.id == Delivery.broadcast_id)
                .where(Broadcast.source == source, Delivery.status == DeliveryStatus.SENT)
                .distinct()
            )
            return sorted(rows.all())

    async def delivered_count(self, source: str) -> int:
        """How many distinct users were sent a broadcast with this ``source``."""
        return len(await self.delivered_user_ids(source))

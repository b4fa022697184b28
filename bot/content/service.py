"""The content feature's facade: the sub-services, and coordinator actions with their role checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.broadcasting.segments import Segment
from bot.broadcasting.service import BroadcastError, BroadcastService
from bot.clock import Clock
from bot.content.cohorts import CohortInfo, CohortService
from bot.content.errors import ContentError, NotAllowedError
from bot.content.impact import ImpactService, StatsRow
from bot.content.library import ContentLibrary, Item, ItemDraft
from bot.content.loader import ContentFileError, read_content
from bot.content.settings import ContentSettings
from bot.content.sharing import SharingService
from bot.db import Database
from bot.people.service import PeopleService, Person


@dataclass(frozen=True, slots=True)
class LoadResult:
    created: list[str]
    updated: list[str]
    errors: list[ContentFileError]


class ContentService:
    """Everything the content feature does; handlers and the CLI share it."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        people: PeopleService,
        settings: ContentSettings,
        tz: Any,
    ) -> None:
        self.db = db
        self.clock = clock
        self.people = people
        self.settings = settings
        self.tz = tz
        self.cohorts = CohortService(db, clock, people)
        self.library = ContentLibrary(db, clock)
        self.sharing = SharingService(db, clock)
        self.impact = ImpactService(db, clock, tz)

    @property
    def topics(self) -> list[str]:
        return list(self.settings.topics)

    @staticmethod
    def require_coordinator(actor: Person | None) -> None:
        """Coordinator actions re-check the role here, whatever the button said."""
        if actor is not None and not actor.is_coordinator:
            raise NotAllowedError()

    async def load_files(self, path: Path) -> LoadResult:
        """Load content files (idempotent by slug); bad files are reported, good ones still load."""
        report = read_content(path, topics=self.topics, tz=self.tz)
        created: list[str] = []
        updated: list[str] = []
        for draft in report.drafts:
            _, was_created = await self.library.upsert(draft)
            (created if was_created else updated).append(draft.slug)
        return LoadResult(created, updated, report.errors)

    async def create_item(self, actor: Person, draft: ItemDraft) -> Item:
        self.require_coordinator(actor)
        for topic in draft.topics:
            if topic not in self.topics:
                raise ContentError("content-error-unknown-topic", topic=topic)
        item, _ = await self.library.upsert(draft, created_by=actor.id)
        return item

    async def add_cohort(
        self, actor: Person | None, name: str, region_code: str | None, **kw: Any
    ) -> CohortInfo:
        self.require_coordinator(actor)
        return await self.cohorts.add(name, region_code=region_code, **kw)

    async def invite_code(
        self, actor: Person | None, cohort_id: int, *, renew: bool = False
    ) -> str:
        self.require_coordinator(actor)
        return await self.cohorts.invite_code(cohort_id, renew=renew)

    async def list_cohorts(self, actor: Person | None) -> list[CohortInfo]:
        self.require_coordinator(actor)
        return await self.cohorts.all()

    async def stats(self, actor: Person | None) -> list[StatsRow]:
        self.require_coordinator(actor)
        return await self.impact.stats()


@dataclass(frozen=True, slots=True)
class PushTarget:
    """Which alumni get an item: all, or one cohort / region / topic."""

    kind: str  # all | cohort | region | topic
    value: str | None = None


#: Room the broadcast engine keeps in a caption for its /berhenti line.
BROADCAST_HINT_ROOM = 120


async def push_item(
    content: ContentService,
    broadcasts: BroadcastService,
    actor: Person,
    item: Item,
    target: PushTarget,
    buttons: list[list[dict[str, str]]],
) -> int:
    """Send an item to alumni through the broadcast engine; returns the broadcast id."""
    content.require_coordinator(actor)
    segment_args: dict[str, Any] = {"roles": ["alumni"]}
    if target.kind == "cohort" and target.value:
        segment_args["cohorts"] = [target.value]
    elif target.kind == "region" and target.value:
        segment_args["regions"] = [target.value]
    elif target.kind == "topic" and target.value:
        segment_args["topics"] = [target.value]
    text, media = broadcast_message(item)
    try:
        broadcast_id = await _create_and_schedule(
            broadcasts, Segment(**segment_args), actor, item, text, media, buttons
        )
    except (ValueError, LookupError, BroadcastError) as exc:  # the engine refused the broadcast
        raise ContentError("content-error-broadcast", problem=str(exc)) from exc
    return broadcast_id


def broadcast_message(item: Item) -> tuple[str, dict[str, Any] | None]:
    """An item as a broadcast's text and media (the media only when the text fits a caption).

    Used by :func:`push_item` and by the /siaran composer's "pick a content item".
    """
    from bot.content.delivery import MAX_CAPTION, item_text, local_file_exists, plain_length

    text = item_text(item)
    media: dict[str, Any] | None = None
    if item.media_type and plain_length(text) <= MAX_CAPTION - BROADCAST_HINT_ROOM:
        if item.media_file_id:
            media = {"type": item.media_type, "file_id": item.media_file_id}
        elif local_file_exists(item.media_path):
            media = {"type": item.media_type, "path": item.media_path}
    return text, media


async def _create_and_schedule(
    broadcasts: BroadcastService, segment: Segment, actor: Person, item: Item, text: str, media: Any, buttons: Any
) -> int:
    broadcast_id = int(
        await broadcasts.create(
            text=text,
            segment=segment,
            created_by=actor.id,
            slug=None,
            title=item.title,
            media=media,
            buttons=buttons,
            source=f"content:{item.slug}",
        )
    )
    await broadcasts.schedule(broadcast_id, at=None)
    return broadcast_id

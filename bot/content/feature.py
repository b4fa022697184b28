"""Wiring of alumni and campaign content: services, deep links, segment filters, the router."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from bot.content.settings import ContentSettings
from bot.services import Feature, Services

if TYPE_CHECKING:
    from aiogram import Router

    from bot.content.service import ContentService

log = logging.getLogger(__name__)


def cohort_segment(values: list[Any]) -> Any:
    """Segment filter ``cohorts``: users who joined any of these cohorts (by id)."""
    from sqlalchemy import select

    from bot.content.models import CohortMember

    ids = [int(v) for v in values if str(v).strip().isdigit()]
    return select(CohortMember.user_id).where(CohortMember.cohort_id.in_(ids))


def topic_segment(values: list[Any]) -> Any:
    """Segment filter ``topics``: alumni who care about any of these topics."""
    from sqlalchemy import select

    from bot.content.models import AlumniTopic

    return select(AlumniTopic.user_id).where(AlumniTopic.topic.in_([str(v) for v in values]))


def compose_sources(content: ContentService) -> dict[str, Any]:
    """What the /siaran composer offers from this feature: cohort and topic choices, items."""
    from bot.broadcasting.segments import Choice
    from bot.broadcasting.sources import ItemMessage
    from bot.content.library import UnknownItemError
    from bot.content.service import broadcast_message

    async def cohorts(t: Any) -> list[Any]:
        return [Choice(str(c.id), c.name) for c in await content.cohorts.all()]

    async def topics(t: Any) -> list[Any]:
        from bot.content.keyboards import topic_label  # aiogram: imported on use, not by the CLI

        return [Choice(topic, topic_label(t, topic)) for topic in content.topics]

    async def items(limit: int) -> list[Any]:
        return [Choice(str(i.id), i.title) for i in (await content.library.live_items())[:limit]]

    async def message(value: str, t: Any) -> Any:
        try:
            item = await content.library.get(int(value))
        except (ValueError, UnknownItemError):
            return None
        if not item.published:
            return None
        from bot.content.keyboards import broadcast_buttons

        text, media = broadcast_message(item)
        return ItemMessage(
            text, media, broadcast_buttons(t, item), title=item.title, source=f"content:{item.slug}"
        )

    return {"cohorts": cohorts, "topics": topics, "items": items, "message": message}


def referral_handler(content: ContentService):  # type: ignore[no-untyped-def]
    """The ``r-CODE`` deep link: a new user is attributed to the link's owner (and item), once."""

    async def handle(code: str, *, person: Any, t: Any, **_: Any) -> str | None:
        referral = await content.sharing.follow_referral(code, person.id, is_new=person.is_new)
        if referral is None:
            return None
        if referral.outcome == "self":
            return t("content-referral-self")
        if referral.outcome != "attributed":
            return ""
        if referral.item_title:
            return t(
                "content-referral-welcome-item",
                name=referral.referrer_name,
                title=referral.item_title,
            )
        return t("content-referral-welcome", name=referral.referrer_name)

    return handle


def invite_handler(content: ContentService):  # type: ignore[no-untyped-def]
    """The ``a-CODE`` deep link (bot/content/alumni.py, which needs aiogram: imported on use)."""

    async def handle(code: str, **kwargs: Any) -> str | None:
        from bot.content.alumni import invite_handler

        result: str | None = await invite_handler(content)(code, **kwargs)
        return result

    return handle


def setup(services: Services) -> None:
    """``content``, its deep links, and its segment filters and items for the /siaran composer
    (broadcasting is set up before this feature)."""
    from bot.content.service import ContentService
    from bot.people.deeplinks import LinkKind

    content = ContentService(
        services.db,
        services.clock,
        services.people,
        services.settings.content,
        services.settings.tz,
    )
    services.content = content
    services.deeplinks.register(LinkKind.ALUMNI_INVITE, invite_handler(content))
    services.deeplinks.register(LinkKind.REFERRAL, referral_handler(content))
    provided = compose_sources(content)
    services.segment_filters.register("cohorts", cohort_segment, choices=provided["cohorts"])
    services.segment_filters.register("topics", topic_segment, choices=provided["topics"])
    services.broadcast_sources.items(provided["items"], provided["message"])


def create_router() -> Router:
    from bot.content.router import create_content_router

    return create_content_router()


FEATURE = Feature(
    "content",
    setup=setup,
    create_router=create_router,
    cli={"cohorts": "bot.content.cli:cohorts_app", "content": "bot.content.cli:content_app"},
    settings=("content", ContentSettings),
    models="bot.content.models",
)

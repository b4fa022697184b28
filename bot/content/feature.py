"""Wiring of alumni and campaign content: services, deep links, segment filters, the router."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from bot.content.alumni import invite_handler
from bot.content.models import AlumniTopic, CohortMember
from bot.content.router import create_content_router
from bot.content.service import ContentService
from bot.people.deeplinks import LinkKind
from bot.services import Feature, Services

log = logging.getLogger(__name__)


def cohort_segment(values: list[Any]) -> Any:
    """Segment filter ``cohorts``: users who joined any of these cohorts (by id)."""
    ids = [int(v) for v in values if str(v).strip().isdigit()]
    return select(CohortMember.user_id).where(CohortMember.cohort_id.in_(ids))


def topic_segment(values: list[Any]) -> Any:
    """Segment filter ``topics``: alumni who care about any of these topics."""
    return select(AlumniTopic.user_id).where(AlumniTopic.topic.in_([str(v) for v in values]))


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


def setup(services: Services) -> None:
    content = ContentService(
        services.db,
        services.clock,
        services.people,
        services.settings.content,
        services.settings.tz,
    )
    services.extra["content"] = content
    services.deeplinks.register(LinkKind.ALUMNI_INVITE, invite_handler(content))
    services.deeplinks.register(LinkKind.REFERRAL, referral_handler(content))
    try:
        from bot.broadcasting.segments import SegmentFilters
    except ImportError:  # the broadcasting feature is not installed: no segments to add to
        log.info("broadcasting is not installed; content segment filters not registered")
        return
    # setdefault, as broadcasting does: whichever feature is set up first creates the registry
    filters = services.extra.setdefault("segment_filters", SegmentFilters())
    filters.register("cohorts", cohort_segment)
    filters.register("topics", topic_segment)


FEATURE = Feature("content", setup=setup, create_router=create_content_router)

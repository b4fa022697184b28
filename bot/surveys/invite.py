"""Inviting a survey's audience through the broadcast engine, and the survey segment filters.

``rukun survey send SLUG`` creates a broadcast with a "take the survey" button
(``sv:start:<slug>``) to the survey's audience minus those who completed it, with
``source = "survey:<slug>"``; the users those broadcasts reached are the survey's "invited".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.db import Database
from bot.i18n import Catalog
from bot.surveys.audience import cohort_ids
from bot.surveys.models import Survey, SurveyParticipant
from bot.surveys.service import SurveyError, SurveyInfo


def source_of(slug: str) -> str:
    return f"survey:{slug}"


def completed_segment(slugs: list[Any]) -> Any:
    """Segment filter ``surveys_completed``: users who completed any of these surveys."""
    return (
        select(SurveyParticipant.user_id)
        .join(Survey, Survey.id == SurveyParticipant.survey_id)
        .where(Survey.slug.in_([str(s) for s in slugs]))
    )


def not_completed_segment(slugs: list[Any]) -> Any:
    """Segment filter ``surveys_not_completed``: users who completed none of these surveys."""
    from bot.people.models import User

    done = completed_segment(slugs)
    return select(User.id).where(User.id.not_in(done))


async def segment_for(db: Database, info: SurveyInfo) -> Any:
    """The broadcast segment of a survey's audience, without those who already completed it."""
    from bot.broadcasting.segments import Segment

    roles = list(info.audience.roles)
    seg_roles = (
        [] if not roles or "citizen" in roles else [r for r in roles if r in ("alumni", "partner")]
    )
    if roles and "citizen" not in roles and not seg_roles:
        raise SurveyError(
            f"{info.slug}: its audience ({', '.join(roles)}) cannot be reached by a broadcast"
        )
    cohorts: list[str] = []
    if info.audience.cohorts:
        async with db.session() as s:
            cohorts = await cohort_ids(s, list(info.audience.cohorts))
        if not cohorts:
            raise SurveyError(
                f"{info.slug}: none of its cohorts ({', '.join(info.audience.cohorts)}) exist"
            )
    return Segment(
        roles=seg_roles,
        regions=list(info.audience.regions),
        cohorts=cohorts,
        surveys_not_completed=[info.slug],
    )


async def send_invitation(
    db: Database,
    catalog: Catalog,
    broadcasts: Any,
    info: SurveyInfo,
    *,
    language: str = "id",
    at: Any = None,
) -> int:
    """Create and schedule the invitation broadcast; returns its id."""
    text = catalog.text(
        language,
        "survey-invite",
        title=info.title_in(language),
        intro=info.intro.get(language) or info.intro["id"],
    )
    button = catalog.text(language, "survey-take-button")
    broadcast_id = int(
        await broadcasts.create(
            text=text,
            segment=await segment_for(db, info),
            created_by=None,
            title=info.title_in(language),
            buttons=[[{"text": button, "callback_data": f"sv:start:{info.slug}"}]],
            source=source_of(info.slug),
            language=language,
        )
    )
    await broadcasts.schedule(broadcast_id, at=at)
    return broadcast_id

"""Surveys as the coordinators manage them: load from YAML (with versions), open, close, list.

No aiogram here; the CLI and the chat share this service.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.db import Database
from bot.errors import ExplainedError
from bot.surveys.models import Survey, SurveyResponse, SurveyStatus, SurveyVersion
from bot.surveys.schema import Audience, Question, SurveyDef, question_from_dict


class SurveyError(ExplainedError):
    """A survey action that cannot be done: ``str(exc)`` says why (CLI), ``key`` tells the chat."""

    key = "survey-stale"


class UnknownSurveyError(SurveyError, LookupError):
    key = "survey-closed"

    def __init__(self, slug: str) -> None:
        super().__init__(f"no survey with slug {slug!r} (load it first: rukun survey load PATH)")
        self.slug = slug


def respondent_key(salt: str, ref: str) -> str:
    """The pseudonymous key of a respondent (``tg:<id>`` or ``csv:<reference>``)."""
    return hmac.new(salt.encode(), ref.encode(), hashlib.sha256).hexdigest()


def telegram_ref(user_id: int) -> str:
    return f"tg:{user_id}"


@dataclass(frozen=True)
class SurveyInfo:
    """A survey and the questions of its current version."""

    id: int
    slug: str
    title: dict[str, str]
    intro: dict[str, str]
    thanks: dict[str, str] | None
    wave: str
    pair: str | None
    campaign: str | None
    anonymous: bool
    status: str
    opens_at: datetime | None
    closes_at: datetime | None
    audience: Audience
    salt: str
    version_id: int
    version: int
    questions: tuple[Question, ...]

    def takeable(self, now: datetime) -> bool:
        """Open, and within its dates."""
        if self.status != SurveyStatus.OPEN.value:
            return False
        if self.opens_at is not None and now < self.opens_at:
            return False
        return not (self.closes_at is not None and now >= self.closes_at)

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title["id"]


@dataclass(frozen=True)
class LoadResult:
    slug: str
    #: "created", "updated" (metadata or questions without answers), "new-version", "unchanged"
    outcome: str
    version: int


def _audience(data: dict[str, Any] | None) -> Audience:
    data = data or {}
    return Audience(
        tuple(data.get("roles") or ()),
        tuple(data.get("cohorts") or ()),
        tuple(data.get("regions") or ()),
    )


def info_of(survey: Survey, version: SurveyVersion) -> SurveyInfo:
    return SurveyInfo(
        id=survey.id,
        slug=survey.slug,
        title=survey.title,
        intro=survey.intro,
        thanks=survey.thanks,
        wave=survey.wave,
        pair=survey.pair_slug,
        campaign=survey.campaign,
        anonymous=survey.anonymous,
        status=survey.status,
        opens_at=survey.opens_at,
        closes_at=survey.closes_at,
        audience=_audience(survey.audience),
        salt=survey.salt,
        version_id=version.id,
        version=version.number,
        questions=tuple(question_from_dict(q) for q in version.questions),
    )


class SurveyService:
    """Survey definitions and their lifecycle (draft → open → closed)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def load(self, definition: SurveyDef, *, source_path: str | None = None) -> LoadResult:
        """Store a survey; changed questions make a new version once the survey has answers."""
        now = self.clock.now()
        async with self.db.transaction() as s:
            survey = await s.scalar(select(Survey).where(Survey.slug == definition.slug))
            created = survey is None
            if survey is None:
                salt = None
                if definition.pair:  # a pre/post pair shares one salt so respondents pair up
                    salt = await s.scalar(select(Survey.salt).where(Survey.slug == definition.pair))
                survey = Survey(
                    slug=definition.slug,
                    salt=salt or secrets.token_hex(16),
                    status=SurveyStatus.DRAFT.value,
                    created_at=now,
                )
                s.add(survey)
            survey.title = definition.title
            survey.intro = definition.intro
            survey.thanks = definition.thanks
            survey.campaign = definition.campaign
            survey.wave = definition.wave
            survey.pair_slug = definition.pair
            survey.anonymous = definition.anonymous
            survey.audience = definition.audience.to_dict()
            survey.opens_at = definition.opens
            survey.closes_at = definition.closes
            survey.source_path = source_path
            survey.updated_at = now
            await s.flush()
            checksum = definition.checksum()
            current = (
                await s.get(SurveyVersion, survey.current_version_id)
                if survey.current_version_id
                else None
            )
            if current is None:
                version = SurveyVersion(
                    survey_id=survey.id,
                    number=1,
                    checksum=checksum,
                    questions=definition.questions_json(),
                    created_at=now,
                )
                s.add(version)
                await s.flush()
                survey.current_version_id = version.id
                return LoadResult(definition.slug, "created" if created else "updated", 1)
            if current.checksum == checksum:
                return LoadResult(
                    definition.slug, "unchanged" if not created else "created", current.number
                )
            answered = await s.scalar(
                select(func.count())
                .select_from(SurveyResponse)
                .where(SurveyResponse.version_id == current.id)
            )
            if not answered:
                current.checksum = checksum
                current.questions = definition.questions_json()
                return LoadResult(definition.slug, "updated", current.number)
            version = SurveyVersion(
                survey_id=survey.id,
                number=current.number + 1,
                checksum=checksum,
                questions=definition.questions_json(),
                created_at=now,
            )
            s.add(version)
            await s.flush()
            survey.current_version_id = version.id
            return LoadResult(definition.slug, "new-version", version.number)

    async def get(self, slug: str, s: AsyncSession | None = None) -> SurveyInfo:
        """The survey and its current version (``s``: the caller's session, if it holds one)."""
        async with self.db.session(s) as s:
            survey = await s.scalar(select(Survey).where(Survey.slug == slug))
            if survey is None or survey.current_version_id is None:
                raise UnknownSurveyError(slug)
            version = await s.get(SurveyVersion, survey.current_version_id)
            assert version is not None
            return info_of(survey, version)

    async def get_by_id(self, survey_id: int, s: AsyncSession | None = None) -> SurveyInfo:
        async with self.db.session(s) as s:
            slug = await s.scalar(select(Survey.slug).where(Survey.id == survey_id))
            if slug is None:
                raise UnknownSurveyError(str(survey_id))
            return await self.get(slug, s)

    async def version_questions(
        self, version_id: int, s: AsyncSession | None = None
    ) -> tuple[Question, ...]:
        async with self.db.session(s) as s:
            version = await s.get(SurveyVersion, version_id)
            if version is None:
                raise SurveyError(f"survey version {version_id} is gone")
            return tuple(question_from_dict(q) for q in version.questions)

    async def set_status(self, slug: str, status: SurveyStatus) -> bool:
        """Open or close a survey; False when it already had that status."""
        async with self.db.transaction() as s:
            survey = await s.scalar(select(Survey).where(Survey.slug == slug))
            if survey is None:
                raise UnknownSurveyError(slug)
            if survey.status == status.value:
                return False
            survey.status = status.value
            survey.updated_at = self.clock.now()
            return True

    async def list(self, s: AsyncSession | None = None) -> list[SurveyInfo]:
        async with self.db.session(s) as s:
            rows = (
                await s.execute(
                    select(Survey, SurveyVersion)
                    .join(SurveyVersion, SurveyVersion.id == Survey.current_version_id)
                    .order_by(Survey.slug)
                )
            ).all()
            return [info_of(survey, version) for survey, version in rows]

    async def counts(self, survey_id: int) -> tuple[int, int]:
        """(started, completed) responses of a survey."""
        async with self.db.session() as s:
            row = (
                await s.execute(
                    select(func.count(), func.count(SurveyResponse.completed_at)).where(
                        SurveyResponse.survey_id == survey_id
                    )
                )
            ).one()
            return int(row[0]), int(row[1])

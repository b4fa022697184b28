"""Survey tables: surveys, their question versions, responses, answers and CSV import batches.

Identity: every response has a ``respondent_key``, an HMAC of the respondent (``tg:<id>`` for
people in the bot, ``csv:<reference>`` for imported rows) with the survey's salt; a pre/post pair
shares one salt, so the same person pairs across waves. ``user_id`` is kept while a response is in
progress (resume, reminders); for anonymous surveys it is cleared at completion, so finished
answers are linked to no one. Outputs never contain user ids or respondent keys.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, TelegramId, TimestampMixin, UtcDateTime


class SurveyStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class ResponseSource(StrEnum):
    BOT = "bot"
    IMPORT = "import"


class Survey(TimestampMixin, Base):
    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[dict[str, str]] = mapped_column(JSON)
    intro: Mapped[dict[str, str]] = mapped_column(JSON)
    thanks: Mapped[dict[str, str] | None] = mapped_column(JSON)
    campaign: Mapped[str | None] = mapped_column(String(64))
    wave: Mapped[str] = mapped_column(String(8), default="single")
    pair_slug: Mapped[str | None] = mapped_column(String(40))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    audience: Mapped[dict[str, Any]] = mapped_column(JSON)
    opens_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16), default=SurveyStatus.DRAFT.value)
    #: HMAC key of respondent keys; shared by a pre/post pair.
    salt: Mapped[str] = mapped_column(String(64))
    current_version_id: Mapped[int | None] = mapped_column(Integer)
    source_path: Mapped[str | None] = mapped_column(String(255))


class SurveyVersion(Base):
    """The questions of a survey as they were when answers were given."""

    __tablename__ = "survey_versions"
    __table_args__ = (UniqueConstraint("survey_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    checksum: Mapped[str] = mapped_column(String(64))
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SurveyImportBatch(Base):
    """One ``rukun survey import`` run."""

    __tablename__ = "survey_import_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_loaded: Mapped[int] = mapped_column(Integer, default=0)
    rows_duplicate: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SurveyResponse(Base):
    """One respondent's answers to one survey (at most one per respondent)."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        UniqueConstraint("survey_id", "respondent_key"),
        Index("ix_survey_responses_survey_completed", "survey_id", "completed_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey("survey_versions.id", ondelete="CASCADE"))
    respondent_key: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    source: Mapped[str] = mapped_column(String(8), default=ResponseSource.BOT.value)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_import_batches.id", ondelete="SET NULL")
    )
    #: Snapshots taken when the response starts (breakdowns need no join and survive erasure).
    region_code: Mapped[str | None] = mapped_column(String(16))
    province: Mapped[str | None] = mapped_column(String(8))
    cohort: Mapped[str | None] = mapped_column(String(128))
    role: Mapped[str | None] = mapped_column(String(16))
    #: The question the respondent is at (None once completed).
    position: Mapped[str | None] = mapped_column(String(32))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SurveyAnswer(Base):
    """One answer; a ``multi`` question has one row per chosen option."""

    __tablename__ = "survey_answers"
    __table_args__ = (
        # covering the per-option counts (one index scan, no table lookups)
        Index(
            "ix_survey_answers_survey_question", "survey_id", "question_id", "value", "response_id"
        ),
        # pairing and the runner: one response's answer to one question
        Index("ix_survey_answers_response_question", "response_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("survey_responses.id", ondelete="CASCADE"))
    survey_id: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str] = mapped_column(String(32))
    #: The option's value (choice types); None for text.
    value: Mapped[str | None] = mapped_column(String(32))
    #: The numeric score (likert5 1-5, scale0_10 0-10, yesno 1/0).
    num: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SurveyParticipant(Base):
    """Who completed a survey, kept apart from the answers (no response id, no time).

    Broadcast segments ("completed survey X" / "not completed") read this table, so anonymous
    responses need no link to the person.
    """

    __tablename__ = "survey_participants"

    survey_id: Mapped[int] = mapped_column(
        ForeignKey("surveys.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        TelegramId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )

"""Surveys' wiring: services, segment filters for broadcasts, the router and the reminder job."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from bot.services import Feature, Services, Task
from bot.surveys.settings import SurveySettings

if TYPE_CHECKING:
    from aiogram import Bot, Router


def build_survey_services(services: Services) -> None:
    """``surveys`` (definitions), ``survey_runner`` (taking), ``survey_analysis`` (results)."""
    from bot.surveys.analysis import SurveyAnalysis
    from bot.surveys.invite import source_of
    from bot.surveys.runner import SurveyRunner
    from bot.surveys.service import SurveyService
    from bot.surveys.thanks import thanks_hook

    settings = services.settings.surveys
    surveys = SurveyService(services.db, services.clock)
    runner = SurveyRunner(
        services.db,
        services.clock,
        services.people,
        surveys,
        reminder_hours=settings.reminder_hours,
    )

    async def thanks(s: Any, user_id: int, survey: Any) -> None:
        # the catalogue is read on first use: a CLI command that lists surveys never needs it
        hook = thanks_hook(services.catalog, services.outbox, services.settings.default_language)
        await hook(s, user_id, survey)

    runner.completion_hooks.append(thanks)

    broadcasts = services.broadcasts

    async def invited(slug: str) -> int:
        return int(await broadcasts.delivered_count(source_of(slug)))

    services.surveys = surveys
    services.survey_runner = runner
    services.survey_analysis = SurveyAnalysis(
        services.db, surveys, min_group=settings.min_group_size, invited_counter=invited
    )
    services.people.erase_hooks.append(runner.detach_user)


def compose_sources(services: Services) -> tuple[Any, Any]:
    """For the /siaran composer: surveys to segment by (not drafts), and those open to take now."""
    from bot.broadcasting.segments import Choice
    from bot.surveys.models import SurveyStatus

    surveys = services.surveys

    async def segment_choices(t: Any) -> list[Any]:
        listed = await surveys.list()
        return [
            Choice(i.slug, i.title_in(t.lang)) for i in listed if i.status != SurveyStatus.DRAFT
        ]

    async def open_surveys(t: Any) -> list[Any]:
        now = services.clock.now()
        listed = await surveys.list()
        return [Choice(i.slug, i.title_in(t.lang)) for i in listed if i.takeable(now)]

    return segment_choices, open_surveys


def start_data(slug: str) -> str:
    """The "take the survey" button's data (bot/surveys/keyboards.py needs aiogram: on use)."""
    from bot.surveys.keyboards import start_data

    return start_data(slug)


def setup(services: Services) -> None:
    """The survey services, their broadcast segments and the composer's "take the survey" button
    (broadcasting and content are set up before this feature)."""
    from bot.surveys.invite import completed_segment, not_completed_segment
    build_survey_services(services)
    segment_choices, open_surveys = compose_sources(services)
    filters = services.segment_filters
    filters.register("surveys_completed", completed_segment, choices=segment_choices)
    filters.register("surveys_not_completed", not_completed_segment, choices=segment_choices)
    services.broadcast_sources.surveys(open_surveys, start_data)


def create_router() -> Router:
    from bot.surveys.router import create_survey_router

    return create_survey_router()


def background(services: Services, bot: Bot) -> list[Task]:
    """The reminder job (when ``surveys.reminder_hours`` > 0), under a job lock."""
    if not services.settings.surveys.reminder_hours:
        return []
    from bot.jobs import run_periodic
    from bot.surveys.reminders import send_reminders

    async def job() -> None:
        await send_reminders(
            services.survey_runner,
            services.surveys,
            services.catalog,
            services.outbox,
            services.settings.default_language,
        )

    async def reminders() -> None:
        # not urgent: let start-up (migrations, other features' writes) settle first
        await asyncio.sleep(min(services.settings.surveys.reminder_check_seconds, 60))
        await run_periodic(
            "survey-reminders",
            services.settings.surveys.reminder_check_seconds,
            job,
            services.locks,
        )

    return [reminders()]


FEATURE = Feature(
    "surveys",
    setup=setup,
    create_router=create_router,
    background=background,
    cli={"survey": "bot.surveys.cli:app"},
    settings=("surveys", SurveySettings),
    models="bot.surveys.models",
)

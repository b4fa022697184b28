"""Broadcasting's wiring: services, the /siaran router, the delivery engine and scheduler, the CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.broadcasting.settings import BroadcastSettings
from bot.services import Feature, Services, Task

if TYPE_CHECKING:
    from aiogram import Bot, Router


def setup(services: Services) -> None:
    """``segment_filters`` and ``broadcast_sources`` (the features after this one register theirs
    in both), and ``broadcasts``."""
    from bot.broadcasting.segments import SegmentFilters
    from bot.broadcasting.service import BroadcastService
    from bot.broadcasting.sources import ComposeSources

    services.segment_filters = SegmentFilters()
    services.broadcast_sources = ComposeSources()
    services.broadcasts = BroadcastService(
        services.db,
        services.clock,
        services.segment_filters,
        default_language=services.settings.default_language,
        rate_per_second=services.settings.broadcasts.rate_per_second,
    )


def create_router() -> Router:
    from bot.broadcasting.router import create_broadcast_router

    return create_broadcast_router()


def background(services: Services, bot: Bot) -> list[Task]:
    from bot.broadcasting.worker import broadcast_jobs

    return broadcast_jobs(services, bot)


FEATURE = Feature(
    "broadcasting",
    setup=setup,
    create_router=create_router,
    background=background,
    cli={"broadcast": "bot.broadcasting.cli:app"},
    settings=("broadcasts", BroadcastSettings),
    models="bot.broadcasting.models",
)

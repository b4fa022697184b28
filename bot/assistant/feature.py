"""Wiring of the free-text assistant."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from bot.nlu.settings import NluSettings
from bot.services import Feature, Services, Task

if TYPE_CHECKING:
    from aiogram import Bot, Router

log = logging.getLogger(__name__)


def setup(services: Services) -> None:
    def nlu() -> object:  # made on first use: a CLI command that never parses text never loads it
        from bot.assistant.nlu import build_nlu

        return build_nlu(services.settings.nlu)

    services.provide("nlu", nlu)


def background(services: Services, bot: Bot) -> list[Task]:
    async def warm_up() -> None:
        """Train or load the model now, off the event loop, so the first message is fast."""
        try:
            await asyncio.to_thread(services.nlu.warm_up)
        except Exception:
            log.exception("NLU warm-up failed; free text will be retried on use")

    return [warm_up()]


def create_router() -> Router:
    from bot.assistant.router import create_assistant_router

    return create_assistant_router()


def create_context_router() -> Router:
    from bot.assistant.context import create_context_router

    return create_context_router()


FEATURE = Feature(
    "assistant",
    setup=setup,
    create_router=create_router,
    background=background,
    cli={"nlu": "bot.nlu.cli:app"},
    settings=("nlu", NluSettings),
)

#: Replies to the bot's questions: its router goes ahead of every feature's pending steps.
CONTEXT = Feature("context", create_router=create_context_router)

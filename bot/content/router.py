"""The content feature's Telegram edge: one router assembled from its handler modules."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.types import Message

from bot.content import alumni, browse, compose, coordinator, inline, push, reach
from bot.nlu.result import NluParse


async def content_intent(message: Message, data: dict[str, Any], parsed: NluParse) -> None:
    """NLU ``minta_konten``: the same as /konten (for the assistant's routing table)."""
    await browse.show_library(message, data["t"], data["content"])


def create_content_router() -> Router:
    # a ContentError is a UserError: the dispatcher's error handler answers it
    router = Router(name="content")
    compose.register(router)
    push.register(router)
    coordinator.register(router)
    alumni.register(router)
    reach.register(router)
    browse.register(router)
    inline.register(router)
    return router

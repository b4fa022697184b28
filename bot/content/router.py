"""The content feature's Telegram edge: one router assembled from its handler modules."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import CallbackQuery, ErrorEvent, Message

from bot.content import alumni, browse, compose, coordinator, inline, push, reach
from bot.content.errors import ContentError
from bot.i18n import Catalog


async def on_content_error(event: ErrorEvent, catalog: Catalog, **_: Any) -> None:
    """A domain refusal that escaped a handler: tell the user what is wrong, in their language."""
    exc = event.exception
    assert isinstance(exc, ContentError)
    update = event.update
    target = update.message or update.callback_query
    user = target.from_user if target is not None else None
    lang = "en" if user and (user.language_code or "").startswith("en") else catalog.default
    text = catalog.text(lang, exc.key, **exc.args_)
    if isinstance(target, CallbackQuery):
        await target.answer(text, show_alert=True)
    elif isinstance(target, Message):
        await target.answer(text)


async def content_intent(message: Message, data: dict[str, Any], parsed: dict[str, Any]) -> None:
    """NLU ``minta_konten``: the same as /konten (for the assistant's routing table)."""
    await browse.show_library(message, data["t"], data["content"])


def create_content_router() -> Router:
    router = Router(name="content")
    router.errors.register(on_content_error, ExceptionTypeFilter(ContentError))
    compose.register(router)
    push.register(router)
    coordinator.register(router)
    alumni.register(router)
    reach.register(router)
    browse.register(router)
    inline.register(router)
    return router

"""The last line of defence: unknown errors are logged and the user gets a short apology."""

from __future__ import annotations

import logging
import traceback

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent

from bot.config import Settings
from bot.i18n import Catalog

log = logging.getLogger("bot.errors")


def _where(exc: BaseException) -> str:
    """The innermost frame of the project's own code: file:line in function."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/bot/" in f.filename] or frames
    if not ours:
        return "?"
    frame = ours[-1]
    return f"{frame.filename.rsplit('/bot/', 1)[-1]}:{frame.lineno} in {frame.name}"


async def on_error(event: ErrorEvent, bot: Bot, settings: Settings, catalog: Catalog) -> bool:
    """Apologise to the user, log with context, tell the ops chat without private data."""
    update = event.update
    kind = update.event_type
    log.error(
        "error handling %s update %s: %s",
        kind,
        update.update_id,
        type(event.exception).__name__,
        exc_info=event.exception,
    )
    user = None
    chat_id = None
    if update.message:
        user, chat_id = update.message.from_user, update.message.chat.id
    elif update.callback_query:
        user = update.callback_query.from_user
        msg = update.callback_query.message
        chat_id = msg.chat.id if msg else None
    lang = (
        "en" if user and (user.language_code or "").startswith("en") else settings.default_language
    )
    try:
        if update.callback_query:
            await update.callback_query.answer(catalog.text(lang, "error-apology"), show_alert=True)
        elif chat_id is not None:
            await bot.send_message(chat_id, catalog.text(lang, "error-apology"))
    except TelegramAPIError:
        log.warning("could not apologise for update %s", update.update_id)
    ops_chat = settings.ops_chat_id or settings.coordinators_chat_id
    if ops_chat:
        # The exception's message may carry user text: only its type and place are reported.
        summary = f"{type(event.exception).__name__} at {_where(event.exception)}"
        try:
            await bot.send_message(
                ops_chat,
                catalog.text(
                    settings.default_language,
                    "error-ops-report",
                    kind=kind,
                    update_id=update.update_id,
                    error=summary,
                ),
            )
        except TelegramAPIError:
            log.warning("could not report the error to the ops chat %s", ops_chat)
    return True


def create_errors_router() -> Router:
    router = Router(name="errors")
    router.errors.register(on_error)
    return router

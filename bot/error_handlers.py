"""Errors on the dispatcher: a :class:`~bot.errors.UserError` is answered, anything else apologised for.

``dp.errors`` holds the one typed handler (``ExceptionTypeFilter(UserError)``): the refusal reaches
the user in the language they chose with /bahasa — an alert for a button, a message otherwise. The
catch-all router is included after every feature's router, so a feature's own typed handler still
runs before it; it logs the error with ``exc_info``, apologises briefly (in the chosen language too)
and tells the ops chat the error's type and place, never the user's data — the same type and place
at most once per ten minutes (:class:`bot.ops.OpsAlerts`), so an outage that fails every update
is one alert with a count of the ones held back, not one per update.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import CallbackQuery, ErrorEvent, Message, Update
from aiogram.types import User as TgUser

from bot.errors import UserError
from bot.i18n import Catalog
from bot.ops import OpsAlerts
from bot.people.service import PeopleService, Person, language_for

log = logging.getLogger("bot.errors")


def _where(exc: BaseException) -> str:
    """The innermost frame of the project's own code: file:line in function."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/bot/" in f.filename] or frames
    if not ours:
        return "?"
    frame = ours[-1]
    return f"{frame.filename.rsplit('/bot/', 1)[-1]}:{frame.lineno} in {frame.name}"


def _user_of(update: Update) -> TgUser | None:
    event = update.event
    user = getattr(event, "from_user", None)
    return user if isinstance(user, TgUser) else None


async def chosen_language(update: Update, data: dict[str, Any], people: PeopleService) -> str:
    """The language the user chose with /bahasa (looked up when the middleware did not get to it)."""
    person = data.get("person")
    if isinstance(person, Person):
        return person.language
    user = _user_of(update)
    if user is None:
        return people.default_language
    try:
        return (await people.get(user.id)).language
    except Exception:  # unknown user, or the database is what failed: Telegram's locale will do
        return language_for(None, user.language_code, people.default_language)


async def _tell(update: Update, bot: Bot, text: str) -> None:
    """An alert for a button press, a message in the chat otherwise (nothing for other updates)."""
    target = update.callback_query or update.message
    try:
        if isinstance(target, CallbackQuery):
            await target.answer(text, show_alert=True)
        elif isinstance(target, Message):
            await bot.send_message(target.chat.id, text)
    except TelegramAPIError:
        log.warning("could not answer update %s", update.update_id)


async def on_user_error(
    event: ErrorEvent, bot: Bot, catalog: Catalog, people: PeopleService, **data: Any
) -> bool:
    """A refusal a service raised: tell the user why, in their language."""
    exc = event.exception
    assert isinstance(exc, UserError)
    log.info("update %s refused: %s", event.update.update_id, exc.key)
    lang = await chosen_language(event.update, data, people)
    await _tell(event.update, bot, exc.render(catalog, lang))
    return True


async def on_error(
    event: ErrorEvent,
    bot: Bot,
    catalog: Catalog,
    people: PeopleService,
    ops_alerts: OpsAlerts,
    **data: Any,
) -> bool:
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
    lang = await chosen_language(update, data, people)
    await _tell(update, bot, catalog.text(lang, "error-apology"))
    # The exception's message may carry user text: only its type and place are reported.
    summary = f"{type(event.exception).__name__} at {_where(event.exception)}"
    await ops_alerts.alert(
        bot,
        summary,
        "error-ops-report",
        kind=kind,
        update_id=update.update_id,
        error=summary,
    )
    return True


def register_user_errors(dp: Dispatcher) -> None:
    """The one typed handler, on the dispatcher: it sees every router's ``UserError``."""
    dp.errors.register(on_user_error, ExceptionTypeFilter(UserError))


def create_errors_router() -> Router:
    """The catch-all: include it after every feature router."""
    router = Router(name="errors")
    router.errors.register(on_error)
    return router

"""The free-text router: NLU reads a message outside any conversation and hands it on.

The whole routing table is here, in one place: intent → what the bot does.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.types import Message

from bot.content.router import content_intent
from bot.i18n import Translator
from bot.nlu.service import NluService
from bot.people.keyboards import main_menu
from bot.people.router import help_text
from bot.people.service import PeopleService, Person
from bot.reports.router import show_status
from bot.reports.steps import begin_report
from bot.surveys.router import survey_intent

log = logging.getLogger(__name__)

IntentHandler = Callable[[Message, dict[str, Any], dict[str, Any]], Awaitable[None]]


async def _greet(message: Message, data: dict[str, Any], parsed: dict[str, Any]) -> None:
    t: Translator = data["t"]
    person: Person = data["person"]
    await message.answer(t("start-again", name=person.first_name), reply_markup=main_menu(t))


async def _help(message: Message, data: dict[str, Any], parsed: dict[str, Any]) -> None:
    t: Translator = data["t"]
    await message.answer(help_text(t, data["person"]), reply_markup=main_menu(t))


async def _stop(message: Message, data: dict[str, Any], parsed: dict[str, Any]) -> None:
    t: Translator = data["t"]
    people: PeopleService = data["people"]
    await people.set_opted_out(data["person"].id, True)
    await message.answer(t("optout-done"), reply_markup=main_menu(t))


async def _report(message: Message, data: dict[str, Any], parsed: dict[str, Any]) -> None:
    """Start the report flow prefilled with the text, the category and the place NLU found."""
    await begin_report(
        message, data["state"], data["t"], data["person"], data["reports"],
        prefill=parsed, settings=data.get("settings"),
    )


async def _status(message: Message, data: dict[str, Any], parsed: dict[str, Any]) -> None:
    await show_status(message, data["t"], data["person"], data["reports"], data.get("settings"))


#: intent → handler: the whole free-text routing table.
INTENT_ROUTES: dict[str, IntentHandler] = {
    "sapa": _greet,
    "bantuan": _help,
    "berhenti": _stop,
    "lapor_insiden": _report,
    "cek_status": _status,
    "ikut_survei": survey_intent,
    "minta_konten": content_intent,
}


async def understand(message: Message, nlu: NluService, t: Translator, **data: Any) -> None:
    """Parse the text and route by intent; no confident intent → say so, show the menu."""
    parsed = await nlu.parse(message.text or "")
    intent = parsed["intent"]["name"]
    log.info("free text: intent=%s confidence=%.2f", intent, parsed["intent"]["confidence"])
    handler = INTENT_ROUTES.get(intent) if intent else None
    if handler is None:
        await message.answer(t("not-understood"), reply_markup=main_menu(t))
        return
    await handler(message, {"t": t, **data}, parsed)


def create_assistant_router() -> Router:
    """Private text messages that are not commands and arrive outside any conversation."""
    router = Router(name="assistant")
    router.message.register(
        understand,
        F.chat.type == "private",
        F.text,
        ~F.text.startswith("/"),
        StateFilter(None),
    )
    return router

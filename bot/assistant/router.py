"""The free-text router: NLU reads an idle user's message and hands it on.

Only text that no pending step and no reply took arrives here (see :mod:`bot.assistant.context`).
The whole routing table is here, in one place: intent → what the bot does. An intent that costs
something is acted on only when :func:`bot.assistant.decide.decide` says the guess is sure;
otherwise the bot asks with buttons ("Maksudmu berhenti menerima siaran?" [Ya, berhenti] [Tidak]).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.assistant.decide import REPORT, STOP, Route, decide
from bot.callback_data import Callback
from bot.content.router import content_intent
from bot.i18n import Translator
from bot.nlu.result import NluParse
from bot.nlu.service import NluService
from bot.people.keyboards import main_menu
from bot.people.router import ask_erase, greeting_for, help_text
from bot.people.service import PeopleService, Person
from bot.reports.telegram.router import show_status
from bot.reports.telegram.steps import begin_report
from bot.surveys.router import survey_intent

log = logging.getLogger(__name__)

IntentHandler = Callable[[Message, dict[str, Any], NluParse], Awaitable[None]]


async def _greet(message: Message, data: dict[str, Any], parsed: NluParse) -> None:
    t: Translator = data["t"]
    person: Person = data["person"]
    await message.answer(greeting_for(t, person), reply_markup=main_menu(t))


async def _help(message: Message, data: dict[str, Any], parsed: NluParse) -> None:
    t: Translator = data["t"]
    await message.answer(help_text(t, data["person"]), reply_markup=main_menu(t))


async def _stop(message: Message, data: dict[str, Any], parsed: NluParse) -> None:
    t: Translator = data["t"]
    people: PeopleService = data["people"]
    await people.set_opted_out(data["person"].id, True)
    await message.answer(t("optout-done"), reply_markup=main_menu(t))


async def _report(message: Message, data: dict[str, Any], parsed: NluParse) -> None:
    """Start the report flow prefilled with the text, the category and the place NLU found."""
    await begin_report(
        message,
        data["state"],
        data["t"],
        data["person"],
        data["reports"],
        prefill=parsed,
        settings=data.get("settings"),
    )


async def _status(message: Message, data: dict[str, Any], parsed: NluParse) -> None:
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


class AskCb(Callback, prefix="ask"):
    """The answer to "did you mean …?": ``intent`` is the short name of what would be done."""

    intent: str
    yes: bool


#: intent → the short name its confirmation buttons carry (64-byte callback data).
ASKED = {STOP: "stop", REPORT: "report"}
ASK_TEXTS = {"stop": ("ask-stop", "ask-stop-yes"), "report": ("ask-report", "ask-report-yes")}


def ask_keyboard(t: Translator, asked: str) -> InlineKeyboardMarkup:
    _question, yes = ASK_TEXTS[asked]
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t(yes), callback_data=AskCb(intent=asked, yes=True).pack()
                ),
                InlineKeyboardButton(
                    text=t("ask-no"), callback_data=AskCb(intent=asked, yes=False).pack()
                ),
            ]
        ]
    )


async def understand(message: Message, nlu: NluService, t: Translator, **data: Any) -> None:
    """Parse the text and route by intent; ask before a costly guess; else say we did not get it."""
    parsed = await nlu.parse(message.text or "")
    decision = decide(parsed, nlu.action_threshold)
    log.info(
        "free text: intent=%s confidence=%.2f route=%s",
        parsed.guess,
        parsed.confidence,
        decision.route.value,
    )
    handler = INTENT_ROUTES.get(decision.intent) if decision.intent else None
    if decision.route is Route.ERASE:
        await ask_erase(message, t)
    elif decision.route is Route.CONFIRM and decision.intent in ASKED:
        asked = ASKED[decision.intent]
        # a reply to the user's own message: the answer can read the text it is about
        await message.reply(t(ASK_TEXTS[asked][0]), reply_markup=ask_keyboard(t, asked))
    elif handler is None:
        await message.answer(t("not-understood"), reply_markup=main_menu(t))
    else:
        await handler(message, {"t": t, **data}, parsed)


async def answer_ask(
    query: CallbackQuery,
    callback_data: AskCb,
    nlu: NluService,
    t: Translator,
    **data: Any,
) -> None:
    """[Ya …] does what the message seemed to mean; [Tidak] changes nothing."""
    await query.answer()
    message = query.message
    if not isinstance(message, Message):
        return
    await message.edit_reply_markup(reply_markup=None)
    if not callback_data.yes:
        await message.answer(t("ask-declined"), reply_markup=main_menu(t))
        return
    asked = next((i for i, short in ASKED.items() if short == callback_data.intent), None)
    if asked is None:
        await message.answer(t("stale-button"), reply_markup=main_menu(t))
        return
    original = message.reply_to_message.text if message.reply_to_message else None
    parsed = await nlu.parse(original or "")
    await INTENT_ROUTES[asked](message, {"t": t, **data}, parsed)


def create_assistant_router() -> Router:
    """Private text of idle users (not commands), and the answers to "did you mean …?"."""
    router = Router(name="assistant")
    router.message.register(
        understand,
        F.chat.type == "private",
        F.text,
        ~F.text.startswith("/"),
        StateFilter(None),
    )
    router.callback_query.register(answer_ask, AskCb.filter(), F.message.chat.type == "private")
    return router

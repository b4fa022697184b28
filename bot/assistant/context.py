"""Context first: what a message means depends on what the bot asked.

The whole precedence, in router order (``bot/app.py``):

1. a command (``/batal``, ``/lapor``…) means itself, whatever is pending;
2. a Telegram reply to a bot message that asked something goes to what that message asked
   (this router): a partner's relayed question → the answer to that report, even without pressing
   Balas; a survey question → the answer to that question;
3. a pending step takes the text (its feature's ``StateFilter`` handlers): report wizard, survey
   question (typed options are matched, else the buttons come again), relay answer after Balas,
   a partner's or coordinator's prompt;
4. only an idle user's free text reaches the NLU (:mod:`bot.assistant.router`), which asks first
   before acting on a costly guess (:mod:`bot.assistant.decide`);
5. anything else gets the fallback (:mod:`bot.fallback`).

A bot message that asks something carries its question in its buttons' callback data (``rr:<report>``
on a relayed question, ``sq:<response>:<question>:…`` on a survey question), so the reply is routed
by unpacking them: no second record of the same fact. The services re-check everything as for a
button press (only the reporter may answer; only the current question of one's own response).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message

from bot.config import Settings
from bot.i18n import Catalog, Translator
from bot.people.service import Person
from bot.reports.domain.errors import ReportError
from bot.reports.flows.core import ReportFlows
from bot.reports.telegram.keyboards import ReplyCb
from bot.reports.telegram.reporter_answers import (
    PendingQuestion,
    on_typed_while_pending,
    relay_answer,
)
from bot.surveys.keyboards import AnswerCb
from bot.surveys.router import answer_typed
from bot.surveys.runner import SurveyRunner


@dataclass(frozen=True, slots=True)
class Asked:
    """What a bot message asked: a relay answer to ``report`` or a survey ``response``."""

    kind: str  # "relay" | "survey"
    ref: int


def asked_by(markup: InlineKeyboardMarkup | None) -> Asked | None:
    """The question a bot message's buttons belong to, if any."""
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            data = button.callback_data or ""
            if (relay := ReplyCb.parse(data)) is not None:
                return Asked("relay", relay.report_id)
            if (survey := AnswerCb.parse(data)) is not None:
                return Asked("survey", survey.r)
    return None


class RepliesToQuestion(Filter):
    """A reply to one of this bot's messages that asked something; hands on ``asked``."""

    async def __call__(self, message: Message, bot: Bot) -> bool | dict[str, Any]:
        replied = message.reply_to_message
        if replied is None or replied.from_user is None or replied.from_user.id != bot.id:
            return False
        asked = asked_by(replied.reply_markup)
        return {"asked": asked} if asked is not None else False


async def answer_reply(
    message: Message,
    asked: Asked,
    person: Person,
    t: Translator,
    state: FSMContext,
    bot: Bot,
    catalog: Catalog,
    settings: Settings,
    report_flows: ReportFlows,
    survey_runner: SurveyRunner,
) -> None:
    """The reply answers what the replied-to message asked; any pending step stays pending."""
    if asked.kind == "relay":
        idle = await state.get_state() is None
        try:
            await relay_answer(message, asked.ref, t, person, report_flows, menu=idle)
        except ReportError as exc:
            await message.answer(exc.text(t))
        return
    replied = message.reply_to_message
    await answer_typed(
        message,
        asked.ref,
        person,
        t,
        survey_runner,
        state,
        question_message=replied.message_id if replied else None,
    )


def create_context_router() -> Router:
    """Replies to the bot's questions, ahead of every feature's pending steps."""
    router = Router(name="context")
    router.message.register(
        answer_reply,
        F.chat.type == "private",
        F.text,
        ~F.text.startswith("/"),
        RepliesToQuestion(),
    )
    router.message.register(  # typed without Balas while a partner's question waits
        on_typed_while_pending,
        F.chat.type == "private",
        F.text,
        ~F.text.startswith("/"),
        StateFilter(None),
        PendingQuestion(),
    )
    return router

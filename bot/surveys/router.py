"""Surveys in the chat: /survei (and the Survei button), one question per message, /hasil.

State table (the whole conversation):
  /survei → list of open surveys → [sv:start:<slug>] → intro + question 1
  choice button [sq:<response>:<q>:a:<option>] → answer recorded in the message, next question
  multi: [t] ticks an option (edited in place), [n] goes on; [s] skips an optional question
  [b] Back → the previous question, in the same message
  text question → SurveyStates.text: the next text message is the answer
  choice question → SurveyStates.choice: typed text that names an option answers it ("tidak" →
    Tidak), any other text shows the buttons again; a Telegram reply to a question answers that one
  last answer → thanks, main menu.  Position lives in the database: leave and resume any time.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.filters import HasRole, MenuButton
from bot.i18n import Safe, Translator
from bot.nlu.result import NluParse
from bot.people.keyboards import main_menu
from bot.people.models import Role
from bot.people.service import Person
from bot.surveys import charts, exports
from bot.surveys.analysis import SurveyAnalysis
from bot.surveys.keyboards import AnswerCb, StartCb, question_keyboard, survey_list
from bot.surveys.runner import (
    AnswerInvalidError,
    Step,
    SurveyRunner,
    match_option,
)
from bot.surveys.service import SurveyError, SurveyService, UnknownSurveyError

log = logging.getLogger(__name__)


class SurveyStates(StatesGroup):
    text = State()
    choice = State()


def question_text(t: Translator, step: Step) -> str:
    q = step.question
    assert q is not None
    text = t(
        "survey-question",
        title=step.survey.title_in(t.lang),
        n=str(step.index + 1),
        total=str(step.total),
        text=q.text.get(t.lang) or q.text["id"],
    )
    return f"{text}\n\n{t('survey-hint-' + q.type)}"


async def show_step(
    message: Message, step: Step, t: Translator, state: FSMContext, *, edit: bool = False
) -> None:
    """Send (or edit into) the step's question; at the end the thanks were owed with the
    completion (bot/surveys/thanks.py) and the outbox sends them."""
    if step.done:
        await state.clear()
        return
    assert step.question is not None
    # the question waits for an answer: typed text goes to it, not to the NLU
    await state.set_state(
        SurveyStates.text if step.question.type == "text" else SurveyStates.choice
    )
    keyboard = question_keyboard(t, step)
    if edit:
        await message.edit_text(question_text(t, step), reply_markup=keyboard)
        shown = message.message_id
    else:
        shown = (await message.answer(question_text(t, step), reply_markup=keyboard)).message_id
    await state.update_data(survey_response=step.response_id, survey_message=shown)


def answered_text(t: Translator, step: Step, q_index: int, option: int | None) -> str:
    """What a question's message becomes once answered: the question and the answer given."""
    answered = step.survey.questions[q_index]
    if option is not None:
        opt = answered.options[option]
        chosen = opt.label.get(t.lang) or opt.label["id"]
    else:
        chosen = t("survey-noted")
    return t(
        "survey-answered", text=answered.text.get(t.lang) or answered.text["id"], answer=chosen
    )


async def list_surveys(
    message: Message, person: Person, t: Translator, survey_runner: SurveyRunner, state: FSMContext
) -> None:
    """The open surveys this person may take (in progress ones offer to resume)."""
    if await state.get_state() in (SurveyStates.text.state, SurveyStates.choice.state):
        await state.clear()
    surveys = await survey_runner.available(person)
    if not surveys:
        await message.answer(t("survey-none"), reply_markup=main_menu(t))
        return
    await message.answer(t("survey-list-title"), reply_markup=survey_list(t, surveys))


async def start_survey(
    query: CallbackQuery,
    callback_data: StartCb,
    person: Person,
    t: Translator,
    survey_runner: SurveyRunner,
    state: FSMContext,
) -> None:
    """Begin or resume a survey (from the list, a broadcast or a reminder)."""
    if not isinstance(query.message, Message):
        await query.answer()
        return
    step = await survey_runner.start(callback_data.slug, person)  # a SurveyError is an alert
    await query.answer()
    if step.resumed:
        await query.message.answer(t("survey-resumed"))
    else:
        intro = step.survey.intro.get(t.lang) or step.survey.intro["id"]
        await query.message.answer(
            Safe(
                f"<b>{html.escape(step.survey.title_in(t.lang))}</b>\n{html.escape(intro, quote=False)}"
            )
        )
    await show_step(query.message, step, t, state)


async def answer_button(
    query: CallbackQuery,
    callback_data: AnswerCb,
    person: Person,
    t: Translator,
    survey_runner: SurveyRunner,
    state: FSMContext,
) -> None:
    """Any answer button: choose, tick, next, skip, back (ownership re-checked by the runner)."""
    message = query.message
    if not isinstance(message, Message):
        await query.answer()
        return
    cb = callback_data
    # a SurveyError (stale button, closed survey…) is answered with an alert by the error handler
    if cb.a == "a":
        step = await survey_runner.choose(cb.r, person, cb.q, cb.o)
    elif cb.a == "t":
        step = await survey_runner.toggle(cb.r, person, cb.q, cb.o)
    elif cb.a == "n":
        step = await survey_runner.next(cb.r, person, cb.q)
    elif cb.a == "s":
        step = await survey_runner.skip(cb.r, person, cb.q)
    elif cb.a == "b":
        step = await survey_runner.back(cb.r, person, cb.q)
    else:
        raise AnswerInvalidError("unknown action")
    await query.answer()
    if cb.a in ("t", "b"):
        await show_step(message, step, t, state, edit=True)
        return
    if cb.a == "s":
        answered = step.survey.questions[cb.q]
        record = t(
            "survey-answered",
            text=answered.text.get(t.lang) or answered.text["id"],
            answer=t("survey-skipped"),
        )
    else:
        record = answered_text(t, step, cb.q, cb.o if cb.a == "a" else None)
    await message.edit_text(record, reply_markup=None)
    await show_step(message, step, t, state)


async def text_answer(
    message: Message, person: Person, t: Translator, survey_runner: SurveyRunner, state: FSMContext
) -> None:
    """The free-text answer to the current question."""
    data = await state.get_data()
    response_id = data.get("survey_response")
    if not message.text or response_id is None:
        await message.answer(t("survey-text-expected"))
        return
    await answer_typed(message, int(response_id), person, t, survey_runner, state)


async def typed_choice(
    message: Message, person: Person, t: Translator, survey_runner: SurveyRunner, state: FSMContext
) -> None:
    """Text typed while a choice question waits: the option it names, or the buttons again."""
    data = await state.get_data()
    response_id, shown = data.get("survey_response"), data.get("survey_message")
    if response_id is None:
        await state.clear()
        await message.answer(t("survey-stale"), reply_markup=main_menu(t))
        return
    await answer_typed(
        message, int(response_id), person, t, survey_runner, state, question_message=shown
    )


async def answer_typed(
    message: Message,
    response_id: int,
    person: Person,
    t: Translator,
    survey_runner: SurveyRunner,
    state: FSMContext,
    *,
    question_message: int | None = None,
) -> None:
    """Typed text for a response's current question (typed at it, or a reply to it).

    A text question takes it as the answer; a choice question takes the option it names and
    turns its message (``question_message``) into the record of the answer; text that names no
    option gets the buttons again.
    """
    text = message.text or ""
    try:
        step = await survey_runner.current(response_id, person)
        question = step.question
        assert question is not None
        if question.type == "text":
            await show_step(
                message, await survey_runner.answer_text(response_id, person, text), t, state
            )
            return
        option = match_option(question, text)
        if option is None:
            await message.answer(t("survey-use-buttons"))
            await show_step(message, step, t, state)
            return
        if question.type == "multi":
            await show_step(
                message,
                await survey_runner.toggle(response_id, person, step.index, option),
                t,
                state,
            )
            return
        after = await survey_runner.choose(response_id, person, step.index, option)
    except AnswerInvalidError:
        await message.answer(t("survey-text-too-long"))
        return
    except SurveyError as exc:
        await state.clear()
        await message.answer(exc.text(t), reply_markup=main_menu(t))
        return
    if question_message is not None and message.bot is not None:
        with contextlib.suppress(TelegramBadRequest):  # too old to edit: the record is optional
            await message.bot.edit_message_text(
                answered_text(t, step, step.index, option),
                chat_id=message.chat.id,
                message_id=question_message,
                reply_markup=None,
            )
    await show_step(message, after, t, state)


async def show_results(
    message: Message,
    command: CommandObject,
    t: Translator,
    surveys: SurveyService,
    survey_analysis: SurveyAnalysis,
) -> None:
    """/hasil SLUG: a summary, charts and an XLSX; without SLUG, the list of surveys."""
    slug = (command.args or "").strip().split()[0] if command.args else ""
    if not slug:
        lines = []
        for info in await surveys.list():
            _started, completed = await surveys.counts(info.id)
            lines.append(
                t(
                    "survey-results-line",
                    slug=info.slug,
                    title=info.title_in(t.lang),
                    status=info.status,
                    completed=str(completed),
                )
            )
        await message.answer(
            t("survey-results-usage") + ("\n\n" + "\n".join(lines) if lines else "")
        )
        return
    try:
        info = await surveys.get(slug)
        vs = info.pair if info.wave == "post" and info.pair else None
        if vs is not None:
            try:
                await surveys.get(vs)
            except UnknownSurveyError:
                vs = None
        doc = await survey_analysis.results(slug, vs=vs, by="province")
    except UnknownSurveyError:
        await message.answer(t("survey-results-unknown", slug=slug))
        return
    summary = exports.to_text(doc, t.lang, short=True)
    await message.answer(Safe(f"<pre>{html.escape(summary[:3800], quote=False)}</pre>"))
    likert, means, xlsx = await asyncio.to_thread(_render, doc, t.lang)
    if likert:
        await message.answer_photo(
            BufferedInputFile(likert, f"{slug}-likert.png"), caption=t("survey-chart-likert")
        )
    if means:
        await message.answer_photo(
            BufferedInputFile(means, f"{slug}-means.png"),
            caption=t("survey-chart-means", vs=vs or ""),
        )
    await message.answer_document(
        BufferedInputFile(xlsx, f"{slug}.xlsx"), caption=t("survey-results-file")
    )


def _render(doc: dict, lang: str) -> tuple[bytes | None, bytes | None, bytes]:  # type: ignore[type-arg]
    return charts.likert_chart(doc, lang), charts.means_chart(doc, lang), exports.to_xlsx(doc, lang)


async def results_not_allowed(message: Message, t: Translator) -> None:
    """/hasil is for coordinators."""
    await message.answer(t("not-allowed"))


def create_survey_router() -> Router:
    router = Router(name="surveys")
    router.message.register(list_surveys, Command("survei", "survey"))
    router.message.register(list_surveys, MenuButton("menu-survey"))
    router.callback_query.register(start_survey, StartCb.filter(F.action == "start"))
    router.callback_query.register(answer_button, AnswerCb.filter())
    router.message.register(
        text_answer,
        StateFilter(SurveyStates.text),
        F.chat.type == "private",
        ~F.text.startswith("/"),
    )
    router.message.register(
        typed_choice,
        StateFilter(SurveyStates.choice),
        F.chat.type == "private",
        F.text,
        ~F.text.startswith("/"),
    )
    router.message.register(show_results, Command("hasil", "results"), HasRole(Role.COORDINATOR))
    router.message.register(results_not_allowed, Command("hasil", "results"))
    return router


async def survey_intent(message: Message, data: dict[str, Any], parsed: NluParse) -> None:
    """Free text "mau ikut survei" (NLU ``ikut_survei``): the same list as /survei."""
    await list_surveys(message, data["person"], data["t"], data["survey_runner"], data["state"])

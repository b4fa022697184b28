"""Survey keyboards: the list of surveys, and each question's answer buttons with Back."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callback_data import Callback
from bot.i18n import Translator
from bot.surveys.runner import Step
from bot.surveys.service import SurveyInfo


class StartCb(Callback, prefix="sv"):
    """Start or resume a survey: ``sv:start:<slug>`` (broadcasts carry it as a button)."""

    action: str
    slug: str


class AnswerCb(Callback, prefix="sq"):
    """An answer button: response id, question index, action (a/t/n/s/b), option index."""

    r: int
    q: int
    a: str
    o: int = -1


def start_data(slug: str) -> str:
    return StartCb(action="start", slug=slug).pack()


def survey_list(t: Translator, surveys: list[tuple[SurveyInfo, bool]]) -> InlineKeyboardMarkup:
    rows = []
    for info, in_progress in surveys:
        key = "survey-resume-button" if in_progress else "survey-start-button"
        rows.append(
            [
                InlineKeyboardButton(
                    text=t(key, title=info.title_in(t.lang))[:64],
                    callback_data=start_data(info.slug),
                )
            ]
        )
    return InlineKeyboardMarkup(inline_keyboard=rows)


def start_button(t: Translator, slug: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=t("survey-take-button"), callback_data=start_data(slug))]
        ]
    )


def question_keyboard(t: Translator, step: Step) -> InlineKeyboardMarkup | None:
    q = step.question
    assert q is not None
    lang = t.lang

    def button(text: str, action: str, option: int = -1) -> InlineKeyboardButton:
        data = AnswerCb(r=step.response_id, q=step.index, a=action, o=option).pack()
        return InlineKeyboardButton(text=text, callback_data=data)

    def label(i: int) -> str:
        opt = q.options[i]
        text = opt.label.get(lang) or opt.label.get("id") or opt.value
        if q.type == "multi":
            return ("✅ " if opt.value in step.selected else "▫️ ") + text
        return ("✓ " if opt.value in step.selected else "") + text

    rows: list[list[InlineKeyboardButton]] = []
    if q.type == "scale0_10":
        rows = [
            [button(label(i), "a", i) for i in range(0, 6)],
            [button(label(i), "a", i) for i in range(6, 11)],
        ]
    elif q.type == "yesno":
        rows = [[button(label(i), "a", i) for i in range(len(q.options))]]
    elif q.type in ("likert5", "single"):
        rows = [[button(label(i), "a", i)] for i in range(len(q.options))]
    elif q.type == "multi":
        rows = [[button(label(i), "t", i)] for i in range(len(q.options))]
        rows.append([button(t("survey-next"), "n")])
    if q.type != "multi" and not q.required:
        rows.append([button(t("survey-skip"), "s")])
    if not step.first:
        rows.append([button(t("survey-back"), "b")])
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None

"""Keyboards of the /siaran wizard."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.broadcasting.segments import Choice
from bot.callback_data import Callback
from bot.i18n import Translator

ROLE_KEYS = ("everyone", "alumni", "citizen", "partner")
LANGUAGE_KEYS = ("id", "en")
#: Segment kinds other features offer → the toggle action of their choices (short: callback data).
CHOICE_ACTIONS = {
    "cohorts": "co",
    "topics": "tp",
    "surveys_completed": "sd",
    "surveys_not_completed": "sn",
}
#: The sub-menus of the segment step: one for cohorts, one for topics, one for both survey states.
CHOICE_MENUS = {
    "cohorts": ("cohorts",),
    "topics": ("topics",),
    "surveys": ("surveys_completed", "surveys_not_completed"),
}
MAX_CHOICES = 24


class BcCb(Callback, prefix="bc"):
    """A wizard step: ``action`` (next, back, cancel, role, lang…) and its ``value``."""

    action: str
    value: str = ""


def _b(text: str, action: str, value: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=BcCb(action=action, value=value).pack())


def fits(action: str, value: str) -> bool:
    """Whether a choice can travel in a button (Telegram's 64 bytes, no ``:`` in the value)."""
    return ":" not in value and len(f"bc:{action}:{value}".encode()) <= 64


def _label(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mark(on: bool, label: str) -> str:
    return f"✅ {label}" if on else label


def nav_row(t: Translator, *, back: bool = True, next_: bool = False) -> list[InlineKeyboardButton]:
    row = []
    if back:
        row.append(_b(t("broadcast-back"), "back"))
    row.append(_b(t("broadcast-cancel"), "cancel"))
    if next_:
        row.append(_b(t("broadcast-next"), "next"))
    return row


def cancel_only(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[nav_row(t, back=False)])


def back_cancel(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[nav_row(t)])


def message_menu(t: Translator, has_items: bool) -> InlineKeyboardMarkup:
    rows = [[_b(t("broadcast-pick-item"), "items")]] if has_items else []
    rows.append(nav_row(t, back=False))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def items_menu(t: Translator, items: list[Choice]) -> InlineKeyboardMarkup:
    rows = [[_b(f"📄 {_label(c.label)}", "item", c.value)] for c in items if fits("item", c.value)]
    rows.append(nav_row(t))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def buttons_menu(t: Translator, has_buttons: bool, has_surveys: bool) -> InlineKeyboardMarkup:
    rows = [[_b(t("broadcast-button-url"), "url"), _b(t("broadcast-button-share"), "share")]]
    if has_surveys:
        rows.append([_b(t("broadcast-button-survey"), "survey")])
    if has_buttons:
        rows.append([_b(t("broadcast-button-clear"), "clear")])
    rows.append(nav_row(t, next_=True))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def surveys_menu(t: Translator, surveys: list[Choice]) -> InlineKeyboardMarkup:
    rows = [[_b(f"📋 {_label(c.label)}", "svb", c.value)] for c in surveys if fits("svb", c.value)]
    rows.append(nav_row(t))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def segment_menu(
    t: Translator, roles: list[str], languages: list[str], choice_keys: list[str] | None = None
) -> InlineKeyboardMarkup:
    mark = _mark
    choice_keys = choice_keys or []
    role_row = [
        _b(
            mark((r in roles) or (r == "everyone" and not roles), t(f"broadcast-role-{r}")),
            "role",
            r,
        )
        for r in ROLE_KEYS
    ]
    menus = [m for m, keys in CHOICE_MENUS.items() if any(k in choice_keys for k in keys)]
    kinds = [_b(t(f"broadcast-menu-{m}"), "kind", m) for m in menus]
    lang_row = [
        _b(mark(code in languages, t(f"language-name-{code}")), "lang", code)
        for code in LANGUAGE_KEYS
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=[
            role_row[:2],
            role_row[2:],
            lang_row,
            [_b(t("broadcast-regions"), "regions")],
            *([kinds] if kinds else []),
            nav_row(t, next_=True),
        ]
    )


def choices_menu(
    t: Translator, key: str, choices: list[Choice], chosen: list[str]
) -> InlineKeyboardMarkup:
    """Toggles of one segment kind (cohorts or topics), then back to the segment step."""
    action = CHOICE_ACTIONS[key]
    rows = [
        [_b(_mark(c.value in chosen, _label(c.label)), action, c.value)]
        for c in choices[:MAX_CHOICES]
        if fits(action, c.value)
    ]
    rows.append([_b(t("broadcast-back"), "segment")])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def survey_state_menu(
    t: Translator, surveys: list[Choice], completed: list[str], not_completed: list[str]
) -> InlineKeyboardMarkup:
    """Per survey: "completed" and "not completed" toggles, then back to the segment step."""
    done, not_done = t("broadcast-survey-done"), t("broadcast-survey-not-done")
    rows = [
        [
            _b(_mark(c.value in completed, f"{done}: {_label(c.label, 24)}"), "sd", c.value),
            _b(
                _mark(c.value in not_completed, f"{not_done}: {_label(c.label, 24)}"), "sn", c.value
            ),
        ]
        for c in surveys[:MAX_CHOICES]
        if fits("sd", c.value)
    ]
    rows.append([_b(t("broadcast-back"), "segment")])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def when_menu(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_b(t("broadcast-now"), "now"), _b(t("broadcast-later"), "later")],
            nav_row(t),
        ]
    )


def confirm_menu(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_b(t("broadcast-confirm-yes"), "confirm")], nav_row(t)]
    )


def stop_menu(t: Translator, broadcast_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_b(t("broadcast-stop"), "stop", str(broadcast_id))]]
    )

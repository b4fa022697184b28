"""Keyboards of the /siaran wizard."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator

ROLE_KEYS = ("everyone", "alumni", "citizen", "partner")
LANGUAGE_KEYS = ("id", "en")


class BcCb(CallbackData, prefix="bc"):
    """A wizard step: ``action`` (next, back, cancel, role, lang…) and its ``value``."""

    action: str
    value: str = ""


def _b(text: str, action: str, value: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=BcCb(action=action, value=value).pack())


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


def buttons_menu(t: Translator, has_buttons: bool) -> InlineKeyboardMarkup:
    rows = [[_b(t("broadcast-button-url"), "url"), _b(t("broadcast-button-share"), "share")]]
    if has_buttons:
        rows.append([_b(t("broadcast-button-clear"), "clear")])
    rows.append(nav_row(t, next_=True))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def segment_menu(t: Translator, roles: list[str], languages: list[str]) -> InlineKeyboardMarkup:
    def mark(on: bool, label: str) -> str:
        return f"✅ {label}" if on else label

    role_row = [
        _b(
            mark((r in roles) or (r == "everyone" and not roles), t(f"broadcast-role-{r}")),
            "role",
            r,
        )
        for r in ROLE_KEYS
    ]
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
            nav_row(t, next_=True),
        ]
    )


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

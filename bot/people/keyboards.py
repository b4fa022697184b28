"""Keyboards of onboarding: the main menu and the language picker."""

from __future__ import annotations

from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.callback_data import Callback
from bot.i18n import Translator


class LanguageCb(Callback, prefix="lang"):
    code: str


def main_menu(t: Translator) -> ReplyKeyboardMarkup:
    """Lapor Insiden / Konten Kampanye / Survei / Status Laporan / Bantuan."""
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=t("menu-report"))],
            [KeyboardButton(text=t("menu-content")), KeyboardButton(text=t("menu-survey"))],
            [KeyboardButton(text=t("menu-status")), KeyboardButton(text=t("menu-help"))],
        ],
        resize_keyboard=True,
        input_field_placeholder=t("menu-placeholder"),
    )


def language_picker(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("language-name-id"), callback_data=LanguageCb(code="id").pack()
                ),
                InlineKeyboardButton(
                    text=t("language-name-en"), callback_data=LanguageCb(code="en").pack()
                ),
            ]
        ]
    )

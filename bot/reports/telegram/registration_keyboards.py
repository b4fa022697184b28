"""Buttons and texts of a partner's registration from its group (:mod:`bot.reports.telegram.registration`).

Every panel is one message that the presses edit in place; the press carries only an action and a
value (a region code, a category), re-checked by the handler (who pressed, the step they are in,
the code in the gazetteer), never trusted.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from enum import StrEnum

from aiogram.types import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup

from bot.callback_data import Callback
from bot.geo.gazetteer import Gazetteer, Region
from bot.i18n import Safe, Translator
from bot.reports.domain.categories import CATEGORIES, category_key

NATIONAL = "*"
ALL = "*"


class Act(StrEnum):
    """What a registration button does."""

    START = "start"
    CHANGE = "change"
    INVITE = "invite"
    NAME_OK = "nameok"
    NAME_TYPE = "name"
    SEARCH = "search"
    PROVINCES = "provs"
    ADD = "add"
    DROP = "drop"
    NATIONAL = "all"
    REGIONS = "regions"
    REGIONS_DONE = "regok"
    CATEGORY = "cat"
    ALL_CATEGORIES = "allcat"
    CATEGORIES_DONE = "catok"
    SAVE = "save"
    CANCEL = "cancel"


class RegCb(Callback, prefix="pm"):
    """A press in the partner registration: ``act`` and an optional value."""

    act: str
    value: str = ""


def _btn(text: str, act: Act, value: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=RegCb(act=act, value=value).pack())


def _markup(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def mention(user_id: int, first_name: str) -> Safe:
    """A mention Telegram turns into a ``text_mention``: the selective force-reply shows to them."""
    return Safe(f'<a href="tg://user?id={user_id}">{html.escape(first_name or "…")}</a>')


def force_reply() -> ForceReply:
    """Shown only to the mentioned coordinator (and the sender of the replied-to message)."""
    return ForceReply(force_reply=True, selective=True)


def region_label(t: Translator, code: str) -> str:
    if code == NATIONAL:
        return t("partners-national")
    region = Gazetteer.default().get(code)
    if region is None:
        return code
    return t("partners-province", name=region.name) if region.kind == "provinsi" else region.name


def regions_label(t: Translator, codes: Sequence[str]) -> str:
    return ", ".join(region_label(t, c) for c in codes)


def categories_label(t: Translator, categories: Sequence[str]) -> str:
    if ALL in categories:
        return t("partners-all-categories")
    return ", ".join(t(category_key(c)) for c in categories)


def scope(t: Translator, regions: Sequence[str], categories: Sequence[str]) -> dict[str, str]:
    """A partner's places and categories, as the catalogue's ``regions`` and ``categories``."""
    return {"regions": regions_label(t, regions), "categories": categories_label(t, categories)}


# -- panels -------------------------------------------------------------------------------------
def greeting_kb(t: Translator) -> InlineKeyboardMarkup:
    return _markup([_btn(t("partners-btn-register"), Act.START)])


def existing_kb(t: Translator) -> InlineKeyboardMarkup:
    return _markup(
        [_btn(t("partners-btn-change"), Act.CHANGE)], [_btn(t("partners-btn-invite"), Act.INVITE)]
    )


def name_kb(t: Translator) -> InlineKeyboardMarkup:
    return _markup(
        [_btn(t("partners-btn-name-ok"), Act.NAME_OK)],
        [_btn(t("partners-btn-name-type"), Act.NAME_TYPE)],
        [_btn(t("partners-btn-cancel"), Act.CANCEL)],
    )


def regions_panel(
    t: Translator, partner: str, chosen: Sequence[str]
) -> tuple[str, InlineKeyboardMarkup]:
    listed = (
        t("partners-regions-chosen", list=regions_label(t, chosen))
        if chosen
        else t("partners-regions-none")
    )
    text = t("partners-regions", partner=partner, chosen=Safe(listed))
    drops = [[_btn(f"✖️ {region_label(t, c)}", Act.DROP, c)] for c in chosen]
    national = "✅ " if NATIONAL in chosen else ""
    markup = _markup(
        *drops,
        [_btn(t("partners-btn-search"), Act.SEARCH)],
        [_btn(t("partners-btn-provinces"), Act.PROVINCES)],
        [_btn(national + t("partners-btn-national"), Act.NATIONAL)],
        [
            _btn(t("partners-btn-cancel"), Act.CANCEL),
            _btn(t("partners-btn-next"), Act.REGIONS_DONE),
        ],
    )
    return text, markup


def results_kb(t: Translator, found: Sequence[Region]) -> InlineKeyboardMarkup:
    rows = [[_btn(region_label(t, r.code), Act.ADD, r.code)] for r in found]
    return _markup(
        *rows,
        [_btn(t("partners-btn-search-again"), Act.SEARCH)],
        [_btn(t("partners-btn-provinces"), Act.PROVINCES)],
        [_btn(t("partners-btn-back"), Act.REGIONS)],
    )


def provinces_kb(t: Translator) -> InlineKeyboardMarkup:
    provinces = [r for r in Gazetteer.default().regions if r.kind == "provinsi"]
    buttons = [_btn(r.name, Act.ADD, r.code) for r in sorted(provinces, key=lambda r: r.name)]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return _markup(*rows, [_btn(t("partners-btn-back"), Act.REGIONS)])


def categories_panel(
    t: Translator, partner: str, chosen: Sequence[str]
) -> tuple[str, InlineKeyboardMarkup]:
    def tick(on: bool) -> str:
        return "✅ " if on else ""

    rows = [[_btn(tick(c in chosen) + t(category_key(c)), Act.CATEGORY, c)] for c in CATEGORIES]
    markup = _markup(
        [_btn(tick(ALL in chosen) + t("partners-btn-all"), Act.ALL_CATEGORIES)],
        *rows,
        [
            _btn(t("partners-btn-back"), Act.REGIONS),
            _btn(t("partners-btn-next"), Act.CATEGORIES_DONE),
        ],
    )
    return t("partners-categories", partner=partner), markup


def summary_kb(t: Translator) -> InlineKeyboardMarkup:
    return _markup(
        [_btn(t("partners-btn-save"), Act.SAVE)],
        [_btn(t("partners-btn-edit"), Act.REGIONS), _btn(t("partners-btn-cancel"), Act.CANCEL)],
    )


def invite_kb(t: Translator, link: str) -> InlineKeyboardMarkup:
    return _markup([InlineKeyboardButton(text=t("partners-btn-join"), url=link)])

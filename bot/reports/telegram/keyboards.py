"""Inline keyboards of reports: the wizard's steps, partner cards, relay and the dashboard."""

from __future__ import annotations

from enum import StrEnum

from aiogram.types import (
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callback_data import Callback as CallbackData
from bot.geo.gazetteer import Region
from bot.i18n import Translator
from bot.reports.domain.categories import CATEGORIES, WHEN_CHOICES, Status, category_key
from bot.reports.domain.views import ReportView


class StepAction(StrEnum):
    """The presses of the citizen's wizard (a forged action matches no handler)."""

    BACK = "back"
    CANCEL = "cancel"
    RESUME = "resume"
    CATEGORY = "cat"
    PLACE = "place"
    RETYPE = "retype"
    PIN_SKIP = "pinskip"
    WHEN = "when"
    DANGER = "danger"
    EVIDENCE_DONE = "evdone"
    IDENTITY = "identity"
    CONTACT = "contact"
    SEND = "send"
    PRIVACY = "pii"
    DUPLICATE = "dup"


class CardAction(StrEnum):
    """The buttons of a partner's (or coordinator's) report card."""

    CLAIM = "claim"
    ASK = "ask"
    RESOLVE = "resolve"
    REJECT = "reject"
    FORWARD = "forward"
    TIMELINE = "timeline"


class DashAction(StrEnum):
    """The coordinators' /laporan: pages, a report's details, its timeline, who reported."""

    PAGE = "page"
    OPEN = "open"
    TIMELINE = "timeline"
    REVEAL = "reveal"


class StepCb(CallbackData, prefix="rp"):
    """A press in the citizen's wizard: ``action`` and an optional value."""

    action: StepAction
    value: str = ""


class CardCb(CallbackData, prefix="rc"):
    """A partner/coordinator action on a report card."""

    action: CardAction
    report_id: int


class ForwardCb(CallbackData, prefix="rf"):
    """Hand a report to partner ``partner_id`` (0: up one level)."""

    report_id: int
    partner_id: int


class ReplyCb(CallbackData, prefix="rr"):
    """The reporter answers a partner's question."""

    report_id: int


class DashCb(CallbackData, prefix="rd"):
    """Coordinator dashboard navigation and actions."""

    action: DashAction
    days: int = 7
    page: int = 0
    report_id: int = 0


def _btn(text: str, cb: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=cb.pack())


def nav_row(t: Translator, *, back: bool = True) -> list[InlineKeyboardButton]:
    row = [_btn(t("report-btn-back"), StepCb(action=StepAction.BACK))] if back else []
    row.append(_btn(t("report-btn-cancel"), StepCb(action=StepAction.CANCEL)))
    return row


def with_nav(
    t: Translator, rows: list[list[InlineKeyboardButton]], *, back: bool = True
) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(t, back=back)])


def resume_kb(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _btn(t("report-btn-resume"), StepCb(action=StepAction.RESUME, value="c")),
                _btn(t("report-btn-restart"), StepCb(action=StepAction.RESUME, value="r")),
            ]
        ]
    )


def categories_kb(t: Translator, guess: str | None) -> InlineKeyboardMarkup:
    rows = []
    if guess in CATEGORIES:
        label = t("report-btn-category-ok", category=t(category_key(guess)))
        rows.append([_btn(label, StepCb(action=StepAction.CATEGORY, value=guess))])
    for cat in CATEGORIES:
        if cat != guess:
            rows.append([_btn(t(category_key(cat)), StepCb(action=StepAction.CATEGORY, value=cat))])
    return with_nav(t, rows)


#: The value of the "other categories" button under two close ones (never a category).
MORE_CATEGORIES = "more"


def category_choices_kb(t: Translator, choices: list[str]) -> InlineKeyboardMarkup:
    """The two close categories the NLU found, then a button for the full list."""
    rows = [
        [_btn(t(category_key(cat)), StepCb(action=StepAction.CATEGORY, value=cat))]
        for cat in choices
    ]
    more = StepCb(action=StepAction.CATEGORY, value=MORE_CATEGORIES)
    rows.append([_btn(t("report-btn-category-more"), more)])
    return with_nav(t, rows)


def all_categories_kb(t: Translator, first: list[str]) -> InlineKeyboardMarkup:
    """Every category, the ones in ``first`` on top."""
    order = [c for c in first if c in CATEGORIES] + [c for c in CATEGORIES if c not in first]
    rows = [[_btn(t(category_key(c)), StepCb(action=StepAction.CATEGORY, value=c))] for c in order]
    return with_nav(t, rows)


def places_kb(t: Translator, regions: list[Region]) -> InlineKeyboardMarkup:
    rows = [
        [
            _btn(
                f"{r.name}, {r.province_name}" if r.kind != "provinsi" else r.name,
                StepCb(action=StepAction.PLACE, value=r.code),
            )
        ]
        for r in regions[:6]
    ]
    rows.append([_btn(t("report-btn-place-retype"), StepCb(action=StepAction.RETYPE))])
    return with_nav(t, rows)


def skip_kb(
    t: Translator, action: StepAction, label_key: str = "report-btn-skip"
) -> InlineKeyboardMarkup:
    return with_nav(t, [[_btn(t(label_key), StepCb(action=action))]])


def when_kb(t: Translator) -> InlineKeyboardMarkup:
    rows = [
        [
            _btn(t(f"report-when-{c}"), StepCb(action=StepAction.WHEN, value=c))
            for c in WHEN_CHOICES[:2]
        ],
        [
            _btn(t(f"report-when-{c}"), StepCb(action=StepAction.WHEN, value=c))
            for c in WHEN_CHOICES[2:]
        ],
    ]
    return with_nav(t, rows)


def yes_no_kb(t: Translator, action: StepAction, yes_key: str, no_key: str) -> InlineKeyboardMarkup:
    return with_nav(
        t,
        [
            [_btn(t(yes_key), StepCb(action=action, value="y"))],
            [_btn(t(no_key), StepCb(action=action, value="n"))],
        ],
    )


def summary_kb(t: Translator) -> InlineKeyboardMarkup:
    return with_nav(t, [[_btn(t("report-btn-send"), StepCb(action=StepAction.SEND))]])


def card_kb(
    t: Translator, report: ReportView, *, active_route: bool
) -> InlineKeyboardMarkup | None:
    """The card's buttons while the report is open here, or claimed by this chat's partner."""
    if not active_route or report.status not in (Status.OPEN, Status.CLAIMED):
        return None
    rid = report.id
    first = (
        [_btn(t("report-btn-claim"), CardCb(action=CardAction.CLAIM, report_id=rid))]
        if report.status == Status.OPEN
        else [_btn(t("report-btn-resolve"), CardCb(action=CardAction.RESOLVE, report_id=rid))]
    )
    first.append(_btn(t("report-btn-ask"), CardCb(action=CardAction.ASK, report_id=rid)))
    return InlineKeyboardMarkup(
        inline_keyboard=[
            first,
            [
                _btn(t("report-btn-forward"), CardCb(action=CardAction.FORWARD, report_id=rid)),
                _btn(t("report-btn-reject"), CardCb(action=CardAction.REJECT, report_id=rid)),
            ],
            [_btn(t("report-btn-timeline"), CardCb(action=CardAction.TIMELINE, report_id=rid))],
        ]
    )


def forward_kb(
    t: Translator, report_id: int, targets: list[tuple[int, str]]
) -> InlineKeyboardMarkup:
    rows = [
        [_btn(name[:60], ForwardCb(report_id=report_id, partner_id=pid))] for pid, name in targets
    ]
    rows.append([_btn(t("report-btn-forward-up"), ForwardCb(report_id=report_id, partner_id=0))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def reply_kb(t: Translator, report_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_btn(t("report-btn-reply"), ReplyCb(report_id=report_id))]]
    )


def force_reply() -> ForceReply:
    return ForceReply(force_reply=True, selective=True)


def dashboard_kb(
    t: Translator, days: int, page: int, pages: int, open_reports: list[ReportView]
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for r in open_reports:
        kb.row(
            _btn(
                f"{'🚨 ' if r.urgent else ''}{r.code} · {r.region_name}"[:60],
                DashCb(action=DashAction.OPEN, days=days, page=page, report_id=r.id),
            )
        )
    nav = []
    if page > 0:
        nav.append(
            _btn(t("report-btn-prev"), DashCb(action=DashAction.PAGE, days=days, page=page - 1))
        )
    if page + 1 < pages:
        nav.append(
            _btn(t("report-btn-next"), DashCb(action=DashAction.PAGE, days=days, page=page + 1))
        )
    if nav:
        kb.row(*nav)
    other = 30 if days == 7 else 7
    kb.row(
        _btn(t("report-btn-days", days=other), DashCb(action=DashAction.PAGE, days=other, page=0))
    )
    return kb.as_markup()


def detail_kb(t: Translator, report: ReportView) -> InlineKeyboardMarkup:
    rid = report.id
    rows = [[_btn(t("report-btn-timeline"), DashCb(action=DashAction.TIMELINE, report_id=rid))]]
    if report.status in (Status.OPEN, Status.CLAIMED):
        rows.append(
            [
                _btn(t("report-btn-reassign"), CardCb(action=CardAction.FORWARD, report_id=rid)),
                _btn(t("report-btn-resolve"), CardCb(action=CardAction.RESOLVE, report_id=rid)),
            ]
        )
    if report.anonymous and report.has_reporter and not report.withheld:
        rows.append([_btn(t("report-btn-reveal"), DashCb(action=DashAction.REVEAL, report_id=rid))])
    return InlineKeyboardMarkup(inline_keyboard=rows)

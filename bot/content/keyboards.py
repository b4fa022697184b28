"""Callback data and keyboards of the content feature."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callback_data import Callback
from bot.content.library import Item, Page
from bot.content.models import ShareChannel
from bot.geo.gazetteer import Region
from bot.i18n import Translator


class BrowseCb(Callback, prefix="kb"):
    action: str  # page | open | topics
    topic: str = ""
    page: int = 0
    item: int = 0


class ShareCb(Callback, prefix="sh"):
    action: str  # start | ch | skip | cancel
    item: int = 0
    channel: str = ""


class SetupCb(Callback, prefix="ao"):
    action: str  # region | topic | done | back | cancel | lb
    value: str = ""


class ComposeCb(Callback, prefix="kn"):
    action: str  # topic | next | back | cancel | publish | push | cohort | ptopic
    value: str = ""


class CohortCb(Callback, prefix="co"):
    action: str  # link | revoke
    cohort: int


class BoardCb(Callback, prefix="pk"):
    action: str  # in | out


def _btn(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def topic_label(t: Translator, topic: str) -> str:
    key = f"content-topic-{topic}"
    return t(key) if t.catalog.has(t.lang, key) else topic


def item_keyboard(t: Translator, item: Item) -> InlineKeyboardMarkup:
    """Bagikan (Telegram's chat picker with the item) and Sudah saya bagikan."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=t("content-share-button"), switch_inline_query=item.slug)],
            [_btn(t("content-shared-button"), ShareCb(action="start", item=item.id))],
        ]
    )


def broadcast_buttons(t: Translator, item: Item) -> list[list[dict[str, str]]]:
    """The same two buttons in the broadcast engine's plain form."""
    return [
        [{"text": t("content-share-button"), "switch_inline_query": item.slug}],
        [
            {
                "text": t("content-shared-button"),
                "callback_data": ShareCb(action="start", item=item.id).pack(),
            }
        ],
    ]


def library_keyboard(t: Translator, page: Page, topic: str) -> InlineKeyboardMarkup:
    rows = [
        [
            _btn(
                f"📄 {item.title}",
                BrowseCb(action="open", item=item.id, topic=topic, page=page.page),
            )
        ]
        for item in page.items
    ]
    nav = []
    if page.page > 0:
        nav.append(_btn("◀️", BrowseCb(action="page", topic=topic, page=page.page - 1)))
    if page.page < page.pages - 1:
        nav.append(_btn("▶️", BrowseCb(action="page", topic=topic, page=page.page + 1)))
    if nav:
        rows.append(nav)
    rows.append([_btn(t("content-browse-topics"), BrowseCb(action="topics"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def topics_browse_keyboard(t: Translator, topics: Iterable[str]) -> InlineKeyboardMarkup:
    rows = [[_btn(t("content-browse-all"), BrowseCb(action="page"))]]
    row: list[InlineKeyboardButton] = []
    for topic in topics:
        row.append(_btn(topic_label(t, topic), BrowseCb(action="page", topic=topic)))
        if len(row) == 2:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def channel_keyboard(t: Translator, item_id: int) -> InlineKeyboardMarkup:
    channels = list(ShareChannel)
    rows = []
    for i in range(0, len(channels), 3):
        rows.append(
            [
                _btn(
                    t(f"content-channel-{c.value}"),
                    ShareCb(action="ch", item=item_id, channel=c.value),
                )
                for c in channels[i : i + 3]
            ]
        )
    rows.append([_btn(t("content-cancel"), ShareCb(action="cancel", item=item_id))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def skip_link_keyboard(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_btn(t("content-skip"), ShareCb(action="skip"))]])


def cancel_keyboard(
    t: Translator, cb: type[SetupCb] | type[ComposeCb], *, back: bool = False
) -> InlineKeyboardMarkup:
    row = []
    if back:
        row.append(_btn(t("content-back"), cb(action="back")))
    row.append(_btn(t("content-cancel"), cb(action="cancel")))
    return InlineKeyboardMarkup(inline_keyboard=[row])


def region_choice_keyboard(t: Translator, regions: list[Region]) -> InlineKeyboardMarkup:
    rows = [
        [
            _btn(
                r.name + (f" ({r.province_name})" if r.kind != "provinsi" else ""),
                SetupCb(action="region", value=r.code),
            )
        ]
        for r in regions
    ]
    rows.append([_btn(t("content-cancel"), SetupCb(action="cancel"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def topic_toggle_keyboard(
    t: Translator,
    topics: Iterable[str],
    chosen: Iterable[str],
    cb: type[SetupCb] | type[ComposeCb],
    done: str,
) -> InlineKeyboardMarkup:
    chosen = set(chosen)
    rows: list[list[InlineKeyboardButton]] = []
    row: list[InlineKeyboardButton] = []
    for topic in topics:
        mark = "✅ " if topic in chosen else ""
        row.append(_btn(mark + topic_label(t, topic), cb(action="topic", value=topic)))
        if len(row) == 2:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    rows.append([_btn(t("content-back"), cb(action="back")), _btn(t(done), cb(action="done"))])
    rows.append([_btn(t("content-cancel"), cb(action="cancel"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def leaderboard_consent_keyboard(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _btn(t("content-lb-yes"), SetupCb(action="lb", value="1")),
                _btn(t("content-lb-no"), SetupCb(action="lb", value="0")),
            ],
            [_btn(t("content-back"), SetupCb(action="back"))],
        ]
    )


def board_keyboard(t: Translator, opted_in: bool) -> InlineKeyboardMarkup:
    if opted_in:
        return InlineKeyboardMarkup(
            inline_keyboard=[[_btn(t("content-board-hide"), BoardCb(action="out"))]]
        )
    return InlineKeyboardMarkup(
        inline_keyboard=[[_btn(t("content-board-show"), BoardCb(action="in"))]]
    )


def compose_confirm_keyboard(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_btn(t("content-compose-publish"), ComposeCb(action="publish"))],
            [
                _btn(t("content-back"), ComposeCb(action="back")),
                _btn(t("content-cancel"), ComposeCb(action="cancel")),
            ],
        ]
    )


def push_keyboard(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_btn(t("content-push-all"), ComposeCb(action="push", value="all"))],
            [
                _btn(t("content-push-cohort"), ComposeCb(action="push", value="cohort")),
                _btn(t("content-push-region"), ComposeCb(action="push", value="region")),
                _btn(t("content-push-topic"), ComposeCb(action="push", value="topic")),
            ],
            [_btn(t("content-push-none"), ComposeCb(action="push", value="none"))],
        ]
    )


def push_cohorts_keyboard(t: Translator, cohorts: list[tuple[int, str]]) -> InlineKeyboardMarkup:
    rows = [[_btn(name[:60], ComposeCb(action="cohort", value=str(cid)))] for cid, name in cohorts]
    rows.append([_btn(t("content-push-none"), ComposeCb(action="push", value="none"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def push_topics_keyboard(t: Translator, topics: Iterable[str]) -> InlineKeyboardMarkup:
    rows = [
        [_btn(topic_label(t, topic), ComposeCb(action="ptopic", value=topic))] for topic in topics
    ]
    rows.append([_btn(t("content-push-none"), ComposeCb(action="push", value="none"))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def cohorts_keyboard(t: Translator, cohort_ids: list[int]) -> InlineKeyboardMarkup:
    rows = [
        [
            _btn(t("content-cohort-link", id=str(cid)), CohortCb(action="link", cohort=cid)),
            _btn(t("content-cohort-revoke", id=str(cid)), CohortCb(action="revoke", cohort=cid)),
        ]
        for cid in cohort_ids[:40]
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


MENU_KEYS = ("menu-report", "menu-content", "menu-survey", "menu-status", "menu-help")


def not_menu_text(message: Message, t: Translator) -> bool:
    """Filter: the text is not a main-menu button (those go to their features, even mid-step)."""
    text = message.text or ""
    return not any(text in t.all_languages(key) for key in MENU_KEYS)

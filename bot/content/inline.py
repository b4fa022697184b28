"""Inline mode: ``@bot <words>`` finds content cards that carry the sharer's referral link;
``chosen_inline_result`` (inline feedback, enabled in @BotFather) records the share."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.types import (
    ChosenInlineResult,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultCachedDocument,
    InlineQueryResultCachedPhoto,
    InlineQueryResultCachedVideo,
    InputTextMessageContent,
)

from bot.content.delivery import MAX_CAPTION, item_text, plain_length
from bot.content.errors import ContentError
from bot.content.keyboards import topic_label
from bot.content.library import Item
from bot.content.models import ShareChannel
from bot.content.service import ContentService
from bot.content.sharing import referral_payload
from bot.i18n import Translator
from bot.people.deeplinks import LinkKind, start_link
from bot.people.service import Person

log = logging.getLogger(__name__)

RESULT_PREFIX = "c"


def _card(t: Translator, item: Item, link: str):  # type: ignore[no-untyped-def]
    text = item_text(item) + "\n\n" + t("content-inline-footer", link=link)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t("content-inline-join"), url=link)]]
    )
    result_id = f"{RESULT_PREFIX}{item.id}"
    description = ", ".join(topic_label(t, x) for x in item.topics)[:200] or None
    if item.media_file_id and plain_length(text) <= MAX_CAPTION:
        if item.media_type == "photo":
            return InlineQueryResultCachedPhoto(
                id=result_id,
                photo_file_id=item.media_file_id,
                title=item.title,
                description=description,
                caption=text,
                reply_markup=markup,
            )
        if item.media_type == "video":
            return InlineQueryResultCachedVideo(
                id=result_id,
                video_file_id=item.media_file_id,
                title=item.title,
                description=description,
                caption=text,
                reply_markup=markup,
            )
        if item.media_type == "document":
            return InlineQueryResultCachedDocument(
                id=result_id,
                document_file_id=item.media_file_id,
                title=item.title,
                description=description,
                caption=text,
                reply_markup=markup,
            )
    return InlineQueryResultArticle(
        id=result_id,
        title=item.title,
        description=description,
        input_message_content=InputTextMessageContent(message_text=text, parse_mode="HTML"),
        reply_markup=markup,
    )


async def inline_search(
    query: InlineQuery, person: Person, t: Translator, content: ContentService, bot: Bot
) -> None:
    """Cards of the items matching the words, each with the sharer's own referral link."""
    items = await content.library.search(query.query, content.settings.inline_results)
    me = await bot.me()
    code = await content.sharing.referral_code(person.id)
    results = [
        _card(
            t,
            item,
            start_link(me.username or "", LinkKind.REFERRAL, referral_payload(code, item.id)),
        )
        for item in items
    ]
    await query.answer(results, cache_time=10, is_personal=True)


async def chosen_result(
    chosen: ChosenInlineResult, person: Person, content: ContentService
) -> None:
    """A card was sent to a chat: one Telegram share."""
    result_id = chosen.result_id
    if not result_id.startswith(RESULT_PREFIX) or not result_id[1:].isdigit():
        log.info("chosen inline result with unknown id %r", result_id)
        return
    try:
        await content.sharing.record_share(
            person.id, int(result_id[1:]), ShareChannel.TELEGRAM.value, via="inline"
        )
    except ContentError:
        log.info("chosen inline result for a missing item %r", result_id)


def register(router: Router) -> None:
    router.inline_query.register(inline_search)
    router.chosen_inline_result.register(chosen_result)

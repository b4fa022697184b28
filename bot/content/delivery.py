"""Sending a content item to a chat: media uploaded once, its Telegram file id reused afterwards."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.types import FSInputFile, InlineKeyboardMarkup, Message

from bot.content.library import ContentLibrary, Item
from bot.telegram_text import parse_html

log = logging.getLogger(__name__)

MAX_CAPTION = 1024


def plain_length(html_text: str) -> int:
    """Characters Telegram counts for a limit (the text without its markup)."""
    return len(parse_html(html_text, strict=False)[0])


def local_file_exists(path: str | None) -> bool:
    """The media file of an item is on disk (a quick stat; safe in the event loop)."""
    return bool(path) and Path(path or "").is_file()


def item_text(item: Item) -> str:
    return f"<b>{_escape(item.title)}</b>\n\n{item.body}"


def _escape(text: str) -> str:
    from html import escape

    return escape(text, quote=False)


def _file_id(message: Message, kind: str) -> str | None:
    if kind == "photo" and message.photo:
        return message.photo[-1].file_id
    media: Any = getattr(message, kind, None)
    return getattr(media, "file_id", None)


async def send_item(
    bot: Bot,
    chat_id: int,
    item: Item,
    library: ContentLibrary,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """The item as its title and body, with its media if it has one; returns the last message."""
    text = item_text(item)
    local_missing = item.media_file_id is None and not local_file_exists(item.media_path)
    if item.media_type is None or local_missing:
        if item.media_type is not None:
            log.warning(
                "content %s: media file %s is missing; sent as text", item.slug, item.media_path
            )
        return await bot.send_message(chat_id, text, reply_markup=reply_markup)
    fits = plain_length(text) <= MAX_CAPTION
    media: Any = item.media_file_id or FSInputFile(item.media_path or "")
    send: Any = {
        "photo": bot.send_photo,
        "video": bot.send_video,
        "document": bot.send_document,
    }[item.media_type]
    caption = text if fits else None
    markup = reply_markup if fits else None
    sent: Message = await send(chat_id, media, caption=caption, reply_markup=markup)
    if item.media_file_id is None:
        file_id = _file_id(sent, item.media_type)
        if file_id:
            await library.set_file_id(item.id, file_id)
    if not fits:
        sent = await bot.send_message(chat_id, text, reply_markup=reply_markup)
    return sent

"""A broadcast as recipients see it: the text with the opt-out line, media and buttons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.broadcasting.service import BroadcastInfo
from bot.i18n import Catalog


@dataclass
class Rendered:
    """What is sent to every recipient of one broadcast."""

    text: str
    media_type: str | None
    media_source: str | None  # a file id, or a local path before the first upload
    media_is_path: bool
    markup: InlineKeyboardMarkup | None


def full_text(info: BroadcastInfo, catalog: Catalog) -> str:
    """The message followed by the one-line /berhenti hint in the broadcast's language."""
    hint = catalog.text(info.language, "broadcast-optout-hint")
    body = info.text.strip()
    return f"{body}\n\n{hint}" if body else hint


def markup_for(buttons: list[list[dict[str, Any]]] | None) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(**b) for b in row] for row in buttons]
    )


def render(info: BroadcastInfo, catalog: Catalog, media_file_id: str | None = None) -> Rendered:
    media = info.media or {}
    file_id = media.get("file_id") or media_file_id
    return Rendered(
        text=full_text(info, catalog),
        media_type=media.get("type"),
        media_source=file_id or media.get("path"),
        media_is_path=file_id is None and "path" in media,
        markup=markup_for(info.buttons),
    )

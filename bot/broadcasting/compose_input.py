"""/siaran: what the coordinator types — the message, a link button, regions, the send time."""

from __future__ import annotations

from datetime import datetime

from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.broadcasting import keyboards as kb
from bot.broadcasting.compose import Compose, ask
from bot.broadcasting.content import BroadcastContentError, check_buttons, check_text
from bot.broadcasting.segments import SegmentFilters
from bot.broadcasting.service import BroadcastService
from bot.broadcasting.sources import ComposeSources
from bot.config import Settings
from bot.geo.gazetteer import Gazetteer
from bot.i18n import Safe, Translator

DATETIME_FORMATS = ("%d-%m-%Y %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H.%M")


def error_text(t: Translator, exc: BroadcastContentError) -> Safe:
    """The problem in the coordinator's language (the English detail is for the CLI)."""
    return Safe(exc.text(t))


def _media_of(message: Message) -> dict[str, str] | None:
    if message.photo:
        return {"type": "photo", "file_id": message.photo[-1].file_id}
    if message.video:
        return {"type": "video", "file_id": message.video.file_id}
    if message.document:
        return {"type": "document", "file_id": message.document.file_id}
    return None


async def got_message(
    message: Message,
    state: FSMContext,
    t: Translator,
    broadcasts: BroadcastService,
    segment_filters: SegmentFilters,
    broadcast_sources: ComposeSources,
) -> None:
    """The broadcast's text or media with caption."""
    media = _media_of(message)
    text = message.html_text if (message.text or message.caption) else ""
    try:
        check_text(text, has_media=media is not None)
    except BroadcastContentError as exc:
        await message.answer(
            t("broadcast-bad-message", error=error_text(t, exc)),
            reply_markup=kb.message_menu(t, broadcast_sources.has_items),
        )
        return
    data = await state.get_data()
    # a typed message replaces a picked content item, and the item's own buttons with it
    buttons = [] if data.get("source") else data.get("buttons", [])
    await state.update_data(text=text, media=media, buttons=buttons, title=None, source=None)
    await ask(Compose.buttons, message, state, t, broadcasts, segment_filters, broadcast_sources)


async def got_url_button(
    message: Message,
    state: FSMContext,
    t: Translator,
    broadcasts: BroadcastService,
    segment_filters: SegmentFilters,
    broadcast_sources: ComposeSources,
) -> None:
    """A link button written as ``Text | https://…``."""
    label, sep, url = (message.text or "").partition("|")
    button = {"text": label.strip(), "url": url.strip()}
    data = await state.get_data()
    rows = [*data.get("buttons", []), [button]]
    try:
        if not sep:
            raise BroadcastContentError(
                "use a | between the text and the address", "broadcast-error-no-bar"
            )
        check_buttons(rows)
    except BroadcastContentError as exc:
        await message.answer(
            t("broadcast-bad-url", error=error_text(t, exc)), reply_markup=kb.back_cancel(t)
        )
        return
    await state.update_data(buttons=rows)
    await ask(Compose.buttons, message, state, t, broadcasts, segment_filters, broadcast_sources)


async def got_regions(
    message: Message,
    state: FSMContext,
    t: Translator,
    broadcasts: BroadcastService,
    segment_filters: SegmentFilters,
    broadcast_sources: ComposeSources,
) -> None:
    """Region codes (kab/kota or province), or ``-`` for all."""
    raw = (message.text or "").strip()
    codes = [] if raw == "-" else [c.strip() for c in raw.replace(";", ",").split(",") if c.strip()]
    gazetteer = Gazetteer.default()
    unknown = [c for c in codes if gazetteer.get(c) is None]
    if unknown or (raw != "-" and not codes):
        await message.answer(
            t("broadcast-bad-regions", codes=", ".join(unknown) or raw),
            reply_markup=kb.back_cancel(t),
        )
        return
    await state.update_data(regions=codes)
    await ask(Compose.segment, message, state, t, broadcasts, segment_filters, broadcast_sources)


async def got_datetime(
    message: Message,
    state: FSMContext,
    t: Translator,
    broadcasts: BroadcastService,
    settings: Settings,
    segment_filters: SegmentFilters,
    broadcast_sources: ComposeSources,
) -> None:
    """The send time, in the deployment's time zone."""
    raw = (message.text or "").strip()
    at = None
    for fmt in DATETIME_FORMATS:
        try:
            at = datetime.strptime(raw, fmt).replace(tzinfo=settings.tz)
            break
        except ValueError:
            continue
    if at is None or at <= broadcasts.clock.now():
        await message.answer(t("broadcast-bad-datetime"), reply_markup=kb.back_cancel(t))
        return
    await state.update_data(at=at.isoformat(), at_text=at.strftime("%d-%m-%Y %H:%M WIB"))
    await ask(Compose.confirm, message, state, t, broadcasts, segment_filters, broadcast_sources)

"""/siaran: compose a broadcast in the chat — message, buttons, segment, preview, time, confirm.

State table (every step has Back and Cancel buttons):
    message  --text/media-->  buttons  --next-->  segment  --next-->  [preview] when
    buttons  --url--> url --"Teks | https://…"--> buttons;      segment --regions--> regions
    when --now--> confirm;  when --later--> datetime --"16-11-2025 09:00"--> confirm
    confirm --confirm--> created and scheduled; the progress message follows in the chat.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.broadcasting import keyboards as kb
from bot.broadcasting.content import BroadcastContentError, check_buttons, check_text
from bot.broadcasting.keyboards import BcCb
from bot.broadcasting.render import render
from bot.broadcasting.segments import Segment
from bot.broadcasting.service import BroadcastError, BroadcastInfo, BroadcastService
from bot.config import Settings
from bot.filters import HasRole
from bot.geo.gazetteer import Gazetteer
from bot.i18n import Catalog, Safe, Translator
from bot.people.models import Role
from bot.people.service import Person

DATETIME_FORMATS = ("%d-%m-%Y %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H.%M")


class Compose(StatesGroup):
    message = State()
    buttons = State()
    url = State()
    segment = State()
    regions = State()
    when = State()
    datetime = State()
    confirm = State()


def _segment(data: dict[str, Any]) -> Segment:
    return Segment(
        roles=list(data.get("roles", [])),
        languages=list(data.get("languages", [])),
        regions=list(data.get("regions", [])),
    )


async def _segment_text(t: Translator, data: dict[str, Any], broadcasts: BroadcastService) -> str:
    segment = _segment(data)
    everyone = t("broadcast-everyone")
    return t(
        "broadcast-ask-segment",
        roles=", ".join(t(f"broadcast-role-{r}") for r in segment.roles) or everyone,
        languages=", ".join(t(f"language-name-{c}") for c in segment.languages) or everyone,
        regions=", ".join(segment.regions) or everyone,
        count=await broadcasts.audience_count(segment),
    )


async def _ask(
    step: State, message: Message, state: FSMContext, t: Translator, broadcasts: BroadcastService
) -> None:
    """Move to ``step`` and send its prompt."""
    await state.set_state(step)
    data = await state.get_data()
    if step == Compose.message:
        await message.answer(t("broadcast-ask-message"), reply_markup=kb.cancel_only(t))
    elif step == Compose.buttons:
        labels = ", ".join(b["text"] for row in data.get("buttons", []) for b in row)
        await message.answer(
            t("broadcast-ask-buttons", buttons=labels or t("broadcast-no-buttons")),
            reply_markup=kb.buttons_menu(t, bool(labels)),
        )
    elif step == Compose.url:
        await message.answer(t("broadcast-ask-url"), reply_markup=kb.back_cancel(t))
    elif step == Compose.segment:
        await message.answer(
            await _segment_text(t, data, broadcasts),
            reply_markup=kb.segment_menu(t, data.get("roles", []), data.get("languages", [])),
        )
    elif step == Compose.regions:
        await message.answer(t("broadcast-ask-regions"), reply_markup=kb.back_cancel(t))
    elif step == Compose.when:
        await message.answer(t("broadcast-ask-when"), reply_markup=kb.when_menu(t))
    elif step == Compose.datetime:
        await message.answer(t("broadcast-ask-datetime"), reply_markup=kb.back_cancel(t))
    elif step == Compose.confirm:
        count = await broadcasts.audience_count(_segment(data))
        when = (
            t("broadcast-when-at", at=data["at_text"])
            if data.get("at")
            else t("broadcast-when-now")
        )
        await message.answer(
            t("broadcast-confirm", count=count, when=Safe(when)), reply_markup=kb.confirm_menu(t)
        )


BACK = {
    Compose.buttons.state: Compose.message,
    Compose.url.state: Compose.buttons,
    Compose.segment.state: Compose.buttons,
    Compose.regions.state: Compose.segment,
    Compose.when.state: Compose.segment,
    Compose.datetime.state: Compose.when,
    Compose.confirm.state: Compose.when,
}


async def start(
    message: Message, state: FSMContext, t: Translator, broadcasts: BroadcastService
) -> None:
    """/siaran: begin a new broadcast."""
    await state.clear()
    await _ask(Compose.message, message, state, t, broadcasts)


async def not_allowed(message: Message, t: Translator) -> None:
    """/siaran from someone who is not a coordinator."""
    await message.answer(t("not-allowed"))


def _media_of(message: Message) -> dict[str, str] | None:
    if message.photo:
        return {"type": "photo", "file_id": message.photo[-1].file_id}
    if message.video:
        return {"type": "video", "file_id": message.video.file_id}
    if message.document:
        return {"type": "document", "file_id": message.document.file_id}
    return None


async def got_message(
    message: Message, state: FSMContext, t: Translator, broadcasts: BroadcastService
) -> None:
    """The broadcast's text or media with caption."""
    media = _media_of(message)
    text = message.html_text if (message.text or message.caption) else ""
    try:
        check_text(text, has_media=media is not None)
    except BroadcastContentError as exc:
        await message.answer(
            t("broadcast-bad-message", error=str(exc)), reply_markup=kb.cancel_only(t)
        )
        return
    await state.update_data(text=text, media=media)
    await _ask(Compose.buttons, message, state, t, broadcasts)


async def got_url_button(
    message: Message, state: FSMContext, t: Translator, broadcasts: BroadcastService
) -> None:
    """A link button written as ``Text | https://…``."""
    label, sep, url = (message.text or "").partition("|")
    button = {"text": label.strip(), "url": url.strip()}
    data = await state.get_data()
    rows = [*data.get("buttons", []), [button]]
    try:
        if not sep:
            raise BroadcastContentError("use a | between the text and the address")
        check_buttons(rows)
    except BroadcastContentError as exc:
        await message.answer(t("broadcast-bad-url", error=str(exc)), reply_markup=kb.back_cancel(t))
        return
    await state.update_data(buttons=rows)
    await _ask(Compose.buttons, message, state, t, broadcasts)


async def got_regions(
    message: Message, state: FSMContext, t: Translator, broadcasts: BroadcastService
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
    await _ask(Compose.segment, message, state, t, broadcasts)


async def got_datetime(
    message: Message,
    state: FSMContext,
    t: Translator,
    broadcasts: BroadcastService,
    settings: Settings,
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
    await _ask(Compose.confirm, message, state, t, broadcasts)


async def _preview(
    message: Message, data: dict[str, Any], bot: Bot, catalog: Catalog, lang: str
) -> None:
    segment = _segment(data)
    language = segment.languages[0] if len(segment.languages) == 1 else lang
    info = BroadcastInfo(
        id=0,
        slug=None,
        title=None,
        text=data["text"],
        language=language,
        media=data.get("media"),
        buttons=data.get("buttons") or None,
        segment=segment,
        source=None,
        state="draft",
        created_by=None,
        scheduled_at=None,
    )
    content = render(info, catalog)
    chat_id = message.chat.id
    if content.media_type is None:
        await bot.send_message(chat_id, content.text, reply_markup=content.markup)
        return
    send = {"photo": bot.send_photo, "video": bot.send_video, "document": bot.send_document}
    await send[content.media_type](
        chat_id, content.media_source, caption=content.text, reply_markup=content.markup
    )


async def on_button(
    query: CallbackQuery,
    callback_data: BcCb,
    state: FSMContext,
    t: Translator,
    broadcasts: BroadcastService,
    bot: Bot,
    catalog: Catalog,
    settings: Settings,
    person: Person,
) -> None:
    """Every wizard button: navigation, button choices, segment toggles, time, confirm."""
    message = query.message
    current = await state.get_state()
    if not isinstance(message, Message) or current is None or not current.startswith("Compose:"):
        await query.answer(t("broadcast-expired"), show_alert=True)
        return
    action, value = callback_data.action, callback_data.value
    data = await state.get_data()
    await query.answer()
    if action == "cancel":
        await state.clear()
        await message.answer(t("broadcast-cancelled"))
    elif action == "back" and current in BACK:
        await _ask(BACK[current], message, state, t, broadcasts)
    elif current == Compose.buttons.state and action == "url":
        await _ask(Compose.url, message, state, t, broadcasts)
    elif current == Compose.buttons.state and action == "share":
        share = {"text": t("broadcast-share-label"), "switch_inline_query": ""}
        await state.update_data(buttons=[*data.get("buttons", []), [share]])
        await _ask(Compose.buttons, message, state, t, broadcasts)
    elif current == Compose.buttons.state and action == "clear":
        await state.update_data(buttons=[])
        await _ask(Compose.buttons, message, state, t, broadcasts)
    elif current == Compose.buttons.state and action == "next":
        await _ask(Compose.segment, message, state, t, broadcasts)
    elif current == Compose.segment.state and action in ("role", "lang"):
        await _toggle(message, state, t, broadcasts, action, value)
    elif current == Compose.segment.state and action == "regions":
        await _ask(Compose.regions, message, state, t, broadcasts)
    elif current == Compose.segment.state and action == "next":
        await message.answer(t("broadcast-preview-title"))
        await _preview(message, data, bot, catalog, settings.default_language)
        await _ask(Compose.when, message, state, t, broadcasts)
    elif current == Compose.when.state and action == "now":
        await state.update_data(at=None, at_text=None)
        await _ask(Compose.confirm, message, state, t, broadcasts)
    elif current == Compose.when.state and action == "later":
        await _ask(Compose.datetime, message, state, t, broadcasts)
    elif current == Compose.confirm.state and action == "confirm":
        await _confirm(message, state, t, broadcasts, person, data)


async def _toggle(
    message: Message,
    state: FSMContext,
    t: Translator,
    broadcasts: BroadcastService,
    action: str,
    value: str,
) -> None:
    data = await state.get_data()
    key, allowed = ("roles", kb.ROLE_KEYS) if action == "role" else ("languages", kb.LANGUAGE_KEYS)
    if value not in allowed:
        return
    chosen = list(data.get(key, []))
    if value == "everyone":
        chosen = []
    elif value in chosen:
        chosen.remove(value)
    else:
        chosen.append(value)
    await state.update_data(**{key: chosen})
    data[key] = chosen
    await message.edit_text(
        await _segment_text(t, data, broadcasts),
        reply_markup=kb.segment_menu(t, data.get("roles", []), data.get("languages", [])),
    )


async def _confirm(
    message: Message,
    state: FSMContext,
    t: Translator,
    broadcasts: BroadcastService,
    person: Person,
    data: dict[str, Any],
) -> None:
    at = datetime.fromisoformat(data["at"]) if data.get("at") else None
    try:
        broadcast_id = await broadcasts.create(
            text=data["text"],
            segment=_segment(data),
            created_by=person.id,
            media=data.get("media"),
            buttons=data.get("buttons") or None,
        )
        await broadcasts.set_progress_chat(broadcast_id, message.chat.id)
        await broadcasts.schedule(broadcast_id, at)
    except (BroadcastError, BroadcastContentError) as exc:
        await message.answer(t("broadcast-bad-message", error=str(exc)))
        return
    await state.clear()
    if at is None:
        text = t("broadcast-started", id=broadcast_id)
    else:
        text = t("broadcast-scheduled", id=broadcast_id, at=data["at_text"])
    await message.answer(text, reply_markup=kb.stop_menu(t, broadcast_id))


async def on_stop(
    query: CallbackQuery, callback_data: BcCb, t: Translator, broadcasts: BroadcastService
) -> None:
    """Stop a scheduled or sending broadcast (coordinators only; checked by the filter)."""
    if not callback_data.value.isdigit():
        await query.answer(t("broadcast-expired"), show_alert=True)
        return
    broadcast_id = int(callback_data.value)
    try:
        await broadcasts.cancel(broadcast_id)
    except BroadcastError:
        await query.answer(t("broadcast-not-stoppable", id=broadcast_id), show_alert=True)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(t("broadcast-stopped", id=broadcast_id))


async def stale(query: CallbackQuery, t: Translator) -> None:
    """A broadcast button pressed by someone who may not use it."""
    await query.answer(t("not-allowed"), show_alert=True)


def create_broadcast_router() -> Router:
    router = Router(name="broadcasting")
    coordinator = HasRole(Role.COORDINATOR)
    router.message.register(start, Command("siaran", "broadcast"), coordinator)
    router.message.register(not_allowed, Command("siaran", "broadcast"))
    router.message.register(got_message, Compose.message, coordinator)
    router.message.register(got_url_button, Compose.url, F.text, coordinator)
    router.message.register(got_regions, Compose.regions, F.text, coordinator)
    router.message.register(got_datetime, Compose.datetime, F.text, coordinator)
    router.callback_query.register(on_stop, BcCb.filter(F.action == "stop"), coordinator)
    router.callback_query.register(on_button, BcCb.filter(), coordinator, StateFilter("*"))
    router.callback_query.register(stale, BcCb.filter())
    return router

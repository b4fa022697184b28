"""/siaran: the wizard's buttons — navigation, content items, button choices, segment toggles,
the preview, the time and the confirmation. Every value from a button is checked again here
(a choice must be one offered now; a content item must exist and be published)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, FSInputFile, Message

from bot.broadcasting import keyboards as kb
from bot.broadcasting.compose import BACK, Compose, ask, segment_of, segment_text
from bot.broadcasting.compose_input import error_text
from bot.broadcasting.content import BroadcastContentError, check_buttons, check_text
from bot.broadcasting.keyboards import BcCb
from bot.broadcasting.render import render
from bot.broadcasting.segments import SegmentError, SegmentFilters
from bot.broadcasting.service import BroadcastError, BroadcastInfo, BroadcastService
from bot.broadcasting.sources import ComposeSources
from bot.config import Settings
from bot.i18n import Catalog, Translator
from bot.people.service import Person

RECENT_ITEMS = 8
TOGGLES = {action: key for key, action in kb.CHOICE_ACTIONS.items()}


@dataclass
class Step:
    """One button press in the wizard, with what every step needs."""

    message: Message
    state: FSMContext
    t: Translator
    broadcasts: BroadcastService
    filters: SegmentFilters
    sources: ComposeSources

    async def ask(self, step: Any) -> None:
        await ask(
            step, self.message, self.state, self.t, self.broadcasts, self.filters, self.sources
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
    segment_filters: SegmentFilters,
    broadcast_sources: ComposeSources,
) -> None:
    """Every wizard button (coordinators only; checked by the router's filter)."""
    message = query.message
    current = await state.get_state()
    if (
        not isinstance(message, Message)
        or current is None
        or not current.startswith("BroadcastCompose:")
    ):
        await query.answer(t("broadcast-expired"), show_alert=True)
        return
    step = Step(message, state, t, broadcasts, segment_filters, broadcast_sources)
    action, value = callback_data.action, callback_data.value
    data = await state.get_data()
    await query.answer()
    if action == "cancel":
        await state.clear()
        await message.answer(t("broadcast-cancelled"))
    elif action == "back" and current in BACK:
        await step.ask(BACK[current])
    elif current == Compose.message.state and action in ("items", "item"):
        await _item(step, value if action == "item" else None)
    elif current == Compose.buttons.state:
        await _buttons_step(step, action, value, data)
    elif current == Compose.segment.state:
        await _segment_step(step, action, value, data, bot, catalog, settings)
    elif current == Compose.when.state and action == "now":
        await state.update_data(at=None, at_text=None)
        await step.ask(Compose.confirm)
    elif current == Compose.when.state and action == "later":
        await step.ask(Compose.datetime)
    elif current == Compose.confirm.state and action == "confirm":
        await _confirm(step, person, data)


async def _item(step: Step, value: str | None) -> None:
    """List recent content items, or take the chosen one as the message."""
    t, sources = step.t, step.sources
    if sources.list_items is None or sources.item_message is None:
        return
    if value is None:
        items = await sources.list_items(RECENT_ITEMS)
        text = t("broadcast-pick-item-title") if items else t("broadcast-no-items")
        await step.message.answer(text, reply_markup=kb.items_menu(t, items))
        return
    found = await sources.item_message(value, t)
    if found is None:
        await step.message.answer(t("broadcast-item-gone"), reply_markup=kb.items_menu(t, []))
        return
    try:  # an item whose text Telegram would refuse is refused here, with the reason
        check_text(found.text, has_media=found.media is not None)
        check_buttons(found.buttons)
    except BroadcastContentError as exc:
        await step.message.answer(
            t("broadcast-bad-message", error=error_text(t, exc)), reply_markup=kb.items_menu(t, [])
        )
        return
    await step.state.update_data(
        text=found.text,
        media=found.media,
        buttons=found.buttons,
        title=found.title,
        source=found.source,
    )
    await step.ask(Compose.buttons)


async def _buttons_step(step: Step, action: str, value: str, data: dict[str, Any]) -> None:
    t, state = step.t, step.state
    if action == "url":
        await step.ask(Compose.url)
    elif action == "share":
        share = {"text": t("broadcast-share-label"), "switch_inline_query": ""}
        await state.update_data(buttons=[*data.get("buttons", []), [share]])
        await step.ask(Compose.buttons)
    elif action == "survey" and step.sources.list_surveys is not None:
        surveys = await step.sources.list_surveys(t)
        text = t("broadcast-pick-survey") if surveys else t("broadcast-no-surveys")
        await step.message.answer(text, reply_markup=kb.surveys_menu(t, surveys))
    elif action == "svb" and step.sources.has_surveys:
        assert step.sources.list_surveys is not None and step.sources.survey_button is not None
        if value not in {c.value for c in await step.sources.list_surveys(t)}:
            await step.message.answer(t("broadcast-survey-gone"))
            return
        button = {
            "text": t("broadcast-survey-label"),
            "callback_data": step.sources.survey_button(value),
        }
        rows = [*data.get("buttons", []), [button]]
        try:
            check_buttons(rows)
        except BroadcastContentError as exc:
            await step.message.answer(t("broadcast-bad-url", error=error_text(t, exc)))
            return
        await state.update_data(buttons=rows)
        await step.ask(Compose.buttons)
    elif action == "clear":
        await state.update_data(buttons=[])
        await step.ask(Compose.buttons)
    elif action == "next":
        await step.ask(Compose.segment)


async def _segment_step(
    step: Step,
    action: str,
    value: str,
    data: dict[str, Any],
    bot: Bot,
    catalog: Catalog,
    settings: Settings,
) -> None:
    if action in ("role", "lang"):
        key, allowed = (
            ("roles", kb.ROLE_KEYS) if action == "role" else ("languages", kb.LANGUAGE_KEYS)
        )
        if value not in allowed:
            return
        chosen = list(data.get(key, []))
        if value == "everyone":
            chosen = []
        elif value in chosen:
            chosen.remove(value)
        else:
            chosen.append(value)
        await step.state.update_data({key: chosen})
        data[key] = chosen
        await _show_segment(step, data)
    elif action == "segment":
        await _show_segment(step, data)
    elif action == "kind" and value in kb.CHOICE_MENUS:
        await _show_choices(step, data, value)
    elif action in TOGGLES:
        await _toggle_choice(step, data, TOGGLES[action], value)
    elif action == "regions":
        await step.ask(Compose.regions)
    elif action == "next":
        await step.message.answer(step.t("broadcast-preview-title"))
        await _preview(step.message, data, bot, catalog, settings.default_language)
        await step.ask(Compose.when)


async def _show_segment(step: Step, data: dict[str, Any]) -> None:
    await step.message.edit_text(
        await segment_text(step.t, data, step.broadcasts),
        reply_markup=kb.segment_menu(
            step.t, data.get("roles", []), data.get("languages", []), step.filters.choice_keys()
        ),
    )


async def _show_choices(step: Step, data: dict[str, Any], menu: str) -> None:
    """A sub-menu of the segment step (cohorts, topics or surveys), with the count so far."""
    keys = [k for k in kb.CHOICE_MENUS[menu] if k in step.filters.choice_keys()]
    if not keys:
        return
    choices = await step.filters.choices(keys[0], step.t)
    if menu == "surveys":
        markup = kb.survey_state_menu(
            step.t,
            choices,
            data.get("surveys_completed", []),
            data.get("surveys_not_completed", []),
        )
    else:
        markup = kb.choices_menu(step.t, keys[0], choices, data.get(keys[0], []))
    text = await segment_text(step.t, data, step.broadcasts)
    if not choices:
        text += "\n\n" + step.t(
            f"broadcast-no-{menu}" if menu != "surveys" else "broadcast-no-surveys-segment"
        )
    await step.message.edit_text(text, reply_markup=markup)


async def _toggle_choice(step: Step, data: dict[str, Any], key: str, value: str) -> None:
    """Add or remove one cohort / topic / survey state; only values offered now are accepted."""
    if key not in step.filters.choice_keys():
        return
    offered = {c.value: c.label for c in await step.filters.choices(key, step.t)}
    chosen = list(data.get(key, []))
    if value in chosen:
        chosen.remove(value)
    elif value in offered:
        chosen.append(value)
    else:
        return
    labels = dict(data.get("labels", {}))
    if value in offered:
        labels[f"{key}:{value}"] = offered[value]
    await step.state.update_data({key: chosen, "labels": labels})
    data[key], data["labels"] = chosen, labels
    menu = next(m for m, keys in kb.CHOICE_MENUS.items() if key in keys)
    await _show_choices(step, data, menu)


async def _preview(
    message: Message, data: dict[str, Any], bot: Bot, catalog: Catalog, lang: str
) -> None:
    segment = segment_of(data)
    language = segment.languages[0] if len(segment.languages) == 1 else lang
    info = BroadcastInfo(
        id=0,
        slug=None,
        title=data.get("title"),
        text=data["text"],
        language=language,
        media=data.get("media"),
        buttons=data.get("buttons") or None,
        segment=segment,
        source=data.get("source"),
        state="draft",
        created_by=None,
        scheduled_at=None,
    )
    content = render(info, catalog)
    chat_id = message.chat.id
    if content.media_type is None or content.media_source is None:
        await bot.send_message(chat_id, content.text, reply_markup=content.markup)
        return
    source: Any = (
        FSInputFile(content.media_source) if content.media_is_path else content.media_source
    )
    send: Any = {"photo": bot.send_photo, "video": bot.send_video, "document": bot.send_document}
    await send[content.media_type](
        chat_id, source, caption=content.text, reply_markup=content.markup
    )


async def _confirm(step: Step, person: Person, data: dict[str, Any]) -> None:
    t, message, broadcasts = step.t, step.message, step.broadcasts
    at = datetime.fromisoformat(data["at"]) if data.get("at") else None
    try:
        broadcast_id = await broadcasts.create(
            text=data["text"],
            segment=segment_of(data),
            created_by=person.id,
            title=data.get("title"),
            media=data.get("media"),
            buttons=data.get("buttons") or None,
            source=data.get("source"),
        )
        await broadcasts.set_progress_chat(broadcast_id, message.chat.id)
        await broadcasts.schedule(broadcast_id, at)
    except BroadcastContentError as exc:
        await message.answer(t("broadcast-bad-message", error=error_text(t, exc)))
        return
    except (BroadcastError, SegmentError):
        await message.answer(t("broadcast-bad-message", error=t("broadcast-error-other")))
        return
    await step.state.clear()
    if at is None:
        text = t("broadcast-started", id=broadcast_id)
    else:
        text = t("broadcast-scheduled", id=broadcast_id, at=data["at_text"])
    await message.answer(text, reply_markup=kb.stop_menu(t, broadcast_id))

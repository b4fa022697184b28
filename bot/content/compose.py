"""/konten_baru (coordinators): send or forward a post, add a title and topics, preview, publish;
then ``push.py`` offers to send it to alumni."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.content.delivery import send_item
from bot.content.errors import ContentError
from bot.content.keyboards import (
    ComposeCb,
    cancel_keyboard,
    compose_confirm_keyboard,
    not_menu_text,
    push_keyboard,
    topic_label,
    topic_toggle_keyboard,
)
from bot.content.library import Item, ItemDraft
from bot.content.loader import MAX_TITLE_CHARS, ContentFileError, check_body
from bot.content.service import ContentService
from bot.content.states import Compose
from bot.filters import HasRole
from bot.i18n import Translator
from bot.people.models import Role
from bot.people.service import Person


def _media_of(message: Message) -> tuple[str | None, str | None]:
    if message.photo:
        return "photo", message.photo[-1].file_id
    if message.video:
        return "video", message.video.file_id
    if message.document:
        return "document", message.document.file_id
    return None, None


def _draft_item(data: dict[str, Any]) -> Item:
    return Item(
        id=0,
        slug="",
        title=data.get("title", ""),
        body=data.get("body", ""),
        topics=tuple(data.get("topics") or ()),
        language="id",
        campaign=None,
        media_type=data.get("media_type"),
        media_path=None,
        media_file_id=data.get("file_id"),
        status="draft",
        published_at=None,
    )


async def start(message: Message, t: Translator, state: FSMContext) -> None:
    """Ask for the post."""
    await state.clear()
    await state.set_state(Compose.post)
    await message.answer(t("content-compose-post"), reply_markup=cancel_keyboard(t, ComposeCb))


async def got_post(message: Message, t: Translator, state: FSMContext) -> None:
    """The post: text, or photo/video/document with a caption (forwarded posts too)."""
    media_type, file_id = _media_of(message)
    body = (message.html_text or "").strip() if (message.text or message.caption) else ""
    if not body:
        await message.answer(
            t("content-compose-need-text"), reply_markup=cancel_keyboard(t, ComposeCb)
        )
        return
    try:
        check_body(body)
    except ContentFileError as exc:
        await message.answer(
            t("content-compose-bad-post", problem=exc.message),
            reply_markup=cancel_keyboard(t, ComposeCb),
        )
        return
    await state.update_data(body=body, media_type=media_type, file_id=file_id)
    await state.set_state(Compose.title)
    await message.answer(
        t("content-compose-title"), reply_markup=cancel_keyboard(t, ComposeCb, back=True)
    )


async def got_title(
    message: Message, t: Translator, state: FSMContext, content: ContentService
) -> None:
    """The title; then the topics."""
    title = " ".join((message.text or "").split())
    if not 3 <= len(title) <= MAX_TITLE_CHARS:
        await message.answer(
            t("content-compose-title-length", max=MAX_TITLE_CHARS),
            reply_markup=cancel_keyboard(t, ComposeCb, back=True),
        )
        return
    await state.update_data(title=title, topics=[])
    await state.set_state(Compose.topics)
    await message.answer(
        t("content-compose-topics"),
        reply_markup=topic_toggle_keyboard(t, content.topics, [], ComposeCb, "content-next"),
    )


async def toggle_topic(
    query: CallbackQuery,
    callback_data: ComposeCb,
    t: Translator,
    state: FSMContext,
    content: ContentService,
) -> None:
    """Tick or untick a topic of the new item."""
    if callback_data.value not in content.topics:
        await query.answer(t("stale-button"))
        return
    chosen = set((await state.get_data()).get("topics") or []) ^ {callback_data.value}
    await state.update_data(topics=sorted(chosen))
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(
            reply_markup=topic_toggle_keyboard(t, content.topics, chosen, ComposeCb, "content-next")
        )


async def topics_done(
    query: CallbackQuery, t: Translator, state: FSMContext, content: ContentService, bot: Bot
) -> None:
    """Show a preview exactly as alumni will see it, and ask to publish."""
    data = await state.get_data()
    if not data.get("topics"):
        await query.answer(t("content-topics-none"), show_alert=True)
        return
    await state.set_state(Compose.confirm)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(
            t(
                "content-compose-topics-chosen",
                topics=", ".join(topic_label(t, x) for x in data["topics"]),
            )
        )
        await send_item(bot, query.message.chat.id, _draft_item(data), content.library)
        await query.message.answer(
            t("content-compose-confirm"), reply_markup=compose_confirm_keyboard(t)
        )


async def publish(
    query: CallbackQuery, person: Person, t: Translator, state: FSMContext, content: ContentService
) -> None:
    """Save and publish the item; then offer to push it to alumni."""
    data = await state.get_data()
    if not data.get("body") or not data.get("title"):
        await state.clear()
        await query.answer(t("stale-button"))
        return
    slug = await content.library.unique_slug(data["title"])
    draft = ItemDraft(
        slug=slug,
        title=data["title"],
        body=data["body"],
        topics=tuple(data.get("topics") or ()),
        media_type=data.get("media_type"),
        media_file_id=data.get("file_id"),
        source="chat",
    )
    try:
        item = await content.create_item(person, draft)
    except ContentError:
        await state.clear()  # the draft is gone; the error handler tells why
        raise
    await state.set_state(Compose.push)
    await state.update_data(item_id=item.id)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(
            t("content-compose-published", title=item.title, slug=item.slug)
        )
        await query.message.answer(t("content-push-ask"), reply_markup=push_keyboard(t))


async def back(
    query: CallbackQuery, t: Translator, state: FSMContext, content: ContentService
) -> None:
    """One step back: confirm → topics → title → post."""
    current = await state.get_state()
    data = await state.get_data()
    await query.answer()
    if not isinstance(query.message, Message):
        return
    if current == Compose.confirm.state:
        await state.set_state(Compose.topics)
        await query.message.edit_text(
            t("content-compose-topics"),
            reply_markup=topic_toggle_keyboard(
                t, content.topics, data.get("topics") or [], ComposeCb, "content-next"
            ),
        )
    elif current == Compose.topics.state:
        await state.set_state(Compose.title)
        await query.message.edit_text(
            t("content-compose-title"), reply_markup=cancel_keyboard(t, ComposeCb, back=True)
        )
    else:
        await state.set_state(Compose.post)
        await query.message.edit_text(
            t("content-compose-post"), reply_markup=cancel_keyboard(t, ComposeCb)
        )


async def cancel(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    """Drop the draft."""
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("cancelled"))


def register(router: Router) -> None:
    coordinator = HasRole(Role.COORDINATOR)
    router.message.register(start, Command("konten_baru"), coordinator)
    router.message.register(
        got_post, StateFilter(Compose.post), coordinator, ~F.text.startswith("/"), not_menu_text
    )
    router.message.register(
        got_title,
        StateFilter(Compose.title),
        coordinator,
        F.text,
        ~F.text.startswith("/"),
        not_menu_text,
    )
    cb = ComposeCb.filter
    router.callback_query.register(
        toggle_topic, StateFilter(Compose.topics), coordinator, cb(F.action == "topic")
    )
    router.callback_query.register(
        topics_done, StateFilter(Compose.topics), coordinator, cb(F.action == "done")
    )
    router.callback_query.register(
        publish, StateFilter(Compose.confirm), coordinator, cb(F.action == "publish")
    )
    router.callback_query.register(back, StateFilter(Compose), coordinator, cb(F.action == "back"))
    router.callback_query.register(cancel, cb(F.action == "cancel"))

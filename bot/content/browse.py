"""/konten and Konten Kampanye: newest items, by topic, paged; an item with its share buttons;
"Sudah saya bagikan" (where, and an optional link)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.content.delivery import send_item
from bot.content.errors import ContentError
from bot.content.keyboards import (
    BrowseCb,
    ShareCb,
    channel_keyboard,
    item_keyboard,
    library_keyboard,
    not_menu_text,
    skip_link_keyboard,
    topic_label,
    topics_browse_keyboard,
)
from bot.content.library import UnknownItemError
from bot.content.service import ContentService
from bot.content.states import ShareLink
from bot.filters import MenuButton
from bot.i18n import Translator
from bot.people.service import Person


async def _library_view(t: Translator, content: ContentService, page: int, topic: str):  # type: ignore[no-untyped-def]
    result = await content.library.page(page, content.settings.page_size, topic or None)
    if not result.items:
        text = (
            t("content-library-empty-topic", topic=topic_label(t, topic))
            if topic
            else t("content-library-empty")
        )
    else:
        header = (
            t("content-library-topic", topic=topic_label(t, topic))
            if topic
            else t("content-library-title")
        )
        text = header + "\n" + t("content-library-page", page=result.page + 1, pages=result.pages)
    return text, library_keyboard(t, result, topic)


async def show_library(message: Message, t: Translator, content: ContentService) -> None:
    """The newest items (page 1), with topic filters."""
    text, markup = await _library_view(t, content, 0, "")
    await message.answer(text, reply_markup=markup)


async def browse(
    query: CallbackQuery, callback_data: BrowseCb, t: Translator, content: ContentService, bot: Bot
) -> None:
    """Page through the library, pick a topic, or open an item."""
    if not isinstance(query.message, Message):
        await query.answer()
        return
    if callback_data.topic and callback_data.topic not in content.topics:
        await query.answer(t("stale-button"))
        return
    if callback_data.action == "topics":
        await query.answer()
        await query.message.edit_text(
            t("content-browse-pick-topic"), reply_markup=topics_browse_keyboard(t, content.topics)
        )
    elif callback_data.action == "page":
        await query.answer()
        text, markup = await _library_view(t, content, callback_data.page, callback_data.topic)
        await query.message.edit_text(text, reply_markup=markup)
    elif callback_data.action == "open":
        item = await content.library.get(callback_data.item)  # UnknownItemError: an alert
        if not item.published:
            raise UnknownItemError(id=str(item.id))
        await query.answer()
        await send_item(bot, query.message.chat.id, item, content.library, item_keyboard(t, item))
    else:
        await query.answer(t("stale-button"))


async def share_start(
    query: CallbackQuery,
    callback_data: ShareCb,
    t: Translator,
    content: ContentService,
    state: FSMContext,
    bot: Bot,
) -> None:
    """Sudah saya bagikan: ask where."""
    item = await content.library.get(callback_data.item)
    await state.clear()
    await query.answer()
    await bot.send_message(
        query.from_user.id,
        t("content-share-where", title=item.title),
        reply_markup=channel_keyboard(t, item.id),
    )


async def share_channel(
    query: CallbackQuery,
    callback_data: ShareCb,
    person: Person,
    t: Translator,
    content: ContentService,
    state: FSMContext,
) -> None:
    """Record the share (durable first), then offer to add a link."""
    share_id = await content.sharing.record_share(
        person.id, callback_data.item, callback_data.channel, via="self"
    )
    await state.set_state(ShareLink.link)
    await state.update_data(share_id=share_id)
    await query.answer(t("content-share-thanks-short"))
    if isinstance(query.message, Message):
        await query.message.edit_text(
            t("content-share-recorded", channel=t(f"content-channel-{callback_data.channel}")),
            reply_markup=skip_link_keyboard(t),
        )


async def share_link(
    message: Message, person: Person, t: Translator, content: ContentService, state: FSMContext
) -> None:
    """The optional link to the post."""
    share_id = (await state.get_data()).get("share_id")
    if not isinstance(share_id, int):
        await state.clear()
        return
    try:
        await content.sharing.set_share_link(person.id, share_id, message.text or "")
    except ContentError as exc:
        await message.answer(exc.text(t), reply_markup=skip_link_keyboard(t))
        return
    await state.clear()
    await message.answer(t("content-share-link-saved"))


async def share_skip(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    """No link: done."""
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("content-share-done"))


async def share_cancel(query: CallbackQuery, t: Translator) -> None:
    """Not shared after all."""
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("cancelled"))


def register(router: Router) -> None:
    router.message.register(show_library, Command("konten", "content"))
    router.message.register(show_library, MenuButton("menu-content"))
    router.callback_query.register(browse, BrowseCb.filter())
    router.callback_query.register(share_start, ShareCb.filter(F.action == "start"))
    router.callback_query.register(share_channel, ShareCb.filter(F.action == "ch"))
    router.callback_query.register(share_skip, ShareCb.filter(F.action == "skip"))
    router.callback_query.register(share_cancel, ShareCb.filter(F.action == "cancel"))
    router.message.register(
        share_link, StateFilter(ShareLink.link), F.text, ~F.text.startswith("/"), not_menu_text
    )

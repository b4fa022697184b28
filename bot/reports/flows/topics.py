"""Forum topics: in a partner group with topics on, each case lives in its own topic.

The card, the story, the evidence, the questions and answers and the timeline go to the topic the
card opened (``createForumTopic``, named after the report); closing the case closes the topic. A
group without topics, or where the bot may not create them, gets everything in the main chat.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Translator
from bot.outbox.dispatcher import Failure, Reason, Sender, Skip
from bot.outbox.store import OutboxItem
from bot.reports.domain.categories import category_key
from bot.reports.domain.service import ReportService
from bot.reports.domain.views import ReportView
from bot.reports.kinds import TOPIC_CLOSE  # noqa: F401  (re-exported)

log = logging.getLogger("bot.reports")

#: Telegram's limit on a topic's name.
NAME_MAX = 128


class ForumChats:
    """Which chats are forums (asked once per chat and process)."""

    def __init__(self) -> None:
        self._known: dict[int, bool] = {}

    async def is_forum(self, bot: Bot, chat_id: int) -> bool:
        if chat_id > 0:
            return False
        if chat_id not in self._known:
            chat = await bot.get_chat(chat_id)
            self._known[chat_id] = bool(chat.is_forum)
        return self._known[chat_id]


async def open_topic(
    bot: Bot, forums: ForumChats, t: Translator, chat_id: int, report: ReportView
) -> int | None:
    """A topic for the report in a forum group (None: not a forum, or no right to create one)."""
    if not await forums.is_forum(bot, chat_id):
        return None
    name = f"{report.code} · {t(category_key(report.category))}"[:NAME_MAX]
    try:
        topic = await bot.create_forum_topic(chat_id, name)
    except TelegramBadRequest as exc:
        log.warning("report %s: no topic in the partner group: %s", report.code, exc.message)
        return None
    return topic.message_thread_id


class TopicCloseSender(Sender):
    """Close the case's topic (payload: ``route_id``); an already closed topic is fine."""

    def __init__(self, reports: ReportService) -> None:
        self.reports = reports

    async def send(self, bot: Bot, item: OutboxItem) -> dict[str, Any] | None:
        async with self.reports.db.session() as s:
            route = await self.reports.repository(s).route(int(item.payload["route_id"]))
        if route is None or route.thread_id is None:
            raise Skip("no topic")
        try:
            await bot.close_forum_topic(route.chat_id, route.thread_id)
        except TelegramBadRequest as exc:
            if "TOPIC_NOT_MODIFIED" in str(exc) or "thread not found" in str(exc):
                raise Skip("the topic is closed or gone") from exc
            raise
        return None

    async def failed(self, s: AsyncSession, item: OutboxItem, failure: Failure) -> bool:
        return failure.reason is Reason.GONE

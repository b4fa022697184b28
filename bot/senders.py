"""Only people reach the handlers: updates sent by bots and on behalf of chats are dropped.

Telegram delivers group messages that no person sent: an anonymous group admin's message comes
``from`` GroupAnonymousBot (1087968824) with ``sender_chat`` set to the group, a post on behalf of a
channel from Channel_Bot (136817688), a linked channel's automatic forward from Telegram (777000).
Every handler expects the ``person`` the user middleware records for a human sender, so these
updates are dropped first, ahead of flood control and the user middleware: a debug log line, no
error, no reply (they cannot read one). A button press by a bot (forged; bots cannot press) gets
the stale-button toast so nothing spins.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message, TelegramObject, Update
from aiogram.types import User as TgUser
from aiogram.types.update import UpdateTypeLookupError

from bot.i18n import Catalog

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]

#: Telegram's service accounts that "send" messages for someone else.
SERVICE_ACCOUNTS = frozenset({777000, 136817688, 1087968824})


def sent_by_a_person(event: TelegramObject, user: TgUser | None) -> bool:
    """False for a bot, a service account, a message sent on behalf of a chat, or no sender."""
    if isinstance(event, Message) and event.sender_chat is not None:
        return False
    if user is None:
        return not isinstance(event, Message | CallbackQuery)  # e.g. a poll's state: no sender
    return not user.is_bot and user.id not in SERVICE_ACCOUNTS


class PeopleOnlyMiddleware(BaseMiddleware):
    """Outer update middleware: drop what no person sent (see the module docstring)."""

    def __init__(self, catalog: Catalog, default_language: str) -> None:
        self.catalog = catalog
        self.default_language = default_language

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        try:
            inner = event.event
        except UpdateTypeLookupError:  # a kind aiogram does not know: the dispatcher skips it
            return await handler(event, data)
        user: TgUser | None = data.get("event_from_user")
        if sent_by_a_person(inner, user):
            return await handler(event, data)
        log.debug("ignoring %s update %s: not sent by a person", event.event_type, event.update_id)
        if isinstance(inner, CallbackQuery):
            try:
                await inner.answer(self.catalog.text(self.default_language, "stale-button"))
            except TelegramAPIError:
                log.debug("could not answer the press of update %s", event.update_id)
        return None

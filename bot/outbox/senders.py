"""The plain text message: rendered when it was owed, or from a catalogue key when it goes out.

Payload: ``text`` (HTML the writer rendered) or ``key`` + ``args`` + ``lang`` (rendered now, in
``lang`` or the deployment's language), optional ``markup`` (an inline or reply keyboard as a
dict, ``markup_type`` telling which), ``reply_to`` (a message id in the chat), ``thread_id`` (a forum topic) and ``label`` (what the coordinators are told if it
fails: a report code, never a person).
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.types import InlineKeyboardMarkup, ReplyKeyboardMarkup
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Catalog
from bot.outbox.dispatcher import Failure, Reason, Sender
from bot.outbox.store import OutboxItem
from bot.people.models import User

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup


def text_payload(
    text: str,
    *,
    markup: Markup | None = None,
    reply_to: int | None = None,
    label: str | None = None,
    thread_id: int | None = None,
) -> dict[str, Any]:
    """The payload of a ``text`` message (what the writer rendered)."""
    payload: dict[str, Any] = {"text": text}
    if markup is not None:
        payload["markup"] = markup.model_dump(mode="json", exclude_none=True)
        payload["markup_type"] = "reply" if isinstance(markup, ReplyKeyboardMarkup) else "inline"
    if reply_to is not None:
        payload["reply_to"] = reply_to
    if label:
        payload["label"] = label
    if thread_id is not None:
        payload["thread_id"] = thread_id
    return payload


class TextSender(Sender):
    def __init__(self, catalog: Catalog, default_language: str) -> None:
        self.catalog = catalog
        self.default_language = default_language

    async def send(self, bot: Bot, item: OutboxItem) -> dict[str, Any] | None:
        p = item.payload
        text = p.get("text")
        if text is None:
            text = self.catalog.text(
                p.get("lang") or self.default_language, p["key"], **p.get("args", {})
            )
        markup: Markup | None = None
        if p.get("markup"):
            kind = ReplyKeyboardMarkup if p.get("markup_type") == "reply" else InlineKeyboardMarkup
            markup = kind.model_validate(p["markup"])
        message = await bot.send_message(
            item.chat_id,
            text,
            reply_markup=markup,
            reply_to_message_id=p.get("reply_to"),
            allow_sending_without_reply=True,
            message_thread_id=p.get("thread_id"),
        )
        return {"message_id": message.message_id}

    async def failed(self, s: AsyncSession, item: OutboxItem, failure: Failure) -> bool:
        """A person who blocked the bot (or deleted their account) is marked blocked; telling
        the coordinators would only be noise. Anything else is theirs to hear."""
        if failure.reason is Reason.GONE and item.chat_id > 0:
            await s.execute(update(User).where(User.id == item.chat_id).values(blocked=True))
            return True
        return False

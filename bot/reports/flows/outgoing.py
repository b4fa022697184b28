"""What reports owe partner chats, sent through the outbox: cards, card updates, and what goes
under a card (the rest of a long story, then the evidence with its captions).

Cards are rendered from the stored report when they go out (never from a snapshot), so a card
sent late, or sent again after a crash, shows the report as it is now. A card whose chat is gone
(bot removed, chat not found) closes that route; when no chat has the report any more it goes up
a level at once (:meth:`ReportFlows.undelivered`). Any other failure is retried by the outbox and,
after the last attempt, told to the coordinators; the route stays open (a brief Telegram error
never takes a report away from its local partner).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    InputMediaVideo,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Translator
from bot.outbox.dispatcher import Failure, Reason, Sender, Skip
from bot.outbox.store import OutboxItem
from bot.reports.domain.confidential import Reader, as_read_by
from bot.reports.domain.service import ReportService
from bot.reports.domain.views import MediaView, ReportView, RouteView
from bot.reports.flows.outgoing_files import (
    EvidenceHeldError,
    EvidenceUnavailableError,
    OutgoingFile,
    outgoing_file,
)
from bot.reports.flows.story import caption_parts, story_parts, with_text
from bot.reports.flows.topics import ForumChats, open_topic
from bot.reports.kinds import CARD, EVIDENCE, REFRESH  # noqa: F401  (re-exported)
from bot.reports.telegram.cards import card_text
from bot.reports.telegram.keyboards import card_kb

if TYPE_CHECKING:
    from bot.reports.flows.core import ReportFlows

log = logging.getLogger("bot.reports")


class _RouteSender(Sender):
    def __init__(self, reports: ReportService, t: Translator) -> None:
        self.reports = reports
        self.t = t

    async def _load(self, item: OutboxItem) -> tuple[ReportView, RouteView]:
        """The route, and its report as that route's chat may read it (a rahasia report whole
        only in the chat of the partner that claimed it)."""
        route_id = int(item.payload["route_id"])
        async with self.reports.db.session() as s:
            route = await self.reports.repository(s).route(route_id)
            if route is None:
                raise Skip("the route is gone")
            report = await self.reports.repository(s).view_of(route.report_id)
        return as_read_by(report, Reader(partner_id=route.partner_id)), route


class CardSender(_RouteSender):
    """The report's card in a routed chat (payload: ``route_id``)."""

    def __init__(self, reports: ReportService, t: Translator, flows: ReportFlows) -> None:
        super().__init__(reports, t)
        self.flows = flows
        self.forums = ForumChats()

    async def send(self, bot: Bot, item: OutboxItem) -> dict[str, Any] | None:
        report, route = await self._load(item)
        if not route.active:
            raise Skip("the route was closed before its card went out")
        if route.message_id is not None:
            raise Skip("the card is already there")
        thread = route.thread_id or await open_topic(
            bot, self.forums, self.t, route.chat_id, report
        )
        message = await bot.send_message(
            route.chat_id,
            card_text(self.t, report),
            reply_markup=card_kb(self.t, report, active_route=True),
            message_thread_id=thread,
        )
        return {
            "message_id": message.message_id,
            "thread_id": thread,
            "media": len(report.media),
            "story": len(story_parts(self.t, report.code, report.description)),
        }

    async def sent(self, s: AsyncSession, item: OutboxItem, result: dict[str, Any] | None) -> None:
        """The card is there: owe what goes under it, each story part and then the evidence
        (one outbox message each, so a retry never sends a part twice)."""
        assert result is not None
        route_id = int(item.payload["route_id"])
        await self.reports.set_card_message(
            route_id, int(result["message_id"]), thread_id=result.get("thread_id"), s=s
        )
        under = {
            "route_id": route_id,
            "reply_to": result["message_id"],
            "label": item.payload.get("label"),
        }
        for part in range(int(result.get("story") or 0)):
            self.flows.outbox.add(s, EVIDENCE, item.chat_id, {**under, "story_part": part})
        if result.get("media"):
            self.flows.outbox.add(s, EVIDENCE, item.chat_id, under)

    async def failed(self, s: AsyncSession, item: OutboxItem, failure: Failure) -> bool:
        if failure.reason is not Reason.GONE:
            return False
        await self.flows.undelivered(s, int(item.payload["route_id"]))
        return True


class RefreshSender(_RouteSender):
    """A card redrawn from the report's current state (payload: ``route_id``)."""

    async def send(self, bot: Bot, item: OutboxItem) -> dict[str, Any] | None:
        report, route = await self._load(item)
        if route.message_id is None:
            raise Skip("no card to redraw (a card still to send shows the current state)")
        markup = card_kb(self.t, report, active_route=route.active)
        try:
            await bot.edit_message_text(
                card_text(self.t, report, active_route=route.active),
                chat_id=route.chat_id,
                message_id=route.message_id,
                reply_markup=markup or InlineKeyboardMarkup(inline_keyboard=[]),
            )
        except TelegramBadRequest as exc:
            text = str(exc).lower()
            if "not modified" in text:
                return None
            if "message to edit not found" in text or "message can't be edited" in text:
                raise Skip("the card was deleted from the chat") from exc
            raise
        return None

    async def failed(self, s: AsyncSession, item: OutboxItem, failure: Failure) -> bool:
        return failure.reason is Reason.GONE  # the chat is gone: nobody to show the card to


class EvidenceSender(_RouteSender):
    """What goes under a card (payload: ``route_id``, ``reply_to``).

    With ``story_part`` (0, 1, …): that part of the rest of a long story. Without: the evidence,
    albums as albums, each file with the reporter's caption after the report's code, files under
    neutral names, cleaned of metadata; what cannot be cleaned is held.
    """

    def __init__(self, reports: ReportService, t: Translator, flows: ReportFlows) -> None:
        super().__init__(reports, t)
        self.flows = flows

    async def send(self, bot: Bot, item: OutboxItem) -> dict[str, Any] | None:
        report, route = await self._load(item)
        if report.withheld:
            raise Skip("a rahasia report's story and evidence are only for its claiming partner")
        if "story_part" in item.payload:
            parts = story_parts(self.t, report.code, report.description)
            part = int(item.payload["story_part"])
            if part >= len(parts):
                raise Skip("the story is shorter now (its text was removed)")
            await bot.send_message(
                route.chat_id,
                parts[part],
                reply_to_message_id=int(item.payload["reply_to"]),
                allow_sending_without_reply=True,
            )
            return None
        held = await send_evidence(
            bot, self.t, route.chat_id, report, int(item.payload["reply_to"])
        )
        return {"held": held}

    async def sent(self, s: AsyncSession, item: OutboxItem, result: dict[str, Any] | None) -> None:
        held = (result or {}).get("held") or []
        if held:
            self.flows.owe.coordinators(
                s,
                "report-evidence-held",
                code=item.payload.get("label") or "",
                numbers=", ".join(str(i) for i in held),
                skip_chat=item.chat_id,
            )


async def send_evidence(
    bot: Bot, t: Translator, chat_id: int, report: ReportView, reply_to: int
) -> list[int]:
    """Send the report's evidence under the card, each file with its own caption (the report's
    code, then what the reporter wrote); returns the numbers of the files held back because their
    metadata cannot be cleaned (a Telegram error propagates: the outbox retries)."""
    overflow: list[tuple[int, str]] = []

    def caption(index: int, m: MediaView) -> str:
        shown, rest = caption_parts(report.code, m.caption)
        if rest:
            overflow.append((index, rest))
        return shown

    numbered = list(enumerate(report.media, start=1))
    visual = [(i, m) for i, m in numbered if m.kind in ("photo", "video")]
    docs = [(i, m) for i, m in numbered if m.kind == "document"]
    voices = [(i, m) for i, m in numbered if m.kind == "voice"]
    missing: list[int] = []
    held: list[int] = []
    for group in (visual, docs):
        ready: list[tuple[str, OutgoingFile, str]] = []
        for index, m in group:
            try:
                out = await outgoing_file(bot, report.code, index, m.kind, m.file_id)
                ready.append((m.kind, out, caption(index, m)))
            except EvidenceUnavailableError as exc:
                log.warning("report %s: evidence %d withheld: %s", report.code, index, exc)
                missing.append(index)
                if isinstance(exc, EvidenceHeldError):
                    held.append(index)
        if len(ready) == 1:
            kind, out, text = ready[0]
            sender: Any = {
                "photo": bot.send_photo,
                "video": bot.send_video,
                "document": bot.send_document,
            }[kind]
            await sender(chat_id, out.media, caption=text, reply_to_message_id=reply_to)
        elif ready:
            media: list[Any] = []
            for kind, out, text in ready:
                cls = {
                    "photo": InputMediaPhoto,
                    "video": InputMediaVideo,
                    "document": InputMediaDocument,
                }[kind]
                media.append(cls(media=out.media, caption=text))
            await bot.send_media_group(chat_id, media, reply_to_message_id=reply_to)
    for index, m in voices:
        await bot.send_voice(
            chat_id, m.file_id, caption=caption(index, m), reply_to_message_id=reply_to
        )
    for index, text in overflow:  # a caption longer than Telegram's 1,024: in full, as text
        await bot.send_message(
            chat_id,
            with_text(t("report-evidence-caption", code=report.code, number=str(index)), text),
            reply_to_message_id=reply_to,
            allow_sending_without_reply=True,
        )
    if missing:
        await bot.send_message(
            chat_id,
            t(
                "report-evidence-withheld",
                code=report.code,
                numbers=", ".join(str(i) for i in missing),
            ),
            reply_to_message_id=reply_to,
            allow_sending_without_reply=True,
        )
    return held

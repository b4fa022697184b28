"""Sending report messages through Telegram: partner cards and evidence, card updates, the reporter.

Partner chats get texts in the deployment's default language; the reporter in their own. Failures
to reach a chat are logged (report code and chat, never the reporter) and never lose the report.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import (
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    InputMediaVideo,
)

from bot.i18n import Catalog, Translator
from bot.people.service import UnknownUserError
from bot.reports.cards import card_text, excerpt, level_label
from bot.reports.categories import Status
from bot.reports.keyboards import card_kb
from bot.reports.outgoing_files import (
    EvidenceHeldError,
    EvidenceUnavailableError,
    OutgoingFile,
    outgoing_file,
)
from bot.reports.service import ReportService
from bot.reports.views import ReportView, RouteView

log = logging.getLogger("bot.reports")


class ReportNotifier:
    """One bot's way of telling partners, coordinators and reporters about reports."""

    def __init__(
        self,
        bot: Bot,
        reports: ReportService,
        catalog: Catalog,
        default_language: str,
        coordinators_chat: int | None,
    ) -> None:
        self.bot = bot
        self.reports = reports
        self.catalog = catalog
        self.t = catalog.translator(default_language)
        self.coordinators_chat = coordinators_chat

    async def _send(
        self,
        chat_id: int,
        text: str,
        reply_markup: Any = None,
        reply_to: int | None = None,
        *,
        where: str | None = None,
    ) -> int | None:
        """Send; on failure log ``where`` (a reporter's chat is never logged by its id)."""
        try:
            msg = await self.bot.send_message(
                chat_id,
                text,
                reply_markup=reply_markup,
                reply_to_message_id=reply_to,
                allow_sending_without_reply=True,
            )
        except TelegramAPIError as exc:
            log.warning("could not send to %s: %s", where or f"chat {chat_id}", type(exc).__name__)
            return None
        return msg.message_id

    async def send_cards(self, report: ReportView, routes: list[RouteView]) -> None:
        """A card (and the evidence, as media) in every newly routed chat.

        A chat the card cannot reach (bot removed, chat not found) is dropped from the report; when
        nobody got the card, the report goes up a level at once; the coordinators are told why.
        """
        failed: list[int] = []
        for route in routes:
            message_id = await self._send(
                route.chat_id,
                card_text(self.t, report),
                card_kb(self.t, report, active_route=True),
            )
            if message_id is None:
                failed.append(route.chat_id)
                continue
            await self.reports.set_card_message(route.id, message_id)
            await self.send_evidence(route.chat_id, report, message_id)
        if failed:
            await self._fall_back(report, failed)

    async def _fall_back(self, report: ReportView, failed: list[int]) -> None:
        done = await self.reports.fallback_undelivered(
            report.id, failed, coordinators_chat=self.coordinators_chat
        )
        t = self.t
        text = t("report-undelivered", code=report.code, partners=", ".join(done.failed_names))
        if done.moved and done.new_routes:
            text += "\n" + t("report-undelivered-moved", level=level_label(t, done.report.level))
        elif done.others_have_it:
            text += "\n" + t("report-undelivered-others")
        elif report.status == Status.OPEN:
            text += "\n" + t("report-undelivered-stuck")
        if done.new_routes:
            await self.send_cards(done.report, done.new_routes)
        if self.coordinators_chat is not None and self.coordinators_chat not in failed:
            await self._send(self.coordinators_chat, text)

    async def send_evidence(self, chat_id: int, report: ReportView, reply_to: int) -> None:
        """The evidence under the card: albums as albums, files under neutral names only."""
        caption = excerpt(f"{report.code}", 100)
        numbered = list(enumerate(report.media, start=1))
        visual = [(i, m) for i, m in numbered if m.kind in ("photo", "video")]
        docs = [(i, m) for i, m in numbered if m.kind == "document"]
        voices = [(i, m) for i, m in numbered if m.kind == "voice"]
        missing: list[int] = []
        held: list[int] = []
        try:
            for group in (visual, docs):
                ready: list[tuple[str, OutgoingFile]] = []
                for index, m in group:
                    try:
                        ready.append(
                            (
                                m.kind,
                                await outgoing_file(
                                    self.bot, report.code, index, m.kind, m.file_id
                                ),
                            )
                        )
                    except EvidenceUnavailableError as exc:
                        log.warning(
                            "report %s: evidence %d withheld: %s", report.code, index, exc
                        )
                        missing.append(index)
                        if isinstance(exc, EvidenceHeldError):
                            held.append(index)
                if len(ready) == 1:
                    kind, out = ready[0]
                    sender: Any = {
                        "photo": self.bot.send_photo,
                        "video": self.bot.send_video,
                        "document": self.bot.send_document,
                    }[kind]
                    await sender(chat_id, out.media, caption=caption, reply_to_message_id=reply_to)
                elif ready:
                    media: list[Any] = []
                    for position, (kind, out) in enumerate(ready):
                        cls = {
                            "photo": InputMediaPhoto,
                            "video": InputMediaVideo,
                            "document": InputMediaDocument,
                        }[kind]
                        media.append(
                            cls(media=out.media, caption=caption if position == 0 else None)
                        )
                    await self.bot.send_media_group(chat_id, media, reply_to_message_id=reply_to)
            for _index, m in voices:
                await self.bot.send_voice(
                    chat_id, m.file_id, caption=caption, reply_to_message_id=reply_to
                )
            if missing:
                await self._send(
                    chat_id,
                    self.t(
                        "report-evidence-withheld",
                        code=report.code,
                        numbers=", ".join(str(i) for i in missing),
                    ),
                    reply_to=reply_to,
                )
        except TelegramAPIError as exc:
            log.warning(
                "report %s: evidence not delivered to %s: %s",
                report.code,
                chat_id,
                type(exc).__name__,
            )
        if held and self.coordinators_chat not in (None, chat_id):
            numbers = ", ".join(str(i) for i in held)
            await self.to_coordinators("report-evidence-held", code=report.code, numbers=numbers)

    async def refresh_cards(self, report: ReportView, routes: list[RouteView]) -> None:
        """Every card of the report shows its current state (claimed by…, resolved…)."""
        for route in routes:
            if route.message_id is None:
                continue
            markup = card_kb(self.t, report, active_route=route.active)
            try:
                await self.bot.edit_message_text(
                    card_text(self.t, report, active_route=route.active),
                    chat_id=route.chat_id,
                    message_id=route.message_id,
                    reply_markup=markup or InlineKeyboardMarkup(inline_keyboard=[]),
                )
            except TelegramAPIError as exc:
                log.info(
                    "report %s: card in %s not updated: %s",
                    report.code,
                    route.chat_id,
                    type(exc).__name__,
                )

    async def to_chats(self, chat_ids: list[int], key: str, **args: Any) -> None:
        for chat_id in dict.fromkeys(chat_ids):
            await self._send(chat_id, self.t(key, **args))

    async def to_coordinators(self, key: str, **args: Any) -> None:
        if self.coordinators_chat is not None:
            await self._send(self.coordinators_chat, self.t(key, **args))

    async def reporter_translator(self, reporter_id: int) -> Translator:
        try:
            person = await self.reports.people.get(reporter_id)
        except UnknownUserError:
            return self.t
        return self.catalog.translator(person.language)

    async def to_reporter(
        self,
        report: ReportView,
        key: str,
        *,
        markup: Callable[[Translator], Any] | None = None,
        **args: Any,
    ) -> bool:
        """Tell the reporter (if still linked) in their language; False when unreachable."""
        reporter_id = await self.reports.reporter_of(report.id)
        if reporter_id is None:
            return False
        t = await self.reporter_translator(reporter_id)
        sent = await self._send(
            reporter_id,
            t(key, code=report.code, **args),
            markup(t) if markup else None,
            where=f"reporter of {report.code}",
        )
        return sent is not None

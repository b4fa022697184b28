"""What a report's change owes, written into the outbox in the change's transaction.

Messages to a partner chat go to the case's forum topic when the group has topics on
(``thread_id`` of the route).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import Catalog, Translator
from bot.outbox.kinds import TEXT
from bot.outbox.senders import Markup, text_payload
from bot.outbox.store import Outbox
from bot.people.service import language_in
from bot.reports.domain.categories import Confidentiality, category_key
from bot.reports.domain.service import ReportService
from bot.reports.domain.views import ReportView, RouteView
from bot.reports.flows.story import story_parts
from bot.reports.kinds import CARD, EVIDENCE, REFRESH, TOPIC_CLOSE
from bot.reports.telegram.cards import place_label


class OwedMessages:
    """text, cards, refresh, routes, chats, coordinators, admins, reporter, close_topics."""

    def __init__(
        self, reports: ReportService, outbox: Outbox, catalog: Catalog, settings: Settings
    ) -> None:
        self.reports = reports
        self.outbox = outbox
        self.catalog = catalog
        self.settings = settings
        self.t = catalog.translator(settings.default_language)
        self.coordinators_chat = settings.coordinators_chat_id

    def text(
        self,
        s: AsyncSession,
        chat_id: int,
        text: str,
        *,
        label: str,
        markup: Markup | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> None:
        payload = text_payload(
            text, markup=markup, reply_to=reply_to, label=label, thread_id=thread_id
        )
        self.outbox.add(s, TEXT, chat_id, payload)

    def cards(self, s: AsyncSession, report: ReportView, routes: list[RouteView]) -> None:
        for route in routes:
            self.outbox.add(s, CARD, route.chat_id, {"route_id": route.id, "label": report.code})

    def refresh(self, s: AsyncSession, report: ReportView, routes: list[RouteView]) -> None:
        for route in routes:
            if route.message_id is not None:
                payload = {"route_id": route.id, "label": report.code}
                self.outbox.add(s, REFRESH, route.chat_id, payload)

    def unlocked(self, s: AsyncSession, report: ReportView, routes: list[RouteView]) -> None:
        """A rahasia report was claimed: under the claiming partner's card, what its card did
        not carry before (the rest of the story, the evidence), as under any card."""
        if report.confidentiality is not Confidentiality.RAHASIA:
            return
        for route in routes:
            if route.message_id is None or route.partner_id is None:
                continue
            if route.partner_id != report.claimed_by_partner_id:
                continue
            under = {"route_id": route.id, "reply_to": route.message_id, "label": report.code}
            for part in range(len(story_parts(self.t, report.code, report.description))):
                self.outbox.add(s, EVIDENCE, route.chat_id, {**under, "story_part": part})
            if report.media:
                self.outbox.add(s, EVIDENCE, route.chat_id, under)

    def chats(self, s: AsyncSession, chat_ids: list[int], key: str, **args: Any) -> None:
        label = str(args.get("code") or key)
        for chat_id in dict.fromkeys(chat_ids):
            self.text(s, chat_id, self.t(key, **args), label=label)

    def routes(self, s: AsyncSession, routes: list[RouteView], key: str, **args: Any) -> None:
        """A notice in each route's chat (its topic, in a forum group)."""
        label = str(args.get("code") or key)
        seen: set[int] = set()
        for route in routes:
            if route.chat_id not in seen:
                seen.add(route.chat_id)
                self.text(
                    s, route.chat_id, self.t(key, **args), label=label, thread_id=route.thread_id
                )

    def close_topics(self, s: AsyncSession, report: ReportView, routes: list[RouteView]) -> None:
        """The case is closed: so are its forum topics."""
        for route in routes:
            if route.thread_id is not None:
                payload = {"route_id": route.id, "label": report.code}
                self.outbox.add(s, TOPIC_CLOSE, route.chat_id, payload)

    def coordinators(
        self, s: AsyncSession, key: str, *, skip_chat: int | None = None, **args: Any
    ) -> None:
        chat = self.coordinators_chat
        if chat is not None and chat != skip_chat:
            self.text(s, chat, self.t(key, **args), label=str(args.get("code") or key))

    def admins(self, s: AsyncSession, report: ReportView) -> None:
        """A report no partner and no coordinators' chat can take: each admin, in private."""
        text = self.t(
            "report-unrouted-admin",
            code=report.code,
            category=self.t(category_key(report.category)),
            place=place_label(report.region_code),
        )
        for admin in self.settings.admins:
            self.text(s, admin, text, label=f"{report.code} (admin)")

    async def reporter(
        self,
        s: AsyncSession,
        report: ReportView,
        key: str,
        *,
        markup: Callable[[Translator], Markup] | None = None,
        **args: Any,
    ) -> bool:
        """The reporter's news in their language; False when the reporter is detached."""
        reporter_id = await self.reports.repository(s).reporter(report.id)
        if reporter_id is None:
            return False
        lang = await language_in(s, reporter_id, self.settings.default_language)
        t = self.catalog.translator(lang or self.settings.default_language)
        self.text(
            s,
            reporter_id,
            t(key, code=report.code, **args),
            markup=markup(t) if markup else None,
            label=f"{report.code} (pelapor)",
        )
        return True

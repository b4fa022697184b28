"""Report flows: every change to a report with the messages it owes, in one transaction.

Each flow stores the change (through :class:`ReportService`), routes it, records it on the
timeline and writes the messages it owes (partner cards, card updates, the reporter's news, the
coordinators' notices) into the outbox *in the same transaction*: a crash can lose neither the
change nor a message, and the outbox sends each with bounded, counted attempts
(:mod:`bot.outbox`). Handlers, the SLA sweeper, the CLI and the tests all call these flows.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import Catalog, Translator
from bot.outbox.store import Outbox
from bot.people.keyboards import main_menu
from bot.people.service import Person
from bot.reports.domain.categories import Confidentiality, Level, Status, category_key
from bot.reports.domain.confidential import reading_routes
from bot.reports.domain.drafts import Draft
from bot.reports.domain.errors import NotAllowedError
from bot.reports.domain.service import ReportService
from bot.reports.domain.submission import Submitted
from bot.reports.domain.views import ReportView
from bot.reports.domain.workflow import Actor, Outcome
from bot.reports.flows.owed import OwedMessages
from bot.reports.flows.verdicts import VerdictFlows
from bot.reports.telegram import keyboards as kb
from bot.reports.telegram.cards import excerpt, level_label, place_label


@dataclass(frozen=True, slots=True)
class Claimed:
    outcome: Outcome
    #: The actor's own partner had claimed it already (the card is redrawn, nothing else).
    again: bool = False


class ReportFlows:
    """submit, claim, ask, answer, forward, resolve, reject, escalate, remind, undelivered."""

    def __init__(
        self, reports: ReportService, outbox: Outbox, catalog: Catalog, settings: Settings
    ) -> None:
        self.reports = reports
        self.owe = OwedMessages(reports, outbox, catalog, settings)
        # what the messages need is the owed messages' own: read from there, not copied
        self.outbox, self.settings = self.owe.outbox, self.owe.settings
        #: Partner and coordinator chats read the deployment's language.
        self.t = self.owe.t
        self.coordinators_chat = self.owe.coordinators_chat
        self.verdicts = VerdictFlows(self)

    @contextlib.asynccontextmanager
    async def change(self) -> AsyncIterator[AsyncSession]:
        """A transaction for one change and its messages; the outbox is woken after commit."""
        async with self.reports.db.transaction() as s:
            yield s
        self.outbox.kick()

    # --- the flows

    async def submit(
        self, person: Person, t: Translator, draft: Draft, *, duplicate_of: int | None = None
    ) -> Submitted:
        """Store and route the report; owe the reporter's confirmation and the partners' cards."""
        await self.reports.partners.ensure_synced()  # before the transaction: syncing writes
        async with self.change() as s:
            done = await self.reports.intake.submit(
                person.id,
                person.first_name,
                draft,
                coordinators_chat=self.coordinators_chat,
                duplicate_of=duplicate_of,
                s=s,
            )
            menu = main_menu(t)
            if done.original is not None:
                code = done.original.code
                self.owe.text(s, person.id, t("report-linked", code=code), markup=menu, label=code)
                rahasia = draft.level is Confidentiality.RAHASIA
                self.owe.routes(
                    s,
                    reading_routes(done.original, done.routes, rahasia=rahasia),
                    "report-repeat-info",
                    code=code,
                    text=excerpt(draft.description or "", 3000),
                )
            else:
                sla = self.settings.reports.sla
                report = done.report
                text = t("report-sent", code=report.code, hours=f"{sla.claim_hours:g}")
                if report.urgent:
                    text += "\n\n" + t("report-sent-urgent", hours=f"{sla.urgent_claim_hours:g}")
                if not done.routes:  # nobody can take it: say so, and tell the admins
                    text = t("report-sent-unrouted", code=report.code)
                    self.owe.admins(s, report)
                self.owe.text(s, person.id, text, markup=menu, label=report.code)
                self.owe.cards(s, report, done.routes)
        await self.reports.people.record_activity(person.id, "report_submitted")
        return done

    async def claim(self, report_id: int, actor: Actor) -> Claimed:
        """The first claim wins; pressing one's own partner's claim again redraws the card."""
        async with self.change() as s:
            try:
                outcome = await self.reports.workflow.claim(report_id, actor, s=s)
            except NotAllowedError as exc:
                mine = actor.partner_id is not None and (
                    await self.reports.repository(s).claimed_by(report_id) == actor.partner_id
                )
                if exc.key != "report-error-taken" or not mine:
                    raise
                report = await self.reports.repository(s).view_of(report_id)
                routes = await self.reports.repository(s).routes(report_id)
                self.owe.refresh(s, report, routes)
                return Claimed(Outcome(report, routes, []), again=True)
            self.owe.refresh(s, outcome.report, outcome.routes)
            self.owe.unlocked(s, outcome.report, outcome.routes)
            await self.owe.reporter(s, outcome.report, "report-notify-claimed")
        return Claimed(outcome)

    async def ask(self, report_id: int, actor: Actor, question: str) -> ReportView:
        """A partner's question, relayed to the reporter with a Balas button."""
        async with self.change() as s:
            report, _reporter = await self.reports.questions.ask(report_id, actor, question, s=s)

            def reply(rt: Translator) -> InlineKeyboardMarkup:
                return kb.reply_kb(rt, report.id)

            await self.owe.reporter(
                s, report, "report-notify-question", text=excerpt(question, 3000), markup=reply
            )
        return report

    async def answer(self, report_id: int, reporter_id: int, text: str) -> ReportView:
        """The reporter's answer, relayed to the report's partner chats (never their identity)."""
        async with self.change() as s:
            report, chats = await self.reports.questions.answer(report_id, reporter_id, text, s=s)
            routes = [
                r for r in await self.reports.repository(s).routes(report.id) if r.chat_id in chats
            ]
            self.owe.routes(
                s, routes, "report-answer-relayed", code=report.code, text=excerpt(text, 3500)
            )
        return report

    async def forward(self, report_id: int, actor: Actor, target: int | None) -> Outcome:
        """To another partner, or (``None``) up one level: old cards redrawn, new cards owed."""
        await self.reports.partners.ensure_synced()
        async with self.change() as s:
            outcome = await self.reports.workflow.forward(
                report_id, actor, target, coordinators_chat=self.coordinators_chat, s=s
            )
            fresh = {r.id for r in outcome.new_routes}
            self.owe.refresh(s, outcome.report, [r for r in outcome.routes if r.id not in fresh])
            self.owe.cards(s, outcome.report, outcome.new_routes)
        return outcome

    async def close(self, report_id: int, actor: Actor, note: str, *, resolved: bool) -> Outcome:
        """Resolve (with the outcome) or reject (with the reason); the reporter is told."""
        async with self.change() as s:
            outcome = await self.reports.workflow.close(
                report_id, actor, note, resolved=resolved, s=s
            )
            self.owe.refresh(s, outcome.report, outcome.routes)
            self.owe.close_topics(s, outcome.report, outcome.routes)
            await self.owe.reporter(
                s,
                outcome.report,
                "report-notify-resolved" if resolved else "report-notify-rejected",
                note=outcome.report.outcome or "",
            )
            if resolved and outcome.report.verdict_asks == 1:  # asked right after the news
                await self.verdicts.ask(s, outcome.report)
        return outcome

    async def request_reopen(self, report_id: int, reporter_id: int) -> ReportView:
        """A reporter asks to reopen a closed report: its partner and the coordinators hear."""
        async with self.change() as s:
            report, chats = await self.reports.questions.request_reopen(report_id, reporter_id, s=s)
            routes = [
                r for r in await self.reports.repository(s).routes(report.id) if r.chat_id in chats
            ]
            self.owe.routes(s, routes, "report-reopen-requested", code=report.code)
            skip = self.coordinators_chat if self.coordinators_chat in chats else None
            if skip is None:
                self.owe.coordinators(s, "report-reopen-requested", code=report.code)
        return report

    async def resolve(self, report_id: int, actor: Actor, note: str) -> Outcome:
        return await self.close(report_id, actor, note, resolved=True)

    async def reject(self, report_id: int, actor: Actor, note: str) -> Outcome:
        return await self.close(report_id, actor, note, resolved=False)

    async def escalate(self, report_id: int) -> bool:
        """An unclaimed, overdue report one level up (the sweeper); False when not due."""
        async with self.change() as s:
            done = await self.reports.sla.escalate(
                report_id, coordinators_chat=self.coordinators_chat, s=s
            )
            if done is None:
                return False
            report, new_routes = done
            self.owe.cards(s, report, new_routes)
            args: dict[str, Any] = {
                "code": report.code,
                "category": self.t(category_key(report.category)),
                "place": place_label(report.region_code),
            }
            if report.level >= Level.COORDINATORS and not new_routes:
                self.owe.coordinators(s, "report-escalated-final", **args)
            elif not any(r.chat_id == self.coordinators_chat for r in new_routes):
                level = level_label(self.t, report.level)
                self.owe.coordinators(s, "report-escalated", level=level, **args)
        return True

    async def remind(self, report_id: int) -> bool:
        """A quiet claiming partner is reminded (the sweeper); False when not due."""
        async with self.change() as s:
            done = await self.reports.sla.remind(report_id, s=s)
            if done is None:
                return False
            report, routes = done
            days = f"{self.settings.reports.sla.update_days:g}"
            self.owe.routes(s, routes, "report-reminder", code=report.code, days=days)
        return True

    async def undelivered(self, s: AsyncSession, route_id: int) -> None:
        """A card's chat is gone (the outbox's verdict, in its transaction): the route closes;
        when no chat has the report any more it goes up a level; the coordinators are told."""
        route = await self.reports.repository(s).route(route_id)
        if route is None:
            return
        done = await self.reports.sla.fallback_undelivered(
            route.report_id, [route.chat_id], coordinators_chat=self.coordinators_chat, s=s
        )
        t = self.t
        text = t("report-undelivered", code=done.report.code, partners=", ".join(done.failed_names))
        if done.moved and done.new_routes:
            text += "\n" + t("report-undelivered-moved", level=level_label(t, done.report.level))
        elif done.others_have_it:
            text += "\n" + t("report-undelivered-others")
        elif done.report.status == Status.OPEN:
            text += "\n" + t("report-undelivered-stuck")
        self.owe.cards(s, done.report, done.new_routes)
        chat = self.coordinators_chat
        if chat is not None and chat != route.chat_id:
            self.owe.text(s, chat, text, label=done.report.code)

"""The partner and coordinator workflow: claim, ask, answer, forward, resolve, reject, view.

Every action re-checks who may do it (never trusting callback data) and leaves a timeline event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import affected
from bot.people.models import User
from bot.people.service import UnknownUserError
from bot.reports.base import NotAllowedError, ReportError, ReportStore, log
from bot.reports.categories import ACTIVE_STATUSES, Level, Status
from bot.reports.models import Partner, Report, ReportEvent, ReportRoute
from bot.reports.partners import partner_info
from bot.reports.views import EventView, ReportView, RouteView, event_view

MAX_NOTE = 1000


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts on a report: a member of ``partner_id`` (in that partner's chat) or a coordinator."""

    user_id: int
    partner_id: int | None
    coordinator: bool
    chat_id: int | None = None

    @property
    def kind(self) -> str:
        return "coordinator" if self.coordinator else "partner"


@dataclass(frozen=True, slots=True)
class Outcome:
    """A changed report and the routes whose cards must be refreshed or newly sent."""

    report: ReportView
    routes: list[RouteView]
    new_routes: list[RouteView]


@dataclass(frozen=True, slots=True)
class Identity:
    user_id: int
    name: str
    username: str | None


def _note(text: str) -> str:
    text = text.strip()
    if not text:
        raise ReportError("report-note-empty")
    if len(text) > MAX_NOTE:
        raise ReportError("report-note-too-long", max=MAX_NOTE)
    return text


class WorkflowMixin(ReportStore):
    async def actor_for(
        self, report_id: int, user_id: int, chat_id: int, *, coordinator: bool
    ) -> Actor:
        """The user acting on the report from this chat, or :class:`NotAllowedError`."""
        async with self.db.session() as s:
            report = await self._report(s, report_id)
            routes = [r for r in await self._routes(s, report_id) if r.chat_id == chat_id]
        member_of = await self.partners.memberships(user_id)
        for r in routes:
            if r.active and r.partner_id is not None and r.partner_id in member_of:
                return Actor(user_id, r.partner_id, False, chat_id)
        if coordinator:
            return Actor(user_id, None, True, chat_id)
        if routes and any(r.partner_id in member_of for r in routes):
            raise NotAllowedError("report-error-taken")
        log.info("report %s: refused an action by a non-member", report.code)
        if any(r.partner_id is not None for r in routes):  # a partner's chat: not joined yet
            raise NotAllowedError("report-error-not-member")
        raise NotAllowedError()

    def _may_handle(self, report: Report, actor: Actor) -> None:
        """Claimed reports are handled by the claiming partner (or a coordinator)."""
        if actor.coordinator:
            return
        if report.status == Status.CLAIMED and report.claimed_by_partner_id != actor.partner_id:
            raise NotAllowedError("report-error-taken")

    async def _outcome(self, s, report: Report, new_routes: list[RouteView] = ()) -> Outcome:  # type: ignore[no-untyped-def,assignment]
        return Outcome(
            await self._view(s, report), await self._routes(s, report.id), list(new_routes)
        )

    async def claim(
        self, report_id: int, actor: Actor, *, s: AsyncSession | None = None
    ) -> Outcome:
        """Take the report: atomic, the first one wins; the others get ``report-error-taken``."""
        now = self.clock.now()
        async with self._tx(s) as s:
            won = await s.execute(
                update(Report)
                .where(Report.id == report_id, Report.status == Status.OPEN)
                .values(
                    status=Status.CLAIMED,
                    claimed_by_partner_id=actor.partner_id,
                    claimed_by_user_id=actor.user_id,
                    claimed_at=now,
                    claim_due_at=None,
                    update_due_at=now + timedelta(days=self.settings.sla.update_days),
                    updated_at=now,
                )
            )
            if not affected(won):
                raise NotAllowedError("report-error-taken")
            await s.execute(
                update(ReportRoute)
                .where(ReportRoute.report_id == report_id, ReportRoute.chat_id != actor.chat_id)
                .values(active=False)
            )
            await self._event(
                s,
                report_id,
                "claimed",
                actor=actor.kind,
                actor_id=actor.user_id,
                partner_id=actor.partner_id,
            )
            report = await self._report(s, report_id)
            return await self._outcome(s, report)

    async def ask(
        self, report_id: int, actor: Actor, question: str, *, s: AsyncSession | None = None
    ) -> tuple[ReportView, int]:
        """Record a question for the reporter; returns the report and the reporter to relay to."""
        question = _note(question)
        async with self._tx(s) as s:
            report = await self._report(s, report_id)
            self._may_handle(report, actor)
            if report.status not in ACTIVE_STATUSES:
                raise ReportError("report-error-closed")
            if report.reporter_id is None or not report.contact_ok:
                raise ReportError("report-error-no-contact")
            await self._event(
                s,
                report_id,
                "question",
                actor=actor.kind,
                actor_id=actor.user_id,
                partner_id=actor.partner_id,
                note=question,
            )
            self._touched(report)
            return await self._view(s, report), report.reporter_id

    async def answer(
        self, report_id: int, reporter_id: int, text: str, *, s: AsyncSession | None = None
    ) -> tuple[ReportView, list[int]]:
        """The reporter's answer; returns the chats to relay it to (never the reporter's id)."""
        text = text.strip()
        if not text:
            raise ReportError("report-note-empty")
        async with self._tx(s) as s:
            report = await self._report(s, report_id)
            if report.reporter_id != reporter_id:
                raise NotAllowedError()
            if report.status not in ACTIVE_STATUSES:
                raise ReportError("report-error-closed")
            await self._event(s, report_id, "answer", actor="reporter", note=text[:4000])
            chats = [r.chat_id for r in await self._routes(s, report_id) if r.active]
            return await self._view(s, report), chats

    async def request_reopen(
        self, report_id: int, reporter_id: int, *, s: AsyncSession
    ) -> tuple[ReportView, list[int]]:
        """The reporter asks to reopen a closed report; returns the chats of its partner."""
        report = await self._report(s, report_id)
        if report.reporter_id != reporter_id:
            raise NotAllowedError()
        if report.status in ACTIVE_STATUSES:
            raise ReportError("report-reopen-still-open")
        await self._event(s, report_id, "reopen_requested", actor="reporter")
        chats = [
            r.chat_id
            for r in await self._routes(s, report_id)
            if r.message_id is not None
            and (
                report.claimed_by_partner_id is None or r.partner_id == report.claimed_by_partner_id
            )
        ]
        return await self._view(s, report), chats

    async def pending_questions(self, reporter_id: int) -> list[ReportView]:
        """The reporter's open reports with a partner's question not answered yet (newest
        question first): where a typed message of theirs is an answer."""
        asked = (
            select(ReportEvent.report_id, func.max(ReportEvent.id).label("last"))
            .where(ReportEvent.kind == "question")
            .group_by(ReportEvent.report_id)
            .subquery()
        )
        answered = (
            select(ReportEvent.report_id, func.max(ReportEvent.id).label("last"))
            .where(ReportEvent.kind == "answer")
            .group_by(ReportEvent.report_id)
            .subquery()
        )
        query = (
            select(Report)
            .join(asked, asked.c.report_id == Report.id)
            .outerjoin(answered, answered.c.report_id == Report.id)
            .where(
                Report.reporter_id == reporter_id,
                Report.status.in_(list(ACTIVE_STATUSES)),
                (answered.c.last.is_(None)) | (answered.c.last < asked.c.last),
            )
            .order_by(asked.c.last.desc())
            .limit(5)
        )
        async with self.db.session() as s:
            rows = (await s.scalars(query)).all()
            return [await self._view(s, r) for r in rows]

    def _touched(self, report: Report) -> None:
        now = self.clock.now()
        report.updated_at = now
        if report.status == Status.CLAIMED:
            report.update_due_at = now + timedelta(days=self.settings.sla.update_days)

    async def forward(
        self,
        report_id: int,
        actor: Actor,
        target_partner_id: int | None,
        *,
        coordinators_chat: int | None,
        s: AsyncSession | None = None,
    ) -> Outcome:
        """Hand the report to another partner, or (``None``) up one level; it is open again."""
        now = self.clock.now()
        if s is None:
            await self.partners.ensure_synced()  # before the transaction: syncing writes too
        async with self._tx(s) as s:
            report = await self._report(s, report_id, lock=True)
            self._may_handle(report, actor)
            if report.status not in ACTIVE_STATUSES:
                raise ReportError("report-error-closed")
            await s.execute(
                update(ReportRoute).where(ReportRoute.report_id == report_id).values(active=False)
            )
            report.status = Status.OPEN
            report.claimed_by_partner_id = None
            report.claimed_by_user_id = None
            report.claimed_at = None
            report.update_due_at = None
            report.claim_due_at = now + self.claim_window(report.urgent)
            if target_partner_id is None:
                _level, new = await self._add_routes(
                    s, report, above=Level(report.level), coordinators_chat=coordinators_chat
                )
                to = "up"
            else:
                partner = await s.get(Partner, target_partner_id)
                if partner is None or not partner.active:
                    raise ReportError("report-error-unknown-partner")
                info = partner_info(partner)
                level = info.level_for(report.region_code, report.province_code)
                level = Level.NATIONAL if level is None else level
                new = await self._open_routes(s, report, [(partner.id, partner.chat_id)], level)
                report.level = int(level)
                to = partner.name
            await self._event(
                s,
                report_id,
                "forwarded",
                actor=actor.kind,
                actor_id=actor.user_id,
                partner_id=actor.partner_id,
                data={"to": to},
            )
            return await self._outcome(s, report, new)

    async def forward_targets(self, report_id: int, actor: Actor) -> list[tuple[int, str]]:
        """Partners this report may be handed to (id, name), the actor's own excluded."""
        report = await self.view(report_id)
        partners = await self.partners.list_partners(active_only=True)
        found = []
        for p in partners:
            if p.id == actor.partner_id or not p.handles(report.category):
                continue
            if p.level_for(report.region_code, report.region_code.split(".")[0]) is not None:
                found.append((p.id, p.name))
        return found[:8]

    async def close(
        self,
        report_id: int,
        actor: Actor,
        note: str,
        *,
        resolved: bool,
        s: AsyncSession | None = None,
    ) -> Outcome:
        """Resolve (with an outcome note) or reject (with a reason)."""
        note = _note(note)
        now = self.clock.now()
        async with self._tx(s) as s:
            report = await self._report(s, report_id, lock=True)
            self._may_handle(report, actor)
            if report.status not in ACTIVE_STATUSES:
                raise ReportError("report-error-closed")
            if resolved and report.status != Status.CLAIMED and not actor.coordinator:
                raise ReportError("report-error-claim-first")
            report.status = Status.RESOLVED if resolved else Status.REJECTED
            report.outcome = note
            report.closed_at = now
            report.claim_due_at = None
            report.update_due_at = None
            report.updated_at = now
            if report.claimed_by_partner_id is None and actor.partner_id is not None:
                report.claimed_by_partner_id = actor.partner_id
            await self._event(
                s,
                report_id,
                "resolved" if resolved else "rejected",
                actor=actor.kind,
                actor_id=actor.user_id,
                partner_id=actor.partner_id,
                note=note,
            )
            return await self._outcome(s, report)

    async def timeline(self, report_id: int, actor: Actor) -> tuple[ReportView, list[EventView]]:
        """The report's audit trail; looking at it is itself recorded."""
        async with self.db.transaction() as s:
            report = await self._report(s, report_id)
            await self._event(
                s,
                report_id,
                "timeline_viewed",
                actor=actor.kind,
                actor_id=actor.user_id,
                partner_id=actor.partner_id,
            )
            await s.flush()
            rows = (
                await s.execute(
                    select(ReportEvent, Partner.name, User.first_name)
                    .outerjoin(Partner, Partner.id == ReportEvent.partner_id)
                    .outerjoin(User, User.id == ReportEvent.actor_id)
                    .where(ReportEvent.report_id == report_id)
                    .order_by(ReportEvent.at, ReportEvent.id)
                )
            ).all()
            events = [event_view(e, name, first) for e, name, first in rows]
            return await self._view(s, report), events

    async def open_for_view(self, report_id: int, actor: Actor) -> ReportView:
        """A coordinator (or partner) opens the report's details: recorded as a view."""
        async with self.db.transaction() as s:
            report = await self._report(s, report_id)
            await self._event(
                s,
                report_id,
                "viewed",
                actor=actor.kind,
                actor_id=actor.user_id,
                partner_id=actor.partner_id,
            )
            return await self._view(s, report)

    async def reveal_identity(self, report_id: int, actor: Actor) -> Identity | None:
        """A coordinator's explicit, recorded look at who reported (None once detached)."""
        if not actor.coordinator:
            raise NotAllowedError()
        async with self.db.transaction() as s:
            report = await self._report(s, report_id)
            await self._event(
                s, report_id, "identity_revealed", actor="coordinator", actor_id=actor.user_id
            )
            reporter_id = report.reporter_id
        if reporter_id is None:
            return None
        try:
            person = await self.people.get(reporter_id)
        except UnknownUserError:
            return None
        return Identity(person.id, person.first_name, person.username)

"""The partner and coordinator workflow: who acts, claim, forward, resolve and reject.

Every action re-checks who may do it (never trusting callback data) and leaves a timeline event.
Questions to the reporter are in :mod:`bot.reports.domain.questions`, recorded looks in
:mod:`bot.reports.domain.access`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import affected
from bot.reports.domain.categories import ACTIVE_STATUSES, ActorKind, EventKind, Level, Status
from bot.reports.domain.context import ReportContext
from bot.reports.domain.errors import NotAllowedError, ReportError, checked_note, log
from bot.reports.domain.models import Partner, Report
from bot.reports.domain.partners import partner_info
from bot.reports.domain.repository import ReportRepository
from bot.reports.domain.verdict import start_asking
from bot.reports.domain.views import ReportView, RouteView


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts on a report: a member of ``partner_id`` (in that partner's chat) or a coordinator."""

    user_id: int
    partner_id: int | None
    coordinator: bool
    chat_id: int | None = None

    @property
    def kind(self) -> ActorKind:
        return ActorKind.COORDINATOR if self.coordinator else ActorKind.PARTNER

    def on(self, repo: ReportRepository, report_id: int, kind: EventKind, **extra: object) -> None:
        """Record ``kind`` on the report's timeline as done by this actor."""
        repo.event(
            report_id,
            kind,
            actor=self.kind,
            actor_id=self.user_id,
            partner_id=self.partner_id,
            **extra,  # type: ignore[arg-type]
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    """A changed report and the routes whose cards must be refreshed or newly sent."""

    report: ReportView
    routes: list[RouteView]
    new_routes: list[RouteView]


def may_handle(report: Report | ReportView, actor: Actor) -> None:
    """Claimed reports are handled by the claiming partner (or a coordinator)."""
    if actor.coordinator:
        return
    if report.status == Status.CLAIMED and report.claimed_by_partner_id != actor.partner_id:
        raise NotAllowedError("report-error-taken")


def may_close(report: Report | ReportView, actor: Actor, *, resolved: bool) -> None:
    """Open reports only; resolving needs a claim first (a coordinator may skip it)."""
    may_handle(report, actor)
    if report.status not in ACTIVE_STATUSES:
        raise ReportError("report-error-closed")
    if resolved and report.status != Status.CLAIMED and not actor.coordinator:
        raise ReportError("report-error-claim-first")


class WorkflowService:
    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx

    async def actor_for(
        self, report_id: int, user_id: int, chat_id: int, *, coordinator: bool
    ) -> Actor:
        """The user acting on the report from this chat, or :class:`NotAllowedError`."""
        async with self.ctx.read() as repo:
            report = await repo.get(report_id)
            routes = [r for r in await repo.routes(report_id) if r.chat_id == chat_id]
        member_of = await self.ctx.partners.memberships(user_id)
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

    async def _outcome(
        self, repo: ReportRepository, report: Report, new_routes: list[RouteView] | None = None
    ) -> Outcome:
        return Outcome(await repo.view(report), await repo.routes(report.id), new_routes or [])

    async def claim(
        self, report_id: int, actor: Actor, *, s: AsyncSession | None = None
    ) -> Outcome:
        """Take the report: atomic, the first one wins; the others get ``report-error-taken``."""
        now = self.ctx.clock.now()
        async with self.ctx.tx(s) as repo:
            won = await repo.s.execute(
                update(Report)
                .where(Report.id == report_id, Report.status == Status.OPEN)
                .values(
                    status=Status.CLAIMED,
                    claimed_by_partner_id=actor.partner_id,
                    claimed_by_user_id=actor.user_id,
                    claimed_at=now,
                    claim_due_at=None,
                    update_due_at=now + timedelta(days=self.ctx.settings.sla.update_days),
                    updated_at=now,
                )
            )
            if not affected(won):
                raise NotAllowedError("report-error-taken")
            await repo.close_routes(report_id, except_chat=actor.chat_id)
            actor.on(repo, report_id, EventKind.CLAIMED)
            return await self._outcome(repo, await repo.get(report_id))

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
        now = self.ctx.clock.now()
        if s is None:
            await self.ctx.partners.ensure_synced()  # before the transaction: syncing writes too
        async with self.ctx.tx(s) as repo:
            report = await repo.get(report_id, lock=True)
            may_handle(report, actor)
            if report.status not in ACTIVE_STATUSES:
                raise ReportError("report-error-closed")
            await repo.close_routes(report_id)
            report.status = Status.OPEN
            report.claimed_by_partner_id = None
            report.claimed_by_user_id = None
            report.claimed_at = None
            report.update_due_at = None
            report.claim_due_at = now + self.ctx.claim_window(report.urgent)
            if target_partner_id is None:
                _level, new = await self.ctx.route(
                    repo, report, above=Level(report.level), coordinators_chat=coordinators_chat
                )
                to = "up"
            else:
                partner = await repo.s.get(Partner, target_partner_id)
                if partner is None or not partner.active:
                    raise ReportError("report-error-unknown-partner")
                level = partner_info(partner).level_for(report.region_code, report.province_code)
                level = Level.NATIONAL if level is None else level
                new = await repo.open_routes(report, [(partner.id, partner.chat_id)], level)
                report.level = int(level)
                to = partner.name
            actor.on(repo, report_id, EventKind.FORWARDED, data={"to": to})
            return await self._outcome(repo, report, new)

    async def forward_targets(self, report_id: int, actor: Actor) -> list[tuple[int, str]]:
        """Partners this report may be handed to (id, name), the actor's own excluded."""
        async with self.ctx.read() as repo:
            report = await repo.view_of(report_id)
        partners = await self.ctx.partners.list_partners(active_only=True)
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
        note = checked_note(note)
        now = self.ctx.clock.now()
        async with self.ctx.tx(s) as repo:
            report = await repo.get(report_id, lock=True)
            may_close(report, actor, resolved=resolved)
            report.status = Status.RESOLVED if resolved else Status.REJECTED
            report.outcome = note
            report.closed_at = now
            report.claim_due_at = None
            report.update_due_at = None
            report.updated_at = now
            if report.claimed_by_partner_id is None and actor.partner_id is not None:
                report.claimed_by_partner_id = actor.partner_id
            verdict = self.ctx.settings.verdict
            if resolved and verdict.enabled and report.reporter_id is not None:
                start_asking(report, verdict.follow_up_days, now)
            kind = EventKind.RESOLVED if resolved else EventKind.REJECTED
            actor.on(repo, report_id, kind, note=note)
            return await self._outcome(repo, report)

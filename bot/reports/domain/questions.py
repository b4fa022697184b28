"""Questions between a partner and the reporter: ask, answer, and asking to reopen.

The reporter is reached only through the bot: these return the chats to relay to, never the
reporter's identity to a partner.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.reports.domain.categories import ACTIVE_STATUSES, ActorKind, EventKind
from bot.reports.domain.confidential import Reader, may_read, reading_routes
from bot.reports.domain.context import ReportContext
from bot.reports.domain.errors import NotAllowedError, ReportError, checked_note
from bot.reports.domain.models import Report, ReportEvent
from bot.reports.domain.views import ReportView
from bot.reports.domain.workflow import Actor, may_handle

#: The longest answer kept on the timeline (Telegram's own limit is 4,096).
MAX_ANSWER = 4000


def may_ask(report: Report | ReportView, actor: Actor) -> None:
    """A question needs an open report whose reporter agreed to be contacted; a rahasia one,
    that the asking partner claimed it (the answer is for those who may read the report)."""
    may_handle(report, actor)
    if not may_read(report, Reader(partner_id=actor.partner_id)):
        raise ReportError("report-error-rahasia-claim-first")
    if report.status not in ACTIVE_STATUSES:
        raise ReportError("report-error-closed")
    reporter = report.reporter_id if isinstance(report, Report) else report.has_reporter
    if not reporter or not report.contact_ok:
        raise ReportError("report-error-no-contact")


class QuestionService:
    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx

    async def ask(
        self, report_id: int, actor: Actor, question: str, *, s: AsyncSession | None = None
    ) -> tuple[ReportView, int]:
        """Record a question for the reporter; returns the report and the reporter to relay to."""
        question = checked_note(question)
        async with self.ctx.tx(s) as repo:
            report = await repo.get(report_id)
            may_ask(report, actor)
            assert report.reporter_id is not None
            actor.on(repo, report_id, EventKind.QUESTION, note=question)
            self.ctx.touched(report)
            return await repo.view(report), report.reporter_id

    async def answer(
        self, report_id: int, reporter_id: int, text: str, *, s: AsyncSession | None = None
    ) -> tuple[ReportView, list[int]]:
        """The reporter's answer; returns the chats to relay it to (never the reporter's id)."""
        text = text.strip()
        if not text:
            raise ReportError("report-note-empty")
        async with self.ctx.tx(s) as repo:
            report = await repo.get(report_id)
            if report.reporter_id != reporter_id:
                raise NotAllowedError()
            if report.status not in ACTIVE_STATUSES:
                raise ReportError("report-error-closed")
            repo.event(
                report_id, EventKind.ANSWER, actor=ActorKind.REPORTER, note=text[:MAX_ANSWER]
            )
            view = await repo.view(report)
            chats = [
                r.chat_id for r in reading_routes(view, await repo.routes(report_id, active=True))
            ]
            return view, chats

    async def request_reopen(
        self, report_id: int, reporter_id: int, *, s: AsyncSession
    ) -> tuple[ReportView, list[int]]:
        """The reporter asks to reopen a closed report; returns the chats of its partner."""
        async with self.ctx.tx(s) as repo:
            report = await repo.get(report_id)
            if report.reporter_id != reporter_id:
                raise NotAllowedError()
            if report.status in ACTIVE_STATUSES:
                raise ReportError("report-reopen-still-open")
            repo.event(report_id, EventKind.REOPEN_REQUESTED, actor=ActorKind.REPORTER)
            claimed_by = report.claimed_by_partner_id
            chats = [
                r.chat_id
                for r in await repo.routes(report_id)
                if r.message_id is not None and (claimed_by is None or r.partner_id == claimed_by)
            ]
            return await repo.view(report), chats

    async def pending(self, reporter_id: int) -> list[ReportView]:
        """The reporter's open reports with a partner's question not answered yet (newest
        question first): where a typed message of theirs is an answer."""
        asked = (
            select(ReportEvent.report_id, func.max(ReportEvent.id).label("last"))
            .where(ReportEvent.kind == EventKind.QUESTION)
            .group_by(ReportEvent.report_id)
            .subquery()
        )
        answered = (
            select(ReportEvent.report_id, func.max(ReportEvent.id).label("last"))
            .where(ReportEvent.kind == EventKind.ANSWER)
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
        async with self.ctx.read() as repo:
            rows = (await repo.s.scalars(query)).all()
            return [await repo.view(r) for r in rows]

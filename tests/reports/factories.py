"""Reports in a given state, made through the services (no wizard, no buttons), so a rule can be
tested where it lives and again at the edge: "a report claimed by partner P", "a question
pending", "a closed report".

    report = await claimed_report(h, siti, partner_id=1, chat_id=CILEGON_GROUP)
"""

from __future__ import annotations

from typing import Any

from bot.reports.domain.views import ReportView
from bot.reports.domain.workflow import Actor
from tests.reports.helpers import quick_report, settle_outbox
from tests.support.harness import Harness, UserDriver

#: The Telegram id of the partner member the factories act as (a partner's first member).
MEMBER = 4242


def member(partner_id: int, chat_id: int, user_id: int = MEMBER) -> Actor:
    """A member of ``partner_id`` acting in the partner's chat ``chat_id``."""
    return Actor(user_id, partner_id, False, chat_id)


def coordinator(user_id: int = 9001, chat_id: int | None = None) -> Actor:
    return Actor(user_id, None, True, chat_id)


async def open_report(h: Harness, reporter: UserDriver, **draft: Any) -> ReportView:
    """A routed report waiting for a claim (its cards delivered)."""
    report: ReportView = await quick_report(h, reporter, **draft)
    return report


async def claimed_report(
    h: Harness, reporter: UserDriver, *, partner_id: int, chat_id: int, **draft: Any
) -> ReportView:
    """A report claimed by partner ``partner_id`` (by :data:`MEMBER`, in ``chat_id``)."""
    report = await open_report(h, reporter, **draft)
    await h.services.report_flows.claim(report.id, member(partner_id, chat_id))
    await settle_outbox(h)
    return await h.services.reports.view(report.id)


async def question_pending(
    h: Harness,
    reporter: UserDriver,
    *,
    partner_id: int,
    chat_id: int,
    question: str = "Jam berapa kejadiannya?",
    **draft: Any,
) -> ReportView:
    """A claimed report whose partner asked the reporter something not answered yet."""
    report = await claimed_report(h, reporter, partner_id=partner_id, chat_id=chat_id, **draft)
    await h.services.report_flows.ask(report.id, member(partner_id, chat_id), question)
    await settle_outbox(h)
    return report


async def closed_report(
    h: Harness,
    reporter: UserDriver,
    *,
    partner_id: int,
    chat_id: int,
    resolved: bool = True,
    **draft: Any,
) -> ReportView:
    """A report its partner resolved (or rejected)."""
    report = await claimed_report(h, reporter, partner_id=partner_id, chat_id=chat_id, **draft)
    actor = member(partner_id, chat_id)
    await h.services.report_flows.close(report.id, actor, "Sudah dimediasi.", resolved=resolved)
    await settle_outbox(h)
    return await h.services.reports.view(report.id)

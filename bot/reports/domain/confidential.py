"""Rahasia (confidential) reports: who may read the story and the evidence, and what everyone
else sees of them.

A rahasia report's story, evidence (and its captions), pin, the reporter's name and the notes on
its timeline (questions, answers, the outcome) are read only by the partner that claimed it and
by admins; the reporter always reads their own report. Everyone else (the other partners its card
reached, coordinators who are not admins, the dashboards' lists and maps, exports, search) gets
:func:`withhold`'s view: code, category, kabupaten/kota, dates, urgency and status. Figures still
count it. No aiogram here: the senders, the dashboards and the exports all ask :func:`as_read_by`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.reports.domain.categories import Confidentiality
from bot.reports.domain.models import Report
from bot.reports.domain.views import EventView, ReportView, RouteView


@dataclass(frozen=True, slots=True)
class Reader:
    """Who reads a report: a partner's chat or member (``partner_id``), an admin, the reporter,
    or (all None/False: a list, a map, an export) nobody in particular."""

    partner_id: int | None = None
    admin: bool = False
    reporter: bool = False


#: A dashboard's list, a map, an export: read by no one in particular.
ANYONE = Reader()


def is_rahasia(report: Report | ReportView) -> bool:
    if isinstance(report, ReportView):
        return report.confidentiality is Confidentiality.RAHASIA
    return report.confidentiality == Confidentiality.RAHASIA.value


def may_read(report: Report | ReportView, reader: Reader) -> bool:
    """Whether ``reader`` may read the report's story and evidence."""
    if not is_rahasia(report) or reader.admin or reader.reporter:
        return True
    claimed = report.claimed_by_partner_id
    return claimed is not None and reader.partner_id == claimed


def withhold(view: ReportView) -> ReportView:
    """The report as those who may not read a rahasia report see it."""
    return replace(
        view,
        description="",
        media=(),
        reporter_name=None,
        outcome=None,
        has_location=False,
        latitude=None,
        longitude=None,
        withheld=True,
    )


def as_read_by(view: ReportView, reader: Reader) -> ReportView:
    """``view`` as ``reader`` may see it (the same view unless a rahasia report is withheld)."""
    return view if may_read(view, reader) else withhold(view)


def events_as_read_by(view: ReportView, events: list[EventView], reader: Reader) -> list[EventView]:
    """A timeline as ``reader`` may see it: what happened and when, without the notes (the
    questions, answers and outcome of a rahasia report) for those who may not read it."""
    if may_read(view, reader):
        return events
    return [replace(e, note=None) for e in events]


def reading_routes(
    view: ReportView, routes: list[RouteView], *, rahasia: bool = False
) -> list[RouteView]:
    """The routes whose chats may read ``view`` (read as rahasia also when ``rahasia``: a
    rahasia repeat of an anonymous report)."""
    if rahasia and not is_rahasia(view):
        view = replace(view, confidentiality=Confidentiality.RAHASIA)
    return [r for r in routes if may_read(view, Reader(partner_id=r.partner_id))]

"""The coordinators' side: /laporan (figures, open reports), details, timeline, identity."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.geo.gazetteer import Gazetteer
from bot.i18n import Translator
from bot.people.service import Person
from bot.reports import keyboards as kb
from bot.reports.base import NotAllowedError, ReportError
from bot.reports.cards import card_text, level_label, status_label, timeline_text
from bot.reports.categories import Status, category_key
from bot.reports.dashboard import Dashboard, dashboard
from bot.reports.service import ReportService
from bot.reports.workflow import Actor


def _items(t: Translator, counts: dict[str, int], label) -> str:  # type: ignore[no-untyped-def]
    if not counts:
        return t("report-dash-empty")
    return ", ".join(f"{label(k)} {v}" for k, v in list(counts.items())[:10])


def dashboard_text(t: Translator, d: Dashboard) -> str:
    gaz = Gazetteer.default()
    parts = [
        t("report-dash-title", days=d.days),
        t("report-dash-total", total=d.total, overdue=d.overdue),
        t(
            "report-dash-by-status",
            items=_items(t, d.by_status, lambda k: status_label(t, Status(k))),
        ),
        t("report-dash-by-category", items=_items(t, d.by_category, lambda k: t(category_key(k)))),
        t(
            "report-dash-by-province",
            items=_items(t, d.by_province, lambda k: r.name if (r := gaz.get(k)) else k),
        ),
        "",
        t("report-dash-open", page=d.page + 1, pages=d.pages)
        if d.open_reports
        else t("report-dash-open-none"),
    ]
    return "\n".join(parts)


async def show_dashboard(message: Message, t: Translator, reports: ReportService) -> None:
    """/laporan: figures of the last 7 days and the open reports."""
    d = await dashboard(reports, days=7)
    await message.answer(
        dashboard_text(t, d),
        reply_markup=kb.dashboard_kb(t, d.days, d.page, d.pages, d.open_reports),
    )


async def on_dash(
    query: CallbackQuery,
    callback_data: kb.DashCb,
    person: Person,
    t: Translator,
    reports: ReportService,
    settings: Settings,
) -> None:
    """Dashboard pages and report details, re-checking the coordinator role."""
    if not person.is_coordinator:
        await query.answer(t("report-error-not-allowed"), show_alert=True)
        return
    actor = Actor(person.id, None, True, query.message.chat.id if query.message else None)
    assert isinstance(query.message, Message)
    action = callback_data.action
    try:
        if action == "page":
            d = await dashboard(
                reports,
                days=callback_data.days if callback_data.days in (7, 30) else 7,
                page=callback_data.page,
            )
            await query.answer()
            await query.message.edit_text(
                dashboard_text(t, d),
                reply_markup=kb.dashboard_kb(t, d.days, d.page, d.pages, d.open_reports),
            )
        elif action == "open":
            report = await reports.open_for_view(callback_data.report_id, actor)
            await query.answer()
            text = (
                card_text(t, report)
                + "\n"
                + t(
                    "report-detail-status",
                    status=status_label(t, report.status),
                    level=level_label(t, report.level),
                )
            )
            await query.message.answer(text, reply_markup=kb.detail_kb(t, report))
        elif action == "timeline":
            report, events = await reports.timeline(callback_data.report_id, actor)
            await query.answer()
            await query.message.answer(timeline_text(t, report, events, settings.tz))
        elif action == "reveal":
            report = await reports.view(callback_data.report_id)
            identity = await reports.reveal_identity(report.id, actor)
            await query.answer()
            if identity is None:
                await query.message.answer(t("report-identity-gone", code=report.code))
            else:
                await query.message.answer(
                    t(
                        "report-identity",
                        code=report.code,
                        name=identity.name,
                        id=str(identity.user_id),
                        username=identity.username or "-",
                    )
                )
        else:
            raise NotAllowedError("report-bad-choice")
    except ReportError as exc:
        await query.answer(t(exc.key, **exc.args_), show_alert=True)

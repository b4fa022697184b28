"""The coordinators' side: /laporan (figures, open reports), details, timeline, identity.

The dashboard opens only where coordinators are among themselves: a private chat or the
coordinators' chat. A reporter's identity goes to the asking coordinator's private chat and
nowhere else, whichever chat the button was pressed in.
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Chat, Message

from bot.config import Settings
from bot.geo.gazetteer import Gazetteer
from bot.i18n import Translator
from bot.people.service import Person
from bot.reports.domain.categories import Status, category_key
from bot.reports.domain.dashboard import Dashboard, dashboard
from bot.reports.domain.errors import NotAllowedError
from bot.reports.domain.service import ReportService
from bot.reports.domain.workflow import Actor
from bot.reports.flows.story import story_parts
from bot.reports.telegram import keyboards as kb
from bot.reports.telegram.cards import card_text, level_label, status_label, timeline_text


def _items(t: Translator, counts: dict[str, int], label) -> str:  # type: ignore[no-untyped-def]
    if not counts:
        return t("report-dash-empty")
    return ", ".join(f"{label(k)} {v}" for k, v in list(counts.items())[:10])


def _verdicts(t: Translator, by_partner: dict[str, dict[str, int]]) -> str:
    return "; ".join(
        t(
            "report-dash-verdict-line",
            partner=name,
            yes=n.get("yes", 0),
            partly=n.get("partly", 0),
            no=n.get("no", 0),
        )
        for name, n in by_partner.items()
    )


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
        *([t("report-dash-verdicts", items=_verdicts(t, d.verdicts))] if d.verdicts else []),
        "",
        t("report-dash-open", page=d.page + 1, pages=d.pages)
        if d.open_reports
        else t("report-dash-open-none"),
    ]
    return "\n".join(parts)


def dashboard_allowed(chat: Chat | None, settings: Settings) -> bool:
    """A private chat or the coordinators' chat: never a partner group or any other group."""
    if chat is None:
        return False
    return chat.type == "private" or (
        settings.coordinators_chat_id is not None and chat.id == settings.coordinators_chat_id
    )


async def show_dashboard(
    message: Message, t: Translator, reports: ReportService, settings: Settings
) -> None:
    """/laporan: figures of the last 7 days and the open reports."""
    if not dashboard_allowed(message.chat, settings):
        await message.answer(t("report-dash-private-only"))
        return
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
    bot: Bot,
) -> None:
    """Dashboard pages and report details, re-checking the coordinator role and the chat."""
    if not person.is_coordinator:
        await query.answer(t("report-error-not-allowed"), show_alert=True)
        return
    if not dashboard_allowed(query.message.chat if query.message else None, settings):
        await query.answer(t("report-dash-private-only"), show_alert=True)
        return
    actor = Actor(person.id, None, True, query.message.chat.id if query.message else None)
    assert isinstance(query.message, Message)
    action = callback_data.action
    if action == kb.DashAction.PAGE:
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
    elif action == kb.DashAction.OPEN:
        report = await reports.access.open_for_view(callback_data.report_id, actor)
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
        for part in story_parts(t, report.code, report.description):  # the rest of a long story
            await query.message.answer(part)
    elif action == kb.DashAction.TIMELINE:
        report, events = await reports.access.timeline(callback_data.report_id, actor)
        await query.answer()
        await query.message.answer(timeline_text(t, report, events, settings.tz))
    elif action == kb.DashAction.REVEAL:
        await reveal(query, callback_data.report_id, actor, t, reports, bot)
    else:
        raise NotAllowedError("report-bad-choice")


async def reveal(
    query: CallbackQuery,
    report_id: int,
    actor: Actor,
    t: Translator,
    reports: ReportService,
    bot: Bot,
) -> None:
    """The reporter's identity, recorded, to the coordinator's private chat only."""
    report = await reports.view(report_id)
    identity = await reports.access.reveal_identity(report.id, actor)
    if identity is None:
        text = t("report-identity-gone", code=report.code)
    else:
        text = t(
            "report-identity",
            code=report.code,
            name=identity.name,
            id=str(identity.user_id),
            username=identity.username or "-",
        )
    try:
        await bot.send_message(actor.user_id, text)
    except TelegramAPIError:
        # never fall back to the chat the button was pressed in: it may be a group
        await query.answer(t("report-identity-open-private"), show_alert=True)
        return
    in_private = query.message is not None and query.message.chat.id == actor.user_id
    await query.answer(None if in_private else t("report-identity-sent-private"))

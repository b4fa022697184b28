"""Texts of reports for people: the wizard's summary, partner cards, status lines, the timeline.

Plain functions over views and a translator; every user-written value is escaped by the catalogue
(or ``html.escape`` where HTML is built here). An anonymous reporter is only ever "anonymous".
"""

from __future__ import annotations

import html
from datetime import date, datetime
from typing import Any

from bot.geo.gazetteer import Gazetteer
from bot.i18n import Safe, Translator
from bot.reports.domain.categories import Confidentiality, Level, Status, category_key
from bot.reports.domain.drafts import Draft
from bot.reports.domain.views import EventView, ReportView
from bot.reports.flows.story import story_pieces

EXCERPT = 200
#: How the wizard's summary names the reporter's choice.
IDENTITY_LABELS = {
    Confidentiality.IDENTIFIED: "report-identity-shown",
    Confidentiality.ANONYMOUS: "report-identity-hidden",
    Confidentiality.RAHASIA: "report-identity-rahasia-summary",
}


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def place_label(code: str | None) -> str:
    region = Gazetteer.default().get(code or "")
    if region is None:
        return "-"
    if region.kind == "provinsi":
        return region.name
    return f"{region.name}, {region.province_name}"


def when_label(t: Translator, choice: str | None, occurred_on: date | str | None) -> str:
    if choice is None:
        return "-"
    label = t(f"report-when-{choice}")
    if choice == "earlier" and occurred_on:
        day = occurred_on if isinstance(occurred_on, date) else date.fromisoformat(occurred_on)
        return f"{label} ({day.strftime('%d-%m-%Y')})"
    return label


def yes_no(t: Translator, value: bool | None) -> str:
    return t("report-yes") if value else t("report-no")


def summary_text(t: Translator, draft: Draft) -> str:
    return t(
        "report-summary",
        category=t(category_key(draft.category or "lainnya")),
        place=place_label(draft.region_code),
        when=when_label(t, draft.when_choice, draft.occurred_on),
        urgent=yes_no(t, draft.urgent),
        media=str(len(draft.media)),
        identity=t(IDENTITY_LABELS[draft.level]),
        contact=yes_no(t, draft.contact_ok),
        description=excerpt(draft.description or "", 1500),
    )


def status_label(t: Translator, status: Status) -> str:
    return t(f"report-st-{status.value}")


def local(dt: datetime, tz: Any) -> str:
    return dt.astimezone(tz).strftime("%d-%m-%Y %H:%M") if tz else dt.strftime("%d-%m-%Y %H:%M")


def card_state_line(t: Translator, report: ReportView, *, active_route: bool) -> str:
    if report.status == Status.OPEN:
        return t("report-card-open") if active_route else t("report-card-moved")
    if report.status == Status.CLAIMED:
        who = report.claimed_by_name or t("report-coordinator-partner")
        return t("report-card-claimed" if active_route else "report-card-taken", partner=who)
    if report.status == Status.RESOLVED:
        return t("report-card-resolved", note=excerpt(report.outcome or "", 300))
    if report.status == Status.REJECTED:
        return t("report-card-rejected", note=excerpt(report.outcome or "", 300))
    return status_label(t, report.status)


def card_text(t: Translator, report: ReportView, *, active_route: bool = True) -> str:
    """The partner's card: never the reporter's Telegram id; their name only if they shared it.

    A long story shows its beginning; the rest is sent right under the card
    (:func:`bot.reports.flows.story.story_parts`).
    """
    title = t("report-card-title", code=report.code)
    if report.urgent:
        title = f"{t('report-card-urgent')} · {title}"
    if report.withheld:  # rahasia, for a chat that may not read it: no story, evidence, pin
        return withheld_card_text(t, report, title, active_route=active_route)
    reporter = report.reporter_name if (report.reporter_name and not report.anonymous) else None
    head, rest = story_pieces(report.description)
    story = " ".join(head.split())
    if rest:
        story += " … " + t("report-card-story-more")
    body = t(
        "report-card",
        category=t(category_key(report.category)),
        place=place_label(report.region_code),
        when=when_label(t, report.when_choice, report.occurred_on),
        reporter=reporter or t("report-card-anonymous"),
        contact=yes_no(t, report.contact_ok and report.has_reporter),
        media=str(len(report.media)),
    )
    parts = [title, body, "", html.escape(story, quote=False)]
    if report.has_location:
        parts.append(
            t("report-card-location", lat=f"{report.latitude:.2f}", lon=f"{report.longitude:.2f}")
        )
    parts.append(card_state_line(t, report, active_route=active_route))
    return "\n".join(parts)


def withheld_card_text(t: Translator, report: ReportView, title: str, *, active_route: bool) -> str:
    """A rahasia report's card before its partner claims it (and in every other chat): code,
    category, place, dates and urgency; the story only the claiming partner reads."""
    body = t(
        "report-card-rahasia",
        category=t(category_key(report.category)),
        place=place_label(report.region_code),
        when=when_label(t, report.when_choice, report.occurred_on),
        sent=local(report.created_at, None),
    )
    state = card_state_line(t, report, active_route=active_route)
    return "\n".join([title, body, "", t("report-card-rahasia-note"), state])


def level_label(t: Translator, level: Level) -> str:
    return t(f"report-level-{level.name.lower()}")


def timeline_text(t: Translator, report: ReportView, events: list[EventView], tz: Any) -> str:
    """The audit trail, newest last, cut from the start to fit one Telegram message."""
    lines = []
    for e in events:
        if e.actor == "reporter":
            who = t("report-who-reporter")
        elif e.actor == "system":
            who = t("report-who-system")
        else:
            # the partner (or "coordinators") and the member's first name: never a Telegram id
            who = html.escape(e.partner_name or t("report-coordinator-partner"))
            if e.actor_name:
                who += f" ({html.escape(e.actor_name)})"
        what = t(f"report-ev-{e.kind}")
        if e.note and e.kind not in ("identity_revealed",):
            what += ": " + html.escape(excerpt(e.note, 200))
        lines.append(t("report-timeline-line", at=local(e.at, tz), who=Safe(who), what=Safe(what)))
    title = t("report-timeline-title", code=report.code)
    while len(title) + sum(len(x) + 1 for x in lines) > 3900 and len(lines) > 1:
        lines.pop(0)
    return "\n".join([title, *lines])

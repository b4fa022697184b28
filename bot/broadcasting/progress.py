"""Progress as people read it: the coordinator's progress message and the CLI status line."""

from __future__ import annotations

from datetime import timedelta

from bot.broadcasting.service import BroadcastProgress
from bot.i18n import Translator


def duration(t: Translator, delta: timedelta | None) -> str:
    if delta is None:
        return "–"
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return t("broadcast-eta-seconds", n=max(seconds, 1))
    minutes = round(seconds / 60)
    if minutes < 90:
        return t("broadcast-eta-minutes", n=minutes)
    return t("broadcast-eta-hours", n=round(minutes / 60, 1))


def name_of(p: BroadcastProgress) -> str:
    return p.title or p.slug or f"#{p.id}"


def progress_text(t: Translator, p: BroadcastProgress) -> str:
    """Sent / failed / blocked / remaining and the time left, while sending."""
    return t(
        "broadcast-progress",
        name=name_of(p),
        sent=p.sent,
        failed=p.failed,
        blocked=p.blocked,
        skipped=p.skipped,
        remaining=p.remaining,
        total=p.total,
        eta=duration(t, p.eta),
    )


def summary_text(t: Translator, p: BroadcastProgress) -> str:
    """The closing summary (completed or cancelled)."""
    return t(
        "broadcast-summary",
        name=name_of(p),
        state=t(f"broadcast-state-{p.state}"),
        sent=p.sent,
        failed=p.failed,
        blocked=p.blocked,
        skipped=p.skipped,
        total=p.total,
    )


def status_line(p: BroadcastProgress) -> str:
    """One plain line for the CLI (no HTML)."""
    eta = f", ~{int(p.eta.total_seconds())}s left" if p.eta is not None else ""
    return (
        f"#{p.id} {p.slug or ''} [{p.state}] total {p.total}: sent {p.sent}, failed {p.failed}, "
        f"blocked {p.blocked}, skipped {p.skipped}, remaining {p.remaining}{eta}"
    )

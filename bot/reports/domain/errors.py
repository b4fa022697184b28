"""What a report action can refuse, each with the catalogue key the user is told."""

from __future__ import annotations

import logging

from bot.errors import UserError

log = logging.getLogger("bot.reports")

#: The longest note (question, outcome, reason) a partner may write.
MAX_NOTE = 1000


class ReportError(UserError):
    """A report action that cannot be done; the user is told why (``key``, ``params``)."""

    key = "report-error-generic"


class UnknownReportError(ReportError):
    key = "report-error-unknown"


class NotAllowedError(ReportError):
    key = "report-error-not-allowed"


class DailyLimitError(ReportError):
    key = "report-error-daily-limit"


def checked_note(text: str) -> str:
    """A partner's note, stripped; empty or too long is refused."""
    text = text.strip()
    if not text:
        raise ReportError("report-note-empty")
    if len(text) > MAX_NOTE:
        raise ReportError("report-note-too-long", max=MAX_NOTE)
    return text

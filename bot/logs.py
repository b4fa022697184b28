"""Structured logging: one line per event, key=value context, level from RUKUN_LOG_LEVEL."""

from __future__ import annotations

import logging
import os
import re

#: A bot token as it appears in Bot API URLs (``…/bot123456:AA…/sendMessage``) or bare.
_TOKEN_RE = re.compile(r"bot\d+:[A-Za-z0-9_-]+|\b\d{6,12}:[A-Za-z0-9_-]{30,}")
REDACTED_TOKEN = "bot<token>"


def redact(text: str) -> str:
    """``text`` with every bot token replaced: for stored errors and log lines."""
    return _TOKEN_RE.sub(REDACTED_TOKEN, text)


class RedactingFormatter(logging.Formatter):
    """Log lines and tracebacks never carry the bot token (HTTP errors quote their URLs)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(level: str | None = None) -> None:
    logging.basicConfig(
        level=(level or os.environ.get("RUKUN_LOG_LEVEL", "INFO")).upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for handler in logging.getLogger().handlers:
        handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)

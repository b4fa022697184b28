"""The one user-facing error type: a catalogue key and its arguments.

A service raises ``UserError`` (or a feature's subclass, which names its default key) when it
refuses something the user should be told about in plain words::

    class DailyLimitError(ReportError):
        key = "report-error-daily-limit"

    raise DailyLimitError(limit=3)                  # the subclass's key, with arguments
    raise ReportError("report-error-taken")         # the feature's type, another key

Handlers do not catch it to translate it: the dispatcher's typed error handler
(:mod:`bot.error_handlers`) answers it in the language the user chose, and the CLI prints it as one
plain line. This module imports nothing from aiogram, so domain services can raise it.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.i18n import Catalog, Translator

_TAG_RE = re.compile(r"<[^>]+>")


@cache
def _catalog() -> Catalog:
    from bot.i18n import Catalog

    return Catalog()


class UserError(Exception):
    """A refusal the user is told about: ``key`` names the catalogue message, ``params`` its values.

    ``str(exc)`` is one plain English line (for logs and the CLI): the ``message`` a subclass gave,
    else the catalogue text in English without markup.
    """

    key: str = "error-generic"

    def __init__(self, key: str | None = None, /, **params: Any) -> None:
        self.key = key or type(self).key
        self.params = params
        self.message: str | None = None
        super().__init__(self.key)

    def text(self, t: Translator) -> str:
        """The message in the translator's language (Telegram HTML)."""
        return t(self.key, **self.params)

    def render(self, catalog: Catalog, lang: str) -> str:
        """The message in ``lang`` (Telegram HTML)."""
        return catalog.text(lang, self.key, **self.params)

    def plain(self, lang: str = "en", catalog: Catalog | None = None) -> str:
        """The message in ``lang`` as plain text (no markup, entities decoded), for a terminal."""
        return html.unescape(_TAG_RE.sub("", self.render(catalog or _catalog(), lang)))

    def __str__(self) -> str:
        if self.message:
            return self.message
        try:
            return self.plain()
        except Exception:  # never let a broken catalogue hide the error itself
            return self.key


class ExplainedError(UserError):
    """A :class:`UserError` raised with an English explanation first, for the CLI and logs.

    ``raise UnknownBroadcastError(f"no broadcast {ref!r}")``: ``str(exc)`` is that line, the chat
    gets the class's ``key``.
    """

    def __init__(self, message: str = "", /, key: str | None = None, **params: Any) -> None:
        super().__init__(key, **params)
        self.message = message or None

"""Translations: Fluent catalogues in ``bot/i18n/locales/<lang>/*.ftl``, read at start-up.

No compile step: the ``.ftl`` text files are the catalogues. Each feature keeps its own file
(``core.ftl``, ``reports.ftl``…) in both languages. String arguments are HTML-escaped when they are
placed into a message, because every message is sent with ``parse_mode=HTML``; wrap a value in
:class:`Safe` when it is HTML the code built itself.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax.ast import Junk

LOCALES_DIR = Path(__file__).parent / "locales"
LANGUAGES = ("id", "en")
#: fluent.runtime refuses a placeable longer than 2,500 characters (the whole message becomes
#: "{???}"); a longer argument (a reporter's story or answer) is put in after formatting.
PLACEABLE_MAX = 2000

log = logging.getLogger(__name__)


class Safe(str):
    """A string that is already valid Telegram HTML and must not be escaped again."""

    __slots__ = ()


class CatalogError(Exception):
    """A catalogue file has a syntax error."""


class Catalog:
    """Every message of every language."""

    def __init__(self, locales_dir: Path = LOCALES_DIR, languages: Iterable[str] = LANGUAGES):
        self.languages = tuple(languages)
        self.default = self.languages[0]
        self._bundles: dict[str, FluentBundle] = {}
        for lang in self.languages:
            bundle = FluentBundle([lang], use_isolating=False)
            for path in sorted((locales_dir / lang).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                for entry in resource.body:
                    if isinstance(entry, Junk):
                        near = (entry.content or "")[:60]
                        raise CatalogError(f"{path}: syntax error near {near!r}")
                bundle.add_resource(resource)
            self._bundles[lang] = bundle

    def keys(self, lang: str) -> set[str]:
        return set(self._bundles[lang]._messages)

    def has(self, lang: str, key: str) -> bool:
        return self._bundles[lang].has_message(key)

    def text(self, lang: str, key: str, **args: Any) -> str:
        """The message ``key`` in ``lang`` (falling back to the default language), escaped args."""
        bundle = self._bundles.get(lang) or self._bundles[self.default]
        if not bundle.has_message(key):
            log.warning("missing message %r in %r", key, lang)
            bundle = self._bundles[self.default]
            if not bundle.has_message(key):
                return key
        message = bundle.get_message(key)
        if message.value is None:
            return key
        safe_args = {
            name: (
                value
                if isinstance(value, Safe) or not isinstance(value, str)
                else html.escape(value, quote=False)
            )
            for name, value in args.items()
        }
        long = {
            name: value
            for name, value in safe_args.items()
            if isinstance(value, str) and len(value) > PLACEABLE_MAX
        }
        safe_args.update({name: f"\x00{name}\x00" for name in long})
        text, errors = bundle.format_pattern(message.value, safe_args)
        for err in errors:
            log.warning("message %r in %r: %s", key, lang, err)
        out = str(text)
        for name, value in long.items():
            out = out.replace(f"\x00{name}\x00", value)
        return out

    def translator(self, lang: str) -> Translator:
        return Translator(self, lang if lang in self._bundles else self.default)


class Translator:
    """The catalogue bound to one user's language: ``t("start-greeting", name=…)``."""

    __slots__ = ("catalog", "lang")

    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.catalog = catalog
        self.lang = lang

    def __call__(self, key: str, **args: Any) -> str:
        return self.catalog.text(self.lang, key, **args)

    def all_languages(self, key: str) -> set[str]:
        """The message in every language (to recognise a reply-keyboard button in any of them)."""
        return {self.catalog.text(lang, key) for lang in self.catalog.languages}

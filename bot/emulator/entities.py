"""HTML ``parse_mode`` for the emulator: Telegram's parser (:mod:`bot.telegram_text`) behind the
Bot API's error envelope.

The parser itself lives in production code so the bot checks its own messages with the same rules;
here its refusals become :class:`ApiError` (400) like every other emulated failure.
"""

from __future__ import annotations

from bot.telegram_text import KNOWN_TAGS, Entity, EntityParseError, parse_html, utf16_len

from .errors import ApiError

__all__ = ["KNOWN_TAGS", "Entity", "EntityParseError", "format_text", "parse_html", "utf16_len"]


def format_text(
    text: str, parse_mode: str | None, entities: list[Entity] | None, *, strict: bool = True
) -> tuple[str, list[Entity]]:
    """Apply ``parse_mode`` (only HTML is parsed) or explicit ``entities``."""
    if parse_mode and parse_mode.lower() == "html":
        try:
            return parse_html(text, strict=strict)
        except EntityParseError as exc:
            raise ApiError(exc.error_code, exc.description) from exc
    if parse_mode and parse_mode.lower() not in ("markdown", "markdownv2"):
        raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode!r}")
    if entities:
        for entity in entities:
            if not isinstance(entity, dict) or not {"type", "offset", "length"} <= entity.keys():
                raise ApiError(400, "Bad Request: can't parse entities: invalid entity object")
        return text, sorted(entities, key=lambda e: (e["offset"], -e["length"]))
    stripped = text.strip()
    return stripped, []

"""What a broadcast says: validation of text, media and buttons before anything is stored."""

from __future__ import annotations

from typing import Any

from bot.errors import ExplainedError
from bot.telegram_text import EntityParseError, parse_html, utf16_len

MEDIA_TYPES = ("photo", "video", "document")
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
#: Room kept for the opt-out line appended to every broadcast.
HINT_ROOM = 120
BUTTON_KINDS = ("url", "callback_data", "switch_inline_query")


class BroadcastContentError(ExplainedError, ValueError):
    """The message, media or buttons cannot be sent as they are; the text says why and where.

    ``str(exc)`` is the English detail with the field (for the CLI and the YAML loader); ``key`` and
    ``params`` name the same detail in the catalogue (``broadcast-error-…``) for replies in the chat.
    """

    key = "broadcast-error-other"


def visible_length(html_text: str) -> int:
    """Length of the text Telegram shows (UTF-16 units, markup removed); raises on bad HTML."""
    try:
        text, _ = parse_html(html_text)
    except EntityParseError as exc:
        raise BroadcastContentError(
            f"message: invalid HTML ({exc.description})",
            "broadcast-error-html",
            detail=exc.description,
        ) from exc
    return utf16_len(text)


def check_text(text: str, *, has_media: bool) -> None:
    if not text.strip() and not has_media:
        raise BroadcastContentError(
            "message: empty (write a text, or attach media)", "broadcast-error-empty"
        )
    limit = (CAPTION_LIMIT if has_media else TEXT_LIMIT) - HINT_ROOM
    length = visible_length(text)
    if length > limit:
        kind = "caption" if has_media else "text"
        raise BroadcastContentError(
            f"message: {length} characters, but a {kind} may have at most {limit} "
            "(Telegram's limit minus room for the /berhenti line)",
            "broadcast-error-too-long-caption" if has_media else "broadcast-error-too-long",
            length=length,
            limit=limit,
        )


def check_media(media: dict[str, Any] | None) -> dict[str, Any] | None:
    if media is None:
        return None
    if not isinstance(media, dict):
        raise BroadcastContentError("media: expected a mapping with type and file_id or path")
    kind = media.get("type")
    if kind not in MEDIA_TYPES:
        raise BroadcastContentError(f"media.type: {kind!r}; use one of {', '.join(MEDIA_TYPES)}")
    sources = [k for k in ("file_id", "path") if media.get(k)]
    if len(sources) != 1:
        raise BroadcastContentError("media: give exactly one of file_id or path")
    extra = set(media) - {"type", "file_id", "path"}
    if extra:
        raise BroadcastContentError(f"media: unknown key(s) {', '.join(sorted(extra))}")
    return {"type": kind, sources[0]: str(media[sources[0]])}


def check_buttons(buttons: list[list[dict[str, Any]]] | None) -> list[list[dict[str, Any]]] | None:
    if not buttons:
        return None
    if not isinstance(buttons, list) or len(buttons) > 10:
        raise BroadcastContentError(
            "buttons: expected a list of at most 10 rows", "broadcast-error-rows"
        )
    rows: list[list[dict[str, Any]]] = []
    for r, row in enumerate(buttons, 1):
        if not isinstance(row, list) or not row or len(row) > 8:
            raise BroadcastContentError(
                f"buttons row {r}: expected a list of 1 to 8 buttons", "broadcast-error-row", row=r
            )
        out = []
        for c, button in enumerate(row, 1):
            where = f"buttons row {r} button {c}"
            if not isinstance(button, dict):
                raise BroadcastContentError(f"{where}: expected a mapping")
            label = button.get("text")
            if not isinstance(label, str) or not label.strip() or len(label) > 64:
                raise BroadcastContentError(
                    f"{where}: text must be 1 to 64 characters",
                    "broadcast-error-button-text",
                    row=r,
                    button=c,
                )
            kinds = [k for k in BUTTON_KINDS if k in button]
            extra = set(button) - {"text", *BUTTON_KINDS}
            if len(kinds) != 1 or extra:
                raise BroadcastContentError(
                    f"{where}: give the text and exactly one of {', '.join(BUTTON_KINDS)}"
                )
            kind = kinds[0]
            value = str(button[kind])
            if kind == "url" and not value.startswith(("https://", "http://", "tg://")):
                raise BroadcastContentError(
                    f"{where}: url must start with https:// (got {value!r})",
                    "broadcast-error-button-url",
                    row=r,
                    button=c,
                    url=value,
                )
            if kind == "callback_data" and not 1 <= len(value.encode()) <= 64:
                raise BroadcastContentError(f"{where}: callback_data must be 1 to 64 bytes")
            out.append({"text": label, kind: value})
        rows.append(out)
    return rows

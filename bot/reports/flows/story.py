"""A reporter's story for partners: the head that fits on the card, the rest in messages under it.

A story is up to 4,096 characters (one Telegram message), a card stays short, so the card shows
the story up to a sentence end and the rest follows right under it in as many messages as needed,
each cut at a sentence (else a word) end, so every sentence is read whole. Lengths are Telegram's
(UTF-16 units of the text as shown). No aiogram here.
"""

from __future__ import annotations

import html
import re

from bot.i18n import Translator
from bot.telegram_text import utf16_len

#: How much of the story a card shows.
CARD_STORY = 1000
#: Story per message under the card (Telegram allows 4,096; the header and margin take the rest).
PART_STORY = 3600
#: How much of a caption the evidence may carry (Telegram allows 1,024 per caption).
CAPTION = 1024

_SENTENCE_END = re.compile(r"(?:[.!?…]+[\"')\]»”’]*\s+)|\n+")
_SPACE = re.compile(r"\s+")


def _fit(text: str, units: int) -> int:
    """The longest prefix of ``text`` (in characters) within ``units`` UTF-16 units."""
    if utf16_len(text) <= units:
        return len(text)
    total = 0
    for index, char in enumerate(text):
        total += 2 if ord(char) > 0xFFFF else 1
        if total > units:
            return index
    return len(text)


def split_story(text: str, units: int) -> tuple[str, str]:
    """``(head, rest)``: ``head`` within ``units``, cut after the last sentence that fits (else
    after the last word; a word longer than that is cut); ``rest`` is everything after it."""
    text = text.strip()
    limit = _fit(text, units)
    if limit >= len(text):
        return text, ""
    window = text[: limit + 1]  # a cut right at the limit is still a sentence end
    cut = max((m.end() for m in _SENTENCE_END.finditer(window)), default=0)
    if cut < limit // 3:  # no sentence end in most of it: cut after a word instead
        spaces = [m.start() for m in _SPACE.finditer(window)]
        cut = spaces[-1] if spaces and spaces[-1] > 0 else limit
    return text[:cut].rstrip(), text[cut:].lstrip()


def story_pieces(text: str) -> tuple[str, list[str]]:
    """The card's part of the story and the pieces that follow under the card."""
    head, rest = split_story(text, CARD_STORY)
    pieces: list[str] = []
    while rest:
        piece, rest = split_story(rest, PART_STORY)
        pieces.append(piece)
    return head, pieces


def with_text(header: str, text: str) -> str:
    """A header and a long user text below it, escaped. Not through a catalogue placeable:
    Fluent refuses one over 2,500 characters."""
    return f"{header}\n{html.escape(text, quote=False)}"


def story_parts(t: Translator, code: str, text: str) -> list[str]:
    """The messages that carry the rest of the story under the card (none when it fits)."""
    _head, pieces = story_pieces(text)
    return [
        with_text(t("report-story-part", code=code, part=str(n), parts=str(len(pieces))), piece)
        for n, piece in enumerate(pieces, start=1)
    ]


def caption_parts(prefix: str, caption: str | None) -> tuple[str, str]:
    """A file's caption as ``(caption, overflow)``: the report's code, then what the reporter wrote
    (HTML-escaped, ready to send); when it does not fit in Telegram's 1,024, the caption is cut at a
    sentence end and ``overflow`` is the whole caption as written (to be sent as text)."""
    if not caption:
        return html.escape(prefix, quote=False), ""
    lead = f"{prefix}: "
    head, rest = split_story(caption, CAPTION - utf16_len(lead) - 1)
    shown = html.escape(lead + head, quote=False)
    return (shown + "…", caption) if rest else (shown, "")

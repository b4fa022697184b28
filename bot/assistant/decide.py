"""Never act on a guess that costs something: act, ask first, or admit we did not understand.

No aiogram here. An intent whose action costs the user something (unsubscribing, starting a report
over whatever they were doing) is acted on only above its calibrated confidence
(:meth:`bot.nlu.service.NluService.action_threshold`) *and* when the text is clearly about it;
otherwise the bot asks with buttons. Every other intent is harmless and acted on at once.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from bot.nlu.result import NluParse
from bot.nlu.text import normalize_text, stems

STOP = "berhenti"
REPORT = "lapor_insiden"

#: Intents whose action costs something; the rest are acted on at once.
COSTLY = frozenset({STOP, REPORT})

#: Words that say *what* to stop: broadcasts and messages. "berhenti" alone, or "berhenti jadi
#: relawan", does not name them, so the bot asks.
BROADCAST_WORDS = frozenset(
    "pesan siar broadcast notif notifikasi kirim langgan unsubscribe unsub spam konten info "
    "chat message messag send notification subscription subscrib opt optout newsletter daftar "
    "list hubung contact".split()
)
#: "hapus data saya": erasing is offered with /hapusdata's own question, never done from a guess.
ERASE_VERBS = frozenset("hapus delete erase".split())
ERASE_OBJECTS = frozenset("data akun nomor account".split())


class Route(enum.Enum):
    ACT = "act"  # do it now
    CONFIRM = "confirm"  # ask with buttons first
    ERASE = "erase"  # show the /hapusdata question
    UNKNOWN = "unknown"  # say we did not understand, show the menu


@dataclass(frozen=True, slots=True)
class Decision:
    route: Route
    intent: str | None


def _stems(text: str) -> set[str]:
    return {s for word in normalize_text(text).split() for s in stems(word)}


def names_broadcasts(text: str) -> bool:
    """The text says what to stop: messages, broadcasts, notifications, the subscription."""
    return bool(_stems(text) & BROADCAST_WORDS)


def asks_to_erase(text: str) -> bool:
    found = _stems(text)
    return bool(found & ERASE_VERBS) and bool(found & ERASE_OBJECTS)


def decide(parsed: NluParse, threshold: Callable[[str], float]) -> Decision:
    """What to do with an idle user's free text, given each intent's action threshold."""
    intent = parsed.intent
    if intent is None:
        return Decision(Route.UNKNOWN, None)
    if intent not in COSTLY:
        return Decision(Route.ACT, intent)
    if intent == STOP and asks_to_erase(parsed.text):
        return Decision(Route.ERASE, intent)
    sure = parsed.confidence >= threshold(intent)
    if intent == STOP:
        sure = sure and names_broadcasts(parsed.text)
    return Decision(Route.ACT if sure else Route.CONFIRM, intent)

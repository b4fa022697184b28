"""Scoring on a held-out set of messages the engine never trained on (``bench/nlu_heldout.yml``).

The file is a YAML mapping with ``messages:``, a list of ``{text, intent, category?, place?}``.
``place`` is the Kemendagri code the first place found must resolve to, a list of codes when the
honest answer is "ask which one" (the candidates must be exactly these), or null when no place
may be found; messages without ``place`` are not scored for places. Any backend can be scored:
:func:`score` takes a function from text to :class:`~bot.nlu.result.NluParse`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.fileio import read_yaml
from bot.nlu.result import NluParse

UNSCORED = object()


@dataclass(frozen=True, slots=True)
class HeldOut:
    """One held-out message and what the NLU should make of it."""

    text: str
    intent: str
    category: str | None = None
    place: object = UNSCORED  # None, a frozenset of codes, or UNSCORED


@dataclass
class HeldOutReport:
    """Figures over a held-out set, and the misses for reading."""

    intent_macro_f1: float
    category_accuracy: float
    place_accuracy: float
    messages: int
    categories: int
    places: int
    misses: list[str] = field(default_factory=list)


def load_heldout(path: Path | str) -> list[HeldOut]:
    """The messages of a held-out file; raises ``ValueError`` naming the bad entry."""
    data = read_yaml(Path(path)).data
    raw = data.get("messages") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a mapping with a 'messages' list")
    out: list[HeldOut] = []
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not item.get("text") or not item.get("intent"):
            raise ValueError(f"{path}: message {n}: needs 'text' and 'intent'")
        place: object = UNSCORED
        if "place" in item:
            value = item["place"]
            if value is None:
                place = None
            else:
                place = frozenset([value] if isinstance(value, str) else map(str, value))
        out.append(HeldOut(str(item["text"]), str(item["intent"]), item.get("category"), place))
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Unweighted mean F1 over the gold labels."""
    scores = []
    for label in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def place_codes(parse: NluParse) -> frozenset[str] | None:
    """Candidate codes of the first place of ``parse`` (None when no place was found)."""
    if not parse.places:
        return None
    return frozenset(c.code for c in parse.places[0].candidates)


def score(messages: Sequence[HeldOut], parse: Callable[[str], NluParse]) -> HeldOutReport:
    """Intent macro-F1 (best-ranked intent), category accuracy and place accuracy."""
    gold: list[str] = []
    pred: list[str] = []
    cat_ok = cat_n = place_ok = place_n = 0
    misses: list[str] = []
    for msg in messages:
        result = parse(msg.text)
        guess = result.guess or "-"
        gold.append(msg.intent)
        pred.append(guess)
        if guess != msg.intent:
            misses.append(f"intent {msg.intent} -> {guess}: {msg.text[:70]}")
        if msg.category is not None:
            cat_n += 1
            got = result.category_ranking[0][0] if result.category_ranking else result.category
            cat_ok += got == msg.category
            if got != msg.category:
                misses.append(f"category {msg.category} -> {got}: {msg.text[:70]}")
        if msg.place is not UNSCORED:
            place_n += 1
            found = place_codes(result)
            place_ok += found == msg.place
            if found != msg.place:
                want = sorted(msg.place) if isinstance(msg.place, frozenset) else None
                misses.append(
                    f"place {want} -> {sorted(found) if found else None}: {msg.text[:70]}"
                )
    return HeldOutReport(
        macro_f1(gold, pred),
        cat_ok / cat_n if cat_n else 1.0,
        place_ok / place_n if place_n else 1.0,
        len(messages),
        cat_n,
        place_n,
        misses,
    )

"""Is a new report the same incident as an open case? Pure functions, no database.

Two people describing one incident share little wording ("ibadah kami dibubarkan" against
"kebaktian di GKI Yasmin dihentikan ormas") but they share the *specific* words: the name of the
church, the street, the village, the hour. The words every report of a category uses ("gereja",
"dibubarkan", "warga") say nothing. So words are weighted by how rare they are among recent
reports of the same category (an inverse document frequency over a corpus the caller passes in),
and the text score is the weighted overlap of the two reports' words, measured half against the
smaller report (a short "Ibadah di GKI Yasmin dibubarkan" is contained in a long story) and half
against both (a name only one of them gives counts against the match).

The date and place refine it: the same day of occurrence raises the score, days apart lower it,
and two map pins far apart rule a match out. The caller has already narrowed the candidates to
the same kabupaten/kota, the same category and the last ``window_hours``.

``bench/duplicates.py`` measures precision and recall on generated reports with known groups.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot.nlu.text import normalize_text

#: Function words (Indonesian, the main regional languages, English) that never identify an
#: incident; the corpus weighting handles the rest.
STOPWORDS = frozenset(
    """
    yang dan di ke dari ini itu ada dengan untuk pada juga tidak sudah akan kami kita saya aku
    mereka dia ia kamu anda tadi dalam oleh karena jadi atau tapi tetapi lagi saat waktu sampai
    setelah sebelum bahwa agar supaya sangat banyak para pak bu bapak ibu mas mbak orang kalau
    kalo jam pukul hari tanggal sekitar masih bisa mau ga gak nggak ndak tak udah sdh yg dgn utk
    aja saja lalu kemudian terus pun lah kok sih deh nih tuh wae ae opo iku karo ing sing lan
    neng nang teh mah urang kuring abdi eta anu jeung ka the a an of to in on at and or is are was
    were be been by for with from this that it we they he she our their my
    """.split()
)

#: Ranges the score is built from (tuned on bench/duplicates.py's tuning seed, checked on others).
SAME_DAY_BONUS = 0.15
DAYS_APART_PENALTY = 0.25
FAR_APART_KM = 5.0
NEAR_KM = 1.0
NEAR_BONUS = 0.1
#: A match needs at least this score.
THRESHOLD = 0.35


@dataclass(frozen=True, slots=True)
class Incident:
    """What is compared: the story, when it happened, and the map pin if there is one."""

    text: str
    occurred_on: date | None = None
    latitude: float | None = None
    longitude: float | None = None


@lru_cache(maxsize=8192)
def _canonical(word: str) -> str:
    """One form per word: the usual Indonesian affixes off (``dibubarkan`` → ``bubar``)."""
    w = word
    for pre in ("meng", "meny", "mem", "men", "peng", "pem", "pen", "ber", "ter", "di", "ke"):
        if w.startswith(pre) and len(w) - len(pre) >= 4:
            w = w[len(pre) :]
            break
    for suf in ("kannya", "nya", "kan", "an", "i"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[: -len(suf)]
            break
    return w


@lru_cache(maxsize=4096)
def words(text: str) -> frozenset[str]:
    """The report's content words, normalised and de-affixed, function words left out."""
    return frozenset(
        _canonical(token)
        for token in normalize_text(text).split()
        if token not in STOPWORDS and (len(token) >= 3 or token.isdigit())
    )


class Weights:
    """Inverse document frequency over a corpus of recent stories of the same category."""

    def __init__(self, corpus: Iterable[str]) -> None:
        docs = [words(text) for text in corpus]
        self.n = len(docs)
        self.df: Counter[str] = Counter()
        for doc in docs:
            self.df.update(doc)

    def of(self, word: str) -> float:
        # smoothed: a word seen in every story weighs ~0.1, one never seen weighs the most
        return math.log((self.n + 1) / (self.df.get(word, 0) + 0.5)) / math.log((self.n + 1) / 0.5)


def text_score(a: frozenset[str], b: frozenset[str], weights: Weights) -> float:
    """Weighted overlap of two word sets (0…1): half measured against the lighter story (a short
    one is contained in a long one), half against both (what only one of them names counts
    against the match)."""
    if not a or not b:
        return 0.0
    shared = sum(weights.of(w) for w in a & b)
    wa, wb = sum(weights.of(w) for w in a), sum(weights.of(w) for w in b)
    if min(wa, wb) <= 0:
        return 0.0
    return 0.5 * shared / min(wa, wb) + 0.5 * shared / math.sqrt(wa * wb)


def _km(a: Incident, b: Incident) -> float | None:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    lat1, lon1 = math.radians(a.latitude), math.radians(a.longitude)
    lat2, lon2 = math.radians(b.latitude), math.radians(b.longitude)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def score(new: Incident, case: Incident, weights: Weights) -> float:
    """How alike two reports are (about 0…1.25); :data:`THRESHOLD` and above is a match."""
    km = _km(new, case)
    if km is not None and km > FAR_APART_KM:
        return 0.0
    value = text_score(words(new.text), words(case.text), weights)
    if new.occurred_on and case.occurred_on:
        apart = abs((new.occurred_on - case.occurred_on).days)
        value += SAME_DAY_BONUS if apart == 0 else (-DAYS_APART_PENALTY if apart > 1 else 0.0)
    if km is not None and km <= NEAR_KM:
        value += NEAR_BONUS
    return value


def best_match(
    new: Incident, cases: Sequence[tuple[int, Incident]], weights: Weights
) -> tuple[int, float] | None:
    """The case the new report most likely belongs to, with its score, or None."""
    best: tuple[int, float] | None = None
    for case_id, case in cases:
        value = score(new, case, weights)
        if value >= THRESHOLD and (best is None or value > best[1]):
            best = (case_id, value)
    return best

"""Typo and variant tolerance against the training vocabulary.

A word the engine never saw in training (and that the domain lexicon does not know) is mapped to a
known word when one of these finds it, tried in order:

1. stretched letters collapsed (``halooo`` → ``halo``, ``stoppp`` → ``stop``);
2. a regional verb ending made Indonesian (``dibubarkeun`` → ``dibubarkan``, see ``regional``);
3. Indonesian and Javanese/Sundanese possessive endings dropped (``laporanku`` → ``laporan``);
4. the same consonant skeleton (vowels dropped or changed: ``dibubarkn``, ``diancem`` → ``diancam``);
5. one letter missing, extra, or swapped for another (a delete-only index).

Where several known words fit, the most frequent in training wins. Lookups are dictionary hits
only, so the cost per word is constant.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from bot.nlu.regional import regional_affix

_VOWELS = re.compile(r"[aeiou]")
_DOUBLE = re.compile(r"(.)\1+")
_POSSESSIVE = ("nya", "ku", "mu", "ne", "na", "e")
MIN_LENGTH = 4
_CACHE_SIZE = 50_000


def skeleton(word: str) -> str:
    """The first letter and the consonants after it (``dibubarkan`` → ``dbbrkn``)."""
    return word[:1] + _VOWELS.sub("", word[1:])


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Corrector:
    """Maps unknown words to training words; build it from the training texts' words."""

    def __init__(self, words: Iterable[str], is_known: Callable[[str], bool] | None = None) -> None:
        counts = Counter(w for w in words if w.isalpha())
        self.vocabulary = frozenset(counts)
        self._is_known = is_known
        self._cache: dict[str, str] = {}
        ranked = sorted(counts, key=lambda w: (-counts[w], w))
        self._skeletons: dict[str, str] = {}
        self._deleted: dict[str, str] = {}
        for word in ranked:
            if len(word) < MIN_LENGTH:
                continue
            key = skeleton(word)
            if len(key) >= 3:
                self._skeletons.setdefault(key, word)
            self._deleted.setdefault(word, word)
            if len(word) >= 5:
                for d in _deletes(word):
                    self._deleted.setdefault(d, word)

    def known(self, word: str) -> bool:
        return word in self.vocabulary or (self._is_known is not None and self._is_known(word))

    def correct(self, word: str) -> str:
        """``word`` itself when known (or too short/not a word), else the best known match."""
        if len(word) < MIN_LENGTH or not word.isalpha() or self.known(word):
            return word
        cached = self._cache.get(word)
        if cached is None:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            cached = self._cache[word] = self._correct(word)
        return cached

    def _correct(self, word: str) -> str:
        for candidate in self._variants(word):
            if self.known(candidate):
                return candidate
        key = skeleton(word)
        if len(key) >= 3 and key in self._skeletons:
            return self._skeletons[key]
        if len(word) >= 5:
            if word in self._deleted:  # one letter missing
                return self._deleted[word]
            for d in sorted(_deletes(word)):  # one letter extra or swapped
                if d in self._deleted and self._deleted[d][0] == word[0]:
                    return self._deleted[d]
        return word

    @staticmethod
    def _variants(word: str) -> list[str]:
        out = []
        single = _DOUBLE.sub(r"\1", word)
        if single != word:
            out.append(single)
        affixed = regional_affix(word)
        if affixed:
            out.append(affixed)
        for ending in _POSSESSIVE:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_LENGTH:
                out.append(word[: -len(ending)])
        return out

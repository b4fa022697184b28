"""The typed NLU result that travels through the bot: :class:`NluParse`.

Whatever backend answered (the built-in engine or a Rasa server), callers read attributes, never
Rasa-shaped dicts. :meth:`NluParse.to_dict` gives the Rasa-like JSON that ``rukun nlu parse``
prints (see docs/nlu.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.geo import PlaceMatch, Region


@dataclass(frozen=True, slots=True)
class Place:
    """A place mentioned in the text (``text[start:end]``) and every region it may mean."""

    start: int
    end: int
    value: str
    candidates: tuple[Region, ...]
    confidence: float = 1.0
    extractor: str = "gazetteer"

    @classmethod
    def from_match(cls, match: PlaceMatch, extractor: str = "gazetteer") -> Place:
        return cls(
            match.start,
            match.end,
            match.text,
            tuple(match.candidates),
            round(match.score / 100.0, 3),
            extractor,
        )

    @property
    def region(self) -> Region | None:
        """The region when exactly one matches, else None (ask which one)."""
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def code(self) -> str | None:
        return self.region.code if self.region else None

    @property
    def province(self) -> str | None:
        """The province when every candidate lies in the same one."""
        provinces = {c.province_name for c in self.candidates}
        return provinces.pop() if len(provinces) == 1 else None

    def to_dict(self) -> dict[str, Any]:
        single = self.region
        return {
            "entity": "lokasi",
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "code": single.code if single else None,
            "name": single.name if single else None,
            "kind": single.kind if single else None,
            "province": self.province,
            "candidates": [c.to_dict() for c in self.candidates],
            "confidence_entity": self.confidence,
            "extractor": self.extractor,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """Any other entity (e.g. ``nomor_laporan``), with synonyms applied to ``value``."""

    entity: str
    value: str
    start: int = 0
    end: int = 0
    extractor: str = "regex"

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Entity:
        return cls(
            str(raw.get("entity", "")),
            str(raw.get("value", "")),
            int(raw.get("start", 0)),
            int(raw.get("end", 0)),
            str(raw.get("extractor", "regex")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "extractor": self.extractor,
        }


Ranking = tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class NluParse:
    """Intent (None under the confidence threshold: the bot should ask), category, places."""

    text: str
    intent: str | None
    confidence: float
    ranking: Ranking = ()
    category: str | None = None
    category_confidence: float = 0.0
    category_ranking: Ranking = ()
    places: tuple[Place, ...] = ()
    entities: tuple[Entity, ...] = field(default=())
    backend: str = "builtin"
    fallback_reason: str | None = None
    #: True when the second category is within the calibrated margin of the first (or no
    #: category reached its threshold): the wizard should offer both, not take the first.
    category_close: bool = False

    @property
    def category_best(self) -> str | None:
        """The category, or the best-ranked one when it stayed under the threshold."""
        return self.category or (self.category_ranking[0][0] if self.category_ranking else None)

    @property
    def category_runner_up(self) -> str | None:
        """The second-ranked category when it is close to the first, else None."""
        if self.category_close and len(self.category_ranking) > 1:
            return self.category_ranking[1][0]
        return None

    @property
    def category_choices(self) -> tuple[str, ...]:
        """What to offer as buttons: the best category, and the second when it is close."""
        best = self.category_best
        if best is None:
            return ()
        second = self.category_runner_up
        return (best, second) if second is not None and second != best else (best,)

    @property
    def guess(self) -> str | None:
        """The best-ranked intent even under the threshold (for logs and "did you mean")."""
        return self.ranking[0][0] if self.ranking else self.intent

    @property
    def region_codes(self) -> list[str]:
        """Every candidate region code of every place, in order of mention, without repeats."""
        codes: list[str] = []
        for place in self.places:
            codes.extend(c.code for c in place.candidates if c.code not in codes)
        return codes

    def entity(self, name: str) -> Entity | None:
        return next((e for e in self.entities if e.entity == name), None)

    def to_dict(self) -> dict[str, Any]:
        """Rasa-shaped JSON (``intent.name``, ``intent_ranking``, ``entities``…) for the CLI."""

        def ranked(r: Ranking) -> list[dict[str, Any]]:
            return [{"name": n, "confidence": c} for n, c in r]

        out: dict[str, Any] = {
            "text": self.text,
            "intent": {"name": self.intent, "confidence": self.confidence},
            "intent_ranking": ranked(self.ranking),
            "entities": [p.to_dict() for p in self.places] + [e.to_dict() for e in self.entities],
            "category": {"name": self.category, "confidence": self.category_confidence},
            "category_ranking": ranked(self.category_ranking),
            "category_close": self.category_close,
            "category_choices": list(self.category_choices),
            "backend": self.backend,
        }
        if self.fallback_reason is not None:
            out["fallback_reason"] = self.fallback_reason
        return out


def ranking_of(raw: Any) -> Ranking:
    """``[{"name": ..., "confidence": ...}, ...]`` (retrieval sub-intents cut) as a tuple."""
    if not isinstance(raw, list):
        return ()
    return tuple(
        (str(r.get("name", "")).split("/", 1)[0], round(float(r.get("confidence", 0)), 4))
        for r in raw
        if isinstance(r, dict)
    )

"""NLU service: one ``parse(text)`` for the bot, whichever backend runs.

The result is shaped like Rasa's ``/model/parse`` answer plus ``category`` and ``backend``::

    {"text": "...", "intent": {"name": "lapor_insiden" | None, "confidence": 0.93},
     "intent_ranking": [{"name": ..., "confidence": ...}, ...],
     "entities": [{"entity": "lokasi", "start": 15, "end": 21, "value": "serang",
                   "code": None, "name": None, "province": "Banten", "kind": None,
                   "candidates": [{"code": "36.04", "name": "Kabupaten Serang", ...}, ...],
                   "confidence_entity": 1.0, "extractor": "gazetteer"}],
     "category": {"name": "rumah_ibadah" | None, "confidence": 0.81},
     "backend": "builtin" | "rasa"}

``intent.name`` is None under the confidence threshold (the bot should ask). ``category`` is
only filled for ``lapor_insiden``. A ``lokasi`` entity has ``code``/``name``/``kind`` only when
exactly one region matches; otherwise they are None and ``candidates`` lists every region.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.geo import Gazetteer, PlaceMatch, Region
from bot.nlu.engine import REPORT_INTENT, Engine
from bot.nlu.model_cache import load_or_train
from bot.nlu.rasa import RasaClient, RasaError
from bot.nlu.settings import NluSettings

log = logging.getLogger(__name__)


class NluService:
    """Parses user texts into intent, incident category and entities (places)."""

    def __init__(
        self,
        settings: NluSettings | None = None,
        *,
        engine: Engine | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.settings = settings or NluSettings()
        self.gazetteer = gazetteer or Gazetteer.default()
        self._engine = engine
        self.from_cache = False
        self.rasa: RasaClient | None = None
        if self.settings.backend == "rasa" and self.settings.rasa_url is not None:
            self.rasa = RasaClient(str(self.settings.rasa_url), self.settings.rasa_timeout_seconds)

    @property
    def engine(self) -> Engine:
        """The built-in engine (trained or loaded from cache on first use)."""
        if self._engine is None:
            engine, self.from_cache = load_or_train(
                self.settings.data_dir, self.settings.cache_dir, isolate=True
            )
            # Thresholds only act at prediction time: they are not part of the cache key.
            engine.threshold = self.settings.confidence_threshold
            engine.category_threshold = self.settings.category_threshold
            self._engine = engine
        return self._engine

    def warm_up(self) -> None:
        """Load the model and gazetteer now (call at bot start-up)."""
        self.engine.parse("halo")

    # -- parsing --------------------------------------------------------------------------
    def parse_sync(self, text: str) -> dict[str, Any]:
        """Parse with the built-in engine and the gazetteer (no network)."""
        result = self.engine.parse(text)
        result["entities"] = self._place_entities(text) + result["entities"]
        result["backend"] = "builtin"
        return result

    async def parse(self, text: str) -> dict[str, Any]:
        """Parse with the configured backend; Rasa failures fall back to the built-in engine."""
        if self.rasa is None:
            return self.parse_sync(text)
        try:
            answer = await self.rasa.parse(text)
        except RasaError as exc:
            log.warning("Rasa unavailable, using built-in NLU: %s", exc)
            result = self.parse_sync(text)
            result["fallback_reason"] = str(exc)
            return result
        return self._from_rasa(text, answer)

    async def aclose(self) -> None:
        """Release the HTTP session of the Rasa client."""
        if self.rasa is not None:
            await self.rasa.close()

    # -- helpers --------------------------------------------------------------------------
    def _from_rasa(self, text: str, answer: dict[str, Any]) -> dict[str, Any]:
        threshold = self.settings.confidence_threshold
        raw = answer["intent"]
        name = raw.get("name")
        name = name.split("/", 1)[0] if isinstance(name, str) else None
        conf = float(raw["confidence"])
        if name == "nlu_fallback" or conf < threshold:
            name = None
        ranking = [
            {
                "name": str(r.get("name", "")).split("/", 1)[0],
                "confidence": float(r.get("confidence", 0)),
            }
            for r in answer.get("intent_ranking", [])
            if isinstance(r, dict)
        ]
        category: dict[str, Any] = {"name": None, "confidence": 0.0}
        if name == REPORT_INTENT:
            category = _rasa_category(answer) or self.engine.parse(text)["category"]
        entities = [e for e in answer.get("entities", []) if e.get("entity") != "lokasi"]
        rasa_places = [e for e in answer.get("entities", []) if e.get("entity") == "lokasi"]
        places = [self._enrich(text, e) for e in rasa_places] or self._place_entities(text)
        return {
            "text": text,
            "intent": {"name": name, "confidence": round(conf, 4)},
            "intent_ranking": ranking,
            "entities": places + entities,
            "category": category,
            "backend": "rasa",
        }

    def _place_entities(self, text: str) -> list[dict[str, Any]]:
        return [place_entity(m) for m in self.gazetteer.find_in_text(text)]

    def _enrich(self, text: str, entity: dict[str, Any]) -> dict[str, Any]:
        start, end = int(entity.get("start", 0)), int(entity.get("end", 0))
        surface = text[start:end] or str(entity.get("value", ""))
        value = str(entity.get("value", surface))
        region = self.gazetteer.get(value)
        cands = [region] if region else self.gazetteer.resolve(surface)
        match = PlaceMatch(start, end, surface, tuple(cands))
        out = place_entity(match)
        out["extractor"] = str(entity.get("extractor", "rasa"))
        return out


def _rasa_category(answer: dict[str, Any]) -> dict[str, Any] | None:
    selectors = answer.get("response_selector")
    if not isinstance(selectors, dict):
        return None
    for key in (REPORT_INTENT, "default"):
        response = (selectors.get(key) or {}).get("response") or {}
        full = response.get("intent_response_key") or ""
        if isinstance(full, str) and full.startswith(REPORT_INTENT + "/"):
            return {
                "name": full.split("/", 1)[1],
                "confidence": float(response.get("confidence", 0)),
            }
    return None


def place_entity(match: PlaceMatch) -> dict[str, Any]:
    """JSON-friendly ``lokasi`` entity for a gazetteer match (see the module docstring)."""
    cands: tuple[Region, ...] = match.candidates
    single = cands[0] if len(cands) == 1 else None
    provinces = {c.province_name for c in cands}
    return {
        "entity": "lokasi",
        "start": match.start,
        "end": match.end,
        "value": match.text,
        "code": single.code if single else None,
        "name": single.name if single else None,
        "kind": single.kind if single else None,
        "province": provinces.pop() if len(provinces) == 1 else None,
        "candidates": [c.to_dict() for c in cands],
        "confidence_entity": round(match.score / 100.0, 3),
        "extractor": "gazetteer",
    }

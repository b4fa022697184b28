"""NLU service: one ``parse(text)`` for the bot, whichever backend runs.

The result is a typed :class:`~bot.nlu.result.NluParse` (intent, confidence, ranking, category,
places, other entities, backend). ``intent`` is None under the confidence threshold (the bot
should ask); ``category`` is only filled for ``lapor_insiden``. A place has one ``region`` only
when exactly one matches; otherwise ``candidates`` lists every region. Rasa's answer is mapped
into the same type (:meth:`NluService.from_rasa_answer`). ``NluParse.to_dict()`` is the Rasa-shaped JSON
that ``rukun nlu parse`` prints.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from bot.geo import Gazetteer, PlaceMatch
from bot.nlu.calibration import Thresholds
from bot.nlu.engine import REPORT_INTENT, Engine
from bot.nlu.loader import data_hash
from bot.nlu.model_cache import load_or_train
from bot.nlu.rasa import RasaClient, RasaError
from bot.nlu.result import Entity, NluParse, Place, ranking_of
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
        self._thresholds: Thresholds | None = None
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

    @property
    def thresholds(self) -> Thresholds:
        """Per-intent thresholds calibrated by ``rukun nlu calibrate`` (none: always ask)."""
        if self._thresholds is None:
            data_dir = self.settings.data_dir
            found = Thresholds.load(data_dir)
            if found is None:
                log.warning("no %s/thresholds.json: costly intents always ask first", data_dir)
            elif found.data_hash != data_hash(data_dir):
                log.warning("NLU thresholds are older than the data: run `rukun nlu calibrate`")
            self._thresholds = found or Thresholds()
        return self._thresholds

    def action_threshold(self, intent: str) -> float:
        """The confidence from which the bot may act on ``intent`` without asking first."""
        return max(self.settings.confidence_threshold, self.thresholds.threshold(intent))

    def warm_up(self) -> None:
        """Load the model, thresholds and gazetteer now (call at bot start-up).

        The desa index (about 0.5 s) is read in the background, so that the first "Desa X" in a
        message does not wait for it and the bot is ready without it.
        """
        self.engine.parse("halo")
        _ = self.thresholds
        self.gazetteer.subdistricts.preload()

    # -- parsing --------------------------------------------------------------------------
    def parse_sync(
        self, text: str, *, fallback_reason: str | None = None, report: bool = False
    ) -> NluParse:
        """Parse with the built-in engine and the gazetteer (no network).

        ``report`` says the text is an incident story (the wizard's): the category ranking is
        then filled whatever the intent.
        """
        raw = self.engine.parse(text, report=report)
        cats = ranking_of(raw.get("category_ranking"))
        return NluParse(
            text=text,
            intent=raw["intent"]["name"],
            confidence=raw["intent"]["confidence"],
            ranking=ranking_of(raw["intent_ranking"]),
            category=raw["category"]["name"],
            category_confidence=raw["category"]["confidence"],
            category_ranking=cats,
            places=self._places(text),
            entities=tuple(Entity.from_dict(e) for e in raw["entities"]),
            backend="builtin",
            fallback_reason=fallback_reason,
            category_close=self.is_close(cats, raw["category"]["name"]),
        )

    def is_close(self, ranking: tuple[tuple[str, float], ...], category: str | None) -> bool:
        """True when the top two categories are within the calibrated margin (ask, offer both)."""
        if len(ranking) < 2:
            return False
        return category is None or ranking[0][1] - ranking[1][1] < self.thresholds.close_margin

    async def parse_report(self, text: str) -> NluParse:
        """Parse an incident story: like :meth:`parse`, with the category always ranked."""
        if self.rasa is None:
            return self.parse_sync(text, report=True)
        result = await self.parse(text)
        if result.category_ranking:
            return result
        local = self.parse_sync(text, report=True)
        return dataclasses.replace(
            result,
            category=local.category,
            category_confidence=local.category_confidence,
            category_ranking=local.category_ranking,
            category_close=local.category_close,
        )

    async def parse(self, text: str) -> NluParse:
        """Parse with the configured backend; Rasa failures fall back to the built-in engine."""
        if self.rasa is None:
            return self.parse_sync(text)
        try:
            answer = await self.rasa.parse(text)
        except RasaError as exc:
            log.warning("Rasa unavailable, using built-in NLU: %s", exc)
            return self.parse_sync(text, fallback_reason=str(exc))
        return self.from_rasa_answer(text, answer)

    async def aclose(self) -> None:
        """Release the HTTP session of the Rasa client."""
        if self.rasa is not None:
            await self.rasa.close()

    # -- helpers --------------------------------------------------------------------------
    def from_rasa_answer(self, text: str, answer: dict[str, Any]) -> NluParse:
        """Rasa's ``/model/parse`` answer as an :class:`NluParse` (places via the gazetteer)."""
        raw = answer["intent"]
        name = raw.get("name")
        name = name.split("/", 1)[0] if isinstance(name, str) else None
        conf = float(raw["confidence"])
        if name == "nlu_fallback" or conf < self.settings.confidence_threshold:
            name = None
        category: tuple[str | None, float] = (None, 0.0)
        if name == REPORT_INTENT:
            category = _rasa_category(answer) or _engine_category(self.engine.parse(text))
        entities = answer.get("entities", [])
        places = tuple(self._enrich(text, e) for e in entities if e.get("entity") == "lokasi")
        return NluParse(
            text=text,
            intent=name,
            confidence=round(conf, 4),
            ranking=ranking_of(answer.get("intent_ranking", [])),
            category=category[0],
            category_confidence=category[1],
            places=places or self._places(text),
            entities=tuple(Entity.from_dict(e) for e in entities if e.get("entity") != "lokasi"),
            backend="rasa",
        )

    def _places(self, text: str) -> tuple[Place, ...]:
        return tuple(Place.from_match(m) for m in self.gazetteer.find_in_text(text))

    def _enrich(self, text: str, entity: dict[str, Any]) -> Place:
        start, end = int(entity.get("start", 0)), int(entity.get("end", 0))
        surface = text[start:end] or str(entity.get("value", ""))
        value = str(entity.get("value", surface))
        region = self.gazetteer.get(value)
        cands = [region] if region else self.gazetteer.resolve(surface)
        match = PlaceMatch(start, end, surface, tuple(cands))
        return Place.from_match(match, str(entity.get("extractor", "rasa")))


def _engine_category(raw: dict[str, Any]) -> tuple[str | None, float]:
    return raw["category"]["name"], float(raw["category"]["confidence"])


def _rasa_category(answer: dict[str, Any]) -> tuple[str, float] | None:
    selectors = answer.get("response_selector")
    if not isinstance(selectors, dict):
        return None
    for key in (REPORT_INTENT, "default"):
        response = (selectors.get(key) or {}).get("response") or {}
        full = response.get("intent_response_key") or ""
        if isinstance(full, str) and full.startswith(REPORT_INTENT + "/"):
            return full.split("/", 1)[1], float(response.get("confidence", 0))
    return None

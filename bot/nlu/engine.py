"""Built-in NLU engine: TF-IDF (word + character n-grams) and logistic regression.

Two classifiers are trained from the same Rasa data: one for the base intent (retrieval intents
``lapor_insiden/<kategori>`` count as ``lapor_insiden``) and one for the incident category (the
sub-intent). Training (scikit-learn, imported lazily) is deterministic and takes
about two seconds on ~1,000 examples; prediction needs numpy only (see :mod:`bot.nlu.linear`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bot.nlu.lexicon import concepts
from bot.nlu.linear import LinearTextModel, compile_pipeline, train_pipeline
from bot.nlu.loader import Example, NluData
from bot.nlu.text import normalize_text, stems

ENGINE_VERSION = "3"
REPORT_INTENT = "lapor_insiden"


def featurize(text: str) -> str:
    """Normalised text followed by lexicon concept tokens (``kx_kekerasan``…)."""
    norm = normalize_text(text)
    extra: list[str] = []
    for word in norm.split():
        extra.extend(sorted(set(concepts(sorted(stems(word))))))
    return f"{norm} {' '.join(extra)}" if extra else norm


@dataclass
class RegexEntity:
    """A regex entity extractor compiled from the data's ``regex`` items."""

    entity: str
    patterns: list[re.Pattern[str]]


@dataclass
class Engine:
    """Trainable intent + category classifier with confidence thresholds."""

    threshold: float = 0.55
    category_threshold: float = 0.3
    intent_c: float = 8.0
    category_c: float = 8.0
    intent_model: LinearTextModel | None = None
    category_model: LinearTextModel | None = None
    vocabulary: frozenset[str] = frozenset()
    regex_entities: list[RegexEntity] = field(default_factory=list)
    synonyms: dict[str, str] = field(default_factory=dict)

    # -- training -------------------------------------------------------------------------
    @classmethod
    def from_data(cls, data: NluData, **params: Any) -> Engine:
        """Train on everything in ``data`` (examples, regexes, synonyms)."""
        engine = cls(**params)
        engine.synonyms = dict(data.synonyms)
        annotated = {e.entity for ex in data.examples for e in ex.entities}
        engine.regex_entities = [
            RegexEntity(name, [re.compile(p, re.IGNORECASE) for p in pats])
            for name, pats in sorted(data.regexes.items())
            if name in annotated and name != "lokasi"
        ]
        return engine.fit(data.examples)

    def fit(self, examples: Sequence[Example]) -> Engine:
        """Train both classifiers on ``examples``; returns ``self``."""
        texts = [featurize(ex.text) for ex in examples]
        labels = [ex.base_intent for ex in examples]
        self.intent_model = compile_pipeline(train_pipeline(texts, labels, self.intent_c))
        cat = [(t, ex.sub_intent) for t, ex in zip(texts, examples, strict=True) if ex.sub_intent]
        if cat:
            pipe = train_pipeline([t for t, _ in cat], [c for _, c in cat], self.category_c)
            self.category_model = compile_pipeline(pipe)
        self.vocabulary = frozenset(w for t in texts for w in t.split() if not w.startswith("kx_"))
        return self

    # -- prediction -----------------------------------------------------------------------
    def rank_intents(self, texts: Sequence[str]) -> list[list[tuple[str, float]]]:
        """Intent ranking (name, probability), best first, for each text."""
        return self._rank(self.intent_model, texts)

    def rank_categories(self, texts: Sequence[str]) -> list[list[tuple[str, float]]]:
        """Category ranking (name, probability), best first, for each text."""
        return self._rank(self.category_model, texts)

    def _rank(
        self, model: LinearTextModel | None, texts: Sequence[str]
    ) -> list[list[tuple[str, float]]]:
        if model is None:
            raise RuntimeError("engine is not trained")
        norm = [featurize(t) for t in texts]
        probs = model.predict_proba(norm)
        labels = model.classes
        out = []
        for text, row in zip(norm, probs, strict=True):
            factor = self._known_factor(text)
            order = np.argsort(-row, kind="stable")
            out.append([(str(labels[k]), float(row[k]) * factor) for k in order])
        return out

    def _known_factor(self, featurized: str) -> float:
        """Scale confidence down for texts mostly made of words never seen in training.

        A lexicon concept keeps full confidence; otherwise the factor is 0.5 + 0.5 * the share
        of known words (gibberish and off-topic chatter fall under the threshold).
        """
        words = [w for w in featurized.split() if not w.startswith("kx_")]
        if not words:
            return 0.0
        if len(words) < len(featurized.split()):
            return 1.0
        known = sum(1 for w in words if w in self.vocabulary)
        return 0.5 + 0.5 * known / len(words)

    def parse(self, text: str) -> dict[str, Any]:
        """Rasa-shaped result: text, intent, intent_ranking, entities, category."""
        ranking = self.rank_intents([text])[0]
        best_name, best_conf = ranking[0]
        intent: dict[str, Any] = {"name": best_name, "confidence": round(best_conf, 4)}
        if best_conf < self.threshold:
            intent["name"] = None
        category: dict[str, Any] = {"name": None, "confidence": 0.0}
        cat_ranking: list[dict[str, Any]] = []
        if self.category_model is not None and (intent["name"] == REPORT_INTENT):
            cats = self.rank_categories([text])[0]
            cat_ranking = [{"name": n, "confidence": round(c, 4)} for n, c in cats[:3]]
            if cats[0][1] >= self.category_threshold:
                category = dict(cat_ranking[0])
            else:
                category["confidence"] = cat_ranking[0]["confidence"]
        return {
            "text": text,
            "intent": intent,
            "intent_ranking": [{"name": n, "confidence": round(c, 4)} for n, c in ranking],
            "entities": self.extract_entities(text),
            "category": category,
            "category_ranking": cat_ranking,
        }

    def extract_entities(self, text: str) -> list[dict[str, Any]]:
        """Regex entities (e.g. report numbers) with synonyms applied."""
        found: list[dict[str, Any]] = []
        for extractor in self.regex_entities:
            for pattern in extractor.patterns:
                for m in pattern.finditer(text):
                    value = self.synonyms.get(m.group().lower(), m.group())
                    found.append(
                        {
                            "entity": extractor.entity,
                            "start": m.start(),
                            "end": m.end(),
                            "value": value,
                            "extractor": "regex",
                        }
                    )
        return found

"""Built-in NLU engine: TF-IDF (word + character n-grams) and logistic regression.

Two classifiers are trained from the same Rasa data: one for the base intent (retrieval intents
``lapor_insiden/<kategori>`` count as ``lapor_insiden``) and one for the incident category (the
sub-intent). Training (scikit-learn, imported lazily) is deterministic and takes
about two seconds on ~1,000 examples; prediction needs numpy only (see :mod:`bot.nlu.linear`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bot.nlu.lexicon import concept_tokens, concepts
from bot.nlu.linear import Grams, LinearTextModel, compile_pipeline, text_grams, train_pipeline
from bot.nlu.loader import Example, NluData
from bot.nlu.spelling import Corrector
from bot.nlu.text import normalize_text, stems

ENGINE_VERSION = "4"
REPORT_INTENT = "lapor_insiden"
#: Words of a text that are classified: a long story is cut here (the opening says what happened;
#: the cost per parse then stays flat however long the story is).
MAX_WORDS = 400
#: A report number as people write it: ``LP-2026-000412``, ``lp 2026 000412``, ``2026-000412``.
TICKET = re.compile(r"\b(?:lp[- ]?)?20\d{2}[- ]?\d{6}\b", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)
def word_concepts(word: str) -> tuple[str, ...]:
    """Lexicon concept tokens of one word's stems (cached: the same words come back)."""
    return tuple(sorted(set(concepts(sorted(stems(word))))))


def in_lexicon(word: str) -> bool:
    """True when a stem of ``word`` is in the domain lexicon (``dianiaya`` → ``aniaya``)."""
    return bool(word_concepts(word))


def featurize(text: str, corrector: Corrector | None = None) -> str:
    """Normalised (and spelling-corrected) text followed by lexicon concept tokens.

    A report number, with or without its ``LP-`` prefix (``2026-000731``), adds ``kx_tiket``.
    """
    tokens = normalize_text(text).split()[:MAX_WORDS]
    if corrector is not None:
        tokens = [corrector.correct(w) for w in tokens]
    norm = " ".join(tokens)
    extra = concept_tokens(tokens, word_concepts)
    if TICKET.search(text):
        extra.append("kx_tiket")
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
    intent_c: float = 16.0
    category_c: float = 8.0
    intent_model: LinearTextModel | None = None
    category_model: LinearTextModel | None = None
    vocabulary: frozenset[str] = frozenset()
    corrector: Corrector | None = None
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
        words = [w for ex in examples for w in normalize_text(ex.text).split()]
        self.corrector = Corrector(words, in_lexicon)
        texts = [self.featurize(ex.text) for ex in examples]
        labels = [ex.base_intent for ex in examples]
        self.intent_model = compile_pipeline(train_pipeline(texts, labels, self.intent_c))
        cat = [(t, ex.sub_intent) for t, ex in zip(texts, examples, strict=True) if ex.sub_intent]
        if cat:
            pipe = train_pipeline([t for t, _ in cat], [c for _, c in cat], self.category_c)
            self.category_model = compile_pipeline(pipe)
        self.vocabulary = frozenset(w for t in texts for w in t.split() if not w.startswith("kx_"))
        return self

    # -- prediction -----------------------------------------------------------------------
    def featurize(self, text: str) -> str:
        """The text as the classifiers see it (see :func:`featurize`)."""
        return featurize(text, self.corrector)

    def rank_intents(self, texts: Sequence[str]) -> list[list[tuple[str, float]]]:
        """Intent ranking (name, probability), best first, for each text."""
        feats = [self.featurize(t) for t in texts]
        return self._rank(self.intent_model, feats, [text_grams(f) for f in feats])

    def rank_categories(self, texts: Sequence[str]) -> list[list[tuple[str, float]]]:
        """Category ranking (name, probability), best first, for each text."""
        feats = [self.featurize(t) for t in texts]
        return self._rank(self.category_model, feats, [text_grams(f) for f in feats])

    def _rank(
        self, model: LinearTextModel | None, feats: Sequence[str], grams: Sequence[Grams]
    ) -> list[list[tuple[str, float]]]:
        if model is None:
            raise RuntimeError("engine is not trained")
        probs = model.predict_proba_grams(grams)
        labels = model.classes
        out = []
        for text, row in zip(feats, probs, strict=True):
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

    def parse(self, text: str, *, report: bool = False) -> dict[str, Any]:
        """Rasa-shaped result: text, intent, intent_ranking, entities, category.

        The category ranking is filled when the best-ranked intent is ``lapor_insiden`` (even
        under the threshold) or when ``report`` says the text is known to describe an incident
        (the report wizard's story); ``category`` itself needs the category threshold.
        """
        feats = [self.featurize(text)]
        grams = [text_grams(feats[0])]
        ranking = self._rank(self.intent_model, feats, grams)[0]
        best_name, best_conf = ranking[0]
        intent: dict[str, Any] = {"name": best_name, "confidence": round(best_conf, 4)}
        if best_conf < self.threshold:
            intent["name"] = None
        category: dict[str, Any] = {"name": None, "confidence": 0.0}
        cat_ranking: list[dict[str, Any]] = []
        if self.category_model is not None and (report or best_name == REPORT_INTENT):
            cats = self._rank(self.category_model, feats, grams)[0]
            cat_ranking = [{"name": n, "confidence": round(c, 4)} for n, c in cats[:3]]
            sure = report or intent["name"] == REPORT_INTENT
            if sure and cats[0][1] >= self.category_threshold:
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

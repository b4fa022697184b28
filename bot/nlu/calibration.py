"""Per-intent confidence thresholds, derived from the engine's own cross-validation.

The held-out predictions of each intent are grouped in confidence bands of 0.1 (a reliability
curve). Going down from the top band, the threshold is the lower edge of the last band before the
first one whose cross-validated precision falls under ``target``: every band at or above the
threshold is right in at least ``target`` of cases. (Cumulative precision would hide a weak band
under the many confident correct predictions above it.) An intent whose top band misses the
target gets 1.0: the bot always asks before acting on it. ``rukun nlu calibrate`` writes the
figures to ``nlu_data/thresholds.json`` beside the data they come from (see docs/nlu.md).

Categories get one figure, the margin (:class:`CategoryMargin`): under it the best and the second
category are both offered to the reporter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

THRESHOLDS_FILE = "thresholds.json"
NEVER = 1.0
BAND = 0.1
DEFAULT_MARGIN = 0.2
#: Cross-validated category predictions: (gold, best, best confidence, second, its confidence).
CategoryPrediction = tuple[str, str, float, str, float]


@dataclass(frozen=True, slots=True)
class IntentThreshold:
    """Where one intent's cross-validated precision reaches the target, and what it keeps."""

    intent: str
    threshold: float
    precision: float  # precision of predictions at or above the threshold
    recall: float  # share of the intent's examples predicted at or above it
    support: int  # examples of the intent in the data


@dataclass(frozen=True, slots=True)
class CategoryMargin:
    """When the best category is too close to the second to take alone.

    ``close_margin`` is the smallest gap between the best and the second category's confidence
    from which the best was right in at least the target share of cross-validated cases
    (``accuracy``); under it the wizard offers both (right among the two in ``top2_accuracy``
    of those cases, which are ``close_share`` of all).
    """

    close_margin: float
    accuracy: float
    top2_accuracy: float
    close_share: float


@dataclass(frozen=True)
class Thresholds:
    """Calibrated thresholds of one training data set."""

    target_precision: float = 0.95
    folds: int = 5
    data_hash: str = ""
    intents: dict[str, IntentThreshold] = field(default_factory=dict)
    category: CategoryMargin | None = None

    @property
    def close_margin(self) -> float:
        """Category gap under which two categories are offered (0.2 when uncalibrated)."""
        return self.category.close_margin if self.category is not None else DEFAULT_MARGIN

    def threshold(self, intent: str) -> float:
        """The confidence from which acting on ``intent`` is safe; 1.0 when uncalibrated."""
        found = self.intents.get(intent)
        return found.threshold if found is not None else NEVER

    def to_json(self) -> str:
        body = {
            "target_precision": self.target_precision,
            "folds": self.folds,
            "data_hash": self.data_hash,
            "intents": {name: asdict(t) for name, t in sorted(self.intents.items())},
        }
        if self.category is not None:
            body["category"] = asdict(self.category)
        return json.dumps(body, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Thresholds:
        raw = json.loads(text)
        return cls(
            target_precision=float(raw["target_precision"]),
            folds=int(raw["folds"]),
            data_hash=str(raw.get("data_hash", "")),
            intents={name: IntentThreshold(**t) for name, t in raw["intents"].items()},
            category=CategoryMargin(**raw["category"]) if raw.get("category") else None,
        )

    @classmethod
    def load(cls, data_dir: Path) -> Thresholds | None:
        """The thresholds file of ``data_dir``, or None when it has not been generated."""
        path = (
            data_dir / THRESHOLDS_FILE if data_dir.is_dir() else data_dir.parent / THRESHOLDS_FILE
        )
        if not path.is_file():
            return None
        return cls.from_json(path.read_text(encoding="utf-8"))


def intent_threshold(
    intent: str,
    predictions: Iterable[tuple[str, str, float]],
    target: float,
    band: float = BAND,
) -> IntentThreshold:
    """The lowest band edge from which every band of ``intent``'s predictions meets ``target``."""
    preds = list(predictions)
    support = sum(1 for gold, _pred, _conf in preds if gold == intent)
    top = round(1 / band) - 1
    bands: dict[int, list[bool]] = {}
    for gold, pred, conf in preds:
        if pred == intent:
            bands.setdefault(min(int(conf / band), top), []).append(gold == intent)
    threshold = NEVER
    for b in sorted(bands, reverse=True):
        if sum(bands[b]) / len(bands[b]) < target:
            break
        threshold = round(b * band, 4)
    kept = [ok for b, oks in bands.items() if b * band >= threshold - 1e-9 for ok in oks]
    return IntentThreshold(
        intent,
        threshold,
        round(sum(kept) / len(kept), 4) if kept else 0.0,
        round(sum(kept) / support, 4) if support else 0.0,
        support,
    )


def category_margin(
    predictions: Iterable[CategoryPrediction], target: float = 0.95, step: float = 0.05
) -> CategoryMargin:
    """The smallest best-minus-second gap from which the best category meets ``target``."""
    preds = [(gold, best, c1 - c2, second) for gold, best, c1, second, c2 in predictions]
    if not preds:
        return CategoryMargin(DEFAULT_MARGIN, 0.0, 0.0, 0.0)
    margin = 1.0
    for k in range(round(1 / step) + 1):
        edge = round(k * step, 4)
        sure = [gold == best for gold, best, gap, _ in preds if gap >= edge]
        if sure and sum(sure) / len(sure) >= target:
            margin = edge
            break
    sure = [gold == best for gold, best, gap, _ in preds if gap >= margin]
    close = [gold in (best, second) for gold, best, gap, second in preds if gap < margin]
    return CategoryMargin(
        margin,
        round(sum(sure) / len(sure), 4) if sure else 0.0,
        round(sum(close) / len(close), 4) if close else 1.0,
        round(len(close) / len(preds), 4),
    )


def calibrate(
    predictions: list[tuple[str, str, float]],
    *,
    target: float = 0.95,
    folds: int = 5,
    data_hash: str = "",
    categories: list[CategoryPrediction] | None = None,
) -> Thresholds:
    """Thresholds for every intent seen in the cross-validated ``predictions``."""
    intents = sorted({gold for gold, _p, _c in predictions})
    return Thresholds(
        target_precision=target,
        folds=folds,
        data_hash=data_hash,
        intents={name: intent_threshold(name, predictions, target) for name in intents},
        category=category_margin(categories, target) if categories else None,
    )

"""Per-intent confidence thresholds, derived from the engine's own cross-validation.

The held-out predictions of each intent are grouped in confidence bands of 0.1 (a reliability
curve). Going down from the top band, the threshold is the lower edge of the last band before the
first one whose cross-validated precision falls under ``target``: every band at or above the
threshold is right in at least ``target`` of cases. (Cumulative precision would hide a weak band
under the many confident correct predictions above it.) An intent whose top band misses the
target gets 1.0: the bot always asks before acting on it. ``rukun nlu calibrate`` writes the
figures to ``nlu_data/thresholds.json`` beside the data they come from (see docs/nlu.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

THRESHOLDS_FILE = "thresholds.json"
NEVER = 1.0
BAND = 0.1


@dataclass(frozen=True, slots=True)
class IntentThreshold:
    """Where one intent's cross-validated precision reaches the target, and what it keeps."""

    intent: str
    threshold: float
    precision: float  # precision of predictions at or above the threshold
    recall: float  # share of the intent's examples predicted at or above it
    support: int  # examples of the intent in the data


@dataclass(frozen=True)
class Thresholds:
    """Calibrated thresholds of one training data set."""

    target_precision: float = 0.95
    folds: int = 5
    data_hash: str = ""
    intents: dict[str, IntentThreshold] = field(default_factory=dict)

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
        return json.dumps(body, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Thresholds:
        raw = json.loads(text)
        return cls(
            target_precision=float(raw["target_precision"]),
            folds=int(raw["folds"]),
            data_hash=str(raw.get("data_hash", "")),
            intents={name: IntentThreshold(**t) for name, t in raw["intents"].items()},
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


def calibrate(
    predictions: list[tuple[str, str, float]],
    *,
    target: float = 0.95,
    folds: int = 5,
    data_hash: str = "",
) -> Thresholds:
    """Thresholds for every intent seen in the cross-validated ``predictions``."""
    intents = sorted({gold for gold, _p, _c in predictions})
    return Thresholds(
        target_precision=target,
        folds=folds,
        data_hash=data_hash,
        intents={name: intent_threshold(name, predictions, target) for name in intents},
    )

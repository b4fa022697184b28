"""Stratified k-fold cross-validation of the built-in engine and the gazetteer's accuracy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold

from bot.geo import Gazetteer
from bot.nlu.engine import Engine
from bot.nlu.loader import Example, NluData


@dataclass
class LabelReport:
    """Per-label precision/recall/F1 plus a confusion matrix."""

    labels: list[str]
    precision: list[float]
    recall: list[float]
    f1: list[float]
    support: list[int]
    confusion: list[list[int]]

    @property
    def macro_f1(self) -> float:
        """Unweighted mean F1 over labels."""
        return float(np.mean(self.f1)) if self.f1 else 0.0


@dataclass
class EvaluationReport:
    """Cross-validation result for intents and categories, and gazetteer figures."""

    intents: LabelReport
    categories: LabelReport
    gazetteer: dict[str, float] = field(default_factory=dict)
    abstained: float = 0.0  # share of texts under the confidence threshold
    folds: int = 5
    #: Every held-out intent prediction: (gold intent, predicted intent, confidence).
    predictions: list[tuple[str, str, float]] = field(default_factory=list)
    #: Every held-out category prediction: (gold, best, confidence, second, confidence).
    category_predictions: list[tuple[str, str, float, str, float]] = field(default_factory=list)


def _label_report(gold: Sequence[str], pred: Sequence[str]) -> LabelReport:
    labels = sorted(set(gold))
    p, r, f, s = precision_recall_fscore_support(
        gold, pred, labels=labels, average=None, zero_division=0
    )
    cm = confusion_matrix(gold, pred, labels=labels)
    return LabelReport(
        labels,
        [float(x) for x in p],
        [float(x) for x in r],
        [float(x) for x in f],
        [int(x) for x in s],
        cm.tolist(),
    )


def cross_validate(data: NluData, folds: int = 5, seed: int = 0, **params: Any) -> EvaluationReport:
    """Stratified k-fold CV (stratified on the full intent incl. the category)."""
    examples = data.examples
    strata = [ex.intent for ex in examples]
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    gold_i: list[str] = []
    pred_i: list[str] = []
    gold_c: list[str] = []
    pred_c: list[str] = []
    scored: list[tuple[str, str, float]] = []
    cat_scored: list[tuple[str, str, float, str, float]] = []
    abstained = 0
    for train_idx, test_idx in skf.split(np.zeros(len(examples)), strata):
        engine = Engine(**params).fit([examples[i] for i in train_idx])
        test = [examples[i] for i in test_idx]
        ranks = engine.rank_intents([ex.text for ex in test])
        for ex, ranking in zip(test, ranks, strict=True):
            gold_i.append(ex.base_intent)
            pred_i.append(ranking[0][0])
            scored.append((ex.base_intent, ranking[0][0], ranking[0][1]))
            abstained += ranking[0][1] < engine.threshold
        cat_test = [ex for ex in test if ex.sub_intent]
        if cat_test:
            for ex, ranking in zip(
                cat_test, engine.rank_categories([ex.text for ex in cat_test]), strict=True
            ):
                gold_c.append(str(ex.sub_intent))
                pred_c.append(ranking[0][0])
                second = ranking[1] if len(ranking) > 1 else ("", 0.0)
                cat_scored.append((str(ex.sub_intent), *ranking[0], *second))
    return EvaluationReport(
        intents=_label_report(gold_i, pred_i),
        categories=_label_report(gold_c, pred_c),
        gazetteer=gazetteer_scores(examples),
        abstained=abstained / max(1, len(examples)),
        folds=folds,
        predictions=scored,
        category_predictions=cat_scored,
    )


def gazetteer_scores(
    examples: Sequence[Example], gazetteer: Gazetteer | None = None
) -> dict[str, float]:
    """Span precision/recall of ``find_in_text`` against annotated ``lokasi`` entities.

    A prediction is correct when it overlaps an annotated span; ``resolution`` is the share of
    correctly found places whose candidates include the region the annotation names.
    """
    gaz = gazetteer or Gazetteer.default()
    n_gold = n_pred = pred_ok = found = resolved = 0
    for ex in examples:
        gold = [e for e in ex.entities if e.entity == "lokasi"]
        pred = gaz.find_in_text(ex.text)
        n_gold += len(gold)
        n_pred += len(pred)
        pred_ok += sum(1 for p in pred if any(p.start < g.end and g.start < p.end for g in gold))
        for g in gold:
            hit = next((p for p in pred if p.start < g.end and g.start < p.end), None)
            if hit is None:
                continue
            found += 1
            region = gaz.get(g.value)
            expected = {region.code} if region else {r.code for r in gaz.resolve(g.text)}
            resolved += bool(expected & {c.code for c in hit.candidates})
    return {
        "precision": pred_ok / n_pred if n_pred else 1.0,
        "recall": found / n_gold if n_gold else 1.0,
        "resolution": resolved / found if found else 1.0,
        "annotated": float(n_gold),
        "predicted": float(n_pred),
    }


def format_report(report: EvaluationReport) -> str:
    """Human-readable tables (per-label P/R/F1 and confusion) for the CLI."""
    out = [f"Stratified {report.folds}-fold cross-validation", ""]
    for title, lab in (("INTENTS", report.intents), ("CATEGORIES", report.categories)):
        out.append(f"{title}  macro-F1 = {lab.macro_f1:.3f}")
        width = max(len(x) for x in lab.labels) + 2
        out.append(f"{'label':<{width}}{'prec':>7}{'rec':>7}{'f1':>7}{'n':>6}")
        for i, name in enumerate(lab.labels):
            out.append(
                f"{name:<{width}}{lab.precision[i]:>7.3f}{lab.recall[i]:>7.3f}"
                f"{lab.f1[i]:>7.3f}{lab.support[i]:>6}"
            )
        out.append("")
        out.append("confusion (rows = gold, columns = predicted):")
        short = [n[:6] for n in lab.labels]
        out.append(" " * width + "".join(f"{s:>8}" for s in short))
        for name, row in zip(lab.labels, lab.confusion, strict=True):
            out.append(f"{name:<{width}}" + "".join(f"{v:>8}" for v in row))
        out.append("")
    out.append(f"below confidence threshold (no intent): {report.abstained:.1%}")
    g = report.gazetteer
    out.append(
        f"GAZETTEER on annotated lokasi: precision {g['precision']:.3f}, recall {g['recall']:.3f}, "
        f"resolution {g['resolution']:.3f} ({int(g['annotated'])} annotated, "
        f"{int(g['predicted'])} found)"
    )
    return "\n".join(out)

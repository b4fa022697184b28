"""Charts of a result document as PNG bytes (matplotlib, Agg backend: no display needed).

* :func:`likert_chart`: diverging stacked bars, one bar per Likert question, centred on "Netral".
* :func:`means_chart`: pre/post means with 95% confidence intervals per numeric question.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

LIKERT_COLOURS = ["#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac"]
LABELS = {
    "id": {"this": "Survei ini", "pct": "% responden", "mean": "Rata-rata (IK 95%)"},
    "en": {"this": "This survey", "pct": "% of respondents", "mean": "Mean (95% CI)"},
}


def _label(q: dict[str, Any], lang: str) -> str:
    text = q["text"].get(lang) or q["text"].get("id") or q["id"]
    return "\n".join(textwrap.wrap(f"{q['id']}: {text}", 42)[:2])


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def likert_chart(doc: dict[str, Any], lang: str = "id") -> bytes | None:
    """Diverging stacked bars of the Likert questions (None when there are none with answers)."""
    qs = [q for q in doc["questions"] if q["type"] == "likert5" and q.get("n")]
    if not qs:
        return None
    fig, ax = plt.subplots(figsize=(9, 0.8 * len(qs) + 1.6))
    legend_labels = [
        qs[0]["labels"][str(i)].get(lang, qs[0]["labels"][str(i)]["id"]) for i in range(1, 6)
    ]
    for row, q in enumerate(reversed(qs)):
        pct = [100.0 * q["counts"][str(i)] / q["n"] for i in range(1, 6)]
        left = -(pct[0] + pct[1] + pct[2] / 2)
        for i, width in enumerate(pct):
            ax.barh(
                row,
                width,
                left=left,
                color=LIKERT_COLOURS[i],
                edgecolor="white",
                label=legend_labels[i] if row == 0 else None,
            )
            if width >= 7:
                ax.text(left + width / 2, row, f"{width:.0f}", ha="center", va="center", fontsize=8)
            left += width
    ax.axvline(0, color="#444444", linewidth=0.8)
    ax.set_yticks(range(len(qs)), [_label(q, lang) for q in reversed(qs)], fontsize=8)
    ax.set_xlim(-100, 100)
    ax.set_xlabel(LABELS.get(lang, LABELS["id"])["pct"])
    ax.set_title(doc["title"].get(lang) or doc["survey"], fontsize=10)
    ax.legend(ncol=5, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.18), frameon=False)
    return _png(fig)


def means_chart(doc: dict[str, Any], lang: str = "id") -> bytes | None:
    """Means with 95% CIs of each numeric question: this survey vs the compared wave."""
    comparison = doc.get("comparison")
    if not comparison:
        return None
    rows = [
        r for r in comparison["questions"] if r["mean_this"] is not None or r["mean_vs"] is not None
    ]
    if not rows:
        return None
    names = LABELS.get(lang, LABELS["id"])
    fig, ax = plt.subplots(figsize=(9, 0.7 * len(rows) + 1.6))
    for offset, key, ci_key, colour, label in (
        (0.15, "mean_vs", "ci95_vs", "#ef8a62", comparison["vs"]),
        (-0.15, "mean_this", "ci95_this", "#2166ac", doc["survey"]),
    ):
        ys: list[float] = []
        xs: list[float] = []
        errs: list[list[float]] = [[], []]
        for i, r in enumerate(reversed(rows)):
            if r[key] is None:
                continue
            lo, hi = r[ci_key] if r[ci_key] and r[ci_key][0] is not None else (r[key], r[key])
            ys.append(i + offset)
            xs.append(r[key])
            errs[0].append(r[key] - lo)
            errs[1].append(hi - r[key])
        ax.errorbar(xs, ys, xerr=errs, fmt="o", color=colour, capsize=3, label=label)
    ax.set_yticks(range(len(rows)), [_label(r, lang) for r in reversed(rows)], fontsize=8)
    ax.set_xlabel(names["mean"])
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    ax.set_title(doc["title"].get(lang) or doc["survey"], fontsize=10)
    return _png(fig)

"""Result documents as text, JSON, CSV and XLSX (pandas + openpyxl). No user ids anywhere."""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

WORDS = {
    "id": {
        "invited": "Diundang",
        "started": "Mulai",
        "completed": "Selesai",
        "rate": "Tingkat penyelesaian",
        "mean": "rata-rata",
        "answers": "jawaban",
        "vs": "Dibandingkan dengan",
        "diff": "selisih",
        "paired": "berpasangan",
        "by": "Rincian per",
        "respondents": "responden",
    },
    "en": {
        "invited": "Invited",
        "started": "Started",
        "completed": "Completed",
        "rate": "Completion rate",
        "mean": "mean",
        "answers": "answers",
        "vs": "Compared with",
        "diff": "diff",
        "paired": "paired",
        "by": "Breakdown by",
        "respondents": "respondents",
    },
}


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _p(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def _text_of(q: dict[str, Any], lang: str) -> str:
    return q["text"].get(lang) or q["text"].get("id") or q["id"]


def to_text(doc: dict[str, Any], lang: str = "id", *, short: bool = False) -> str:
    """A plain-text report (``short``: the chat summary, without option counts)."""
    w = WORDS.get(lang, WORDS["id"])
    title = doc["title"].get(lang) or doc["title"].get("id") or doc["survey"]
    rate = doc["completion_rate"]
    lines = [
        f"{title} ({doc['survey']})",
        f"{w['invited']}: {doc['invited']} · {w['started']}: {doc['started']} · "
        f"{w['completed']}: {doc['completed']} · {w['rate']}: {_fmt(rate * 100 if rate is not None else None, 0)}%",
        "",
    ]
    for q in doc["questions"]:
        head = f"{q['id']}. {_text_of(q, lang)}"
        if len(head) > 90 and short:
            head = head[:89] + "…"
        if q["type"] == "text":
            lines.append(f"{head} — {q['n']} {w['answers']}")
            continue
        if "mean" in q and q["mean"] is not None:
            ci = q.get("ci95") or [None, None]
            lines.append(
                f"{head}\n   n={q['n']}, {w['mean']} {_fmt(q['mean'])} [{_fmt(ci[0])}; {_fmt(ci[1])}]"
            )
        else:
            lines.append(f"{head}\n   n={q['n']}")
        if not short:
            parts = [f"{(q['labels'][v].get(lang) or v)}: {c}" for v, c in q["counts"].items()]
            lines.append("   " + " · ".join(parts))
    comparison = doc.get("comparison")
    if comparison:
        lines += ["", f"{w['vs']} {comparison['vs']}:"]
        for r in comparison["questions"]:
            lines.append(
                f"{r['id']}: {_fmt(r['mean_this'])} vs {_fmt(r['mean_vs'])} "
                f"({w['diff']} {_fmt(r['diff'])}, p={_p(r['p_value'])}, d={_fmt(r['cohens_d'])}; "
                f"{w['paired']} n={r['n_paired']}, p={_p(r['p_value_paired'])})"
            )
    breakdown = doc.get("breakdown")
    if breakdown:
        lines += ["", f"{w['by']} {breakdown['by']}:"]
        for g in breakdown["groups"]:
            means = g["means"]
            shown = (
                means
                if isinstance(means, str)
                else ", ".join(f"{k} {_fmt(v)}" for k, v in means.items())
            )
            lines.append(f"{g['name']}: n={g['n']} · {shown}")
    return "\n".join(lines).strip()


def to_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _frames(doc: dict[str, Any], lang: str) -> dict[str, pd.DataFrame]:
    w = WORDS.get(lang, WORDS["id"])
    summary = pd.DataFrame(
        [
            ("survey", doc["survey"]),
            ("title", doc["title"].get(lang) or doc["title"].get("id")),
            ("wave", doc["wave"]),
            ("version", doc["version"]),
            (w["invited"], doc["invited"]),
            (w["started"], doc["started"]),
            (w["completed"], doc["completed"]),
            (w["rate"], doc["completion_rate"]),
        ],
        columns=["key", "value"],
    )
    rows = []
    for q in doc["questions"]:
        if q["type"] == "text":
            rows.append(
                {"question": q["id"], "text": _text_of(q, lang), "type": q["type"], "n": q["n"]}
            )
            continue
        for value, count in q["counts"].items():
            rows.append(
                {
                    "question": q["id"],
                    "text": _text_of(q, lang),
                    "type": q["type"],
                    "option": value,
                    "label": q["labels"][value].get(lang) or value,
                    "count": count,
                    "n": q["n"],
                    "mean": q.get("mean"),
                    "ci95_low": (q.get("ci95") or [None, None])[0],
                    "ci95_high": (q.get("ci95") or [None, None])[1],
                }
            )
    frames = {"summary": summary, "questions": pd.DataFrame(rows)}
    if doc.get("comparison"):
        comp = pd.DataFrame(doc["comparison"]["questions"])
        comp["text"] = [t.get(lang) or t.get("id") for t in comp["text"]] if len(comp) else []
        for col in ("ci95_this", "ci95_vs"):
            if col in comp:
                comp[col] = comp[col].map(lambda v: f"{_fmt(v[0])}; {_fmt(v[1])}")
        comp.insert(0, "vs", doc["comparison"]["vs"])
        frames["comparison"] = comp
    if doc.get("breakdown"):
        brows = []
        for g in doc["breakdown"]["groups"]:
            base = {
                "by": doc["breakdown"]["by"],
                "group": g["group"],
                "name": g["name"],
                "n": g["n"],
            }
            if isinstance(g["means"], str):
                brows.append({**base, "question": "", "mean": g["means"]})
            else:
                brows += [{**base, "question": k, "mean": v} for k, v in g["means"].items()]
        frames["breakdown"] = pd.DataFrame(brows)
    texts = [
        {"question": q["id"], "answer": a}
        for q in doc["questions"]
        if q["type"] == "text"
        for a in q.get("answers", [])
    ]
    if texts:
        frames["text_answers"] = pd.DataFrame(texts)
    return frames


def to_csv(doc: dict[str, Any], lang: str = "id") -> str:
    """One long table: the per-option counts, then comparison and breakdown rows (``section``)."""
    parts = []
    for name, frame in _frames(doc, lang).items():
        if name in ("summary", "text_answers"):
            continue
        parts.append(frame.assign(section=name))
    table = pd.concat(parts, ignore_index=True, sort=False)
    table.insert(0, "survey", doc["survey"])
    return table.convert_dtypes().to_csv(index=False)


def to_xlsx(doc: dict[str, Any], lang: str = "id") -> bytes:
    """A workbook: summary, questions, comparison, breakdown, text answers."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in _frames(doc, lang).items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
    return buf.getvalue()

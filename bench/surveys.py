"""Survey results at scale: 100,000 respondents x 10 questions, on SQLite and on PostgreSQL.

Targets (issue 7): results in <= 2 s on each backend, peak memory <= 500 MB.

Two waves are generated (pre and post, 100,000 completed respondents each, 80% of them in both,
so 2,000,000 answer rows), then a *fresh process* computes, and times:
  * ``results(post)``                         (counts, means, 95% CIs)
  * ``results(post, vs=pre, by=province)``    (+ Welch, Cohen's d, paired t-test, breakdown)
and reports its peak RSS. Data is written with the drivers' bulk paths (not timed).

    python bench/surveys.py            # both backends (PostgreSQL when installed)
    python bench/surveys.py --n 20000  # smaller
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.clock import Clock
from bot.db import Database, upgrade_database
from bot.surveys.schema import parse_survey

TARGET_SECONDS = 2.0
TARGET_MB = 500.0
PROVINCES = ["36", "31", "32", "33", "34", "35", "51", "73", "12", "94"]


def survey(slug: str, wave: str, pair: str) -> Any:
    questions: list[dict[str, Any]] = [
        {"id": f"q{i}", "type": "likert5", "text": f"Pernyataan {i}"} for i in range(1, 7)
    ]
    questions += [
        {"id": "q7", "type": "scale0_10", "text": "Seberapa mungkin?"},
        {"id": "q8", "type": "scale0_10", "text": "Seberapa sering?"},
        {"id": "q9", "type": "yesno", "text": "Pernah lihat kampanye?"},
        {
            "id": "q10",
            "type": "single",
            "text": "Apa yang kamu lakukan?",
            "options": [{"value": v, "label": v} for v in ("diam", "japri", "tegur", "lapor")],
        },
    ]
    return parse_survey(
        {
            "slug": slug,
            "title": slug,
            "intro": slug,
            "wave": wave,
            "pair": pair,
            "questions": questions,
        },
        slug,
    )


def rows_for(
    survey_id: int, version_id: int, first_id: int, n: int, shift: float, seed: int
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    rng = np.random.default_rng(seed)
    now = datetime(2026, 11, 20, tzinfo=UTC)
    # respondents k0..k(n-1) in post; pre holds k(n/5)..k(n+n/5-1): 80% overlap
    offset = 0 if seed == 1 else n // 5
    provinces = rng.choice(PROVINCES, n)
    provinces[:3] = "91"  # a province with 3 respondents: suppressed in the breakdown
    responses = [
        (
            first_id + i,
            survey_id,
            version_id,
            f"k{offset + i}",
            "import",
            provinces[i],
            provinces[i],
            "bench",
            "citizen",
            now,
            now,
        )
        for i in range(n)
    ]
    answers: list[tuple[Any, ...]] = []
    likert = np.clip(np.round(rng.normal(3.2 + shift, 1.0, (n, 6))), 1, 5).astype(int)
    scale = np.clip(np.round(rng.normal(5.5 + shift, 2.5, (n, 2))), 0, 10).astype(int)
    yes = rng.random(n) < 0.4 + shift / 4
    act = rng.choice(["diam", "japri", "tegur", "lapor"], n)
    for i in range(n):
        rid = first_id + i
        for j in range(6):
            answers.append(
                (rid, survey_id, f"q{j + 1}", str(likert[i, j]), float(likert[i, j]), now)
            )
        for j in range(2):
            answers.append((rid, survey_id, f"q{7 + j}", str(scale[i, j]), float(scale[i, j]), now))
        answers.append(
            (rid, survey_id, "q9", "ya" if yes[i] else "tidak", 1.0 if yes[i] else 0.0, now)
        )
        answers.append((rid, survey_id, "q10", str(act[i]), None, now))
    return responses, answers


RESPONSE_COLS = (
    "id",
    "survey_id",
    "version_id",
    "respondent_key",
    "source",
    "region_code",
    "province",
    "cohort",
    "role",
    "started_at",
    "completed_at",
)
ANSWER_COLS = ("response_id", "survey_id", "question_id", "value", "num", "answered_at")


async def generate(url: str, n: int) -> None:
    upgrade_database(url)
    db = Database(url)
    from bot.surveys.service import SurveyService

    service = SurveyService(db, Clock())
    await service.load(survey("pre", "pre", "post"))
    await service.load(survey("post", "post", "pre"))
    waves = []
    for slug, first, shift, seed in (("post", 1, 0.3, 1), ("pre", n + 1, 0.0, 2)):
        info = await service.get(slug)
        waves.append(rows_for(info.id, info.version_id, first, n, shift, seed))
    await db.dispose()
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1]
        con = sqlite3.connect(path)
        fmt = lambda d: d.strftime("%Y-%m-%d %H:%M:%S.%f")  # noqa: E731
        for responses, answers in waves:
            con.executemany(
                f"INSERT INTO survey_responses ({', '.join(RESPONSE_COLS)}) VALUES ({', '.join('?' * len(RESPONSE_COLS))})",
                [(*r[:9], fmt(r[9]), fmt(r[10])) for r in responses],
            )
            con.executemany(
                f"INSERT INTO survey_answers ({', '.join(ANSWER_COLS)}) VALUES (?, ?, ?, ?, ?, ?)",
                [(*a[:5], fmt(a[5])) for a in answers],
            )
        con.commit()
        con.execute("ANALYZE")
        con.close()
        return
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        for responses, answers in waves:
            await conn.copy_records_to_table(
                "survey_responses", records=responses, columns=list(RESPONSE_COLS)
            )
            await conn.copy_records_to_table(
                "survey_answers", records=answers, columns=list(ANSWER_COLS)
            )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss would include the parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def measure(url: str) -> dict[str, Any]:
    from bot.surveys.analysis import SurveyAnalysis
    from bot.surveys.service import SurveyService

    db = Database(url)
    analysis = SurveyAnalysis(db, SurveyService(db, Clock()))
    await analysis.results("post")  # warm-up: connections, imports, caches
    timings = {}
    start = time.perf_counter()
    doc = await analysis.results("post")
    timings["results"] = time.perf_counter() - start
    start = time.perf_counter()
    full = await analysis.results("post", vs="pre", by="province")
    timings["results_vs_by_province"] = time.perf_counter() - start
    await db.dispose()
    q1 = full["comparison"]["questions"][0]
    return {
        "timings": timings,
        "completed": doc["completed"],
        "q1": {k: q1[k] for k in ("mean_this", "mean_vs", "p_value", "cohens_d", "n_paired")},
        "suppressed_groups": sum(1 for g in full["breakdown"]["groups"] if isinstance(g["n"], str)),
        "peak_mb": peak_rss_mb(),
    }


def run_backend(name: str, url: str, n: int) -> bool:
    start = time.perf_counter()
    asyncio.run(generate(url, n))
    print(
        f"\n[{name}] generated {2 * n:,} responses / {20 * n:,} answers in {time.perf_counter() - start:.1f} s"
    )
    out = subprocess.run(
        [sys.executable, __file__, "--measure", url], capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    ok = True
    for label, seconds in result["timings"].items():
        passed = seconds <= TARGET_SECONDS
        ok &= passed
        print(
            f"  {label:26} {seconds:6.2f} s   target <= {TARGET_SECONDS:.1f} s   {'PASS' if passed else 'FAIL'}"
        )
    mem_ok = result["peak_mb"] <= TARGET_MB
    ok &= mem_ok
    print(
        f"  {'peak memory (RSS)':26} {result['peak_mb']:6.0f} MB  target <= {TARGET_MB:.0f} MB  {'PASS' if mem_ok else 'FAIL'}"
    )
    print(
        f"  completed={result['completed']:,}  q1={result['q1']}  suppressed groups={result['suppressed_groups']}"
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000, help="respondents per wave")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(asyncio.run(measure(args.measure))))
        return
    print(f"Survey results: {args.n:,} respondents x 10 questions per wave, two waves (pre/post)")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        ok &= run_backend("SQLite", f"sqlite+aiosqlite:///{tmp}/bench.db", args.n)
    if not args.sqlite_only:
        from tests.support.servers import postgres_bin, postgres_server

        if postgres_bin() is None:
            print("\n[PostgreSQL] not installed: skipped")
        else:
            with postgres_server() as server:
                import asyncpg

                async def create() -> None:
                    conn = await asyncpg.connect(server.dsn())
                    await conn.execute("CREATE DATABASE bench")
                    await conn.close()

                asyncio.run(create())
                ok &= run_backend("PostgreSQL", server.url("bench"), args.n)
    print("\nOVERALL", "PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()

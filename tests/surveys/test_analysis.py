"""Statistics against hand-computed values and scipy; CSV import; suppression; versions."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from typing import Any

import numpy as np
import pytest
from scipy import stats as st

from bot.app import build_app_services
from bot.surveys.imports import ImportFileError, import_csv
from bot.surveys.stats import Moments, paired, welch
from tests.support.markers import both_backends
from tests.surveys.helpers import definition


def test_moments_and_ci_by_hand() -> None:
    m = Moments.from_counts({1.0: 1, 2.0: 1, 3.0: 1, 4.0: 1, 5.0: 1})
    assert m.mean == 3.0 and math.isclose(m.sd, math.sqrt(2.5))
    low, high = m.ci95()
    half = 2.776445105 * math.sqrt(2.5) / math.sqrt(5)  # t(0.975, 4)
    assert math.isclose(low, 3 - half, rel_tol=1e-6) and math.isclose(high, 3 + half, rel_tol=1e-6)
    assert Moments.from_counts({}).mean is None and Moments.from_counts({2.0: 1}).ci95() is None


def test_welch_cohens_d_and_paired_match_scipy() -> None:
    rng = np.random.default_rng(7)
    a = rng.integers(1, 6, 40).astype(float)
    b = rng.integers(2, 6, 55).astype(float)
    ma = Moments.from_sums(len(a), a.sum(), (a * a).sum())
    mb = Moments.from_sums(len(b), b.sum(), (b * b).sum())
    result = welch(ma, mb)
    ref = st.ttest_ind(a, b, equal_var=False)
    assert math.isclose(result.p_value, ref.pvalue, rel_tol=1e-9)
    pooled = math.sqrt(
        ((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / (len(a) + len(b) - 2)
    )
    assert math.isclose(result.cohens_d, (a.mean() - b.mean()) / pooled, rel_tol=1e-9)
    pre = rng.integers(1, 6, 30).astype(float)
    post = np.clip(pre + rng.integers(-1, 3, 30), 1, 5)
    d = post - pre
    p = paired(len(d), d.sum(), (d * d).sum())
    assert math.isclose(p.p_value, st.ttest_rel(post, pre).pvalue, rel_tol=1e-9)
    assert math.isclose(p.mean_diff, d.mean())


@pytest.fixture
async def services(settings: Any) -> AsyncIterator[Any]:
    s = build_app_services(settings)
    yield s
    await s.close()


PRE = """respondent,region,cohort,q1,q2,q3,q4,q5
r1,36.72,Banten 2025,2,tidak,,,diam
r2,36.72,Banten 2025,3,ya,ig|wa,ok,diam
r3,36.01,Banten 2025,2,tidak,,,tegur
r4,36,Banten 2025,1,tidak,,,diam
r5,36.03,Banten 2025,3,ya,wa,,tegur
r6,31.71,Jakarta 2025,4,ya,ig,,tegur
"""
POST = """respondent,region,cohort,q1,q2,q3,q4,q5
r1,36.72,Banten 2025,4,ya,ig,,tegur
r2,36.72,Banten 2025,4,ya,wa,bagus,tegur
r3,36.01,Banten 2025,3,ya,ig,,tegur
r4,36,Banten 2025,3,tidak,,,diam
r5,36.03,Banten 2025,5,ya,ig|wa,,tegur
r7,31.71,Jakarta 2025,5,ya,ig,,tegur
"""


async def _pair(services: Any) -> None:
    await services.surveys.load(definition("pre", wave="pre", pair="post", anonymous=True))
    await services.surveys.load(definition("post", wave="post", pair="pre", anonymous=True))
    for slug, data in (("pre", PRE), ("post", POST)):
        info = await services.surveys.get(slug)
        report = await import_csv(services.db, services.clock, info, data.encode(), f"{slug}.csv")
        assert report.loaded == 6 and report.rejected == 0, report.problems


@both_backends
async def test_results_comparison_and_suppression(services: Any) -> None:
    await _pair(services)
    doc = await services.survey_analysis.results("post", vs="pre", by="province")
    assert (doc["started"], doc["completed"], doc["imported"], doc["invited"]) == (6, 6, 6, 6)
    q1 = next(q for q in doc["questions"] if q["id"] == "q1")
    post_q1 = np.array([4, 4, 3, 3, 5, 5.0])
    assert q1["n"] == 6 and q1["counts"] == {"1": 0, "2": 0, "3": 2, "4": 2, "5": 2}
    assert q1["mean"] == round(post_q1.mean(), 3)
    ci = st.t.interval(0.95, 5, loc=post_q1.mean(), scale=st.sem(post_q1))
    assert q1["ci95"] == [round(ci[0], 3), round(ci[1], 3)]
    q3 = next(q for q in doc["questions"] if q["id"] == "q3")
    assert q3["n"] == 5 and q3["counts"] == {"ig": 4, "wa": 2}  # multi: respondents, not ticks
    assert "mean" not in q3
    assert next(q for q in doc["questions"] if q["id"] == "q4")["answers"] == ["bagus"]

    row = next(r for r in doc["comparison"]["questions"] if r["id"] == "q1")
    pre_q1 = np.array([2, 3, 2, 1, 3, 4.0])
    ref = st.ttest_ind(post_q1, pre_q1, equal_var=False)
    assert row["mean_this"] == round(post_q1.mean(), 3) and row["mean_vs"] == round(
        pre_q1.mean(), 3
    )
    assert row["diff"] == round(post_q1.mean() - pre_q1.mean(), 3)
    assert row["p_value"] == round(ref.pvalue, 6)
    # r1..r5 answered both waves (anonymous: paired through the shared salted hash)
    paired_ref = st.ttest_rel([4, 4, 3, 3, 5], [2, 3, 2, 1, 3])
    assert row["n_paired"] == 5 and row["p_value_paired"] == round(paired_ref.pvalue, 6)
    assert row["paired_diff"] == 1.6
    assert {r["id"] for r in doc["comparison"]["questions"]} == {"q1", "q2"}

    groups = {g["group"]: g for g in doc["breakdown"]["groups"]}
    assert groups["36"]["n"] == 5 and groups["36"]["name"] == "Banten"
    assert groups["36"]["means"]["q1"] == 3.8
    assert groups["31"] == {
        "group": "31",
        "name": "Daerah Khusus Ibukota Jakarta",
        "n": "< 5",
        "means": "< 5",
    }


async def test_small_paired_sets_are_suppressed(services: Any) -> None:
    await _pair(services)
    doc = await services.survey_analysis.results("post", vs="pre", by="cohort")
    groups = {g["group"]: g["n"] for g in doc["breakdown"]["groups"]}
    assert groups == {"Banten 2025": 5, "Jakarta 2025": "< 5"}
    # compare with a survey sharing only 1-4 respondents: the paired figures are hidden
    await services.surveys.load(definition("ulang", wave="post", pair="pre"))
    info = await services.surveys.get("ulang")
    rows = "respondent,q1,q2,q5\nr1,5,ya,diam\nr2,5,tidak,diam\n"
    await import_csv(services.db, services.clock, info, rows.encode(), "ulang.csv")
    doc = await services.survey_analysis.results("ulang", vs="pre")
    row = next(r for r in doc["comparison"]["questions"] if r["id"] == "q1")
    assert row["n_paired"] == row["p_value_paired"] == "< 5"  # 2 pairs (it shares pre's salt)


async def test_csv_import_reports_bad_rows_and_reimport_adds_nothing(services: Any) -> None:
    await services.surveys.load(definition())
    info = await services.surveys.get("cek")
    data = (
        b"respondent,region,cohort,q1,q2,q3,q4,q5,extra\n"
        b"a1,36.72,,5,ya,ig|wa,,tegur,x\n"
        b"a2,99.99,,6,ya,,,diam,\n"  # bad region, likert out of range, q3 required after "ya"
        b",,,3,tidak,,,diam,\n"  # no respondent
        b"a1,,,3,tidak,,,diam,\n"  # same respondent again
        b"a3,,,3,TIDAK,,,diam,\n"
        b"a4,,,3,tidak,,,semua,\n"  # not an option
    )
    report = await import_csv(services.db, services.clock, info, data, "cek.csv")
    assert (report.rows_total, report.loaded, report.rejected) == (6, 2, 4)
    text = "\n".join(report.problems)
    assert "cek.csv: line 1, column extra: not a question of cek; ignored" in text
    assert "cek.csv: line 3, column region: '99.99' is not a province" in text
    assert "cek.csv: line 3, column q1: '6' is not an option (use 1, 2, 3, 4, 5)" in text
    assert "cek.csv: line 3, column q3: required answer missing" in text
    assert "cek.csv: line 4, column respondent: empty" in text
    assert "cek.csv: line 5, column respondent: 'a1' already on line 2" in text
    assert "cek.csv: line 7, column q5: 'semua' is not an option" in text
    again = await import_csv(services.db, services.clock, info, data, "cek.csv")
    assert (again.loaded, again.duplicates) == (0, 2)
    doc = await services.survey_analysis.results("cek")
    assert doc["completed"] == 2
    with pytest.raises(ImportFileError, match="no 'respondent' column"):
        await import_csv(services.db, services.clock, info, b"nama,q1\nx,1\n", "bad.csv")
    with pytest.raises(ImportFileError, match="not UTF-8"):
        await import_csv(
            services.db, services.clock, info, "respondent\n\xe9".encode("latin-1"), "x.csv"
        )


async def test_changing_questions_with_answers_makes_a_new_version(services: Any) -> None:
    surveys = services.surveys
    first = await surveys.load(definition())
    assert (first.outcome, first.version) == ("created", 1)
    changed = definition()
    changed = changed.__class__(**{**changed.__dict__, "questions": changed.questions[:3]})
    assert (await surveys.load(changed)).outcome == "updated"  # no answers yet: in place
    assert (await surveys.load(changed)).outcome == "unchanged"
    info = await surveys.get("cek")
    await import_csv(services.db, services.clock, info, b"respondent,q1,q2\nx,4,tidak\n", "v1.csv")
    result = await surveys.load(definition())
    assert (result.outcome, result.version) == ("new-version", 2)
    info = await surveys.get("cek")
    assert info.version == 2 and len(info.questions) == 5
    doc = await services.survey_analysis.results("cek")
    assert doc["questions"][0]["counts"]["4"] == 1  # answers kept their version, still counted

"""Survey results: aggregated in SQL, shaped with pandas, tested with scipy.

Only *completed* responses count in the per-question figures (imported rows are complete).
Answers are matched across versions by question id; the current version's questions are reported.
Any breakdown group (province, cohort, role) or paired set smaller than ``min_group`` is shown
as ``"< 5"`` in every output. Results never contain user ids or respondent keys.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, case, func, select, text

from bot.db import Database
from bot.surveys.models import ResponseSource, SurveyAnswer, SurveyResponse
from bot.surveys.schema import Question
from bot.surveys.service import SurveyInfo, SurveyService
from bot.surveys.stats import Moments, paired, welch

if TYPE_CHECKING:  # pandas is imported where results are computed: listing surveys does not need it
    import pandas as pd

BREAKDOWNS = ("province", "cohort", "role")
TEXT_ANSWERS_LIMIT = 500
#: Counts the users a survey's broadcasts reached (``survey:<slug>`` deliveries).
InvitedCounter = Callable[[str], Awaitable[int]]


def suppressed(min_group: int) -> str:
    return f"< {min_group}"


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)


class SurveyAnalysis:
    """Results of one survey, optionally against another wave, optionally broken down."""

    def __init__(
        self,
        db: Database,
        surveys: SurveyService,
        *,
        min_group: int = 5,
        invited_counter: InvitedCounter | None = None,
    ) -> None:
        self.db = db
        self.surveys = surveys
        self.min_group = min_group
        self.invited_counter = invited_counter

    async def results(
        self, slug: str, *, vs: str | None = None, by: str | None = None, texts: bool = True
    ) -> dict[str, Any]:
        """The result document (the JSON of ``rukun survey results``)."""
        if by is not None and by not in BREAKDOWNS:
            raise ValueError(f"--by must be one of {', '.join(BREAKDOWNS)}")
        info = await self.surveys.get(slug)
        other = await self.surveys.get(vs) if vs is not None else None
        # independent queries run at once (separate connections: SQLite reads them in parallel)
        counts, (started, completed, imported) = await asyncio.gather(
            self._counts(info.id), self._progress(info.id)
        )
        invited = imported
        if self.invited_counter is not None:
            invited += await self.invited_counter(slug)
        parts: list[Any] = [self._questions(info, counts, texts=texts)]
        if other is not None:
            parts.append(self._comparison(info, other, counts))
        if by is not None:
            parts.append(self._breakdown(info, by))
        done = await asyncio.gather(*parts)
        doc: dict[str, Any] = {
            "survey": info.slug,
            "title": info.title,
            "wave": info.wave,
            "pair": info.pair,
            "anonymous": info.anonymous,
            "version": info.version,
            "invited": invited,
            "started": started,
            "completed": completed,
            "imported": imported,
            "completion_rate": _r(completed / started if started else None),
            "min_group": self.min_group,
            "questions": done[0],
        }
        if other is not None:
            doc["comparison"] = done[1]
        if by is not None:
            doc["breakdown"] = done[-1]
        return doc

    # --- SQL aggregates

    async def _progress(self, survey_id: int) -> tuple[int, int, int]:
        """(started, completed, imported) responses."""
        imported = func.sum(
            case((SurveyResponse.source == ResponseSource.IMPORT.value, 1), else_=0)
        )
        async with self.db.session() as s:
            row = (
                await s.execute(
                    select(func.count(), func.count(SurveyResponse.completed_at), imported).where(
                        SurveyResponse.survey_id == survey_id
                    )
                )
            ).one()
        return int(row[0]), int(row[1]), int(row[2] or 0)

    def _completed_answers(self, survey_id: int, *columns: Any) -> Any:
        """Answers of completed responses: the few in progress are excluded (cheaper than a join)."""
        in_progress = select(SurveyResponse.id).where(
            SurveyResponse.survey_id == survey_id, SurveyResponse.completed_at.is_(None)
        )
        return (
            select(*columns)
            .select_from(SurveyAnswer)
            .where(
                SurveyAnswer.survey_id == survey_id, SurveyAnswer.response_id.not_in(in_progress)
            )
        )

    async def _counts(self, survey_id: int) -> pd.DataFrame:
        """question_id, value, count over completed responses (one GROUP BY)."""
        query = (
            self._completed_answers(
                survey_id, SurveyAnswer.question_id, SurveyAnswer.value, func.count()
            )
            .where(SurveyAnswer.value.is_not(None))
            .group_by(SurveyAnswer.question_id, SurveyAnswer.value)
        )
        async with self.db.session() as s:
            rows = (await s.execute(query)).all()
        import pandas as pd

        return pd.DataFrame(rows, columns=["question", "value", "count"])

    async def _respondents(self, survey_id: int, question_ids: list[str]) -> dict[str, int]:
        """Distinct respondents per question, for multi and text questions."""
        if not question_ids:
            return {}
        query = (
            self._completed_answers(
                survey_id,
                SurveyAnswer.question_id,
                func.count(func.distinct(SurveyAnswer.response_id)),
            )
            .where(SurveyAnswer.question_id.in_(question_ids))
            .group_by(SurveyAnswer.question_id)
        )
        async with self.db.session() as s:
            return {str(q): int(n) for q, n in (await s.execute(query)).tuples().all()}

    async def _texts(self, survey_id: int, question_ids: list[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        async with self.db.session() as s:
            for qid in question_ids:
                query = (
                    self._completed_answers(survey_id, SurveyAnswer.text)
                    .where(SurveyAnswer.question_id == qid, SurveyAnswer.text.is_not(None))
                    .order_by(SurveyAnswer.id)
                    .limit(TEXT_ANSWERS_LIMIT)
                )
                out[qid] = [str(t) for t in (await s.scalars(query)).all()]
        return out

    # --- shaping

    @staticmethod
    def _moments(question: Question, counts: dict[str, int]) -> Moments:
        by_num: dict[float, int] = {}
        for opt in question.options:
            if opt.num is not None and counts.get(opt.value):
                by_num[opt.num] = by_num.get(opt.num, 0) + counts[opt.value]
        return Moments.from_counts(by_num)

    @staticmethod
    def _option_counts(counts: pd.DataFrame) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for qid, group in counts.groupby("question", sort=False):
            out[str(qid)] = dict(
                zip(group["value"].astype(str), group["count"].astype(int), strict=True)
            )
        return out

    async def _questions(
        self, info: SurveyInfo, counts: pd.DataFrame, *, texts: bool
    ) -> list[dict[str, Any]]:
        per_q = self._option_counts(counts)
        distinct = await self._respondents(
            info.id, [q.id for q in info.questions if q.type in ("multi", "text")]
        )
        text_ids = [q.id for q in info.questions if q.type == "text"]
        answers = await self._texts(info.id, text_ids) if texts else {}
        out = []
        for q in info.questions:
            c = per_q.get(q.id, {})
            entry: dict[str, Any] = {"id": q.id, "type": q.type, "text": q.text}
            if q.type == "text":
                entry["n"] = distinct.get(q.id, 0)
                entry["answers"] = answers.get(q.id, [])
                out.append(entry)
                continue
            entry["n"] = distinct.get(q.id, 0) if q.type == "multi" else sum(c.values())
            entry["counts"] = {o.value: int(c.get(o.value, 0)) for o in q.options}
            entry["labels"] = {o.value: o.label for o in q.options}
            if q.numeric:
                m = self._moments(q, c)
                ci = m.ci95()
                entry["mean"] = _r(m.mean)
                entry["sd"] = _r(m.sd)
                entry["ci95"] = [_r(ci[0]), _r(ci[1])] if ci else None
            out.append(entry)
        return out

    async def _comparison(
        self, info: SurveyInfo, other: SurveyInfo, counts: pd.DataFrame
    ) -> dict[str, Any]:
        this_counts = self._option_counts(counts)
        other_counts, pairs = await asyncio.gather(
            self._counts(other.id), self._paired_sums(info.id, other.id)
        )
        vs_counts = self._option_counts(other_counts)
        rows = []
        for q in info.questions:
            oq = other.question(q.id)
            if not q.numeric or oq is None or not oq.numeric:
                continue
            a = self._moments(q, this_counts.get(q.id, {}))
            b = self._moments(oq, vs_counts.get(q.id, {}))
            test = welch(a, b)
            n_pairs, total, total_sq = pairs.get(q.id, (0, 0.0, 0.0))
            row: dict[str, Any] = {
                "id": q.id,
                "text": q.text,
                "mean_this": _r(a.mean),
                "mean_vs": _r(b.mean),
                "diff": _r(test.diff) if test else None,
                "p_value": _r(test.p_value, 6) if test else None,
                "cohens_d": _r(test.cohens_d) if test else None,
                "n_this": a.n,
                "n_vs": b.n,
                "ci95_this": list(map(_r, a.ci95() or (None, None))),
                "ci95_vs": list(map(_r, b.ci95() or (None, None))),
            }
            if 0 < n_pairs < self.min_group:
                hidden = suppressed(self.min_group)
                row.update(n_paired=hidden, paired_diff=hidden, p_value_paired=hidden)
            else:
                p = paired(n_pairs, total, total_sq)
                row.update(
                    n_paired=n_pairs, paired_diff=_r(p.mean_diff), p_value_paired=_r(p.p_value, 6)
                )
            rows.append(row)
        return {"vs": other.slug, "questions": rows}

    def _join(self) -> str:
        """SQLite's CROSS JOIN keeps the written order (driving from the responses, which is
        several times faster here); PostgreSQL plans a plain JOIN well by itself."""
        return "CROSS JOIN" if self.db.is_sqlite else "JOIN"

    async def _paired_sums(self, this_id: int, vs_id: int) -> dict[str, tuple[int, float, float]]:
        """Per question: pairs, Σ(this − vs), Σ(this − vs)² over respondents in both waves."""
        j = self._join()
        query = text(
            "SELECT a.question_id, count(*), sum(a.num - b.num), sum((a.num - b.num) * (a.num - b.num)) "
            "FROM survey_responses ra "
            f"{j} survey_responses rb ON rb.survey_id = :vs AND rb.respondent_key = ra.respondent_key "
            f"{j} survey_answers a ON a.response_id = ra.id "
            f"{j} survey_answers b ON b.response_id = rb.id AND b.question_id = a.question_id "
            "WHERE ra.survey_id = :this AND ra.completed_at IS NOT NULL "
            "AND rb.completed_at IS NOT NULL AND a.num IS NOT NULL AND b.num IS NOT NULL "
            "GROUP BY a.question_id"
        )
        async with self.db.session() as s:
            rows: list[Any] = list((await s.execute(query, {"this": this_id, "vs": vs_id})).all())
        return {str(q): (int(n), float(t or 0), float(t2 or 0)) for q, n, t, t2 in rows}

    async def _breakdown(self, info: SurveyInfo, by: str) -> dict[str, Any]:
        if by not in BREAKDOWNS:  # the column name goes into SQL text: only known names
            raise ValueError(f"--by must be one of {', '.join(BREAKDOWNS)}")
        column = getattr(SurveyResponse, by)
        async with self.db.session() as s:
            sizes: list[Any] = list(
                (
                    await s.execute(
                        select(column, func.count())
                        .where(
                            SurveyResponse.survey_id == info.id,
                            SurveyResponse.completed_at.is_not(None),
                        )
                        .group_by(column)
                    )
                ).all()
            )
            numeric = [q.id for q in info.questions if q.numeric]
            rows: list[Any] = []
            if numeric:
                query = text(
                    f"SELECT r.{by}, a.question_id, a.value, count(*) FROM survey_responses r "
                    f"{self._join()} survey_answers a ON a.response_id = r.id "
                    "WHERE r.survey_id = :survey AND r.completed_at IS NOT NULL "
                    "AND a.question_id IN :questions "
                    f"GROUP BY r.{by}, a.question_id, a.value"
                ).bindparams(bindparam("questions", expanding=True))
                rows = list(
                    (await s.execute(query, {"survey": info.id, "questions": numeric})).all()
                )
        import pandas as pd

        frame = pd.DataFrame(rows, columns=["group", "question", "value", "count"])
        frame["group"] = frame["group"].fillna("")
        groups = []
        hidden = suppressed(self.min_group)
        for key, n in sorted(sizes, key=lambda r: (-int(r[1]), str(r[0] or ""))):
            name = _group_name(by, key)
            if n < self.min_group:
                groups.append({"group": key or "", "name": name, "n": hidden, "means": hidden})
                continue
            sub = frame[frame["group"] == (key or "")]
            counts = self._option_counts(sub)
            means = {}
            for q in info.questions:
                if q.numeric:
                    means[q.id] = _r(self._moments(q, counts.get(q.id, {})).mean)
            groups.append({"group": key or "", "name": name, "n": int(n), "means": means})
        return {"by": by, "groups": groups}


def _group_name(by: str, key: str | None) -> str:
    if not key:
        return "?"
    if by == "province":
        from bot.geo.gazetteer import Gazetteer

        region = Gazetteer.default().get(key)
        return region.name if region is not None else key
    return key

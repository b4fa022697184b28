"""Importing answers collected elsewhere (paper, form tools) from CSV.

One row per respondent: ``respondent`` (any stable reference; stored only as a salted hash, so the
pre and post rows of one person pair up), optional ``region`` (province or kabupaten/kota code) and
``cohort``, and one column per question id (choice values as in the YAML, ``multi`` separated by
``|``). Bad rows are reported by line and column and skipped; good rows load; a respondent already
stored for the survey is skipped, so importing the same file twice adds nothing. A file that cannot
be read as a whole (not UTF-8, a NUL byte, a cell over 131,072 characters) stores nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select

from bot.clock import Clock
from bot.db import Database
from bot.fileio import FileError, read_csv
from bot.geo.gazetteer import Gazetteer
from bot.surveys.audience import province_of
from bot.surveys.models import (
    ResponseSource,
    SurveyAnswer,
    SurveyImportBatch,
    SurveyResponse,
)
from bot.surveys.runner import TEXT_ANSWER_LIMIT, visible
from bot.surveys.schema import Question
from bot.surveys.service import SurveyError, SurveyInfo, respondent_key

FIXED_COLUMNS = ("respondent", "region", "cohort")
YES = {"ya", "y", "yes", "1", "true", "iya"}
NO = {"tidak", "t", "no", "n", "0", "false", "tdk", "nggak", "gak"}
CHUNK = 2000


class ImportFileError(SurveyError):
    """The file as a whole cannot be imported (header, encoding)."""


@dataclass
class ImportReport:
    file: str
    rows_total: int = 0
    loaded: int = 0
    duplicates: int = 0
    rejected: int = 0
    problems: list[str] = field(default_factory=list)


def _parse_value(q: Question, raw: str) -> list[tuple[str | None, float | None, str | None]]:
    """The answer rows for one cell; raises ValueError with what is wrong."""
    if q.type == "text":
        if len(raw) > TEXT_ANSWER_LIMIT:
            raise ValueError(f"text too long ({len(raw)} characters, at most {TEXT_ANSWER_LIMIT})")
        return [(None, None, raw)]
    if q.type == "yesno":
        low = raw.lower()
        if low in YES:
            raw = "ya"
        elif low in NO:
            raw = "tidak"
    parts = [p.strip() for p in raw.split("|")] if q.type == "multi" else [raw]
    out: list[tuple[str | None, float | None, str | None]] = []
    for part in parts:
        if q.type == "scale0_10" and part.endswith(".0"):
            part = part[:-2]
        opt = q.option(part)
        if opt is None:
            valid = ", ".join(o.value for o in q.options)
            raise ValueError(f"{part!r} is not an option (use {valid})")
        out.append((opt.value, opt.num, None))
    if len({v for v, _, _ in out}) != len(out):
        raise ValueError("the same option is given twice")
    return out


def _read(data: bytes, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and rows; a file that cannot be read as a whole raises :class:`ImportFileError`."""
    try:
        records = read_csv(data, name)
    except FileError as exc:
        raise ImportFileError(str(exc)) from None
    if not records:
        return [], []
    header = [h.strip() for h in records[0][1]]
    rows = []
    for line, record in records[1:]:
        if not any(cell.strip() for cell in record):
            continue
        rows.append((line, {col: cell.strip() for col, cell in zip(header, record, strict=False)}))
    return header, rows


async def import_csv(
    db: Database, clock: Clock, info: SurveyInfo, data: bytes, name: str
) -> ImportReport:
    """Load the good rows of a CSV into ``info``; report every bad row by line and column."""
    header, rows = _read(data, name)
    report = ImportReport(file=name, rows_total=len(rows))
    if "respondent" not in header:
        raise ImportFileError(
            f"{name}: line 1: no 'respondent' column (header: {', '.join(header) or 'empty'})"
        )
    questions = {q.id: q for q in info.questions}
    for col in header:
        if col not in questions and col not in FIXED_COLUMNS:
            report.problems.append(
                f"{name}: line 1, column {col}: not a question of {info.slug}; ignored"
            )
    gazetteer = Gazetteer.default()
    seen: dict[str, int] = {}
    good: list[tuple[str, dict[str, Any], dict[str, list[Any]]]] = []
    for line, row in rows:
        errors: list[str] = []
        ref = row.get("respondent", "")
        if not ref:
            errors.append("column respondent: empty")
        elif ref in seen:
            errors.append(f"column respondent: {ref!r} already on line {seen[ref]}")
        region = row.get("region") or None
        if region and gazetteer.get(region) is None:
            errors.append(
                f"column region: {region!r} is not a province or kabupaten/kota code (e.g. 36 or 36.72)"
            )
        cohort = row.get("cohort") or None
        if cohort and len(cohort) > 128:
            errors.append("column cohort: longer than 128 characters")
        answers: dict[str, list[Any]] = {}
        chosen: dict[str, set[str]] = {}
        for q in info.questions:
            raw = row.get(q.id, "")
            if not visible(q, chosen):
                continue
            if not raw:
                if q.required:
                    errors.append(f"column {q.id}: required answer missing")
                continue
            try:
                answers[q.id] = _parse_value(q, raw)
            except ValueError as exc:
                errors.append(f"column {q.id}: {exc}")
                continue
            chosen[q.id] = {v for v, _, _ in answers[q.id] if v is not None}
        if ref and ref not in seen:
            seen[ref] = line
        if errors:
            report.rejected += 1
            report.problems.extend(f"{name}: line {line}, {e}" for e in errors)
            continue
        meta = {"region_code": region, "province": province_of(region), "cohort": cohort}
        good.append((respondent_key(info.salt, f"csv:{ref}"), meta, answers))
    await _store(db, clock, info, good, data, name, report)
    return report


async def _store(
    db: Database,
    clock: Clock,
    info: SurveyInfo,
    good: list[tuple[str, dict[str, Any], dict[str, list[Any]]]],
    data: bytes,
    name: str,
    report: ImportReport,
) -> None:
    now = clock.now()
    async with db.transaction() as s:
        batch = SurveyImportBatch(
            survey_id=info.id,
            file_name=name[-255:],
            sha256=hashlib.sha256(data).hexdigest(),
            rows_total=report.rows_total,
            created_at=now,
        )
        s.add(batch)
        await s.flush()
        for start in range(0, len(good), CHUNK):
            chunk = good[start : start + CHUNK]
            keys = [k for k, _, _ in chunk]
            existing = set(
                (
                    await s.scalars(
                        select(SurveyResponse.respondent_key).where(
                            SurveyResponse.survey_id == info.id,
                            SurveyResponse.respondent_key.in_(keys),
                        )
                    )
                ).all()
            )
            fresh = [g for g in chunk if g[0] not in existing]
            report.duplicates += len(chunk) - len(fresh)
            if not fresh:
                continue
            result = await s.execute(
                insert(SurveyResponse).returning(SurveyResponse.id, SurveyResponse.respondent_key),
                [
                    {
                        "survey_id": info.id,
                        "version_id": info.version_id,
                        "respondent_key": key,
                        "source": ResponseSource.IMPORT.value,
                        "import_batch_id": batch.id,
                        "started_at": now,
                        "completed_at": now,
                        **meta,
                    }
                    for key, meta, _ in fresh
                ],
            )
            ids = {key: rid for rid, key in result.all()}
            answer_rows = [
                {
                    "response_id": ids[key],
                    "survey_id": info.id,
                    "question_id": qid,
                    "value": value,
                    "num": num,
                    "text": text,
                    "answered_at": now,
                }
                for key, _, answers in fresh
                for qid, values in answers.items()
                for value, num, text in values
            ]
            if answer_rows:
                await s.execute(insert(SurveyAnswer), answer_rows)
            report.loaded += len(fresh)
        batch.rows_loaded = report.loaded
        batch.rows_duplicate = report.duplicates
        batch.rows_rejected = report.rejected

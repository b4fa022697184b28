"""Survey definitions in YAML (``dialogs/surveys/*.yml``): the schema and its validator.

``parse_survey(data, source)`` returns a :class:`SurveyDef` or raises :class:`SurveyDefinitionError`
listing *every* problem as ``file: question id: field: what is wrong``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

QUESTION_TYPES = ("likert5", "single", "multi", "scale0_10", "yesno", "text")
NUMERIC_TYPES = ("likert5", "scale0_10", "yesno")
CHOICE_TYPES = ("likert5", "single", "multi", "scale0_10", "yesno")
WAVES = ("pre", "post", "single")
AUDIENCE_ROLES = ("citizen", "alumni", "partner", "coordinator")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]{0,31}$")
VALUE_RE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
REGION_RE = re.compile(r"^\d{2}(\.\d{2})?$")
TOP_KEYS = {
    "slug",
    "title",
    "intro",
    "audience",
    "campaign",
    "wave",
    "pair",
    "anonymous",
    "opens",
    "closes",
    "questions",
    "thanks",
}
QUESTION_KEYS = {"id", "type", "text", "options", "required", "show_if"}
TEXT_LIMIT = 600  # a question (with its progress line and hint) stays far below 4096 characters
LABEL_LIMIT = 60


class SurveyDefinitionError(Exception):
    """A survey file is wrong; ``problems`` lists each one with file, question id and field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Option:
    value: str
    label: dict[str, str]
    num: float | None = None


@dataclass(frozen=True)
class ShowIf:
    """Show the question only when an earlier answer equals one of ``values``."""

    question: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: dict[str, str]
    options: tuple[Option, ...] = ()
    required: bool = True
    show_if: ShowIf | None = None

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type, "text": self.text}
        if self.type in ("single", "multi"):
            data["options"] = [{"value": o.value, "label": o.label} for o in self.options]
        data["required"] = self.required
        if self.show_if is not None:
            data["show_if"] = {"question": self.show_if.question, "in": list(self.show_if.values)}
        return data


@dataclass(frozen=True)
class Audience:
    roles: tuple[str, ...] = ()
    cohorts: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, list[str]]:
        return {
            "roles": list(self.roles),
            "cohorts": list(self.cohorts),
            "regions": list(self.regions),
        }


@dataclass(frozen=True)
class SurveyDef:
    slug: str
    title: dict[str, str]
    intro: dict[str, str]
    questions: tuple[Question, ...]
    wave: str = "single"
    pair: str | None = None
    campaign: str | None = None
    anonymous: bool = False
    opens: datetime | None = None
    closes: datetime | None = None
    audience: Audience = field(default_factory=Audience)
    thanks: dict[str, str] | None = None

    def questions_json(self) -> list[dict[str, Any]]:
        return [q.to_dict() for q in self.questions]

    def checksum(self) -> str:
        """Identifies the questions: a change makes a new version once answers exist."""
        raw = json.dumps(self.questions_json(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(raw.encode()).hexdigest()


# --- standard options of the fixed types


def likert_options() -> tuple[Option, ...]:
    labels = [
        ("Sangat tidak setuju", "Strongly disagree"),
        ("Tidak setuju", "Disagree"),
        ("Netral", "Neutral"),
        ("Setuju", "Agree"),
        ("Sangat setuju", "Strongly agree"),
    ]
    return tuple(
        Option(str(i), {"id": id_, "en": en}, float(i)) for i, (id_, en) in enumerate(labels, 1)
    )


def scale_options() -> tuple[Option, ...]:
    return tuple(Option(str(i), {"id": str(i), "en": str(i)}, float(i)) for i in range(11))


def yesno_options() -> tuple[Option, ...]:
    return (
        Option("ya", {"id": "Ya", "en": "Yes"}, 1.0),
        Option("tidak", {"id": "Tidak", "en": "No"}, 0.0),
    )


def options_for(qtype: str, declared: tuple[Option, ...]) -> tuple[Option, ...]:
    if qtype == "likert5":
        return likert_options()
    if qtype == "scale0_10":
        return scale_options()
    if qtype == "yesno":
        return yesno_options()
    return declared


def question_from_dict(data: dict[str, Any]) -> Question:
    """A question from its stored JSON form (a version's definition)."""
    show_if = data.get("show_if")
    declared = tuple(Option(o["value"], o["label"]) for o in data.get("options") or [])
    return Question(
        id=data["id"],
        type=data["type"],
        text=data["text"],
        options=options_for(data["type"], declared),
        required=bool(data.get("required", True)),
        show_if=ShowIf(show_if["question"], tuple(show_if["in"])) if show_if else None,
    )


# --- the validator


class _Collector:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{self.source}: {where}: {message}")


def _bilingual(
    value: Any, where: str, c: _Collector, *, limit: int, required: bool = True
) -> dict[str, str]:
    if value is None and not required:
        return {}
    if isinstance(value, str) and value.strip():
        value = {"id": value, "en": value}
    if not isinstance(value, dict):
        c.add(where, "must be a mapping with id: (Indonesian) and en: (English) text")
        return {}
    out: dict[str, str] = {}
    for lang in ("id", "en"):
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            c.add(f"{where}.{lang}", "missing (write the text in both id and en)")
        elif len(text) > limit:
            c.add(f"{where}.{lang}", f"too long ({len(text)} characters, at most {limit})")
        else:
            out[lang] = text.strip()
    extra = set(value) - {"id", "en"}
    if extra:
        c.add(where, f"unknown language(s) {', '.join(sorted(map(str, extra)))} (use id and en)")
    return out


def _when(value: Any, where: str, c: _Collector) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    c.add(where, f"not a date or date-time: {value!r} (e.g. 2026-11-16 or 2026-11-16T08:00+07:00)")
    return None


def _str_list(value: Any, where: str, c: _Collector) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, int, float)):
        value = [value]
    if not isinstance(value, list):
        c.add(where, "must be a list")
        return []
    return [str(v) for v in value]


def _audience(value: Any, c: _Collector) -> Audience:
    if value is None:
        return Audience()
    if not isinstance(value, dict):
        c.add("audience", "must be a mapping with roles, cohorts and/or regions")
        return Audience()
    for key in set(value) - {"roles", "cohorts", "regions"}:
        c.add(f"audience.{key}", "unknown key (use roles, cohorts, regions)")
    roles = _str_list(value.get("roles"), "audience.roles", c)
    for role in roles:
        if role not in AUDIENCE_ROLES:
            c.add("audience.roles", f"unknown role {role!r} (use {', '.join(AUDIENCE_ROLES)})")
    regions = _str_list(value.get("regions"), "audience.regions", c)
    for code in regions:
        if not REGION_RE.match(code):
            c.add(
                "audience.regions",
                f"{code!r} is not a province (36) or kabupaten/kota (36.72) code",
            )
    cohorts = _str_list(value.get("cohorts"), "audience.cohorts", c)
    return Audience(tuple(roles), tuple(cohorts), tuple(regions))


def _options(qtype: str, raw: Any, where: str, c: _Collector) -> tuple[Option, ...]:
    if qtype not in ("single", "multi"):
        if raw is not None:
            c.add(f"{where}.options", f"{qtype} questions have fixed options; remove options")
        return options_for(qtype, ())
    if not isinstance(raw, list) or len(raw) < 2:
        c.add(f"{where}.options", "a single/multi question needs a list of at least 2 options")
        return ()
    if len(raw) > 12:
        c.add(f"{where}.options", f"too many options ({len(raw)}, at most 12)")
    out: list[Option] = []
    seen: set[str] = set()
    for i, item in enumerate(raw, 1):
        at = f"{where}.options[{i}]"
        if not isinstance(item, dict) or "value" not in item:
            c.add(at, "must be a mapping with value: and label: {id, en}")
            continue
        value = str(item["value"])
        if not VALUE_RE.match(value):
            c.add(f"{at}.value", f"{value!r}: use 1-32 letters, digits, _ . - (no spaces or |)")
        if value in seen:
            c.add(f"{at}.value", f"{value!r} is used twice")
        seen.add(value)
        label = _bilingual(item.get("label"), f"{at}.label", c, limit=LABEL_LIMIT)
        out.append(Option(value, label))
    return tuple(out)


def _question(
    raw: Any, index: int, earlier: dict[str, Question], seen: set[str], c: _Collector
) -> Question | None:
    if not isinstance(raw, dict):
        c.add(f"questions[{index}]", "must be a mapping with id, type and text")
        return None
    qid = str(raw.get("id", "")).strip()
    where = f"question {qid}" if qid else f"questions[{index}]"
    if not qid:
        c.add(f"{where}.id", "missing")
    elif not ID_RE.match(qid):
        c.add(f"{where}.id", f"{qid!r}: use lowercase letters, digits and _ (at most 32)")
    elif qid in seen:
        c.add(f"{where}.id", "used by another question")
    seen.add(qid)
    for key in set(raw) - QUESTION_KEYS:
        c.add(f"{where}.{key}", f"unknown field (use {', '.join(sorted(QUESTION_KEYS))})")
    qtype = raw.get("type")
    if qtype not in QUESTION_TYPES:
        c.add(f"{where}.type", f"{qtype!r} is not one of {', '.join(QUESTION_TYPES)}")
        qtype = None
    text = _bilingual(raw.get("text"), f"{where}.text", c, limit=TEXT_LIMIT)
    options = _options(qtype, raw.get("options"), where, c) if qtype else ()
    required = raw.get("required", True)
    if not isinstance(required, bool):
        c.add(f"{where}.required", "must be true or false")
        required = True
    show_if = None
    cond = raw.get("show_if")
    if cond is not None:
        show_if = _show_if(cond, f"{where}.show_if", earlier, c)
    if not qid or not qtype:
        return None
    return Question(qid, qtype, text, options, required, show_if)


def _show_if(cond: Any, where: str, earlier: dict[str, Question], c: _Collector) -> ShowIf | None:
    if not isinstance(cond, dict) or "question" not in cond:
        c.add(where, "must be a mapping: {question: <earlier id>, equals: <value>} or in: [values]")
        return None
    target = str(cond["question"])
    if "equals" in cond:
        values = [str(cond["equals"])]
    else:
        values = _str_list(cond.get("in"), f"{where}.in", c)
    if not values:
        c.add(where, "needs equals: <value> or in: [values]")
        return None
    source = earlier.get(target)
    if source is None:
        c.add(f"{where}.question", f"{target!r} is not an earlier question")
        return None
    if source.type == "text":
        c.add(f"{where}.question", f"{target!r} is a text question; show_if needs a choice")
        return None
    for v in values:
        if source.option(v) is None:
            valid = ", ".join(o.value for o in source.options)
            c.add(where, f"{v!r} is not an option of {target} ({valid})")
    return ShowIf(target, tuple(values))


def parse_survey(data: Any, source: str = "<survey>") -> SurveyDef:
    """Validate one survey's data; raise :class:`SurveyDefinitionError` with every problem."""
    c = _Collector(source)
    if not isinstance(data, dict):
        raise SurveyDefinitionError(
            [f"{source}: the file must be a mapping (slug:, title:, questions:…)"]
        )
    for key in set(data) - TOP_KEYS:
        c.add(str(key), f"unknown key (use {', '.join(sorted(TOP_KEYS))})")
    slug = str(data.get("slug") or "")
    if not SLUG_RE.match(slug):
        c.add("slug", f"{slug!r}: use 1-40 lowercase letters, digits, - and _")
    title = _bilingual(data.get("title"), "title", c, limit=120)
    intro = _bilingual(data.get("intro"), "intro", c, limit=1500)
    thanks = _bilingual(data.get("thanks"), "thanks", c, limit=600, required=False) or None
    wave = data.get("wave", "single")
    if wave not in WAVES:
        c.add("wave", f"{wave!r} is not one of {', '.join(WAVES)}")
    pair = data.get("pair")
    if pair is not None:
        pair = str(pair)
        if not SLUG_RE.match(pair) or pair == slug:
            c.add("pair", f"{pair!r} must be the slug of the other wave")
    if wave in ("pre", "post") and not pair:
        c.add("pair", f"a {wave} survey needs pair: <slug of the other wave>")
    if wave == "single" and pair:
        c.add("pair", "only pre and post surveys have a pair")
    anonymous = data.get("anonymous", False)
    if not isinstance(anonymous, bool):
        c.add("anonymous", "must be true or false")
        anonymous = False
    campaign = data.get("campaign")
    opens = _when(data.get("opens"), "opens", c)
    closes = _when(data.get("closes"), "closes", c)
    if opens and closes and closes <= opens:
        c.add("closes", "must be after opens")
    audience = _audience(data.get("audience"), c)
    raw_questions = data.get("questions")
    questions: list[Question] = []
    if not isinstance(raw_questions, list) or not raw_questions:
        c.add("questions", "missing: a survey needs a list of questions")
    else:
        if len(raw_questions) > 50:
            c.add("questions", f"too many questions ({len(raw_questions)}, at most 50)")
        earlier: dict[str, Question] = {}
        seen: set[str] = set()
        for i, raw in enumerate(raw_questions, 1):
            q = _question(raw, i, earlier, seen, c)
            if q is not None:
                earlier[q.id] = q
                questions.append(q)
        if questions and questions[0].show_if is not None:
            c.add(f"question {questions[0].id}.show_if", "the first question cannot be conditional")
    if c.problems:
        raise SurveyDefinitionError(c.problems)
    return SurveyDef(
        slug=slug,
        title=title,
        intro=intro,
        questions=tuple(questions),
        wave=str(wave),
        pair=pair,
        campaign=str(campaign) if campaign is not None else None,
        anonymous=anonymous,
        opens=opens,
        closes=closes,
        audience=audience,
        thanks=thanks,
    )


def load_survey_file(path: Path) -> SurveyDef:
    """Read and validate one YAML file (YAML syntax errors name the line)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SurveyDefinitionError([f"{path}: cannot read the file ({exc.strerror})"]) from exc
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise SurveyDefinitionError([f"{where}: not valid YAML ({problem})"]) from exc
    return parse_survey(data, str(path))


def survey_files(path: Path) -> list[Path]:
    """A file, or every ``*.yml``/``*.yaml`` in a folder (sorted)."""
    if path.is_dir():
        return sorted([*path.glob("*.yml"), *path.glob("*.yaml")])
    return [path]


def load_survey_path(path: Path) -> list[SurveyDef]:
    """Every survey under ``path``; all problems of all files are reported together."""
    problems: list[str] = []
    surveys: list[SurveyDef] = []
    files = survey_files(path)
    if not files:
        raise SurveyDefinitionError([f"{path}: no survey files (*.yml) found"])
    for file in files:
        try:
            surveys.append(load_survey_file(file))
        except SurveyDefinitionError as exc:
            problems.extend(exc.problems)
    slugs = [s.slug for s in surveys]
    for slug in {s for s in slugs if slugs.count(s) > 1}:
        problems.append(f"{path}: slug: {slug!r} is defined in more than one file")
    if problems:
        raise SurveyDefinitionError(problems)
    return surveys

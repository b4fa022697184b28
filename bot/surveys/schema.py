"""Survey definitions in YAML (``dialogs/surveys/*.yml``): the schema and its validator.

``load_survey_file(path)`` reads a file through :mod:`bot.fileio` into the pydantic model
:class:`SurveyFile` and returns a :class:`SurveyDef`, or raises :class:`SurveyDefinitionError` listing
*every* problem as ``file:line: question id.field: what is wrong``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from bot.fileio import (
    FileError,
    FileModel,
    Loc,
    Problem,
    RegionList,
    Scalar,
    ScalarList,
    YamlDoc,
    one_of,
    parse_when,
    raise_problems,
    read_yaml,
    validate,
    yaml_files,
)

QUESTION_TYPES = ("likert5", "single", "multi", "scale0_10", "yesno", "text")
NUMERIC_TYPES = ("likert5", "scale0_10", "yesno")
CHOICE_TYPES = ("likert5", "single", "multi", "scale0_10", "yesno")
WAVES = ("pre", "post", "single")
AUDIENCE_ROLES = ("citizen", "alumni", "partner", "coordinator")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]{0,31}$")
VALUE_RE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
TEXT_LIMIT = 600  # a question (with its progress line and hint) stays far below 4096 characters
LABEL_LIMIT = 60


class SurveyDefinitionError(FileError):
    """A survey file is wrong; ``problems`` lists each one with file, line, question id and field."""


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


# --- the file: pydantic models read through bot.fileio (every problem with its line)


class Text(FileModel):
    """A bilingual text: ``{id: …, en: …}``, or one string used for both languages."""

    limit: ClassVar[int] = TEXT_LIMIT

    id: str | None = Field(default=None, validate_default=True)
    en: str | None = Field(default=None, validate_default=True)

    @model_validator(mode="before")
    @classmethod
    def _one_text_for_both(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip():
            return {"id": value, "en": value}
        if not isinstance(value, dict):
            raise ValueError("must be a mapping with id: (Indonesian) and en: (English) text")
        extra = sorted(str(k) for k in value if k not in ("id", "en"))
        if extra:
            raise ValueError(f"unknown language(s) {', '.join(extra)} (use id and en)")
        return value

    @field_validator("id", "en")
    @classmethod
    def _written(cls, value: str | None) -> str:
        if value is None or not str(value).strip():
            raise ValueError("missing (write the text in both id and en)")
        value = str(value).strip()
        if len(value) > cls.limit:
            raise ValueError(f"too long ({len(value)} characters, at most {cls.limit})")
        return value

    def both(self) -> dict[str, str]:
        return {"id": self.id or "", "en": self.en or ""}


class TitleText(Text):
    limit = 120


class IntroText(Text):
    limit = 1500


class LabelText(Text):
    limit = LABEL_LIMIT


def _earlier(info: ValidationInfo) -> dict[str, Question]:
    """Questions validated so far (kept in the validation context, in file order)."""
    context = info.context if isinstance(info.context, dict) else {}
    return context.setdefault("earlier", {})  # type: ignore[no-any-return]


class OptionIn(FileModel):
    value: str
    label: LabelText

    @field_validator("value")
    @classmethod
    def _value(cls, value: str) -> str:
        if not VALUE_RE.match(value):
            raise ValueError(f"{value!r}: use 1-32 letters, digits, _ . - (no spaces or |)")
        return value


class ShowIfIn(FileModel):
    question: Scalar
    equals: Scalar | None = None
    in_: ScalarList | None = Field(default=None, alias="in")

    def values(self) -> tuple[str, ...]:
        return (self.equals,) if self.equals is not None else tuple(self.in_ or ())


class QuestionIn(FileModel):
    """One question; ``show_if`` is checked against the questions before it."""

    id: Scalar
    type: str
    text: Text
    options: list[OptionIn] | None = Field(default=None, validate_default=True)
    required: bool = True
    show_if: ShowIfIn | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, value: str, info: ValidationInfo) -> str:
        if not ID_RE.match(value):
            raise ValueError(f"{value!r}: use lowercase letters, digits and _ (at most 32)")
        context = info.context if isinstance(info.context, dict) else {}
        seen: set[str] = context.setdefault("seen", set())
        if value in seen:
            raise ValueError("used by another question")
        seen.add(value)
        return value

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        return one_of(value, QUESTION_TYPES)

    @field_validator("options", mode="before")
    @classmethod
    def _options_fit_type(cls, value: Any, info: ValidationInfo) -> Any:
        qtype = info.data.get("type")
        if qtype is None:
            return value
        if qtype not in ("single", "multi"):
            if value is not None:
                raise ValueError(f"{qtype} questions have fixed options; remove options")
            return value
        if not isinstance(value, list) or len(value) < 2:
            raise ValueError("a single/multi question needs a list of at least 2 options")
        if len(value) > 12:
            raise ValueError(f"too many options ({len(value)}, at most 12)")
        return value

    @field_validator("options")
    @classmethod
    def _distinct_values(cls, value: list[OptionIn] | None) -> list[OptionIn] | None:
        values = [o.value for o in value or ()]
        raise_problems(
            "options",
            [
                ((i, "value"), f"{v!r} is used twice")
                for i, v in enumerate(values)
                if v in values[:i]
            ],
        )
        return value

    @field_validator("show_if")
    @classmethod
    def _show_if(cls, cond: ShowIfIn | None, info: ValidationInfo) -> ShowIfIn | None:
        if cond is None:
            return None
        earlier = _earlier(info)
        if not earlier:
            raise ValueError("the first question cannot be conditional")
        if not cond.values():
            raise ValueError("needs equals: <value> or in: [values]")
        source = earlier.get(cond.question) if cond.question != info.data.get("id") else None
        if source is None:
            raise_problems(
                "show_if", [(("question",), f"{cond.question!r} is not an earlier question")]
            )
            return cond
        if source.type == "text":
            raise_problems(
                "show_if",
                [(("question",), f"{cond.question!r} is a text question; show_if needs a choice")],
            )
        bad = [v for v in cond.values() if source.option(v) is None]
        if bad:
            valid = ", ".join(o.value for o in source.options)
            raise ValueError(
                f"{', '.join(map(repr, bad))} is not an option of {cond.question} ({valid})"
            )
        return cond

    @model_validator(mode="wrap")
    @classmethod
    def _remember(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        """Later questions' show_if may refer to this one (even when its text has a fault)."""
        try:
            return handler(data)
        finally:
            if isinstance(data, dict):
                _remember_question(data, _earlier(info))

    def to_question(self) -> Question:
        declared = tuple(Option(o.value, o.label.both()) for o in self.options or ())
        show_if = ShowIf(self.show_if.question, self.show_if.values()) if self.show_if else None
        return Question(
            self.id,
            self.type,
            self.text.both(),
            options_for(self.type, declared),
            self.required,
            show_if,
        )


def _remember_question(raw: dict[str, Any], earlier: dict[str, Question]) -> None:
    qid, qtype = str(raw.get("id", "")), raw.get("type")
    if not ID_RE.match(qid) or qtype not in QUESTION_TYPES or qid in earlier:
        return
    options = raw.get("options")
    if not isinstance(options, list):
        options = []
    declared = tuple(
        Option(str(o["value"]), {}) for o in options if isinstance(o, dict) and "value" in o
    )
    earlier[qid] = Question(qid, str(qtype), {}, options_for(str(qtype), declared))


class AudienceIn(FileModel):
    roles: ScalarList = Field(default_factory=list)
    cohorts: ScalarList = Field(default_factory=list)
    regions: RegionList = Field(default_factory=list)

    @field_validator("roles")
    @classmethod
    def _roles(cls, roles: list[str]) -> list[str]:
        for role in roles:
            if role not in AUDIENCE_ROLES:
                raise ValueError(f"unknown role {role!r} (use {', '.join(AUDIENCE_ROLES)})")
        return roles


def _when(value: Any) -> datetime | None:
    return None if value is None else parse_when(value, UTC)


When = Annotated[datetime | None, BeforeValidator(_when)]


class SurveyFile(FileModel):
    """A ``dialogs/surveys/*.yml`` file."""

    slug: Scalar
    title: TitleText
    intro: IntroText
    audience: AudienceIn = Field(default_factory=AudienceIn)
    campaign: Scalar | None = None
    wave: str = "single"
    pair: Scalar | None = Field(default=None, validate_default=True)
    anonymous: bool = False
    opens: When = None
    closes: When = None
    questions: list[QuestionIn] = Field(default_factory=list, validate_default=True)
    thanks: Text | None = None

    @field_validator("slug")
    @classmethod
    def _slug(cls, slug: str) -> str:
        if not SLUG_RE.match(slug):
            raise ValueError(f"{slug!r}: use 1-40 lowercase letters, digits, - and _")
        return slug

    @field_validator("wave")
    @classmethod
    def _wave(cls, wave: str) -> str:
        return one_of(wave, WAVES)

    @field_validator("pair")
    @classmethod
    def _pair(cls, pair: str | None, info: ValidationInfo) -> str | None:
        wave = info.data.get("wave")
        if pair is not None and (not SLUG_RE.match(pair) or pair == info.data.get("slug")):
            raise ValueError(f"{pair!r} must be the slug of the other wave")
        if wave in ("pre", "post") and not pair:
            raise ValueError(f"a {wave} survey needs pair: <slug of the other wave>")
        if wave == "single" and pair:
            raise ValueError("only pre and post surveys have a pair")
        return pair

    @field_validator("closes")
    @classmethod
    def _after_opens(cls, closes: datetime | None, info: ValidationInfo) -> datetime | None:
        opens = info.data.get("opens")
        if opens and closes and closes <= opens:
            raise ValueError("must be after opens")
        return closes

    @field_validator("questions")
    @classmethod
    def _questions(cls, questions: list[QuestionIn]) -> list[QuestionIn]:
        if not questions:
            raise ValueError("missing: a survey needs a list of questions")
        if len(questions) > 50:
            raise ValueError(f"too many questions ({len(questions)}, at most 50)")
        return questions

    def to_def(self) -> SurveyDef:
        a = self.audience
        return SurveyDef(
            slug=self.slug,
            title=self.title.both(),
            intro=self.intro.both(),
            questions=tuple(q.to_question() for q in self.questions),
            wave=self.wave,
            pair=self.pair,
            campaign=self.campaign,
            anonymous=self.anonymous,
            opens=self.opens,
            closes=self.closes,
            audience=Audience(tuple(a.roles), tuple(a.cohorts), tuple(a.regions)),
            thanks=self.thanks.both() if self.thanks is not None else None,
        )


def _label(loc: Loc, doc: YamlDoc) -> str | None:
    """``question q3.show_if`` rather than ``questions.2.show_if``."""
    if len(loc) < 2 or loc[0] != "questions" or not isinstance(loc[1], int):
        return None
    items = doc.data.get("questions") if isinstance(doc.data, dict) else None
    item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
    qid = item.get("id") if isinstance(item, dict) else None
    if not isinstance(qid, str | int) or not str(qid).strip():
        return None
    return ".".join([f"question {qid}", *(str(p) for p in loc[2:])])


def read_survey(doc: YamlDoc) -> SurveyDef:
    """Validate one survey's data; raise :class:`SurveyDefinitionError` with every problem."""
    try:
        model = validate(
            SurveyFile, doc, context={}, label=_label, shape="slug:, title:, questions:…"
        )
    except FileError as exc:
        raise SurveyDefinitionError(exc.problems) from None
    return model.to_def()


def parse_survey(data: Any, source: str = "<survey>") -> SurveyDef:
    """Validate data that is already loaded (no line numbers)."""
    return read_survey(YamlDoc.of(data, source))


def load_survey_file(path: Path) -> SurveyDef:
    """Read and validate one YAML file; every problem names its line."""
    try:
        doc = read_yaml(path)
    except FileError as exc:
        raise SurveyDefinitionError(exc.problems) from None
    return read_survey(doc)


def survey_files(path: Path) -> list[Path]:
    """A file, or every ``*.yml``/``*.yaml`` in a folder (sorted)."""
    return list(yaml_files(path))


def load_survey_path(path: Path) -> list[SurveyDef]:
    """Every survey under ``path``; all problems of all files are reported together."""
    problems: list[Problem] = []
    surveys: list[SurveyDef] = []
    files = survey_files(path)
    if not files:
        raise SurveyDefinitionError(
            [Problem(str(path), None, None, "no survey files (*.yml) found")]
        )
    for file in files:
        try:
            surveys.append(load_survey_file(file))
        except SurveyDefinitionError as exc:
            problems.extend(exc.problems)
    slugs = [s.slug for s in surveys]
    for slug in sorted({s for s in slugs if slugs.count(s) > 1}):
        problems.append(
            Problem(str(path), None, "slug", f"{slug!r} is defined in more than one file")
        )
    if problems:
        raise SurveyDefinitionError(problems)
    return surveys

"""Loader for Rasa 3 NLU training data (YAML) with file/line error reporting.

Supported: ``intent`` (incl. retrieval intents ``lapor_insiden/rumah_ibadah``) with ``examples``
(``[text](entity)``, ``[text](entity:value)`` and ``[text]{"entity": …, "value": …}``
annotations), ``synonym``, ``lookup`` and ``regex`` items. Other top-level keys of Rasa data
files (``responses``, ``rules``, ``stories``) are accepted and ignored.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError, model_validator

from bot.fileio import (
    MAX_NLU_BYTES,
    FileError,
    FileModel,
    Problem,
    Scalar,
    YamlDoc,
    dotted,
    problems_from,
    read_yaml,
    validate,
)

_ANNOTATION = re.compile(r"\[(?P<text>[^\[\]]+)\](?:\((?P<paren>[^()]+)\)|(?P<json>\{[^{}]*\}))")
_NAME_RE = re.compile(r"^[\w.-]+(/[\w.-]+)?$")


class NluDataError(FileError):
    """Malformed NLU data; every problem with ``path`` and 1-based line (``line``: the first)."""

    def __init__(
        self,
        path: Path | str,
        line: int | None = None,
        message: str = "",
        *,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(problems or [Problem(str(path), line, None, message)])
        self.path = Path(path)


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """An annotated entity; offsets refer to the example text without markup."""

    entity: str
    start: int
    end: int
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class Example:
    """One training example; ``intent`` may be a retrieval intent ``base/sub``."""

    text: str
    intent: str
    entities: tuple[EntitySpan, ...] = ()
    source: str = ""
    line: int = 0

    @property
    def base_intent(self) -> str:
        """``lapor_insiden`` for ``lapor_insiden/rumah_ibadah``."""
        return self.intent.split("/", 1)[0]

    @property
    def sub_intent(self) -> str | None:
        """``rumah_ibadah`` for ``lapor_insiden/rumah_ibadah``; None for plain intents."""
        parts = self.intent.split("/", 1)
        return parts[1] if len(parts) == 2 else None


@dataclass
class NluData:
    """Everything loaded from one or more files."""

    examples: list[Example] = field(default_factory=list)
    synonyms: dict[str, str] = field(default_factory=dict)  # lower-cased variant -> canonical
    lookups: dict[str, list[str]] = field(default_factory=dict)
    regexes: dict[str, list[str]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def extend(self, other: NluData) -> None:
        """Merge ``other`` into this collection."""
        self.examples.extend(other.examples)
        self.synonyms.update(other.synonyms)
        for name, items in other.lookups.items():
            self.lookups.setdefault(name, []).extend(items)
        for name, items in other.regexes.items():
            self.regexes.setdefault(name, []).extend(items)
        self.files.extend(other.files)


def data_files(path: Path | str) -> list[Path]:
    """The ``*.yml``/``*.yaml`` files of a directory (sorted), or ``[path]`` for a file."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise NluDataError(path, None, "NLU data directory not found")
    return sorted(p for p in path.rglob("*") if p.suffix in {".yml", ".yaml"} and p.is_file())


def data_hash(path: Path | str) -> str:
    """SHA-256 over the names and contents of the data files."""
    digest = hashlib.sha256()
    for file in data_files(path):
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def load_data(path: Path | str) -> NluData:
    """Load a directory (all YAML files) or one file; the problems of every file at once."""
    data = NluData()
    problems: list[Problem] = []
    for file in data_files(path):
        try:
            data.extend(load_file(file))
        except NluDataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise NluDataError(path, problems=problems)
    if not data.examples:
        raise NluDataError(path, None, "no training examples found")
    return data


class NluItem(FileModel):
    """One ``nlu:`` item: exactly one of intent, synonym, lookup, regex, with its examples."""

    intent: Scalar | None = None
    synonym: Scalar | None = None
    lookup: Scalar | None = None
    regex: Scalar | None = None
    examples: str | None = None
    metadata: Any = None

    @property
    def kind(self) -> str:
        return next(k for k in _KINDS if getattr(self, k) is not None)

    @property
    def name(self) -> str:
        return str(getattr(self, self.kind)).strip()

    @model_validator(mode="after")
    def _one_kind(self) -> NluItem:
        kinds = [k for k in _KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("item needs exactly one of 'intent', 'synonym', 'lookup', 'regex'")
        if not self.name or (self.kind == "intent" and not _NAME_RE.match(self.name)):
            raise ValueError(f"invalid {self.kind} name {self.name!r}")
        if self.examples is None:
            raise ValueError(f"{self.kind} {self.name!r} has no 'examples'")
        return self


_KINDS = ("intent", "synonym", "lookup", "regex")


class NluFile(FileModel):
    """A Rasa 3 data file; ``responses``, ``rules``, ``stories`` and ``e2e_tests`` are ignored.

    Items are checked one by one (:class:`NluItem`), so one bad item hides no other fault.
    """

    version: Scalar | None = None
    nlu: list[Any] = []
    responses: Any = None
    rules: Any = None
    stories: Any = None
    e2e_tests: Any = None


def load_file(path: Path | str) -> NluData:
    """Load one Rasa YAML file; raise :class:`NluDataError` naming file and line of every fault."""
    path = Path(path)
    problems: list[Problem] = []
    data = NluData(files=[path])
    try:
        doc = read_yaml(path, max_bytes=MAX_NLU_BYTES)
    except FileError as exc:
        raise NluDataError(path, problems=exc.problems) from None
    if doc.data is None:
        return data
    try:
        validate(NluFile, doc, shape="version: and nlu:")
    except FileError as exc:
        problems.extend(exc.problems)
    items = doc.data.get(ITEMS) if isinstance(doc.data, dict) else None
    for index, raw in enumerate(items if isinstance(items, list) else []):
        loc = (ITEMS, index)
        try:
            item = NluItem.model_validate(raw)
        except ValidationError as exc:
            problems.extend(problems_from(exc, doc, model=NluItem, prefix=loc))
            continue
        problems.extend(_load_item(doc, loc, item, data))
    if problems:
        raise NluDataError(path, problems=sorted(problems, key=lambda p: p.line or 0))
    return data


ITEMS = "nlu"


def _load_item(doc: YamlDoc, loc: tuple[str, int], item: NluItem, data: NluData) -> list[Problem]:
    path = Path(doc.source)
    what = f"{item.kind} {item.name!r}"
    ex_loc = (*loc, "examples")
    problems: list[Problem] = []

    def fault(line: int | None, message: str) -> None:
        problems.append(Problem(doc.source, line, dotted(ex_loc), message))

    lines: list[tuple[int, str]] = []
    first = doc.content_line(ex_loc) or 0
    for offset, raw in enumerate(str(item.examples).split("\n")):
        text = raw.strip()
        if not text:
            continue
        if not text.startswith("- "):
            fault(first + offset, f"example of {what} must start with '- '")
        elif not text[2:].strip():
            fault(first + offset, f"empty example in {what}")
        else:
            lines.append((first + offset, text[2:].strip()))
    if not lines and not problems:
        fault(doc.line(ex_loc), f"{what} has no examples")
    for line_no, raw in lines:
        try:
            if item.kind == "intent":
                stripped, entities = parse_annotations(path, line_no, raw)
                data.examples.append(Example(stripped, item.name, entities, str(path), line_no))
            elif item.kind == "synonym":
                data.synonyms[raw.lower()] = item.name
            elif item.kind == "lookup":
                data.lookups.setdefault(item.name, []).append(raw)
            else:
                try:
                    re.compile(raw)
                except re.error as exc:
                    raise NluDataError(
                        path, line_no, f"invalid regex for {item.name!r}: {exc}"
                    ) from exc
                data.regexes.setdefault(item.name, []).append(raw)
        except NluDataError as exc:
            problems.extend(
                Problem(p.file, p.line, dotted(ex_loc), p.message) for p in exc.problems
            )
    return problems


def parse_annotations(path: Path | str, line: int, raw: str) -> tuple[str, tuple[EntitySpan, ...]]:
    """Strip ``[text](entity)`` markup from ``raw``; return plain text and entity spans."""
    plain: list[str] = []
    entities: list[EntitySpan] = []
    pos = 0
    length = 0
    for match in _ANNOTATION.finditer(raw):
        before = raw[pos : match.start()]
        plain.append(before)
        length += len(before)
        surface = match.group("text")
        entity, value = _annotation_target(path, line, match, surface)
        entities.append(EntitySpan(entity, length, length + len(surface), value, surface))
        plain.append(surface)
        length += len(surface)
        pos = match.end()
    plain.append(raw[pos:])
    text = "".join(plain)
    leftover = _ANNOTATION.sub("", raw)
    if re.search(r"\]\(|\]\{", leftover):
        raise NluDataError(path, line, f"malformed entity annotation in: {raw}")
    return text, tuple(entities)


def _annotation_target(
    path: Path | str, line: int, match: re.Match[str], surface: str
) -> tuple[str, str]:
    if match.group("paren") is not None:
        entity, _, value = match.group("paren").partition(":")
        entity = entity.strip()
        if not entity:
            raise NluDataError(path, line, "empty entity name in annotation")
        return entity, value.strip() or surface
    try:
        spec = json.loads(match.group("json"))
    except json.JSONDecodeError as exc:
        raise NluDataError(path, line, f"invalid JSON in entity annotation: {exc.msg}") from exc
    if not isinstance(spec, dict) or not isinstance(spec.get("entity"), str):
        raise NluDataError(path, line, 'entity annotation needs an "entity" name')
    return spec["entity"], str(spec.get("value", surface))

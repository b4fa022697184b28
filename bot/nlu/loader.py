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

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_ANNOTATION = re.compile(r"\[(?P<text>[^\[\]]+)\](?:\((?P<paren>[^()]+)\)|(?P<json>\{[^{}]*\}))")
_KNOWN_TOP = {"version", "nlu", "responses", "rules", "stories", "e2e_tests"}
_NAME_RE = re.compile(r"^[\w.-]+(/[\w.-]+)?$")


class NluDataError(ValueError):
    """Malformed NLU data; ``path`` and 1-based ``line`` say where."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


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
    """Load a directory (all YAML files) or one file."""
    data = NluData()
    for file in data_files(path):
        data.extend(load_file(file))
    if not data.examples:
        raise NluDataError(path, None, "no training examples found")
    return data


def load_file(path: Path | str) -> NluData:
    """Load one Rasa YAML file; raise :class:`NluDataError` naming file and line on errors."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise NluDataError(path, line, f"invalid YAML: {problem}") from exc
    data = NluData(files=[path])
    if root is None:
        return data
    if not isinstance(root, MappingNode):
        raise NluDataError(
            path, _line(root), "top level must be a mapping with 'version' and 'nlu'"
        )
    for key_node, value_node in root.value:
        key = _scalar(path, key_node)
        if key not in _KNOWN_TOP:
            raise NluDataError(path, _line(key_node), f"unknown top-level key {key!r}")
        if key == "version" and not isinstance(value_node, ScalarNode):
            raise NluDataError(path, _line(value_node), "'version' must be a string like \"3.1\"")
        if key == "nlu":
            if not isinstance(value_node, SequenceNode):
                raise NluDataError(path, _line(value_node), "'nlu' must be a list of items")
            for item in value_node.value:
                _load_item(path, item, data)
    return data


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _scalar(path: Path, node: Node) -> str:
    if not isinstance(node, ScalarNode):
        raise NluDataError(path, _line(node), "expected a plain value here")
    return str(node.value)


def _load_item(path: Path, item: Node, data: NluData) -> None:
    if not isinstance(item, MappingNode):
        raise NluDataError(path, _line(item), "each 'nlu' item must be a mapping")
    fields = {_scalar(path, k): (k, v) for k, v in item.value}
    kinds = [k for k in ("intent", "synonym", "lookup", "regex") if k in fields]
    if len(kinds) != 1:
        raise NluDataError(
            path, _line(item), "item needs exactly one of 'intent', 'synonym', 'lookup', 'regex'"
        )
    kind = kinds[0]
    name = _scalar(path, fields[kind][1]).strip()
    if not name or (kind == "intent" and not _NAME_RE.match(name)):
        raise NluDataError(path, _line(fields[kind][1]), f"invalid {kind} name {name!r}")
    if "examples" not in fields:
        raise NluDataError(path, _line(item), f"{kind} {name!r} has no 'examples'")
    ex_node = fields["examples"][1]
    lines = _example_lines(path, ex_node, f"{kind} {name!r}")
    if kind == "intent":
        for line_no, raw in lines:
            stripped, entities = parse_annotations(path, line_no, raw)
            data.examples.append(Example(stripped, name, entities, str(path), line_no))
    elif kind == "synonym":
        for _line_no, raw in lines:
            data.synonyms[raw.lower()] = name
    elif kind == "lookup":
        data.lookups.setdefault(name, []).extend(raw for _, raw in lines)
    else:
        for line_no, raw in lines:
            try:
                re.compile(raw)
            except re.error as exc:
                raise NluDataError(path, line_no, f"invalid regex for {name!r}: {exc}") from exc
            data.regexes.setdefault(name, []).append(raw)


def _example_lines(path: Path, node: Node, what: str) -> list[tuple[int, str]]:
    if not isinstance(node, ScalarNode):
        raise NluDataError(path, _line(node), f"'examples' of {what} must be a block string (|)")
    # For a block scalar (|) the content starts on the line after the indicator.
    first = _line(node) + (1 if node.style in ("|", ">") else 0)
    out: list[tuple[int, str]] = []
    for offset, raw in enumerate(str(node.value).split("\n")):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("- "):
            raise NluDataError(path, first + offset, f"example of {what} must start with '- '")
        example = line[2:].strip()
        if not example:
            raise NluDataError(path, first + offset, f"empty example in {what}")
        out.append((first + offset, example))
    if not out:
        raise NluDataError(path, _line(node), f"{what} has no examples")
    return out


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

"""Safe YAML: every value keeps its line, duplicate keys and alias bombs are refused.

* Only plain data (mappings, lists, strings, numbers, ``true``/``false``, ``null``): no Python
  tags, no merge keys (``<<``).
* ``yes``/``no``/``on``/``off`` stay text (YAML 1.2): a string field gets the word itself, and
  a true/false field still reads them as booleans (pydantic does that).
* Dates stay text, so the model says ``'2026-11-31' is not a date`` instead of a traceback.
* A key written twice is an error naming both lines; aliases (``*x``) are limited in number and in
  how much they expand (a "billion laughs" file is refused, not expanded).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.fileio.problems import FileError, Problem
from bot.fileio.text import MAX_YAML_BYTES, read_text

Loc = tuple[str | int, ...]

#: At most this many aliases (``*name``) in one file.
MAX_ALIASES = 100
#: At most this many values once aliases are expanded.
MAX_VALUES = 100_000

_BOOL = "tag:yaml.org,2002:bool"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    _FLOAT,
    _BOOL,
    "tag:yaml.org,2002:null",
}


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans, dates left as text and a cap on aliases."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _TIMESTAMP)]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        if self.check_event(AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise _Refused(mark.line + 1, f"more than {MAX_ALIASES} aliases (*name)")
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class YamlFloat(float):
    """A float that remembers how it was written (``36.10`` stays ``36.10`` for region codes)."""

    text: str


def dotted(loc: Loc) -> str:
    """``reports.partners.0.regions``: the path of a value as written in messages."""
    return ".".join(str(part) for part in loc)


@dataclass
class YamlDoc:
    """The data of one file with the line of every key and list item (``lines[loc]``)."""

    source: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    nodes: dict[Loc, Node] = field(default_factory=dict)
    #: Added to every line (front matter of a Markdown file starts on line 2).
    offset: int = 0

    @classmethod
    def of(cls, data: Any, source: str) -> YamlDoc:
        """Data that did not come from a file (no lines)."""
        return cls(source, data)

    def line(self, loc: Loc) -> int | None:
        """The line of ``loc``, or of its nearest parent that is in the file."""
        for end in range(len(loc), -1, -1):
            found = self.lines.get(tuple(loc[:end]))
            if found is not None:
                return found
        return None

    def content_line(self, loc: Loc) -> int | None:
        """The first line of a value's text (the line after ``|`` for a block string)."""
        node = self.nodes.get(loc)
        if node is None:
            return self.line(loc)
        line = node.start_mark.line + 1 + self.offset
        return line + 1 if isinstance(node, ScalarNode) and node.style in ("|", ">") else line

    def problem(self, loc: Loc, message: str, *, field: str | None = None) -> Problem:
        return Problem(
            self.source, self.line(loc), field if field is not None else dotted(loc), message
        )


class _Builder:
    def __init__(self, loader: _Loader, doc: YamlDoc, offset: int) -> None:
        self.loader = loader
        self.doc = doc
        self.offset = offset
        self.count = 0
        self.problems: list[Problem] = []
        self.stack: set[int] = set()

    def line(self, node: Node) -> int:
        return int(node.start_mark.line) + 1 + self.offset

    def build(self, node: Node, loc: Loc, line: int) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _Refused(line, f"more than {MAX_VALUES:,} values once aliases are expanded")
        self.doc.lines[loc] = line
        self.doc.nodes[loc] = node
        if isinstance(node, ScalarNode):
            return self.scalar(node, loc)
        if node.tag not in ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
            return self.refuse_tag(node, loc)
        if id(node) in self.stack:
            raise _Refused(line, "an alias refers to the value that contains it")
        self.stack.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [
                    self.build(child, (*loc, i), self.line(child))
                    for i, child in enumerate(node.value)
                ]
            assert isinstance(node, MappingNode)
            return self.mapping(node, loc)
        finally:
            self.stack.discard(id(node))

    def refuse_tag(self, node: Node, loc: Loc) -> None:
        self.problems.append(
            Problem(
                self.doc.source,
                self.line(node),
                dotted(loc) or None,
                f"the tag {node.tag} is not allowed (write plain values)",
            )
        )

    def scalar(self, node: ScalarNode, loc: Loc) -> Any:
        if node.tag not in _PLAIN_TAGS:
            return self.refuse_tag(node, loc)
        value = self.loader.construct_object(node)
        if node.tag == _FLOAT:
            number = YamlFloat(value)
            number.text = str(node.value)
            return number
        return value

    def mapping(self, node: MappingNode, loc: Loc) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key_line = self.line(key_node)
            if key_node.tag == _MERGE:
                self.problems.append(
                    Problem(
                        self.doc.source,
                        key_line,
                        dotted(loc) or None,
                        "merge keys (<<) are not supported; write the keys out",
                    )
                )
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self.problems.append(
                    Problem(
                        self.doc.source,
                        key_line,
                        dotted(loc) or None,
                        "a key must be a plain word, not a list or mapping",
                    )
                )
                continue
            key = self.loader.construct_object(key_node)
            key = str(key) if isinstance(key, float | bool) or key is None else key
            if key in first_line:
                self.problems.append(
                    Problem(
                        self.doc.source,
                        key_line,
                        dotted((*loc, key)),
                        f"written twice (lines {first_line[key]} and {key_line}); keep one",
                    )
                )
                continue
            first_line[key] = key_line
            out[key] = self.build(value_node, (*loc, key), key_line)
        return out


def parse_yaml(text: str, source: str | Path, *, line_offset: int = 0) -> YamlDoc:
    """Parse ``text`` (already read) safely; raise :class:`FileError` naming file and line."""
    source = str(source)
    doc = YamlDoc(source, None)
    doc.offset = line_offset
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return doc
        builder = _Builder(loader, doc, line_offset)
        doc.data = builder.build(node, (), 1 + line_offset)
    except _Refused as exc:
        raise FileError.one(source, f"refused: {exc.message}", line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark is not None else None
        problem = exc.problem or exc.context or "cannot be read"
        raise FileError.one(source, f"not valid YAML ({problem})", line=line) from None
    except yaml.YAMLError as exc:
        raise FileError.one(source, f"not valid YAML ({exc})") from None
    finally:
        loader.dispose()
    if builder.problems:
        raise FileError(builder.problems)
    return doc


def read_yaml(path: Path, *, max_bytes: int = MAX_YAML_BYTES) -> YamlDoc:
    """Read a YAML file: size, encoding and syntax checked; every value keeps its line."""
    return parse_yaml(read_text(path, max_bytes=max_bytes), path)


def yaml_files(path: Path, *, suffixes: tuple[str, ...] = (".yml", ".yaml")) -> Iterator[Path]:
    """A file, or the files of a folder with these suffixes (sorted)."""
    if path.is_dir():
        yield from sorted(p for p in path.iterdir() if p.suffix in suffixes and p.is_file())
    else:
        yield path

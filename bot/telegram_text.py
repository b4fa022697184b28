"""Telegram's text rules in one place: HTML ``parse_mode`` parsing and UTF-16 lengths.

The bot checks what it will send with these (broadcast and content files, captions); the Bot API
emulator uses the same parser to answer as Telegram would. Production code imports this module,
never the emulator.

The parser follows TDLib's ``parse_html`` closely so that markup which
Telegram rejects is rejected here too, with the same error wording
(``Unsupported start tag "foo" at byte offset 5`` and friends).  Offsets and
lengths of the produced entities are in UTF-16 code units, like Telegram's.

One deliberate difference: by default a bare ``&`` that does not start a
valid entity is an error (``strict=True``).  Real Telegram silently keeps it,
but a bot that forgets to escape user input is a bug we want tests to catch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

Entity = dict[str, Any]

_SIMPLE_TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
}
KNOWN_TAGS = frozenset(_SIMPLE_TAGS) | {"a", "code", "pre", "span", "blockquote", "tg-emoji"}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,4}));")


class EntityParseError(ValueError):
    """Markup Telegram refuses: ``400 Bad Request: can't parse entities: <reason>``."""

    error_code = 400

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.description = f"Bad Request: can't parse entities: {reason}"
        super().__init__(self.description)


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (Telegram's unit for offsets)."""
    return len(text.encode("utf-16-le")) // 2


def _decode_entity(source: str, pos: int) -> tuple[str, int] | None:
    """Decode the HTML entity starting at ``source[pos] == '&'``.

    Returns ``(character, consumed_length)`` or ``None`` when it is not one of
    the entities Telegram understands.
    """
    match = _ENTITY_RE.match(source, pos)
    if match is None:
        return None
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        char = _NAMED_ENTITIES.get(name)
        if char is None:
            return None
        return char, match.end() - pos
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end() - pos


def _decode_attribute(value: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(value):
        decoded = _decode_entity(value, i) if value[i] == "&" else None
        if decoded is None:
            out.append(value[i])
            i += 1
        else:
            out.append(decoded[0])
            i += decoded[1]
    return "".join(out)


@dataclass
class _OpenTag:
    name: str
    offset: int
    byte_pos: int
    attrs: dict[str, str] = field(default_factory=dict)
    language: str | None = None


class _HtmlParser:
    """Single-pass HTML parser; use :func:`parse_html`."""

    def __init__(self, source: str, strict: bool) -> None:
        self.src = source
        self.n = len(source)
        self.strict = strict
        self.out: list[str] = []
        self.pos16 = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[Entity] = []

    def byte_offset(self, index: int) -> int:
        return len(self.src[:index].encode("utf-8"))

    def emit(self, char: str) -> None:
        self.out.append(char)
        self.pos16 += 2 if ord(char) > 0xFFFF else 1

    def parse(self) -> tuple[str, list[Entity]]:
        i = 0
        while i < self.n:
            char = self.src[i]
            if char == "&":
                decoded = _decode_entity(self.src, i)
                if decoded is not None:
                    self.emit(decoded[0])
                    i += decoded[1]
                    continue
                if self.strict:
                    raise EntityParseError(
                        f'Unescaped "&" at byte offset {self.byte_offset(i)}; use "&amp;"'
                    )
            if char != "<":
                self.emit(char)
                i += 1
                continue
            if i + 1 < self.n and self.src[i + 1] == "/":
                i = self.end_tag(i)
            else:
                i = self.start_tag(i)
        if self.stack:
            raise EntityParseError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        return "".join(self.out), self.entities

    def skip_spaces(self, j: int) -> int:
        while j < self.n and self.src[j].isspace():
            j += 1
        return j

    def start_tag(self, begin: int) -> int:
        src, n = self.src, self.n
        j = begin + 1
        while j < n and not src[j].isspace() and src[j] != ">":
            j += 1
        byte_pos = self.byte_offset(begin)
        if j >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {byte_pos}")
        name = src[begin + 1 : j].lower()
        if name not in KNOWN_TAGS:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {byte_pos}')
        tag = _OpenTag(name, self.pos16, byte_pos)
        while True:
            j = self.skip_spaces(j)
            if j >= n:
                raise EntityParseError(f'Unclosed start tag "{name}" at byte offset {byte_pos}')
            if src[j] == ">":
                break
            attr_begin = j
            while j < n and not src[j].isspace() and src[j] not in "=>":
                j += 1
            attr = src[attr_begin:j].lower()
            j = self.skip_spaces(j)
            if j >= n or src[j] != "=":
                tag.attrs[attr] = ""  # valueless attribute, e.g. <blockquote expandable>
                continue
            j = self.skip_spaces(j + 1)
            if j >= n:
                raise EntityParseError(f'Unclosed start tag "{name}" at byte offset {byte_pos}')
            if src[j] in "\"'":
                end = src.find(src[j], j + 1)
                if end < 0:
                    raise EntityParseError(f"Unclosed start tag at byte offset {byte_pos}")
                tag.attrs[attr] = _decode_attribute(src[j + 1 : end])
                j = end + 1
            else:
                end = j
                while end < n and not src[end].isspace() and src[end] != ">":
                    end += 1
                tag.attrs[attr] = src[j:end]
                j = end
        if name == "span" and tag.attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_pos}'
            )
        self.stack.append(tag)
        return j + 1

    def end_tag(self, begin: int) -> int:
        src, n = self.src, self.n
        byte_pos = self.byte_offset(begin)
        if not self.stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {byte_pos}")
        j = begin + 2
        while j < n and not src[j].isspace() and src[j] != ">":
            j += 1
        end_name = src[begin + 2 : j].lower()
        j = self.skip_spaces(j)
        if j >= n or src[j] != ">":
            raise EntityParseError(f"Unclosed end tag at byte offset {byte_pos}")
        tag = self.stack.pop()
        if end_name and end_name != tag.name:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {byte_pos}, expected "</{tag.name}>", '
                f'found "</{end_name}>"'
            )
        self.close(tag)
        return j + 1

    def close(self, tag: _OpenTag) -> None:
        length = self.pos16 - tag.offset
        parent = self.stack[-1] if self.stack else None
        if tag.name == "code" and parent is not None and parent.name == "pre":
            css = tag.attrs.get("class", "")
            if css.startswith("language-") and len(css) > len("language-"):
                parent.language = css[len("language-") :]
            return
        if length <= 0:
            return
        entity: Entity = {"offset": tag.offset, "length": length}
        if tag.name in _SIMPLE_TAGS:
            entity["type"] = _SIMPLE_TAGS[tag.name]
        elif tag.name == "span":
            entity["type"] = "spoiler"
        elif tag.name == "code":
            entity["type"] = "code"
        elif tag.name == "pre":
            entity["type"] = "pre"
            if tag.language:
                entity["language"] = tag.language
        elif tag.name == "blockquote":
            entity["type"] = "expandable_blockquote" if "expandable" in tag.attrs else "blockquote"
        elif tag.name == "a":
            href = tag.attrs.get("href", "").strip()
            if not href:
                return
            entity.update(type="text_link", url=href)
        elif tag.name == "tg-emoji":
            emoji_id = tag.attrs.get("emoji-id", "")
            if not emoji_id:
                return
            entity.update(type="custom_emoji", custom_emoji_id=emoji_id)
        self.entities.append(entity)


def _trim(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Strip surrounding whitespace like Telegram and clip entities to the result."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    result: list[Entity] = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, total)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return stripped, result


def parse_html(source: str, *, strict: bool = True) -> tuple[str, list[Entity]]:
    """Parse Telegram-flavoured HTML into ``(plain_text, entities)``.

    Raises :class:`EntityParseError` for markup Telegram would refuse.
    """
    text, entities = _HtmlParser(source, strict).parse()
    text, entities = _trim(text, entities)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return text, entities

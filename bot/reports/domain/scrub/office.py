"""Word, Excel and PowerPoint files (Office Open XML) without who wrote them and where.

The package is written again part by part, with neutral zip dates:
- core properties (creator, lastModifiedBy, dates, title…) and extended properties (Company,
  Manager, Application…) become empty but valid parts; custom properties and the thumbnail are
  dropped with their relationships and content types;
- the names of comment and tracked-change authors become "Anonim" (their dates go), in Word,
  Excel (legacy and threaded comments, persons) and PowerPoint (comment authors);
- links to local files (``file:///C:/Users/<name>/…``: the attached template, external
  workbooks) and Excel's saved folder path are blanked; printers' names are zeroed;
- pictures (``*/media/*``) are cleaned like evidence photos; embedded Office files recursively.

Attribute values are replaced in the part's own text, so everything else stays byte for byte
(xml.etree would rename namespace prefixes that ``mc:Ignorable`` refers to); every rewritten part
is parsed again and must hold no other value. Refused: a zip that is not an Office package,
damaged or encrypted entries, macros, embedded objects other than Office files, SVG and other
pictures that cannot be cleaned.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Mapping
from xml.etree import ElementTree as ET
from xml.sax.saxutils import quoteattr

from bot.reports.domain.scrub.errors import UnscrubbableError
from bot.reports.domain.scrub.images import EXTENSIONS, scrub_image

ANONYMOUS = "Anonim"
OFFICE_EXTENSIONS = frozenset({"docx", "dotx", "xlsx", "xltx", "pptx", "potx", "ppsx"})
_MAIN_FOLDERS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
_MAX_TOTAL = 200 * 1024 * 1024
_MAX_DEPTH = 2
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_CORE = (
    _XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
    'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
).encode()
_APP = (
    _XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"/>'
).encode()
_REL_CORE = "/metadata/core-properties"
_REL_APP = "/extended-properties"
_REL_DROPPED = ("/custom-properties", "/metadata/thumbnail")
_LOCAL_PATH = re.compile(r"^(file:|[A-Za-z]:[\\/]|\\\\)", re.IGNORECASE)

#: Per part: attributes (by local name) set to a value, or removed (None).
_ATTRIBUTES: tuple[tuple[re.Pattern[str], Mapping[str, str | None]], ...] = (
    (
        re.compile(r"^word/[^/]+\.xml$"),
        {
            "author": ANONYMOUS,
            "initials": None,
            "date": None,
            "dateUtc": None,
            "userId": ANONYMOUS,
            "providerId": "None",
        },
    ),
    (
        re.compile(r"^xl/persons/[^/]+\.xml$"),
        {"displayName": ANONYMOUS, "userId": ANONYMOUS, "providerId": "None"},
    ),
    (re.compile(r"^xl/threadedComments/[^/]+\.xml$"), {"dT": None}),
    (re.compile(r"^xl/workbook\.xml$"), {"url": ""}),
    (
        re.compile(r"^ppt/(commentAuthors|authors)\.xml$"),
        {"name": ANONYMOUS, "initials": None, "userId": ANONYMOUS, "providerId": "None"},
    ),
)
#: Per part: elements (by local name) whose text is replaced.
_TEXTS: tuple[tuple[re.Pattern[str], str], ...] = ((re.compile(r"^xl/comments"), "author"),)
_TAG = re.compile(r"<[A-Za-z_][^<>]*>")


def scrub_office(data: bytes, ext: str, depth: int = 0) -> tuple[bytes, str]:
    """The package without its people; returns the bytes and the extension it is sent under."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = [e.filename for e in entries]
            if "[Content_Types].xml" not in names:
                raise UnscrubbableError("a zip archive that is not an Office document")
            if len(set(names)) != len(names) or sum(e.file_size for e in entries) > _MAX_TOTAL:
                raise UnscrubbableError("the Office document's archive is malformed or too large")
            if any(e.flag_bits & 0x1 for e in entries):
                raise UnscrubbableError("the Office document is encrypted")
            parts = {e.filename: archive.read(e) for e in entries}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise UnscrubbableError(f"the Office document is damaged ({type(exc).__name__})") from exc
    if any(name.lower().endswith("vbaproject.bin") for name in parts):
        raise UnscrubbableError("the Office document has macros")
    kind = ext if ext in OFFICE_EXTENSIONS else _main_kind(parts)
    core, app, dropped = _properties_parts(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as clean:
        for name, content in parts.items():
            if name in dropped:
                continue
            if name == core:
                content = _CORE
            elif name == app:
                content = _APP
            else:
                content = _scrub_part(name, content, dropped, depth)
            clean.writestr(zipfile.ZipInfo(name, date_time=_ZIP_EPOCH), content)
    cleaned = out.getvalue()
    _verify(cleaned)
    return cleaned, kind


def _main_kind(parts: Mapping[str, bytes]) -> str:
    for folder, kind in _MAIN_FOLDERS.items():
        if any(name.startswith(folder) for name in parts):
            return kind
    raise UnscrubbableError("a zip archive that is not a Word, Excel or PowerPoint file")


def _parse(name: str, content: bytes) -> ET.Element:
    try:
        return ET.fromstring(content)
    except ET.ParseError as exc:
        raise UnscrubbableError(f"the Office part {name} is not valid XML") from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _relationships(rels_name: str, content: bytes) -> list[dict[str, str]]:
    return [dict(r.attrib) for r in _parse(rels_name, content) if _local(r.tag) == "Relationship"]


def _target(rels_name: str, target: str) -> str:
    """The part a relationship in ``rels_name`` points to, as a name in the zip."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    source_folder = posixpath.dirname(posixpath.dirname(rels_name))
    return posixpath.normpath(posixpath.join(source_folder, target)).lstrip("/")


def _properties_parts(parts: Mapping[str, bytes]) -> tuple[str, str, frozenset[str]]:
    core, app, dropped = "docProps/core.xml", "docProps/app.xml", {"docProps/custom.xml"}
    if "_rels/.rels" in parts:
        for rel in _relationships("_rels/.rels", parts["_rels/.rels"]):
            if rel.get("TargetMode") == "External" or "Target" not in rel:
                continue
            target, kind = _target("_rels/.rels", rel["Target"]), rel.get("Type", "")
            if kind.endswith(_REL_CORE):
                core = target
            elif kind.endswith(_REL_APP):
                app = target
            elif kind.endswith(_REL_DROPPED):
                dropped.add(target)
    return core, app, frozenset(dropped)


def _scrub_part(name: str, content: bytes, dropped: frozenset[str], depth: int) -> bytes:
    lower = name.lower()
    ext = lower.rsplit(".", 1)[-1] if "." in posixpath.basename(lower) else ""
    if name == "[Content_Types].xml":
        return _content_types(content, dropped)
    if ext == "rels":
        return _rels(name, content, dropped)
    if "/media/" in lower or "/embeddings/" in lower:
        return _embedded(name, content, ext, depth)
    if re.search(r"/printersettings/[^/]+\.bin$", lower):
        return bytes(64) + content[64:]  # DEVMODE starts with the printer's name (32 UTF-16 units)
    if ext == "xml":
        return _anonymise(name, content)
    return content


def _embedded(name: str, content: bytes, ext: str, depth: int) -> bytes:
    if ext in OFFICE_EXTENSIONS and depth < _MAX_DEPTH:
        return scrub_office(content, ext, depth + 1)[0]
    if ext in ("emf", "wmf", "bmp"):
        return content  # drawing records only
    fmt = next((f for f, exts in EXTENSIONS.items() if ext in exts), None)
    if fmt in ("JPEG", "PNG", "GIF", "WEBP"):
        result = scrub_image(content, fmt, ext)
        if result.ext == ext:
            return result.data
    raise UnscrubbableError(f"the Office document embeds a file that cannot be cleaned ({ext})")


def _content_types(content: bytes, dropped: frozenset[str]) -> bytes:
    lines = [f'{_XML_DECL}<Types xmlns="{_TYPES_NS}">']
    for item in _parse("[Content_Types].xml", content):
        attrs = dict(item.attrib)
        if _local(item.tag) == "Override" and attrs.get("PartName", "").lstrip("/") in dropped:
            continue
        lines.append(_element(_local(item.tag), attrs))
    return "".join([*lines, "</Types>"]).encode()


def _rels(name: str, content: bytes, dropped: frozenset[str]) -> bytes:
    lines = [f'{_XML_DECL}<Relationships xmlns="{_RELS_NS}">']
    for rel in _relationships(name, content):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            if _LOCAL_PATH.match(target):
                rel["Target"] = "about:blank"  # a path on the reporter's computer
        elif _target(name, target) in dropped:
            continue
        lines.append(_element("Relationship", rel))
    return "".join([*lines, "</Relationships>"]).encode()


def _element(tag: str, attrs: Mapping[str, str]) -> str:
    return f"<{tag}" + "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items()) + "/>"


def _anonymise(name: str, content: bytes) -> bytes:
    attributes: dict[str, str | None] = {}
    for pattern, rules in _ATTRIBUTES:
        if pattern.match(name):
            attributes.update(rules)
    texts = {element for pattern, element in _TEXTS if pattern.match(name)}
    if not attributes and not texts:
        return content
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnscrubbableError(f"the Office part {name} is not UTF-8") from exc
    if attributes:
        attr = re.compile(
            r"\s((?:[\w.-]+:)?(" + "|".join(map(re.escape, attributes)) + r"))\s*=\s*"
            r"(\"[^\"]*\"|'[^']*')"
        )

        def one(match: re.Match[str]) -> str:
            value = attributes[match.group(2)]
            return "" if value is None else f" {match.group(1)}={quoteattr(value)}"

        text = _TAG.sub(lambda tag: attr.sub(one, tag.group(0)), text)
    for element in texts:
        text = re.sub(
            r"<((?:[\w.-]+:)?" + re.escape(element) + r")>[^<]*</\1>",
            lambda m: f"<{m.group(1)}>{ANONYMOUS}</{m.group(1)}>",
            text,
        )
    cleaned = text.encode("utf-8")
    for el in _parse(name, cleaned).iter():
        for key, value in el.attrib.items():
            if _local(key) in attributes and attributes[_local(key)] != value:
                raise UnscrubbableError(f"the Office part {name} could not be anonymised")
        if _local(el.tag) in texts and (el.text or "") != ANONYMOUS:
            raise UnscrubbableError(f"the Office part {name} could not be anonymised")
    return cleaned


def _verify(data: bytes) -> None:
    """Every XML part of the cleaned package parses; the property parts are empty."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                root = _parse(name, archive.read(name))
                if _local(root.tag) in ("coreProperties", "Properties") and len(root):
                    raise UnscrubbableError(f"properties left in {name}")

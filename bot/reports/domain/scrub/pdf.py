"""PDFs without who made them: document info, XMP, annotation authors, photos' EXIF.

Every object reachable from the catalogue loses its /Metadata (XMP), /PieceInfo and
/LastModified, markup annotations lose their author (/T) and dates, and JPEG images (which PDF
makers often embed untouched, EXIF and GPS included) lose their metadata segments. Then pypdf
copies what the cleaned catalogue reaches into a new file: the trailer's /Info (Author, Creator,
Producer, Title, Subject, Keywords, dates) and /ID are not copied, nor objects no longer
referenced, nor earlier revisions of an incrementally saved file.

Refused: encrypted or unreadable files, files with attachments (each is a file of its own), and
signed files (rewriting one breaks its signature, so the coordinator gets the original).
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject, StreamObject

from bot.reports.domain.scrub.errors import UnscrubbableError
from bot.reports.domain.scrub.images import strip_jpeg

_DROPPED_KEYS = ("/Metadata", "/PieceInfo", "/LastModified")
_MARKUP = frozenset(
    "/Text /FreeText /Line /Square /Circle /Polygon /PolyLine /Highlight /Underline /Squiggly "
    "/StrikeOut /Stamp /Caret /Ink /Popup /FileAttachment /Sound /Redact".split()
)
_ANNOTATION_PERSONAL = ("/T", "/M", "/CreationDate")


def scrub_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnscrubbableError("the PDF is encrypted")
        pages = len(reader.pages)
        for obj in _reachable(reader.root_object):  # cleaned where read, before it is copied
            _clean(obj)
        writer = PdfWriter()
        # what the cleaned /Root reaches, and nothing else: no /Info, no /ID, no orphans
        writer.clone_reader_document_root(reader)
        writer.generate_file_identifiers()
        out = io.BytesIO()
        writer.write(out)
    except UnscrubbableError:
        raise
    except Exception as exc:  # pypdf raises many kinds for damaged or hostile files
        raise UnscrubbableError(f"the PDF cannot be read ({type(exc).__name__})") from exc
    cleaned = out.getvalue()
    _verify(cleaned, pages)
    return cleaned


def _reachable(root: PdfObject) -> Iterator[DictionaryObject]:
    """Every dictionary and stream reachable from ``root``, each once, after it may be changed."""
    seen: set[int] = set()
    stack: list[PdfObject] = [root]
    while stack:
        obj: PdfObject | None = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                continue
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            yield obj  # the caller removes what must not be followed before we go on
            stack.extend(dict.values(obj))
        elif isinstance(obj, ArrayObject):
            stack.extend(list.__iter__(obj))


def _clean(obj: DictionaryObject) -> None:
    if "/EF" in obj or obj.get("/Type") == "/EmbeddedFile":
        raise UnscrubbableError("the PDF has attached files")
    if obj.get("/Type") == "/Sig" or (obj.get("/FT") == "/Sig" and "/V" in obj):
        raise UnscrubbableError("the PDF is digitally signed")
    for key in _DROPPED_KEYS:
        obj.pop(key, None)
    if obj.get("/Subtype") in _MARKUP:
        for key in _ANNOTATION_PERSONAL:
            obj.pop(key, None)
    if isinstance(obj, StreamObject) and obj.get("/Subtype") == "/Image":
        filters = obj.get("/Filter")
        if filters == "/DCTDecode":
            # pypdf re-encodes only Flate streams; a JPEG's bytes are set as they are
            StreamObject.set_data(obj, strip_jpeg(obj.get_data()))
        elif isinstance(filters, list) and "/DCTDecode" in filters:
            raise UnscrubbableError("the PDF has a JPEG image under several filters")


def _verify(data: bytes, pages: int) -> None:
    reader = PdfReader(io.BytesIO(data))
    if len(reader.pages) != pages:
        raise UnscrubbableError("the cleaned PDF lost pages")
    root = reader.trailer["/Root"].get_object()
    if reader.metadata or not isinstance(root, DictionaryObject) or "/Metadata" in root:
        raise UnscrubbableError("metadata left in the PDF")

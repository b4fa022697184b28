"""Evidence files without what identifies or locates the reporter: one call, ``scrub()``.

The kind is decided by the file's first bytes, never by its name alone (a JPEG renamed ``.txt``
is still cleaned as a JPEG); the extension and MIME type only choose between the kinds that have
no signature (plain text). Free of aiogram: bytes in, bytes out.

=========================  ===================================================  =================
Kind (detected by)         What is removed                                      Result
=========================  ===================================================  =================
JPEG, PNG, WebP, GIF       EXIF (GPS, make/model, serial, owner, dates), XMP,   same format,
                           IPTC/Photoshop, ICC, PNG tEXt/iTXt/zTXt/tIME,        picture bytes
                           comments, data after the image; a rotated picture    kept (re-encoded
                           is turned upright                                    only to turn it)
HEIC/HEIF, AVIF            everything but the pixels (decoded, upright)         JPEG, ``.jpg``
PDF                        /Info (Author, Creator, Producer, Title, Subject,    PDF
                           Keywords, dates), /ID, XMP streams, /PieceInfo,
                           annotation authors and dates, EXIF of JPEGs inside
DOCX, XLSX, PPTX (OOXML)   core/app properties emptied, custom properties and   same format
                           thumbnail dropped, comment and revision authors
                           "Anonim", local paths, printer names; pictures and
                           Office files inside cleaned
MP3                        ID3v2 and ID3v1 tags                                 MP3
txt, csv, tsv, md, log     nothing to remove (checked to be text)               unchanged
empty file                 nothing                                              unchanged
=========================  ===================================================  =================

Refused with :class:`UnscrubbableError` (the caller holds the file for a coordinator):
- video and other ISO/QuickTime media (mp4, mov, 3gp, m4a): GPS and device live in ``udta``/
  ``meta`` boxes, but also in vendor boxes and telemetry tracks (GoPro GPMF, dash cams) that no
  pure-Python rewrite can promise to find; cleaning needs ffmpeg and a re-mux;
- encrypted, signed, damaged or attachment-carrying PDFs; encrypted, damaged or macro-enabled
  Office files, a zip that is not an Office document, OpenDocument, legacy Office (OLE2), RTF;
- TIFF, SVG, Ogg, WAV, animated pictures with a rotation tag, MP3 with APE/Lyrics tags;
- anything else that is binary or unknown.
"""

from __future__ import annotations

from bot.reports.domain.scrub.audio import strip_mp3
from bot.reports.domain.scrub.errors import Scrubbed, UnscrubbableError
from bot.reports.domain.scrub.images import scrub_image
from bot.reports.domain.scrub.office import scrub_office
from bot.reports.domain.scrub.pdf import scrub_pdf

__all__ = ["Scrubbed", "UnscrubbableError", "scrub", "sniff"]

TEXT_EXTENSIONS = frozenset({"txt", "csv", "tsv", "md", "log"})
TEXT_MIMES = frozenset({"text/plain", "text/csv", "text/tab-separated-values", "text/markdown"})
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"})
_AVIF_BRANDS = frozenset({b"avif", b"avis"})
_IMAGE_BRANDS = frozenset({b"mif1", b"msf1"})  # still images, codec named by another brand
_ISO_BOXES = (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),
    (b"{\\rtf", "rtf"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"OggS", "ogg"),
    (b"ID3", "mp3"),
    (b"fLaC", "flac"),
    (b"\x1aE\xdf\xa3", "matroska"),
)
_REFUSED = {
    "video": "video files cannot be cleaned of their metadata without re-muxing them",
    "ole2": "legacy Office files (doc/xls/ppt) cannot be cleaned",
    "rtf": "RTF files keep their author in an info group that is not cleaned",
    "tiff": "TIFF files are metadata containers and are not cleaned",
    "ogg": "Ogg files carry comment tags that are not cleaned",
    "flac": "FLAC files carry comment tags that are not cleaned",
    "matroska": "video files cannot be cleaned of their metadata without re-muxing them",
    "wav": "WAV files carry INFO chunks that are not cleaned",
}


def sniff(data: bytes) -> str | None:
    """The file's kind from its first bytes: a Pillow format name, ``pdf``, ``zip``…; None."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE"):
        return "WEBP" if data[8:12] == b"WEBP" else "wav"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[4:8] in _ISO_BOXES:
        return _iso_kind(data)
    if len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0:
        return "mp3"  # an MPEG audio frame without a leading tag
    return None


def _iso_kind(data: bytes) -> str:
    """HEIF and AVIF pictures by their ``ftyp`` brands; every other ISO/QuickTime file is video."""
    if data[4:8] != b"ftyp":
        return "video"
    end = min(int.from_bytes(data[:4], "big"), len(data), 128)
    brands = {data[8:12]} | {data[i : i + 4] for i in range(16, end - 3, 4)}
    if brands & _HEIF_BRANDS:
        return "HEIF"
    if brands & _AVIF_BRANDS:
        return "AVIF"
    return "HEIF" if data[8:12] in _IMAGE_BRANDS else "video"


def scrub(data: bytes, ext: str, mime: str | None = None) -> Scrubbed:
    """The file cleaned of what identifies or locates its maker, or :class:`UnscrubbableError`.

    ``ext`` is the extension the file came with (lower case, no dot): kept when it fits the
    detected kind, else replaced by the kind's own (``heic`` is sent as ``jpg``).
    """
    ext = ext.lower().lstrip(".")
    if not data:
        return Scrubbed(data, ext)
    kind = sniff(data)
    if kind in ("JPEG", "PNG", "WEBP", "GIF", "HEIF", "AVIF"):
        return scrub_image(data, kind, ext)
    if kind == "pdf":
        return Scrubbed(scrub_pdf(data), "pdf")
    if kind == "zip":
        return Scrubbed(*scrub_office(data, ext))
    if kind == "mp3" and (ext == "mp3" or mime == "audio/mpeg" or data.startswith(b"ID3")):
        return Scrubbed(strip_mp3(data), "mp3")
    if kind in _REFUSED:
        raise UnscrubbableError(_REFUSED[kind])
    if kind is None and (ext in TEXT_EXTENSIONS or mime in TEXT_MIMES) and _is_text(data):
        return Scrubbed(data, ext if ext in TEXT_EXTENSIONS else "txt")
    raise UnscrubbableError(f"files of this kind ({ext or mime or 'unknown'}) are not cleaned")


def _is_text(data: bytes) -> bool:
    """UTF-8 text (a BOM allowed) without NUL bytes: nothing but what the reporter typed."""
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True

"""Evidence leaves the bot under neutral names and without the metadata that endangers reporters.

A document keeps the name the reporter's phone gave it (``KTP_Siti_Rahayu_987654321.pdf``) when
it is re-sent by file id, and a JPEG sent as a file keeps its EXIF (GPS, device). So files that can
carry a name are downloaded and uploaded again as ``LP-2026-000123-bukti-2.pdf``, and images are
re-encoded without their metadata. Photos and voice notes carry no file name (Telegram re-encodes
photos) and go by file id.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

import aiohttp
from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BufferedInputFile

log = logging.getLogger("bot.reports")

#: Kinds whose Telegram object carries the sender's file name.
NAMED_KINDS = frozenset({"document", "video"})
_SAFE_EXT = re.compile(r"^[a-z0-9]{1,5}$")
_IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
_DEFAULT_EXT = {"document": "bin", "video": "mp4"}


class EvidenceUnavailableError(Exception):
    """A file that could not be fetched to be sent under a neutral name."""


@dataclass(frozen=True, slots=True)
class OutgoingFile:
    """What to hand to ``send_document``/``send_video``: a file id or a neutral upload."""

    media: str | BufferedInputFile
    name: str | None = None


def neutral_name(code: str, index: int, source_path: str | None, kind: str) -> str:
    """``LP-2026-000123-bukti-2.pdf``: the report's code, the evidence number, a plain extension."""
    ext = ""
    if source_path and "." in source_path.rsplit("/", 1)[-1]:
        ext = source_path.rsplit(".", 1)[-1].lower()
    if not _SAFE_EXT.match(ext):
        ext = _DEFAULT_EXT.get(kind, "bin")
    return f"{code}-bukti-{index}.{ext}"


def scrub_image(data: bytes, ext: str) -> bytes:
    """The image re-encoded without EXIF/XMP/ICC text; unchanged bytes when it is no image."""
    fmt = _IMAGE_FORMATS.get(ext)
    if fmt is None:
        return data
    try:
        from PIL import Image, ImageOps

        with Image.open(io.BytesIO(data)) as image:
            clean = ImageOps.exif_transpose(image)  # keep the picture upright without its EXIF
            clean.info = {}  # nothing of the original's metadata is written again
            out = io.BytesIO()
            clean.save(out, format=fmt)
            return out.getvalue()
    except Exception:  # not a decodable image: it is sent as the bytes it is
        log.info("evidence with extension %s is not a readable image; not re-encoded", ext)
        return data


async def outgoing_file(bot: Bot, code: str, index: int, kind: str, file_id: str) -> OutgoingFile:
    """The evidence ready to send: by file id when it has no name, else a neutral upload.

    Raises :class:`EvidenceUnavailableError` when the file cannot be fetched: the caller must then
    not fall back to the file id, which would carry the original name.
    """
    if kind not in NAMED_KINDS:
        return OutgoingFile(file_id)
    try:
        info = await bot.get_file(file_id)
        if info.file_path is None:
            raise EvidenceUnavailableError("the file has no download path")
        buffer = await bot.download_file(info.file_path)
    except (TelegramAPIError, aiohttp.ClientError, TimeoutError) as exc:
        raise EvidenceUnavailableError(type(exc).__name__) from exc
    data = buffer.read() if buffer is not None else b""
    name = neutral_name(code, index, info.file_path, kind)
    data = scrub_image(data, name.rsplit(".", 1)[-1])
    return OutgoingFile(BufferedInputFile(data, filename=name), name)

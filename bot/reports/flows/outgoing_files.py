"""Evidence leaves the bot under neutral names and without the metadata that endangers reporters.

A document keeps the name the reporter's phone gave it (``KTP_Siti_Rahayu_987654321.pdf``) when
it is re-sent by file id, and a JPEG sent as a file keeps its EXIF (GPS, device). So files that can
carry a name are downloaded and uploaded again as ``LP-2026-000123-bukti-2.pdf``, cleaned of their
metadata by :func:`bot.reports.domain.scrub.scrub` (images, PDF, Office files, MP3); a file that cannot be
cleaned is not sent. Photos and voice notes carry no file name (Telegram re-encodes photos) and go
by file id.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass

import aiohttp
from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BufferedInputFile

from bot.reports.domain.scrub import UnscrubbableError, scrub

log = logging.getLogger("bot.reports")

#: Kinds whose Telegram object carries the sender's file name.
NAMED_KINDS = frozenset({"document", "video"})
_SAFE_EXT = re.compile(r"^[a-z0-9]{1,5}$")
_DEFAULT_EXT = {"document": "bin", "video": "mp4"}


class EvidenceUnavailableError(Exception):
    """A file that could not be fetched, or cleaned, to be sent under a neutral name."""


class EvidenceHeldError(EvidenceUnavailableError):
    """A file that can carry metadata and cannot be cleaned: held for the coordinators."""


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


async def outgoing_file(bot: Bot, code: str, index: int, kind: str, file_id: str) -> OutgoingFile:
    """The evidence ready to send: by file id when it has no name, else a neutral upload.

    Raises :class:`EvidenceUnavailableError` when the file cannot be fetched or cleaned of its
    metadata: the caller must then not fall back to the file id, which would carry the original
    name and metadata.
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
    stem, ext = neutral_name(code, index, info.file_path, kind).rsplit(".", 1)
    try:
        clean = await asyncio.to_thread(scrub, data, ext)  # decoding pictures takes CPU time
    except UnscrubbableError as exc:
        raise EvidenceHeldError(exc.reason) from exc
    name = f"{stem}.{clean.ext}"
    return OutgoingFile(BufferedInputFile(clean.data, filename=name), name)

"""Files: resolving ``InputFile`` parameters and building media objects."""

from __future__ import annotations

import base64
from typing import Any

from .errors import WRONG_FILE, bad_request
from .params import UploadedFile
from .state import BotState, FileRecord

MEDIA_KINDS = ("photo", "video", "document", "audio", "voice", "animation", "sticker", "video_note")
_PHOTO_SIZES = ((90, 68), (320, 240), (800, 600))
_DEFAULT_MIME = {
    "video": "video/mp4",
    "voice": "audio/ogg",
    "audio": "audio/mpeg",
    "animation": "video/mp4",
}


def resolve_file(bot: BotState, value: Any, raw: dict[str, Any], kind: str) -> FileRecord:
    """Turn a file parameter (upload, ``attach://``, URL or file_id) into a record."""
    if isinstance(value, str) and value.startswith("attach://"):
        value = raw.get(value[len("attach://") :])
        if not isinstance(value, UploadedFile):
            raise bad_request(WRONG_FILE)
    if isinstance(value, UploadedFile):
        return bot.add_file(
            value.data, kind=kind, file_name=value.filename, mime_type=value.content_type
        )
    if isinstance(value, str) and value:
        if value.startswith(("http://", "https://")):
            name = value.rsplit("/", 1)[-1] or None
            return bot.add_file(b"", kind=kind, file_name=name, mime_type=_DEFAULT_MIME.get(kind))
        record = bot.files.get(value)
        if record is None:
            raise bad_request(WRONG_FILE)
        return record
    raise bad_request(f"there is no {kind} in the request")


def media_object(bot: BotState, record: FileRecord, kind: str) -> Any:
    """The Telegram object (``PhotoSize`` list, ``Document``, ...) for a file."""
    base: dict[str, Any] = {
        "file_id": record.file_id,
        "file_unique_id": record.file_unique_id,
        "file_size": record.file_size,
    }
    if kind == "photo":
        sizes = []
        for index, (width, height) in enumerate(_PHOTO_SIZES):
            if index == len(_PHOTO_SIZES) - 1:
                size = dict(base)
            else:
                alias = f"{record.file_id}-{width}"
                bot.files.setdefault(alias, record)
                size = {
                    **base,
                    "file_id": alias,
                    "file_unique_id": f"{record.file_unique_id}{width}",
                }
            sizes.append({**size, "width": width, "height": height})
        return sizes
    mime = record.mime_type or _DEFAULT_MIME.get(kind)
    if kind in ("document", "audio", "video", "animation", "voice") and mime:
        base["mime_type"] = mime
    if kind in ("document", "audio", "video", "animation") and record.file_name:
        base["file_name"] = record.file_name
    if kind in ("video", "animation"):
        base.update(width=640, height=360, duration=1)
    elif kind in ("voice", "audio"):
        base["duration"] = 1
    elif kind == "video_note":
        base.update(length=240, duration=1)
    elif kind == "sticker":
        base.update(
            type="regular", width=512, height=512, is_animated=False, is_video=False, emoji="🙂"
        )
    return base


def fake_user_file(bot: BotState, kind: str, **meta: Any) -> Any:
    """Create a file "sent by a user" and return its media object.

    ``content_b64`` gives the file's bytes (base64); otherwise it is ``file_size`` zero bytes.
    """
    content = meta.get("content_b64")
    data = base64.b64decode(content) if content else None
    size = len(data) if data is not None else int(meta.get("file_size") or 1024)
    record = bot.add_file(
        data if data is not None else b"\0" * min(size, 1 << 20),
        kind=kind,
        file_name=meta.get("file_name"),
        mime_type=meta.get("mime_type"),
    )
    media = media_object(bot, record, kind)
    if kind == "document" and meta.get("file_size"):
        media["file_size"] = size
    return media


def file_info(record: FileRecord, file_id: str) -> dict[str, Any]:
    """``getFile`` result."""
    return {
        "file_id": file_id,
        "file_unique_id": record.file_unique_id,
        "file_size": record.file_size,
        "file_path": record.file_path,
    }

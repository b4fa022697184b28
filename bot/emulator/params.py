"""Reading Bot API parameters from any request encoding.

aiogram sends ``multipart/form-data`` in which nested objects are JSON
strings and files are extra parts; other clients use urlencoded forms, JSON
bodies or the query string.  :func:`read_params` merges all of these into a
flat dict and :class:`Params` offers typed accessors that raise Telegram's
``Bad Request`` errors.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import MultipartReader, web

from .errors import ApiError, bad_request

_INTEGER_FIELDS = frozenset(
    "chat_id from_chat_id message_id user_id cache_time offset limit timeout reply_to_message_id "
    "message_thread_id duration width height max_connections".split()
)


@dataclass
class UploadedFile:
    """A file part of a multipart request."""

    filename: str
    content_type: str | None
    data: bytes

    def describe(self) -> dict[str, Any]:
        """JSON-safe summary used in the call log."""
        return {"upload": self.filename, "size": len(self.data), "content_type": self.content_type}


async def read_multipart(reader: MultipartReader) -> dict[str, Any]:
    """Read every part of a multipart body (text fields and files)."""
    result: dict[str, Any] = {}
    while True:
        part = await reader.next()
        if part is None:
            return result
        if isinstance(part, MultipartReader):
            result.update(await read_multipart(part))
            continue
        name = part.name or ""
        raw = await part.read(decode=True)
        if part.filename:
            content_type = part.headers.get("Content-Type")
            result[name] = UploadedFile(part.filename, content_type, bytes(raw))
        else:
            result[name] = bytes(raw).decode(part.get_charset("utf-8"))


async def read_params(request: web.Request) -> dict[str, Any]:
    """Merge query string and body parameters of a Bot API request."""
    params: dict[str, Any] = dict(request.query)
    if request.method != "POST" or not request.body_exists:
        return params
    content_type = request.content_type
    if content_type == "application/json":
        try:
            body = await request.json()
        except ValueError as exc:
            raise bad_request("can't parse JSON body") from exc
        if not isinstance(body, dict):
            raise bad_request("JSON body must be an object")
        params.update(body)
    elif content_type.startswith("multipart/"):
        params.update(await read_multipart(await request.multipart()))
    else:
        params.update((await request.post()).items())
    return params


class Params:
    """Typed access to one call's parameters."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __contains__(self, name: str) -> bool:
        return self.get(name) is not None

    def get(self, name: str, default: Any = None) -> Any:
        value = self.raw.get(name)
        return default if value is None or value == "" else value

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.get(name)
        if value is None:
            return default
        if isinstance(value, UploadedFile):
            raise bad_request(f'field "{name}" must be of type String')
        return value if isinstance(value, str) else json.dumps(value)

    def require_str(self, name: str, missing: str | None = None) -> str:
        value = self.text(name)
        if value is None:
            raise bad_request(missing or f"{name} is empty")
        return value

    def integer(self, name: str, default: int | None = None) -> int | None:
        value = self.get(name)
        if value is None:
            return default
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise bad_request(f'field "{name}" must be of type Integer') from exc

    def require_int(self, name: str, missing: str | None = None) -> int:
        value = self.integer(name)
        if value is None:
            raise bad_request(missing or f"{name} is empty")
        return value

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        return str(value).lower() in ("true", "1", "yes")

    def json_value(self, name: str, error: str | None = None) -> Any:
        """Decode a JSON-string parameter (already-decoded values pass through)."""
        value = self.get(name)
        if value is None or not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError as exc:
            raise ApiError(400, error or f"Bad Request: can't parse {name} JSON object") from exc

    def chat_ref(self, name: str = "chat_id") -> int | str:
        """``chat_id`` as an int or an ``@username`` string."""
        value = self.get(name)
        if value is None:
            raise bad_request("chat_id is empty")
        if isinstance(value, str) and value.startswith("@"):
            return value
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise bad_request("chat not found") from exc

    def loggable(self) -> dict[str, Any]:
        """Parameters with uploads summarised and JSON strings decoded."""
        out: dict[str, Any] = {}
        for key, value in self.raw.items():
            if isinstance(value, UploadedFile):
                out[key] = value.describe()
            elif isinstance(value, str) and value[:1] in ("{", "["):
                try:
                    out[key] = json.loads(value)
                except ValueError:
                    out[key] = value
            elif value in ("true", "false"):
                out[key] = value == "true"
            elif key in _INTEGER_FIELDS and isinstance(value, str) and value.lstrip("-").isdigit():
                out[key] = int(value)
            else:
                out[key] = value
        return out

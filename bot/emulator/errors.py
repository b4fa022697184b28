"""Bot API error type used by every emulated method.

Handlers raise :class:`ApiError`; the server turns it into Telegram's error
envelope ``{"ok": false, "error_code": ..., "description": ...}`` with the
same HTTP status code, which is what aiogram maps onto its exception classes.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Telegram-shaped API failure (``error_code`` + ``description``)."""

    def __init__(
        self, error_code: int, description: str, *, retry_after: int | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram would answer with."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(reason: str) -> ApiError:
    """``400 Bad Request: <reason>``."""
    return ApiError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> ApiError:
    """``403 Forbidden: <reason>``."""
    return ApiError(403, f"Forbidden: {reason}")


def too_many_requests(retry_after: int) -> ApiError:
    """``429 Too Many Requests`` carrying ``parameters.retry_after``."""
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


def conflict(reason: str) -> ApiError:
    """``409 Conflict: <reason>``."""
    return ApiError(409, f"Conflict: {reason}")


CHAT_NOT_FOUND = "chat not found"
WRONG_FILE = "wrong file identifier/HTTP URL specified"

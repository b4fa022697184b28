"""Domain errors of the content feature: each names its catalogue message and arguments."""

from __future__ import annotations

from typing import Any


class ContentError(Exception):
    """A refusal the user (or the CLI) is told about in plain words."""

    key = "content-error-generic"

    def __init__(self, key: str | None = None, **args: Any) -> None:
        if key is not None:
            self.key = key
        self.args_ = args
        super().__init__(f"{self.key} {args}" if args else self.key)


class NotAllowedError(ContentError):
    """The user's roles do not allow this action (re-checked in the service)."""

    key = "content-error-not-allowed"

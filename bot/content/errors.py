"""Domain errors of the content feature: each names its catalogue message and arguments."""

from __future__ import annotations

from bot.errors import UserError


class ContentError(UserError):
    """A refusal the user (or the CLI) is told about in plain words."""

    key = "content-error-generic"


class NotAllowedError(ContentError):
    """The user's roles do not allow this action (re-checked in the service)."""

    key = "content-error-not-allowed"

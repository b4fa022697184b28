"""Deep-link payloads of ``/start``: parsed and validated in one place.

Telegram allows ``[A-Za-z0-9_-]{1,64}``. Rukun uses ``<kind>-<code>``: ``a-`` an alumni cohort
invite, ``p-`` a partner invite, ``r-`` a referral. Features register a handler per kind; anything
else is answered as a plain ``/start`` with nothing granted.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

PAYLOAD_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CODE_RE = re.compile(r"^[A-Za-z0-9_]{3,60}$")


class LinkKind(StrEnum):
    ALUMNI_INVITE = "a"
    PARTNER_INVITE = "p"
    REFERRAL = "r"


@dataclass(frozen=True, slots=True)
class DeepLink:
    kind: LinkKind
    code: str


def parse_payload(payload: str | None) -> DeepLink | None:
    """The deep link in a ``/start`` payload, or None when it is absent or malformed."""
    if not payload or not PAYLOAD_RE.match(payload):
        return None
    prefix, sep, code = payload.partition("-")
    if not sep or not CODE_RE.match(code):
        return None
    try:
        kind = LinkKind(prefix)
    except ValueError:
        return None
    return DeepLink(kind, code)


def make_payload(kind: LinkKind, code: str) -> str:
    """The payload for a link; raises ValueError for a code Telegram would not carry."""
    payload = f"{kind.value}-{code}"
    if not CODE_RE.match(code) or not PAYLOAD_RE.match(payload):
        raise ValueError(f"invalid deep-link code {code!r}")
    return payload


def start_link(bot_username: str, kind: LinkKind, code: str) -> str:
    return f"https://t.me/{bot_username}?start={make_payload(kind, code)}"


#: A feature's handler: returns the text to greet with, or None when the code is not valid.
DeepLinkHandler = Callable[..., Awaitable[str | None]]


class DeepLinkRegistry:
    """Which feature answers which kind of link."""

    def __init__(self) -> None:
        self._handlers: dict[LinkKind, DeepLinkHandler] = {}

    def register(self, kind: LinkKind, handler: DeepLinkHandler) -> None:
        if kind in self._handlers:
            raise ValueError(f"a handler for {kind!r} links is already registered")
        self._handlers[kind] = handler

    async def dispatch(self, link: DeepLink, **context: Any) -> str | None:
        handler = self._handlers.get(link.kind)
        if handler is None:
            return None
        return await handler(link.code, **context)

"""Signing in to the dashboard: Telegram's signed ``initData``, one-time login links, sessions.

No aiohttp here: the checks are plain functions and a small store, tested on their own.

- ``initData`` (https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):
  ``secret = HMAC_SHA256(key="WebAppData", msg=bot_token)``; the ``hash`` field must equal
  ``HMAC_SHA256(key=secret, msg=data_check_string)`` in hex, where the data-check-string is every
  other field as ``key=value``, sorted by key, joined by newlines. ``auth_date`` must be recent.
- A login link carries a random token; only its SHA-256 is stored, it expires in minutes and
  works once (the first POST that uses it wins, atomically).
- A session is a cookie ``<user id>.<expiry>.<HMAC>`` signed with a key derived from the token.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl

from sqlalchemy import delete, update

from bot.clock import Clock
from bot.db import Database, affected
from bot.web.models import WebLoginToken

#: ``auth_date`` may be this far ahead of our clock (clock skew), not more.
FUTURE_SKEW = timedelta(seconds=60)


class InitDataError(ValueError):
    """initData that does not sign anyone in; the message says why (logged, never shown raw)."""


@dataclass(frozen=True, slots=True)
class TelegramUser:
    id: int
    first_name: str
    username: str | None
    language_code: str | None


def init_data_secret(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def sign_init_data(fields: dict[str, str], bot_token: str) -> str:
    """The ``hash`` Telegram would give these fields (tests and the playground sign with it)."""
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    return hmac.new(init_data_secret(bot_token), check.encode(), hashlib.sha256).hexdigest()


def verify_init_data(
    init_data: str, bot_token: str, *, now: datetime, max_age: timedelta
) -> TelegramUser:
    """The user Telegram vouches for in ``init_data``, or :class:`InitDataError`."""
    if not init_data or len(init_data) > 8192:
        raise InitDataError("initData is empty or too long")
    pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=False)
    fields: dict[str, str] = {}
    for key, value in pairs:
        if key in fields:
            raise InitDataError(f"initData repeats the field {key!r}")
        fields[key] = value
    given = fields.pop("hash", "")
    if not given:
        raise InitDataError("initData has no hash")
    expected = sign_init_data(fields, bot_token)
    if not hmac.compare_digest(expected, given.lower()):
        raise InitDataError("initData hash does not match (not signed with this bot's token)")
    try:
        auth_date = datetime.fromtimestamp(int(fields.get("auth_date", "")), tz=now.tzinfo)
    except (ValueError, OverflowError, OSError):
        raise InitDataError("initData has no valid auth_date") from None
    if auth_date > now + FUTURE_SKEW:
        raise InitDataError("initData auth_date is in the future")
    if now - auth_date > max_age:
        raise InitDataError(f"initData is stale (auth_date {auth_date.isoformat()})")
    try:
        user = json.loads(fields.get("user", ""))
        return TelegramUser(
            id=int(user["id"]),
            first_name=str(user.get("first_name", "")),
            username=user.get("username"),
            language_code=user.get("language_code"),
        )
    except (ValueError, TypeError, KeyError):
        raise InitDataError("initData has no valid user") from None


class SessionSigner:
    """Signs and checks the session cookie (``<user id>.<expiry unix>.<hex HMAC>``)."""

    def __init__(self, bot_token: str, lifetime: timedelta) -> None:
        self._key = hmac.new(b"RukunWebSession", bot_token.encode(), hashlib.sha256).digest()
        self.lifetime = lifetime

    def _mac(self, body: str) -> str:
        return hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()

    def issue(self, user_id: int, now: datetime) -> str:
        body = f"{user_id}.{int((now + self.lifetime).timestamp())}"
        return f"{body}.{self._mac(body)}"

    def user_of(self, cookie: str | None, now: datetime) -> int | None:
        """The signed-in user, or None for a missing, forged or expired cookie."""
        if not cookie or cookie.count(".") != 2:
            return None
        user, expiry, mac = cookie.split(".")
        if not hmac.compare_digest(self._mac(f"{user}.{expiry}"), mac):
            return None
        try:
            if int(expiry) < now.timestamp():
                return None
            return int(user)
        except ValueError:
            return None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class LoginLinks:
    """One-time login tokens: made for a user in private chat, used once within minutes."""

    def __init__(self, db: Database, clock: Clock, lifetime: timedelta) -> None:
        self.db = db
        self.clock = clock
        self.lifetime = lifetime

    async def create(self, user_id: int) -> str:
        """A fresh token for ``user_id`` (earlier unused ones of theirs stop working)."""
        token = secrets.token_urlsafe(24)
        now = self.clock.now()
        async with self.db.transaction() as s:
            await s.execute(
                delete(WebLoginToken).where(
                    (WebLoginToken.user_id == user_id) | (WebLoginToken.expires_at < now)
                )
            )
            s.add(
                WebLoginToken(
                    token_hash=token_hash(token),
                    user_id=user_id,
                    created_at=now,
                    expires_at=now + self.lifetime,
                    used_at=None,
                )
            )
        return token

    async def redeem(self, token: str) -> int | None:
        """The user the token signs in, once; None when unknown, used or expired."""
        if not token or len(token) > 128:
            return None
        digest = token_hash(token)
        now = self.clock.now()
        async with self.db.transaction() as s:
            won = await s.execute(
                update(WebLoginToken)
                .where(
                    WebLoginToken.token_hash == digest,
                    WebLoginToken.used_at.is_(None),
                    WebLoginToken.expires_at > now,
                )
                .values(used_at=now)
            )
            if not affected(won):
                return None
            row = await s.get(WebLoginToken, digest)
            return row.user_id if row is not None else None

"""The sign-in checks on their own: initData's signature and age, sessions, one-time links."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.web.auth import InitDataError, LoginLinks, SessionSigner, verify_init_data
from tests.support.harness import TOKEN
from tests.web.support import init_data

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
USER = {"id": 42, "first_name": "Ratna", "username": "ratna", "language_code": "id"}
HOUR = timedelta(hours=1)


def test_valid_init_data() -> None:
    user = verify_init_data(init_data(USER, int(NOW.timestamp())), TOKEN, now=NOW, max_age=HOUR)
    assert (user.id, user.first_name, user.username) == (42, "Ratna", "ratna")


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (init_data(USER, int(NOW.timestamp()), token="1:other"), "does not match"),
        (init_data(USER, int((NOW - 2 * HOUR).timestamp())), "stale"),
        (init_data(USER, int((NOW + HOUR).timestamp())), "future"),
        (init_data(USER, int(NOW.timestamp())).replace("Ratna", "Ratno"), "does not match"),
        ("user=%7B%7D&auth_date=1", "no hash"),
        ("", "empty"),
        (init_data(USER, int(NOW.timestamp())) + "&hash=00", "repeats"),
    ],
)
def test_refused_init_data(data: str, why: str) -> None:
    with pytest.raises(InitDataError, match=why):
        verify_init_data(data, TOKEN, now=NOW, max_age=HOUR)


def test_session_cookie() -> None:
    signer = SessionSigner(TOKEN, timedelta(hours=12))
    cookie = signer.issue(42, NOW)
    assert signer.user_of(cookie, NOW + timedelta(hours=11)) == 42
    assert signer.user_of(cookie, NOW + timedelta(hours=13)) is None  # expired
    user, expiry, mac = cookie.split(".")
    assert signer.user_of(f"43.{expiry}.{mac}", NOW) is None  # another user's id
    assert signer.user_of(f"{user}.{int(expiry) + 999999}.{mac}", NOW) is None  # lengthened
    assert SessionSigner("1:other", timedelta(hours=12)).user_of(cookie, NOW) is None
    assert signer.user_of("garbage", NOW) is None


async def test_login_link_once_and_expiring(harness: Any) -> None:
    from sqlalchemy import select

    from bot.web.models import WebLoginToken

    services = harness.services
    user = harness.user("Ratna")
    await user.send("/start")
    links = LoginLinks(services.db, services.clock, timedelta(minutes=10))
    token = await links.create(user.id)
    async with services.db.session() as s:
        stored = (await s.scalars(select(WebLoginToken.token_hash))).all()
    assert stored and token not in stored  # only its hash is kept
    assert await links.redeem(token) == user.id
    assert await links.redeem(token) is None  # once
    expired = LoginLinks(services.db, services.clock, timedelta(minutes=-1))
    assert await expired.redeem(await expired.create(user.id)) is None
    first = await links.create(user.id)
    await links.create(user.id)  # a newer link replaces the older one
    assert await links.redeem(first) is None

"""The dashboard is served by the bot's own webhook server, under web.path, next to the webhook."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import aiohttp
import pytest

from tests.support.harness import Harness
from tests.web.support import build_network, init_data


@pytest.fixture
def harness_mode() -> str:
    return "webhook"


async def test_dashboard_on_the_webhook_server(harness: Harness) -> None:
    net = await build_network(harness)
    [call] = (await harness.emu.calls("setWebhook"))[-1:]
    hook = urlsplit(call["params"]["url"])
    base = f"{hook.scheme}://{hook.netloc}/web"
    user: dict[str, Any] = {k: v for k, v in net.coordinator.info.items() if k != "is_bot"}
    now = int(harness.services.clock.now().timestamp())
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(f"{base}/api/cases") as r:
            assert r.status == 401
        async with http.post(
            f"{base}/auth/telegram", data={"init_data": init_data(user, now)}
        ) as r:
            assert r.status == 200 and (await r.json())["ok"]
            session = r.cookies["rukun_session"]
        assert session["secure"]  # web.public_url is https: the cookie is Secure (sent by hand)
        cookie = {"Cookie": f"rukun_session={session.value}"}
        async with http.get(f"{base}/api/cases", headers=cookie) as r:
            listing = await r.json()
    assert sorted(c["code"] for c in listing["cases"]) == sorted(c.code for c in net.cases.values())
    [reply] = await net.coordinator.send("/dasbor")  # the webhook still takes updates
    assert "/login/" in reply["reply_markup"]["inline_keyboard"][0][0]["url"]

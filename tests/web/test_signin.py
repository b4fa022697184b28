"""Signing in to the dashboard in a real browser: Telegram's initData, and the /dasbor link."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from tests.support.harness import Harness, buttons
from tests.web.conftest import PUBLIC_URL
from tests.web.support import build_network, init_data, mini_app_url


def _user(driver: Any) -> dict[str, Any]:
    return {k: v for k, v in driver.info.items() if k != "is_bot"}


async def test_valid_init_data_signs_in(harness: Harness, dashboard: str, browser: Any) -> None:
    net = await build_network(harness)
    now = int(harness.services.clock.now().timestamp())
    page = await browser.new_page()
    await page.goto(mini_app_url(f"{dashboard}/cases", init_data(_user(net.coordinator), now)))
    await page.wait_for_selector("#case-list")
    assert "Kasus yang dilaporkan" in await page.inner_text("h1")
    codes = await page.eval_on_selector_all("#case-list li", "els => els.map(e => e.dataset.code)")
    assert sorted(codes) == sorted(c.code for c in net.cases.values())
    cookies = await page.context.cookies()
    [session] = [c for c in cookies if c["name"] == "rukun_session"]
    assert session["httpOnly"] and session["sameSite"] == "Lax"


async def _refused(page: Any, url: str) -> None:
    await page.goto(url)
    await page.wait_for_selector("#signin-failed:not([hidden])")
    assert await page.query_selector("#case-list") is None
    assert not [c for c in await page.context.cookies() if c["name"] == "rukun_session"]
    api = await page.request.get(url.split("#")[0].replace("/cases", "/api/cases"))
    assert api.status == 401


async def test_forged_init_data_is_refused(harness: Harness, dashboard: str, browser: Any) -> None:
    net = await build_network(harness)
    now = int(harness.services.clock.now().timestamp())
    page = await browser.new_page()
    forged = init_data(_user(net.coordinator), now, token="123456:another-bots-token")
    await _refused(page, mini_app_url(f"{dashboard}/cases", forged))
    # a valid signature over another user's data, with the user field swapped afterwards
    genuine = init_data(_user(net.cilegon_member), now)
    swapped = genuine.replace(str(net.cilegon_member.id), str(net.coordinator.id))
    await _refused(page, mini_app_url(f"{dashboard}/cases", swapped))


async def test_stale_init_data_is_refused(harness: Harness, dashboard: str, browser: Any) -> None:
    net = await build_network(harness)
    max_age = harness.services.settings.web.init_data_max_age_seconds
    old = int(harness.services.clock.now().timestamp()) - max_age - 60
    page = await browser.new_page()
    await _refused(page, mini_app_url(f"{dashboard}/cases", init_data(_user(net.coordinator), old)))


async def test_citizen_cannot_sign_in(harness: Harness, dashboard: str, browser: Any) -> None:
    await build_network(harness)
    citizen = harness.user("Dewi")
    await citizen.send("/start")
    now = int(harness.services.clock.now().timestamp())
    page = await browser.new_page()
    await _refused(page, mini_app_url(f"{dashboard}/cases", init_data(_user(citizen), now)))


async def test_login_link_works_once(harness: Harness, dashboard: str, browser: Any) -> None:
    net = await build_network(harness)
    [reply] = await net.coordinator.send("/dasbor")
    [button] = buttons(reply)
    assert button["url"].startswith(f"{PUBLIC_URL}/login/")
    link = button["url"].replace(PUBLIC_URL, dashboard)
    menu = await harness.emu.calls("setChatMenuButton")
    assert any(c["params"].get("chat_id") == net.coordinator.id for c in menu)

    page = await browser.new_page()
    await page.goto(link)
    await page.click("#login-button")
    await page.wait_for_selector("#case-list")
    other = await browser.new_page()  # the same link again, in another browser
    await other.goto(link)
    await other.click("#login-button")
    await other.wait_for_selector("#error-message")
    assert "sudah dipakai" in await other.inner_text("#error-message")


async def test_dasbor_refuses_a_citizen(harness: Harness) -> None:
    citizen = harness.user("Dewi")
    await citizen.send("/start")
    [reply] = await citizen.send("/dasbor")
    assert "hanya untuk koordinator" in reply["text"]
    assert not buttons(reply)


async def test_menu_button_for_coordinators_and_partner_members(harness: Harness) -> None:
    net = await build_network(harness)
    citizen = harness.user("Dewi")
    await citizen.send("/start")
    await harness.restart()  # at start-up the bot sets the dashboard button for who may use it
    wanted = {net.coordinator.id, net.cilegon_member.id, net.jogja_member.id}
    for _ in range(100):
        calls = await harness.emu.calls("setChatMenuButton")
        if wanted <= {c["params"].get("chat_id") for c in calls}:
            break
        await asyncio.sleep(0.05)
    buttons_by_chat = {c["params"]["chat_id"]: c["params"]["menu_button"] for c in calls}
    assert wanted <= set(buttons_by_chat)
    assert citizen.id not in buttons_by_chat
    button = buttons_by_chat[net.cilegon_member.id]
    if isinstance(button, str):
        button = json.loads(button)
    assert button["type"] == "web_app"
    assert button["web_app"]["url"] == f"{PUBLIC_URL}/cases"
    assert button["text"] == "Dasbor"

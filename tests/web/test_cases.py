"""The cases pages in a real browser: who sees what, the filters, the map, the recorded reveal."""

from __future__ import annotations

from typing import Any

from tests.support.harness import Harness
from tests.support.markers import both_backends
from tests.web.support import Network, build_network, init_data, mini_app_url


async def signed_in(browser: Any, harness: Harness, dashboard: str, who: Any) -> Any:
    """A page signed in as ``who`` through the Mini App's initData."""
    user = {k: v for k, v in who.info.items() if k != "is_bot"}
    now = int(harness.services.clock.now().timestamp())
    page = await browser.new_page()
    await page.goto(mini_app_url(f"{dashboard}/cases", init_data(user, now)))
    await page.wait_for_selector("#case-list")
    return page


async def listed(page: Any) -> list[str]:
    return sorted(
        await page.eval_on_selector_all(
            "#case-list li[data-code]", "els => els.map(e => e.dataset.code)"
        )
    )


async def on_map(page: Any) -> list[str]:
    return sorted(
        await page.eval_on_selector_all(
            "#case-map circle.case", "els => els.map(e => e.dataset.code)"
        )
    )


async def kinds(page: Any) -> list[str]:
    """The kinds of the case's timeline events, as the page lists them."""
    return list(
        await page.eval_on_selector_all("#timeline li", "els => els.map(e => e.dataset.kind)")
    )


@both_backends
async def test_partner_sees_only_its_cases(harness: Harness, dashboard: str, browser: Any) -> None:
    net: Network = await build_network(harness)
    page = await signed_in(browser, harness, dashboard, net.cilegon_member)
    mine = sorted([net.cases["cilegon"].code, net.cases["cilegon_hate"].code])
    assert await listed(page) == mine
    assert await on_map(page) == mine
    # another partner's case, by changing the URL: not found, and nothing of it on the page
    jogja = net.cases["jogja"]
    response = await page.goto(f"{dashboard}/cases/{jogja.id}")
    assert response.status == 404
    assert jogja.code not in await page.content()
    api = await page.request.get(f"{dashboard}/api/cases/{jogja.id}")
    assert api.status == 404
    listing = await (await page.request.get(f"{dashboard}/api/cases")).json()
    assert sorted(c["code"] for c in listing["cases"]) == mine
    # a partner is no coordinator: no surveys, broadcasts or network-wide export
    for path in ("/surveys", "/broadcasts", "/export/reports.xlsx"):
        assert (await page.request.get(dashboard + path)).status == 403
    # its own case opens, and the look is recorded in the case's timeline
    own = net.cases["cilegon"]
    response = await page.goto(f"{dashboard}/cases/{own.id}")
    assert response.status == 200
    assert own.code in await page.inner_text("#case-code")
    assert "timeline_viewed" in await kinds(page)


@both_backends
async def test_filters_change_the_list(harness: Harness, dashboard: str, browser: Any) -> None:
    net = await build_network(harness)
    page = await signed_in(browser, harness, dashboard, net.coordinator)
    every = sorted(c.code for c in net.cases.values())
    assert await listed(page) == every

    await page.select_option("select[name=category]", "ujaran_kebencian")
    await page.click("#filters button[type=submit]")
    await page.wait_for_url("**category=ujaran_kebencian**")
    assert await listed(page) == [net.cases["cilegon_hate"].code]
    assert await on_map(page) == [net.cases["cilegon_hate"].code]

    await page.goto(f"{dashboard}/cases")
    await page.select_option("select[name=area]", "34")  # DI Yogyakarta
    await page.click("#filters button[type=submit]")
    await page.wait_for_url("**area=34**")
    assert await listed(page) == [net.cases["jogja"].code]

    await page.goto(f"{dashboard}/cases")
    await page.fill("input[name=q]", "disegel")
    await page.click("#filters button[type=submit]")
    await page.wait_for_url("**q=disegel**")
    assert await listed(page) == [net.cases["cilegon"].code]

    await page.goto(f"{dashboard}/cases?status=resolved")
    assert await listed(page) == []
    assert await page.query_selector("#no-cases") is not None

    today = harness.services.clock.now().astimezone(harness.services.settings.tz).date()
    await page.goto(f"{dashboard}/cases?since={today.isoformat()}")
    assert await listed(page) == every
    await page.goto(f"{dashboard}/cases?until=2001-01-01")
    assert await listed(page) == []


async def test_bad_filter_is_named_and_ignored(
    harness: Harness, dashboard: str, browser: Any
) -> None:
    net = await build_network(harness)
    page = await signed_in(browser, harness, dashboard, net.coordinator)
    await page.goto(f"{dashboard}/cases?since=31-12-2026&category=ujaran_kebencian")
    problem = await page.inner_text("[data-problem=since]")
    assert "2026-12-31" in problem
    assert await listed(page) == [net.cases["cilegon_hate"].code]


async def test_map_shows_the_cases(harness: Harness, dashboard: str, browser: Any) -> None:
    net = await build_network(harness)
    page = await signed_in(browser, harness, dashboard, net.coordinator)
    assert await on_map(page) == sorted(c.code for c in net.cases.values())
    dots = await page.eval_on_selector_all(
        "#case-map circle.case",
        "els => els.map(e => [e.dataset.code, +e.getAttribute('cx'), +e.getAttribute('cy')])",
    )
    where = {code: (x, y) for code, x, y in dots}
    cilegon, jogja = where[net.cases["cilegon"].code], where[net.cases["jogja"].code]
    assert jogja[0] > cilegon[0] + 20  # Yogyakarta lies east of Cilegon
    box = await page.eval_on_selector("#case-map", "e => e.getBoundingClientRect().width")
    assert box > 200  # drawn, not hidden
    # a dot links to its case
    await page.click(f"#case-map circle[data-code='{net.cases['jogja'].code}']")
    await page.wait_for_selector("#case-code")
    assert net.cases["jogja"].code in await page.inner_text("#case-code")


async def test_reveal_is_a_recorded_action(harness: Harness, dashboard: str, browser: Any) -> None:
    net = await build_network(harness)
    case = net.cases["cilegon"]
    page = await signed_in(browser, harness, dashboard, net.coordinator)
    await page.goto(f"{dashboard}/cases/{case.id}")
    assert "identity_revealed" not in await kinds(page)
    await page.click("#reveal-button")
    await page.wait_for_selector("#identity")
    assert "Kartikasari" in await page.inner_text("#identity")
    assert "identity_revealed" in await kinds(page)
    # partners have no such button, and a forged POST is refused
    partner = await signed_in(browser, harness, dashboard, net.cilegon_member)
    await partner.goto(f"{dashboard}/cases/{case.id}")
    assert await partner.query_selector("#reveal-button") is None
    forged = await partner.request.post(f"{dashboard}/cases/{case.id}/reveal")
    assert forged.status == 403

"""Coordinators' other pages in a real browser: survey results before/after, exports, broadcasts."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

from bot.broadcasting.segments import Segment
from bot.web.sample import load_sample_surveys
from tests.support.harness import Harness
from tests.web.support import build_network
from tests.web.test_cases import signed_in


async def test_survey_before_after_and_exports(
    harness: Harness, dashboard: str, browser: Any
) -> None:
    from openpyxl import load_workbook

    net = await build_network(harness)
    assert await load_sample_surveys(harness.services) == [
        "toleransi-2026-pre",
        "toleransi-2026-post",
    ]
    page = await signed_in(browser, harness, dashboard, net.coordinator)
    await page.click("header nav a[href$='/surveys']")
    await page.click("#survey-list a[href$='/surveys/toleransi-2026-post']")
    await page.wait_for_selector("#before-after")
    rows = await page.eval_on_selector_all("#before-after tr", "els => els.length")
    assert rows >= 1 + 4  # a header and at least the four likert questions
    doc = await harness.services.survey_analysis.results(
        "toleransi-2026-post", vs="toleransi-2026-pre", texts=False
    )
    q1 = doc["comparison"]["questions"][0]
    assert f"{q1['mean_this']:.2f}" in await page.inner_text("#before-after")
    async with page.expect_download() as info:
        await page.click("#export-survey")
    download = await info.value
    assert download.suggested_filename == "survey-toleransi-2026-post.xlsx"
    body = Path(await download.path()).read_bytes()  # noqa: ASYNC240
    wb = load_workbook(io.BytesIO(body), read_only=True)
    assert wb.sheetnames  # the surveys' own exporter made it
    report = await page.request.get(f"{dashboard}/export/reports.xlsx")
    sheets = load_workbook(io.BytesIO(await report.body()), read_only=True)
    codes = [r[0] for r in sheets["reports"].iter_rows(min_row=2, values_only=True)]
    assert sorted(codes) == sorted(c.code for c in net.cases.values())


async def test_broadcast_progress(harness: Harness, dashboard: str, browser: Any) -> None:
    net = await build_network(harness)
    broadcasts = harness.services.broadcasts
    bid = await broadcasts.create(
        text="Selamat Hari Toleransi!",
        segment=Segment(),
        created_by=net.coordinator.id,
        title="Hari Toleransi",
    )
    await broadcasts.schedule(bid)
    page = await signed_in(browser, harness, dashboard, net.coordinator)
    await page.goto(f"{dashboard}/broadcasts")
    row = page.locator("li.broadcast")
    assert "Hari Toleransi" in await row.inner_text()
    for _ in range(100):  # the page refreshes itself while the broadcast is sending
        p = await broadcasts.progress(bid)
        if p.remaining == 0 and p.state not in ("sending", "queued", "scheduled"):
            break
        await asyncio.sleep(0.1)
    await page.wait_for_function(
        "() => document.querySelector('li.broadcast').dataset.state === 'completed'",
        timeout=15000,
    )
    total = await row.locator(".total").inner_text()
    sent = await row.locator(".sent").inner_text()
    assert int(total) == p.total and int(sent) == p.sent and p.sent >= 1


async def test_partner_figures(harness: Harness, dashboard: str, browser: Any) -> None:
    from tests.reports.helpers import CILEGON

    net = await build_network(harness)
    workflow = harness.services.reports.workflow
    case = net.cases["cilegon"]
    actor = await workflow.actor_for(
        case.id, net.cilegon_member.id, CILEGON["chat_id"], coordinator=False
    )
    await workflow.claim(case.id, actor)
    page = await signed_in(browser, harness, dashboard, net.coordinator)
    await page.click("header nav a[href$='/partners']")
    await page.wait_for_selector("#partner-figures")
    fkub = page.locator(f"#partner-figures tr[data-partner='{CILEGON['name']}']")
    assert await fkub.locator(".routed").inner_text() == "2"
    assert await fkub.locator(".in-hand").inner_text() == "1"
    jogja = page.locator("#partner-figures tr[data-partner='LBH Yogyakarta']")
    assert await jogja.locator(".routed").inner_text() == "1"
    assert await jogja.locator(".in-hand").inner_text() == "0"
    partner = await signed_in(browser, harness, dashboard, net.cilegon_member)
    assert (await partner.request.get(f"{dashboard}/partners")).status == 403


async def test_broadcasts_page_follows_a_broadcast_live(
    harness: Harness, dashboard: str, browser: Any
) -> None:
    from datetime import timedelta

    net = await build_network(harness)
    broadcasts = harness.services.broadcasts
    bid = await broadcasts.create(
        text="Besok kita kerja bakti.", segment=Segment(), created_by=net.coordinator.id
    )
    await broadcasts.schedule(bid, harness.services.clock.now() + timedelta(days=1))
    page = await signed_in(browser, harness, dashboard, net.coordinator)
    await page.goto(f"{dashboard}/broadcasts")
    row = page.locator("li.broadcast")
    assert await row.get_attribute("data-state") == "scheduled"
    await page.evaluate("window.stillTheSamePage = true")
    await broadcasts.cancel(bid)  # the page was not reloaded: its script asks for the progress
    await page.wait_for_function(
        "() => document.querySelector('li.broadcast').dataset.state === 'cancelled'",
        timeout=15000,
    )
    assert await page.evaluate("window.stillTheSamePage") is True
    assert await row.locator(".state").inner_text() == "cancelled"

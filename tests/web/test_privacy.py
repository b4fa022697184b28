"""No anonymous reporter's identity in anything the dashboard serves: every page and JSON a
coordinator and a partner member can reach, and the XLSX exports, are scanned."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urljoin, urlsplit

from bot.web.sample import load_sample_surveys
from tests.support.harness import Harness
from tests.web.support import SECRET_ID, SECRET_NAME, SECRET_USERNAME, build_network
from tests.web.test_cases import signed_in

SECRETS = (SECRET_NAME, SECRET_USERNAME, str(SECRET_ID))


def xlsx_text(body: bytes) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(body), read_only=True)
    cells = [
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    ]
    return "\n".join(cells)


async def crawl(page: Any, dashboard: str) -> dict[str, str]:
    """Every dashboard URL reachable by links from the cases page, and the JSON beside them."""
    seen: dict[str, str] = {}
    todo = [f"{dashboard}/cases", f"{dashboard}/api/cases"]
    base_path = urlsplit(dashboard).path
    while todo:
        url = todo.pop()
        if url in seen or len(seen) > 200:
            continue
        response = await page.request.get(url)
        kind = response.headers.get("content-type", "")
        if "spreadsheet" in kind:
            seen[url] = xlsx_text(await response.body())
            continue
        text = await response.text()
        seen[url] = text
        if "json" in kind and "/api/cases" in url and url.endswith("/api/cases"):
            data = await response.json()
            todo += [f"{dashboard}/api/cases/{c['id']}" for c in data["cases"]]
        if "html" not in kind or response.status != 200:
            continue
        await page.set_content(text)
        hrefs = await page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        )
        for href in hrefs:
            target = urljoin(url, href).split("#")[0]
            if urlsplit(target).path.startswith(base_path + "/") and target not in seen:
                todo.append(target)
    return seen


async def test_no_anonymous_identity_anywhere(
    harness: Harness, dashboard: str, browser: Any
) -> None:
    net = await build_network(harness)
    await load_sample_surveys(harness.services)
    for who in (net.coordinator, net.cilegon_member, net.jogja_member):
        page = await signed_in(browser, harness, dashboard, who)
        served = await crawl(page, dashboard)
        case_pages = [u for u in served if "/cases/" in u and "/api/" not in u]
        assert case_pages, f"the crawl found no case pages as {who.info['first_name']}"
        for url, body in served.items():
            for secret in SECRETS:
                assert secret not in body, f"{secret!r} served at {url}"
        if who is net.coordinator:
            assert any(u.endswith("/export/reports.xlsx") for u in served)
            assert any(u.endswith("/surveys/toleransi-2026-post/export.xlsx") for u in served)
            # the scan can find a name: the reporter who chose to share theirs is shown
            assert any("Budiman" in body for body in served.values())

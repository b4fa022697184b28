"""A case's evidence in the dashboard: a photo shown, a document served only cleaned and under a
neutral name (as partners get it), nothing of another partner's case."""

from __future__ import annotations

from typing import Any

from tests.reports.helpers import file_report
from tests.reports.test_identity_guard import document
from tests.reports.test_scrub import NAME, pdf
from tests.support.harness import Harness
from tests.web.support import build_network
from tests.web.test_cases import signed_in


async def test_evidence_is_served_cleaned(harness: Harness, dashboard: str, browser: Any) -> None:
    net = await build_network(harness)
    siti = harness.user("Siti")
    await siti.send("/start")
    assert NAME.encode() in pdf()  # the file as it came names its author
    await file_report(
        siti, photos=1, documents=(document("Kronologi_Siti.pdf", pdf(), "application/pdf"),)
    )
    [case] = await harness.services.reports.intake.mine(siti.id)
    page = await signed_in(browser, harness, dashboard, net.cilegon_member)
    await page.goto(f"{dashboard}/cases/{case.id}")
    img = page.locator("#evidence img")
    await img.wait_for()
    loaded = await img.evaluate("i => i.complete && i.naturalWidth > 0")
    photo = await page.request.get(f"{dashboard}/cases/{case.id}/evidence/1")
    assert photo.status == 200 and photo.headers["content-type"] == "image/jpeg"
    assert loaded or len(await photo.body()) > 0
    doc = await page.request.get(f"{dashboard}/cases/{case.id}/evidence/2")
    assert doc.status == 200
    assert f'filename="{case.code}-bukti-2.pdf"' in doc.headers["content-disposition"]
    body = await doc.body()
    assert body.startswith(b"%PDF") and NAME.encode() not in body
    assert b"Kronologi_Siti" not in body
    # another partner's member: neither the case nor its files
    other = await signed_in(browser, harness, dashboard, net.jogja_member)
    assert (await other.request.get(f"{dashboard}/cases/{case.id}/evidence/1")).status == 404
    assert (await page.request.get(f"{dashboard}/cases/{case.id}/evidence/9")).status == 404

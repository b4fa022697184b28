"""A rahasia report on the dashboard: no page, JSON or export a coordinator or a partner that did
not claim it can reach carries its story, and a search never finds it by its words; once its
partner claims it, that partner's case page shows it, and an admin's does."""

from __future__ import annotations

from typing import Any

from bot.people.models import Role
from bot.reports.domain.categories import Confidentiality
from tests.reports.factories import member
from tests.reports.helpers import CILEGON, CILEGON_GROUP, draft, settle_outbox
from tests.support.harness import Harness
from tests.web.support import build_network
from tests.web.test_cases import signed_in
from tests.web.test_privacy import crawl

STORY = "Pendeta kami diancam lewat pesan berantai oleh kelompok tak dikenal di Cilegon."
WORD = "berantai"


async def test_no_rahasia_story_on_any_page(harness: Harness, dashboard: str, browser: Any) -> None:
    net = await build_network(harness)
    reporter = harness.user("Dewi")
    await reporter.send("/start")
    person = await harness.services.people.get(reporter.id)
    d = draft(region="36.72", text=STORY)
    d.set_confidentiality(Confidentiality.RAHASIA)
    done = await harness.services.report_flows.submit(
        person, harness.services.catalog.translator("id"), d
    )
    await settle_outbox(harness)
    code = done.report.code

    for who in (net.coordinator, net.cilegon_member, net.jogja_member):
        page = await signed_in(browser, harness, dashboard, who)
        served = await crawl(page, dashboard)
        for url, body in served.items():
            assert WORD not in body, f"the rahasia story served at {url}"
        found = await page.request.get(f"{dashboard}/api/cases?q={WORD}")
        assert code not in await found.text()

    # its partner claims it: its member's case page shows the story; an admin's does too
    partners = {p.name: p.id for p in await harness.services.reports.partners.list_partners()}
    actor = member(partners[CILEGON["name"]], CILEGON_GROUP, net.cilegon_member.id)
    await harness.services.report_flows.claim(done.report.id, actor)
    await settle_outbox(harness)
    admin = harness.user("Admin")
    await admin.send("/start")
    await harness.services.people.grant(admin.id, Role.ADMIN, by="test")
    for who in (net.cilegon_member, admin):
        page = await signed_in(browser, harness, dashboard, who)
        shown = await page.request.get(f"{dashboard}/cases/{done.report.id}")
        assert WORD in await shown.text()
        listing = await page.request.get(f"{dashboard}/api/cases")
        assert WORD not in await listing.text()  # lists show it withheld to everyone
    page = await signed_in(browser, harness, dashboard, net.coordinator)
    withheld = await page.request.get(f"{dashboard}/cases/{done.report.id}")
    assert WORD not in await withheld.text() and code in await withheld.text()

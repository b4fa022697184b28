"""Administration from the dashboard: surveys opened and closed, partners registered, roles
granted by admins — each through its service, who did it recorded."""

from __future__ import annotations

from typing import Any

from bot.people.models import Role
from bot.web.sample import load_sample_surveys
from tests.support.harness import Harness
from tests.web.support import build_network
from tests.web.test_cases import signed_in


async def test_coordinator_closes_a_survey_and_registers_a_partner(
    harness: Harness, dashboard: str, browser: Any
) -> None:
    net = await build_network(harness)
    await load_sample_surveys(harness.services)
    page = await signed_in(browser, harness, dashboard, net.coordinator)
    await page.click("header nav a[href$='/admin']")
    row = page.locator("#admin-surveys li[data-slug='toleransi-2026-pre']")
    await row.locator("button[value=closed]").click()
    await page.wait_for_selector("#admin-done")
    assert (await harness.services.surveys.get("toleransi-2026-pre")).status == "closed"

    form = page.locator("#partner-form")
    await form.locator("input[name=name]").fill("LBH Bandung")
    await form.locator("input[name=chat_id]").fill("minus satu")
    await form.locator("input[name=regions]").fill("32.73")
    await form.locator("button[type=submit]").click()
    assert "ID grup harus berupa angka" in await page.inner_text("#admin-problem")
    form = page.locator("#partner-form")
    await form.locator("input[name=name]").fill("LBH Bandung")
    await form.locator("input[name=chat_id]").fill("-1001234567899")
    await form.locator("input[name=regions]").fill("99.99")
    await form.locator("button[type=submit]").click()
    assert "99.99" in await page.inner_text("#admin-problem")
    form = page.locator("#partner-form")
    await form.locator("input[name=name]").fill("LBH Bandung")
    await form.locator("input[name=chat_id]").fill("-1001234567899")
    await form.locator("input[name=regions]").fill("32.73")
    await form.locator("button[type=submit]").click()
    await page.wait_for_selector("#admin-done")
    partners = {p.name: p for p in await harness.services.reports.partners.list_partners()}
    assert list(partners["LBH Bandung"].regions) == ["32.73"]
    # not an admin: no roles form, and a forged grant is refused
    assert await page.query_selector("#role-form") is None
    forged = await page.request.post(
        f"{dashboard}/admin/roles", form={"user_id": str(net.jogja_member.id), "role": "admin"}
    )
    assert forged.status == 403
    # a form posted from another site is refused
    cross = await page.request.post(
        f"{dashboard}/admin/surveys/toleransi-2026-pre",
        form={"status": "open"},
        headers={"Origin": "https://evil.example"},
    )
    assert cross.status == 403
    assert (await harness.services.surveys.get("toleransi-2026-pre")).status == "closed"


async def test_admin_grants_a_role(harness: Harness, dashboard: str, browser: Any) -> None:
    net = await build_network(harness)
    await harness.services.people.grant(net.coordinator.id, Role.ADMIN, by="test")
    newcomer = harness.user("Yusuf")
    await newcomer.send("/start")
    page = await signed_in(browser, harness, dashboard, net.coordinator)
    await page.goto(f"{dashboard}/admin")
    await page.fill("#role-form input[name=user_id]", "99999")
    await page.click("#role-form button[type=submit]")
    assert "belum pernah memulai bot" in await page.inner_text("#admin-problem")
    await page.fill("#role-form input[name=user_id]", str(newcomer.id))
    await page.select_option("#role-form select[name=role]", "coordinator")
    await page.click("#role-form button[type=submit]")
    await page.wait_for_selector("#admin-done")
    person = await harness.services.people.get(newcomer.id)
    assert person.is_coordinator
    from sqlalchemy import select

    from bot.people.models import UserRole

    async with harness.services.db.session() as s:
        by = await s.scalar(
            select(UserRole.granted_by).where(
                UserRole.user_id == newcomer.id, UserRole.role == "coordinator"
            )
        )
    assert by == f"web:{net.coordinator.id}"

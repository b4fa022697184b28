"""Administration from the dashboard: surveys opened and closed, partners registered, roles
granted by admins — each through its service and written to the audit log with the dashboard
user as actor; a bad partner form is answered in the page's language, field by field."""

from __future__ import annotations

from typing import Any

from bot.people.models import Role
from bot.web.audit import AuditLine, AuditLog
from bot.web.sample import load_sample_surveys
from tests.support.harness import Harness
from tests.web.support import build_network
from tests.web.test_cases import signed_in


async def audit_lines(harness: Harness) -> list[AuditLine]:
    return await AuditLog(harness.services.db, harness.services.clock).recent()


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
    [closed] = await audit_lines(harness)
    assert (closed.actor_id, closed.action, closed.subject) == (
        net.coordinator.id,
        "survey.status",
        "toleransi-2026-pre",
    )
    assert closed.detail == {"status": "closed"}
    assert "toleransi-2026-pre" in await page.inner_text("#admin-audit")
    assert "Ratna" in await page.inner_text("#admin-audit")

    form = page.locator("#partner-form")
    await form.locator("input[name=name]").fill("LBH Bandung")
    await form.locator("input[name=chat_id]").fill("minus satu")
    await form.locator("input[name=regions]").fill("32.73")
    await form.locator("button[type=submit]").click()
    assert "ID grup harus berupa angka" in await page.inner_text("#problem-chat_id")
    form = page.locator("#partner-form")
    await form.locator("input[name=name]").fill("LBH Bandung")
    await form.locator("input[name=chat_id]").fill("-1001234567899")
    await form.locator("input[name=regions]").fill("99.99")
    await form.locator("button[type=submit]").click()
    assert "99.99" in await page.inner_text("#problem-regions")
    form = page.locator("#partner-form")
    await form.locator("input[name=name]").fill("LBH Bandung")
    await form.locator("input[name=chat_id]").fill("-1001234567899")
    await form.locator("input[name=regions]").fill("32.73")
    await form.locator("button[type=submit]").click()
    await page.wait_for_selector("#admin-done")
    partners = {p.name: p for p in await harness.services.reports.partners.list_partners()}
    assert list(partners["LBH Bandung"].regions) == ["32.73"]
    registered, _ = await audit_lines(harness)
    assert (registered.actor_id, registered.action, registered.subject) == (
        net.coordinator.id,
        "partner.register",
        str(partners["LBH Bandung"].id),
    )
    assert registered.detail["regions"] == ["32.73"]
    assert registered.detail["chat_id"] == -1001234567899
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
    assert len(await audit_lines(harness)) == 2


async def test_a_bad_partner_form_is_answered_in_indonesian_field_by_field(
    harness: Harness, dashboard: str, browser: Any
) -> None:
    net = await build_network(harness)
    before = await harness.services.reports.partners.list_partners()
    page = await signed_in(browser, harness, dashboard, net.coordinator)
    await page.goto(f"{dashboard}/admin")
    form = page.locator("#partner-form")
    await form.locator("input[name=name]").fill("L")
    await form.locator("input[name=chat_id]").fill("-1001234567899")
    await form.locator("input[name=regions]").fill("Kota Antah Berantah, 36.72")
    await form.locator("input[name=categories]").fill("kekerasan, pencurian")
    await form.locator("button[type=submit]").click()
    assert "Mitra belum didaftarkan" in await page.inner_text("#admin-problem")
    name = await page.inner_text("#problem-name")
    assert name.startswith("Nama lembaga:") and "2 sampai 128 huruf" in name
    regions = await page.inner_text("#problem-regions")
    assert regions.startswith("Wilayah:") and "Kota Antah Berantah" in regions
    assert "tidak kami kenali" in regions
    categories = await page.inner_text("#problem-categories")
    assert categories.startswith("Kategori:") and "pencurian" in categories
    assert await page.query_selector("#problem-chat_id") is None
    # what was typed is kept, the wrong fields marked; no English validation text anywhere
    assert await form.locator("input[name=regions]").input_value() == ("Kota Antah Berantah, 36.72")
    assert await form.locator("input[name=name]").get_attribute("aria-invalid") == "true"
    text = await page.inner_text("main")
    for english in ("must be", "characters", "unknown", "at least"):
        assert english not in text
    # an ambiguous name is named with its candidates
    await form.locator("input[name=name]").fill("LBH Bekasi")
    await form.locator("input[name=regions]").fill("Bekasi")
    await form.locator("input[name=categories]").fill("")
    await form.locator("button[type=submit]").click()
    regions = await page.inner_text("#problem-regions")
    assert "32.16" in regions and "32.75" in regions and "Tulis kodenya" in regions
    assert await page.query_selector("#problem-name") is None
    # nothing stored, nothing in the audit log
    assert await harness.services.reports.partners.list_partners() == before
    assert await audit_lines(harness) == []
    # in English for a coordinator who chose English
    await harness.services.people.set_language(net.coordinator.id, "en")
    await form.locator("input[name=name]").fill("X")
    await form.locator("button[type=submit]").click()
    assert (await page.inner_text("#problem-name")).startswith("Organisation name:")


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
    [granted] = await audit_lines(harness)
    assert (granted.actor_id, granted.action, granted.subject) == (
        net.coordinator.id,
        "role.grant",
        str(newcomer.id),
    )
    assert granted.detail == {"role": "coordinator"}
    # granting a role someone already has changes nothing and records nothing
    await page.fill("#role-form input[name=user_id]", str(newcomer.id))
    await page.select_option("#role-form select[name=role]", "coordinator")
    await page.click("#role-form button[type=submit]")
    await page.wait_for_selector("#admin-done")
    assert len(await audit_lines(harness)) == 1

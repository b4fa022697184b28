"""Coordinators: /laporan figures and open reports, details, timeline, identity, reassign."""

from __future__ import annotations

from typing import Any

import pytest

from bot.people.models import Role
from tests.reports.helpers import (
    BANTEN,
    BANTEN_GROUP,
    CILEGON,
    CILEGON_GROUP,
    open_groups,
    quick_report,
    settings_with,
    settle_outbox,
)
from tests.support.harness import Harness, UserDriver, button_texts, find_button


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON, BANTEN)


async def coordinator(harness: Harness) -> UserDriver:
    koor = harness.user("Koor")
    await koor.send("/start")
    await harness.services.people.grant(koor.id, Role.COORDINATOR, by="test")
    return koor


async def test_dashboard_details_timeline_and_recorded_identity(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP)
    siti = harness.user("Siti", user_id=55512345, username="siti_x")
    report = await quick_report(harness, siti, urgent=True)
    await quick_report(harness, harness.user("Budi"), category="kekerasan", region="36.73")
    citizen = harness.user("Warga")
    await citizen.send("/start")
    [refused] = await citizen.send("/laporan")
    assert "Dasbor" not in refused["text"]

    koor = await coordinator(harness)
    [dash] = await koor.send("/laporan")
    assert "7 hari terakhir" in dash["text"] and "Total: 2" in dash["text"]
    assert "Rumah ibadah" in dash["text"] and "Banten 2" in dash["text"]
    assert button_texts(dash)[0].startswith("🚨 " + report.code)
    before = len(await koor.inbox())
    await koor.press(dash, report.code, expect=1)
    detail = (await koor.inbox())[before]
    assert "anonim" in detail["text"] and "55512345" not in str(detail)
    await koor.press(detail, "Lihat identitas", expect=1)
    identity = await koor.last()
    assert "Siti" in identity["text"] and "55512345" in identity["text"]
    await koor.press(detail, "Riwayat", expect=1)
    timeline = await koor.last()
    assert "melihat laporan" in timeline["text"]
    assert "melihat identitas pelapor" in timeline["text"]
    # switching to 30 days edits the dashboard in place
    await koor.press(dash, "30 hari")
    edited = next(m for m in await koor.inbox() if m["message_id"] == dash["message_id"])
    assert "30 hari terakhir" in edited["text"]


async def test_partner_hands_a_report_up_and_coordinator_reassigns(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP)
    report = await quick_report(harness, harness.user("Siti"))
    reports = harness.services.reports
    member = harness.user("Anggota")
    await member.send("/start")
    await reports.partners.add_member(1, member.id)
    card = (await harness.emu.wait_bot_messages(CILEGON_GROUP, 1))[0]
    await member.press(card, "Teruskan", expect=1)
    choose = await member.last(CILEGON_GROUP)
    assert "LBH Banten" in button_texts(choose)
    await member.press(choose, "Naik satu tingkat")
    [moved] = await harness.emu.wait_bot_messages(BANTEN_GROUP, 1)
    assert report.code in moved["text"]
    await settle_outbox(harness)
    old = (await harness.emu.bot_messages(CILEGON_GROUP))[0]
    assert "diteruskan ke mitra lain" in old["text"] and button_texts(old) == []
    # the coordinator hands it back to the city partner from the dashboard
    koor = await coordinator(harness)
    [dash] = await koor.send("/laporan")
    await koor.press(dash, report.code, expect=1)
    detail = await koor.last()
    await koor.press(detail, "Alihkan", expect=1)
    choose = await koor.last()
    await koor.press(choose, "FKUB Kota Cilegon")
    msgs = await harness.emu.wait_bot_messages(CILEGON_GROUP, 3)
    assert report.code in msgs[-1]["text"] and "🙋 Tangani" in button_texts(msgs[-1])
    view = await reports.view(report.id)
    assert view.status == "open" and view.level == 0


async def test_coordinator_resolves_from_the_dashboard_detail(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP)
    siti = harness.user("Siti", user_id=55512345)
    report = await quick_report(harness, siti)
    koor = await coordinator(harness)
    [dash] = await koor.send("/laporan")
    await koor.press(dash, report.code, expect=1)
    detail = await koor.last()
    await koor.press(detail, "Selesai", expect=1)
    prompt = await koor.last()
    assert report.code in prompt["text"]
    told_before = len(await siti.inbox())
    [preview] = await koor.send("Sudah dimediasi bersama FKUB dan pihak kelurahan.")
    assert "dimediasi" in preview["text"]  # shown back first, with Kirim/Ubah
    await koor.press(preview, "Kirim", expect=1)
    done = await koor.last()
    assert report.code in done["text"]
    reports = harness.services.reports
    view = await reports.view(report.id)
    assert view.status == "resolved" and view.outcome.startswith("Sudah dimediasi")
    # the reporter is told, with the outcome
    told = (await harness.emu.wait_bot_messages(siti.id, told_before + 1))[-1]
    assert report.code in told["text"] and "dimediasi" in told["text"]
    # the partner's card shows it is done, without buttons
    await settle_outbox(harness)
    card = (await harness.emu.bot_messages(CILEGON_GROUP))[0]
    assert "dimediasi" in card["text"] and button_texts(card) == []
    # the timeline records who resolved it: a coordinator
    actor = await reports.workflow.actor_for(report.id, koor.id, koor.id, coordinator=True)
    _report, events = await reports.access.timeline(report.id, actor)
    [resolved] = [e for e in events if e.kind == "resolved"]
    assert resolved.actor == "coordinator" and resolved.actor_id == koor.id
    assert resolved.note and resolved.note.startswith("Sudah dimediasi")
    # a closed report has no more actions in its detail
    [dash] = await koor.send("/laporan")
    assert report.code not in " ".join(button_texts(dash))


async def test_dashboard_refused_in_a_partner_group_and_identity_only_in_private(
    harness: Harness,
) -> None:
    """A coordinator in the FKUB group cannot open the dashboard there; a reveal pressed in the
    coordinators' chat reaches only the coordinator's private chat."""
    from tests.reports.helpers import COORD_CHAT

    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP, COORD_CHAT)
    siti = harness.user("Siti", user_id=55512345, username="siti_x")
    report = await quick_report(harness, siti)
    koor = await coordinator(harness)
    fkub = harness.group("FKUB", CILEGON_GROUP)
    before = len(await harness.emu.bot_messages(CILEGON_GROUP))
    [refused] = await koor.send("/laporan", chat=fkub)
    assert "chat pribadi" in refused["text"] and not refused.get("reply_markup")
    group_texts = str((await harness.emu.bot_messages(CILEGON_GROUP))[before:])
    assert "Siti" not in group_texts and "55512345" not in group_texts

    coord_group = harness.group("Koordinator", COORD_CHAT)
    [dash] = await koor.send("/laporan", chat=coord_group)
    await koor.press(dash, report.code, expect=1)
    detail = await koor.last(COORD_CHAT)
    private_before = len(await koor.inbox())
    group_before = len(await harness.emu.bot_messages(COORD_CHAT))
    toast = await koor.press(detail, "Lihat identitas")
    assert "chat pribadi" in toast["text"]
    [identity] = (await harness.emu.wait_bot_messages(koor.id, private_before + 1))[private_before:]
    assert "Siti" in identity["text"] and "55512345" in identity["text"]
    assert len(await harness.emu.bot_messages(COORD_CHAT)) == group_before
    assert "55512345" not in str(await harness.emu.bot_messages(COORD_CHAT))

    # a button of the dashboard forwarded into a partner group is refused there
    reveal_data = find_button(detail, "Lihat identitas")
    forged = await koor.press_data({**detail, "chat": fkub}, reveal_data, check=False)
    assert forged.get("show_alert") and "chat pribadi" in forged["text"]
    assert "55512345" not in str(await harness.emu.bot_messages(CILEGON_GROUP))

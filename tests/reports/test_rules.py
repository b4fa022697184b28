"""The workflow's rules, each tested where it lives (the service, on a report made in the right
state by the factories) and at the edge (a press through the emulator, which only translates)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.reports.domain.errors import NotAllowedError, ReportError
from tests.reports.factories import (
    claimed_report,
    closed_report,
    coordinator,
    member,
    open_report,
    question_pending,
)
from tests.reports.helpers import (
    BANTEN,
    BANTEN_GROUP,
    CILEGON,
    CILEGON_GROUP,
    open_groups,
    settings_with,
)
from tests.support.harness import Harness, UserDriver
from tests.support.markers import both_backends


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    # two partners for Cilegon: FKUB (1) and LBH (2)
    return settings_with(CILEGON, {**BANTEN, "regions": ["36.72"]})


async def _member(h: Harness, name: str, partner_id: int) -> UserDriver:
    user = h.user(name)
    await user.send("/start")
    await h.services.reports.partners.add_member(partner_id, user.id)
    return user


def _card(messages: list[dict[str, Any]], code: str) -> dict[str, Any]:
    return [m for m in messages if code in (m.get("text") or "")][-1]


@both_backends
async def test_resolving_needs_a_claim_first(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP)
    report = await open_report(harness, harness.user("Siti"))
    workflow = harness.services.reports.workflow

    # the service: a partner member may not resolve an open report; a coordinator may
    with pytest.raises(ReportError) as refused:
        await workflow.close(report.id, member(1, CILEGON_GROUP), "Selesai.", resolved=True)
    assert refused.value.key == "report-error-claim-first"
    assert (await harness.services.reports.view(report.id)).status == "open"
    # rejecting needs no claim
    done = await workflow.close(
        report.id, member(1, CILEGON_GROUP), "Bukan insiden.", resolved=False
    )
    assert done.report.status == "rejected"

    other = await open_report(
        harness, harness.user("Budi"), text="Pengajian warga dibubarkan paksa."
    )
    done = await workflow.close(other.id, coordinator(), "Ditangani koordinator.", resolved=True)
    assert done.report.status == "resolved"


@both_backends
async def test_a_stale_resolve_button_on_an_open_card_is_refused_with_the_reason(
    harness: Harness,
) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP)
    ahmad = await _member(harness, "Ahmad", 1)
    report = await open_report(harness, harness.user("Siti"))
    card = _card(await harness.emu.bot_messages(CILEGON_GROUP), report.code)

    # an open card has no Selesai: the press is an old or forged one
    refused = await ahmad.press_data(card, f"rc:resolve:{report.id}")
    assert "Tangani dulu" in refused["text"] and refused.get("show_alert")
    assert (await harness.services.reports.view(report.id)).status == "open"


@both_backends
async def test_a_claimed_report_is_handled_by_its_partner_only(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP)
    report = await claimed_report(
        harness, harness.user("Siti"), partner_id=1, chat_id=CILEGON_GROUP
    )
    workflow = harness.services.reports.workflow

    # the service: the other partner may neither claim, forward nor close it
    lbh = member(2, BANTEN_GROUP, user_id=5151)
    with pytest.raises(NotAllowedError) as taken:
        await workflow.claim(report.id, lbh)
    assert taken.value.key == "report-error-taken"
    with pytest.raises(NotAllowedError):
        await workflow.forward(report.id, lbh, None, coordinators_chat=None)
    with pytest.raises(NotAllowedError):
        await workflow.close(report.id, lbh, "Selesai.", resolved=True)

    # the edge: the LBH group's card lost its buttons; a press from an old copy is refused
    dewi = await _member(harness, "Dewi", 2)
    card = _card(await harness.emu.bot_messages(BANTEN_GROUP), report.code)
    refused = await dewi.press_data(card, f"rc:claim:{report.id}")
    assert refused.get("show_alert"), refused
    assert (await harness.services.reports.view(report.id)).claimed_by_partner_id == 1


@both_backends
async def test_questions_need_an_open_report_and_a_reachable_reporter(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP)
    siti = harness.user("Siti")
    questions = harness.services.reports.questions
    pending = await question_pending(harness, siti, partner_id=1, chat_id=CILEGON_GROUP)

    # the pending question is where a typed message of hers goes
    [waiting] = await questions.pending(siti.id)
    assert waiting.id == pending.id

    # once closed: no more questions, no more answers
    budi = harness.user("Budi")
    closed = await closed_report(
        harness,
        budi,
        partner_id=1,
        chat_id=CILEGON_GROUP,
        text="Pengajian warga dibubarkan paksa.",
    )
    with pytest.raises(ReportError) as no_more:
        await questions.ask(closed.id, member(1, CILEGON_GROUP), "Masih ada?")
    assert no_more.value.key == "report-error-closed"
    with pytest.raises(ReportError) as late:
        await questions.answer(closed.id, budi.id, "Masih ada yang mau saya sampaikan.")
    assert late.value.key == "report-error-closed"
    # and only the reporter answers
    with pytest.raises(NotAllowedError):
        await questions.answer(pending.id, budi.id, "Saya bukan pelapornya.")

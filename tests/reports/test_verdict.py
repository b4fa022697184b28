"""The reporter's verdict: asked in the chat once the case is resolved (Sudah / Sebagian / Belum),
again after 7 and 28 days while not Sudah; Belum reopens the case, tells its partner and moves it
up a level; the answers are counted per partner on /laporan."""

from __future__ import annotations

from typing import Any

import pytest

from bot.clock import ManualClock
from bot.reports.domain.categories import Level
from bot.reports.flows.sweeper import sweep
from tests.reports.factories import closed_report
from tests.reports.helpers import (
    BANTEN,
    BANTEN_GROUP,
    CILEGON,
    CILEGON_GROUP,
    COORD_CHAT,
    open_groups,
    settings_with,
    settle_outbox,
)
from tests.support.harness import Harness, UserDriver, button_texts
from tests.support.markers import both_backends

QUESTION = "apakah masalahnya sudah tertangani?"


@pytest.fixture
def clock(manual_clock: ManualClock) -> ManualClock:
    return manual_clock


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON, BANTEN, coordinators_chat_id=COORD_CHAT, run_jobs_in_bot=False)


async def _sweep(h: Harness) -> Any:
    result = await sweep(h.services, h.runtime.bot)  # type: ignore[union-attr]
    await settle_outbox(h)
    return result


async def _questions(user: UserDriver) -> list[dict[str, Any]]:
    return [m for m in await user.inbox() if QUESTION in (m.get("text") or "").lower()]


async def _resolved(h: Harness, user: UserDriver) -> Any:
    await open_groups(h, CILEGON_GROUP, BANTEN_GROUP, COORD_CHAT)
    return await closed_report(h, user, partner_id=1, chat_id=CILEGON_GROUP)


@both_backends
async def test_sudah_ends_the_questions(harness: Harness, manual_clock: ManualClock) -> None:
    siti = harness.user("Siti")
    report = await _resolved(harness, siti)
    [question] = await _questions(siti)
    assert report.code in question["text"]
    assert button_texts(question) == ["✅ Sudah", "🌗 Sebagian", "❌ Belum"]

    thanks = await siti.press(question, "Sudah")
    await settle_outbox(harness)
    assert "Senang mendengar" in (await siti.last())["text"], thanks
    edited = next(m for m in await siti.inbox() if m["message_id"] == question["message_id"])
    assert "Jawabanmu: ✅ Sudah" in edited["text"] and button_texts(edited) == []
    assert (await harness.services.reports.view(report.id)).verdict == "yes"

    manual_clock.advance(days=30)
    assert (await _sweep(harness)).asked == 0
    assert len(await _questions(siti)) == 1


@both_backends
async def test_sebagian_is_asked_again_after_7_and_28_days(
    harness: Harness, manual_clock: ManualClock
) -> None:
    siti = harness.user("Siti")
    await _resolved(harness, siti)
    [question] = await _questions(siti)
    await siti.press(question, "Sebagian")
    await settle_outbox(harness)

    manual_clock.advance(days=6)
    assert (await _sweep(harness)).asked == 0
    manual_clock.advance(days=1, minutes=1)
    assert (await _sweep(harness)).asked == 1
    asked = await _questions(siti)
    assert len(asked) == 2 and "kabar laporan" in asked[-1]["text"]
    assert (await _sweep(harness)).asked == 0  # once per follow-up, not once per sweep

    manual_clock.advance(days=21)
    assert (await _sweep(harness)).asked == 1
    manual_clock.advance(days=60)
    assert (await _sweep(harness)).asked == 0
    assert len(await _questions(siti)) == 3


@both_backends
async def test_belum_reopens_tells_the_partner_and_moves_up(harness: Harness) -> None:
    siti = harness.user("Siti")
    report = await _resolved(harness, siti)
    cilegon_before = len(await harness.emu.bot_messages(CILEGON_GROUP))
    banten_before = len(await harness.emu.bot_messages(BANTEN_GROUP))
    [question] = await _questions(siti)

    await siti.press(question, "Belum")
    await settle_outbox(harness)
    assert "kami buka kembali" in (await siti.last())["text"]

    view = await harness.services.reports.view(report.id)
    assert view.status == "open" and view.verdict == "no"
    assert view.level == Level.PROVINCE
    # the resolving partner hears why, and its card comes again to claim
    cilegon = (await harness.emu.bot_messages(CILEGON_GROUP))[cilegon_before:]
    assert any("belum tertangani" in (m.get("text") or "") for m in cilegon)
    card = (await harness.emu.bot_messages(CILEGON_GROUP))[0]
    assert "Tangani" in " ".join(button_texts(card))
    # one level up: the province partner gets a card
    banten = (await harness.emu.bot_messages(BANTEN_GROUP))[banten_before:]
    assert any(report.code in (m.get("text") or "") for m in banten)
    assert any(
        "belum tertangani" in (m.get("text") or "")
        for m in await harness.emu.bot_messages(COORD_CHAT)
    )

    # the old question's buttons no longer count: the case is not waiting for a verdict
    refused = await siti.press_data(question, f"rv:{report.id}:yes")
    assert "tidak menunggu" in refused["text"]
    # and a stranger's forged press is refused
    budi = harness.user("Budi")
    await budi.send("/start")
    forged = await budi.press_data(question, f"rv:{report.id}:yes")
    assert forged.get("text") and "Sudah" not in forged["text"]
    assert (await harness.services.reports.view(report.id)).verdict == "no"


@both_backends
async def test_verdicts_are_counted_per_partner_on_the_dashboard(harness: Harness) -> None:
    siti, budi = harness.user("Siti"), harness.user("Budi")
    await _resolved(harness, siti)
    await closed_report(
        harness,
        budi,
        partner_id=1,
        chat_id=CILEGON_GROUP,
        text="Pengajian warga dibubarkan paksa oleh ormas.",
    )
    [q1] = await _questions(siti)
    await siti.press(q1, "Sudah")
    [q2] = await _questions(budi)
    await budi.press(q2, "Sebagian")
    await settle_outbox(harness)

    counts = await harness.services.reports.verdicts.per_partner()
    assert counts == {"FKUB Kota Cilegon": {"yes": 1, "partly": 1}}

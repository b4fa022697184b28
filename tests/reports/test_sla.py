"""SLA: unclaimed reports escalate a level (urgent sooner), quiet claims remind the partner."""

from __future__ import annotations

from typing import Any

import pytest

from bot.clock import ManualClock
from bot.reports.domain.categories import Level
from bot.reports.domain.workflow import Actor
from bot.reports.flows.sweeper import sweep
from tests.reports.helpers import (
    BANTEN,
    BANTEN_GROUP,
    CILEGON,
    CILEGON_GROUP,
    COORD_CHAT,
    open_groups,
    quick_report,
    settings_with,
    settle_outbox,
)
from tests.support.harness import Harness
from tests.support.markers import both_backends


@pytest.fixture
def clock(manual_clock: ManualClock) -> ManualClock:
    return manual_clock


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    # the tests sweep by hand; the background sweeper would race them for the same due work
    return settings_with(CILEGON, BANTEN, run_jobs_in_bot=False)


async def _sweep(h: Harness) -> Any:
    """One sweep, then the outbox sends what it owed (no background jobs run here)."""
    result = await sweep(h.services, h.runtime.bot)  # type: ignore[union-attr]
    await settle_outbox(h)
    return result


@both_backends
async def test_unclaimed_report_escalates_after_the_sla(
    harness: Harness, manual_clock: ManualClock
) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP, COORD_CHAT)
    report = await quick_report(harness, harness.user("Siti"))
    await harness.emu.wait_bot_messages(CILEGON_GROUP, 1)
    manual_clock.advance(hours=23)
    assert (await _sweep(harness)).escalated == 0
    manual_clock.advance(hours=2)
    assert (await _sweep(harness)).escalated == 1
    [card] = await harness.emu.wait_bot_messages(BANTEN_GROUP, 1)
    assert report.code in card["text"]
    [told] = await harness.emu.wait_bot_messages(COORD_CHAT, 1)
    assert report.code in told["text"] and "provinsi" in told["text"]
    view = await harness.services.reports.view(report.id)
    assert view.level == Level.PROVINCE
    # a second sweep at the same time does nothing more; a day later it reaches the coordinators
    assert (await _sweep(harness)).escalated == 0
    manual_clock.advance(hours=25)
    assert (await _sweep(harness)).escalated == 1
    msgs = await harness.emu.wait_bot_messages(COORD_CHAT, 2)
    assert report.code in msgs[-1]["text"]
    assert (await harness.services.reports.view(report.id)).level == Level.COORDINATORS
    manual_clock.advance(days=10)
    assert (await _sweep(harness)).escalated == 0  # nowhere further to go; no repeated alarms


async def test_urgent_report_escalates_after_two_hours(
    harness: Harness, manual_clock: ManualClock
) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP, COORD_CHAT)
    await quick_report(harness, harness.user("Siti"), urgent=True)
    manual_clock.advance(hours=1, minutes=59)
    assert (await _sweep(harness)).escalated == 0
    manual_clock.advance(minutes=2)
    assert (await _sweep(harness)).escalated == 1
    [card] = await harness.emu.wait_bot_messages(BANTEN_GROUP, 1)
    assert "MENDESAK" in card["text"]


async def test_claimed_report_without_update_reminds_the_partner(
    harness: Harness, manual_clock: ManualClock
) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP, COORD_CHAT)
    reports = harness.services.reports
    report = await quick_report(harness, harness.user("Siti"))
    await reports.workflow.claim(report.id, Actor(4242, 1, False, CILEGON_GROUP))
    manual_clock.advance(days=6)
    assert (await _sweep(harness)).reminded == 0
    manual_clock.advance(days=1, minutes=1)
    result = await _sweep(harness)
    assert result.reminded == 1 and result.escalated == 0
    msgs = await harness.emu.wait_bot_messages(CILEGON_GROUP, 2)
    assert "Pengingat" in msgs[-1]["text"] and report.code in msgs[-1]["text"]
    assert (await _sweep(harness)).reminded == 0


class TestBackgroundJob:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, Any]:
        return settings_with(CILEGON, BANTEN, reports={"sla": {"sweep_seconds": 1}})

    async def test_the_background_sweeper_escalates(
        self, harness: Harness, manual_clock: ManualClock
    ) -> None:
        await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP, COORD_CHAT)
        report = await quick_report(harness, harness.user("Siti"))
        manual_clock.advance(hours=25)
        [card] = await harness.emu.wait_bot_messages(BANTEN_GROUP, 1, timeout=8)
        assert report.code in card["text"]
        assert await harness.services.locks.holder_of("reports-sla") is not None

"""A burst of reports into one partner group meets Telegram's per-group limit: every card waits
its turn (``retry_after``), none is counted as a failed attempt, no route is closed."""

from __future__ import annotations

from typing import Any

import pytest

from bot.outbox.models import OutboxState
from bot.reports.flows.outgoing import CARD
from tests.reports.helpers import (
    CILEGON,
    CILEGON_GROUP,
    COORD_CHAT,
    draft,
    open_groups,
    settings_with,
    settle_outbox,
)
from tests.support.harness import Harness
from tests.support.markers import both_backends

REPORTS = 8


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON, outbox={"max_attempts": 2, "poll_interval": 0.05})


@both_backends
async def test_a_burst_waits_for_the_group_limit_and_loses_no_card(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, COORD_CHAT)
    people = []
    for i in range(REPORTS):
        user = harness.user(f"Warga{i}")
        await user.send("/start")
        people.append(await harness.services.people.get(user.id))
    # Telegram's 20 a minute, scaled down: 3 messages per 2 s in a group
    await harness.emu.set_limits(
        per_chat_per_second=1000, per_group_per_minute=3, group_window_seconds=2.0
    )
    t = harness.services.catalog.translator("id")
    codes = []
    for person in people:
        done = await harness.services.report_flows.submit(person, t, draft())
        codes.append(done.report.code)
    await settle_outbox(harness, timeout=60)
    cards = [m["text"] for m in await harness.emu.bot_messages(CILEGON_GROUP)]
    assert sorted(c.split("\n")[0].split()[-1] for c in cards) == sorted(codes)
    rows = [m for m in await harness.services.outbox.messages() if m.kind == CARD]
    assert len(rows) == REPORTS
    assert all(r.state == OutboxState.SENT and r.attempts == 1 for r in rows)
    assert (await harness.emu.stats())["rate_limited"] > 0  # the limit was really met
    reports = harness.services.reports
    for person in people:
        [mine] = await reports.intake.mine(person.id)
        assert [r.active for r in await reports.routes(mine.id)] == [True]
    assert await harness.emu.bot_messages(COORD_CHAT) == []

"""Flood control (issue 11): messages count, button presses do not; a muted press gets a toast.

The limit here is 3 messages a minute, so the report wizard (three typed messages and about ten
presses, at the speed the test can tap) stays under it only because presses are not counted.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.people.keyboards import LanguageCb
from tests.reports.helpers import CILEGON, CILEGON_GROUP, file_report, open_groups, settings_with
from tests.support.harness import Harness
from tests.support.markers import both_backends

SLOW_DOWN = "Pelan-pelan, ya"


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    flood = {"max_messages": 3, "window_seconds": 60, "mute_seconds": 60}
    return {**settings_with(CILEGON), "flood": flood}


@both_backends
async def test_tapping_through_the_wizard_is_never_muted(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    user = harness.user("Siti")
    done = await file_report(user)  # /lapor, the story, the place: 3 messages; ~10 presses
    assert "LP-" in done[-1]["text"]
    assert not any(SLOW_DOWN in (m.get("text") or "") for m in await user.inbox())


async def test_typing_fast_is_muted_and_a_press_while_muted_gets_a_toast(
    harness: Harness,
) -> None:
    user = harness.user("Rudi")
    [greeting] = await user.send("/start")
    [picker] = await user.send("/bahasa")
    await user.send("halo")
    [warning] = await user.send("halo lagi")  # the 4th message in a minute
    assert warning["text"].startswith(SLOW_DOWN)
    await user.send("masih di sini?", expect=0)  # muted: ignored, not told again
    answer = await user.press(picker, "English")  # a press while muted is answered
    assert answer["text"].startswith(SLOW_DOWN)
    assert not answer.get("show_alert")
    assert [m["text"] for m in await user.inbox()][-1] == warning["text"]
    assert greeting["text"].startswith("Halo, Rudi")


async def test_presses_alone_never_mute(harness: Harness) -> None:
    user = harness.user("Ani")
    await user.send("/start")
    [picker] = await user.send("/bahasa")
    for _ in range(10):  # ten presses in a row, far over 3 a minute (the picker is edited
        # after the first, so the rest are presses of a button no longer shown)
        answer = await user.press_data(picker, LanguageCb(code="id").pack())
        assert not (answer.get("text") or "").startswith(SLOW_DOWN)
    [reply] = await user.send("/bantuan")
    assert SLOW_DOWN not in reply["text"]

"""The interactive hot path (issue 18): what a known user's update costs in SQL, and that the
brief caches behind it never hide a change (a role granted, a language chosen)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from bot import sqlcount
from bot.people.models import Role
from tests.support.harness import Harness
from tests.support.markers import both_backends

pytestmark = both_backends

SECRET = "hot_path_secret"


@pytest.fixture
def harness_mode() -> str:
    return "webhook"


@pytest.fixture
def settings_overrides() -> dict[str, str]:
    return {"webhook_secret": SECRET}


@pytest.fixture
def counter(harness: Harness) -> Iterator[sqlcount.SqlCounter]:
    counter = sqlcount.SqlCounter()
    counter.attach(harness.services.db.engine)
    old = sqlcount.use(counter)
    yield counter
    sqlcount.use(old)
    counter.detach()


async def handled(counter: sqlcount.SqlCounter, kind: str, n: int) -> sqlcount.Tally:
    """The tally of ``kind`` once ``n`` such updates were handled (the webhook returned)."""
    for _ in range(200):
        tally = counter.by_kind.get(kind)
        if tally is not None and tally.updates >= n:
            return tally
        await asyncio.sleep(0.05)
    raise AssertionError(f"{kind}: {counter.by_kind.get(kind)} after 10 s, expected {n} updates")


async def test_a_known_users_button_press_costs_two_statements(
    harness: Harness, counter: sqlcount.SqlCounter
) -> None:
    user = harness.user("Siti")
    await user.send("/start")
    [ask] = await user.send("/hapusdata")
    await handled(counter, "/hapusdata", 1)
    answer = await user.press(ask, "Tidak")
    assert answer.get("text") is None
    press = await handled(counter, "button", 1)
    assert (await user.last())["text"] == "Oke, datamu tetap tersimpan."
    # claim + state in one statement, the done mark; nothing read or written about the person
    sql = 0 if harness.services.redis is not None else 2
    assert press.statements <= sql, counter.totals()
    assert press.rollbacks == 0, counter.totals()


async def test_a_known_users_text_reads_no_person_and_rolls_nothing_back(
    harness: Harness, counter: sqlcount.SqlCounter
) -> None:
    user = harness.user("Budi")
    await user.send("/start")
    await user.send("/help")
    tally = await handled(counter, "/help", 1)
    sql = 0 if harness.services.redis is not None else 2
    assert tally.statements <= sql, counter.totals()
    assert tally.rollbacks == 0, counter.totals()


async def test_a_role_granted_counts_on_the_next_update(harness: Harness) -> None:
    user = harness.user("Rina")
    [before] = await user.send("/help")  # the person is cached now
    assert "/siaran" not in before["text"]
    people = harness.services.people
    await people.grant(user.id, Role.COORDINATOR, by="test")
    [after] = await user.send("/help")
    assert "Koordinator" in after["text"] and "/siaran" in after["text"]
    await people.revoke(user.id, Role.COORDINATOR)
    [again] = await user.send("/help")
    assert "/siaran" not in again["text"]


async def test_a_language_chosen_shows_at_once(harness: Harness) -> None:
    user = harness.user("Ani")
    [hello] = await user.send("/help")
    assert "Yang bisa kamu lakukan di Rukun" in hello["text"]
    [picker] = await user.send("/bahasa")
    await user.press(picker, "English", expect=1)
    [reply] = await user.send("/help")
    assert "What you can do with Rukun" in reply["text"]
    await user.send("/berhenti")
    assert (await harness.services.people.get(user.id)).opted_out
    [menu] = await user.send("/mulai")
    assert not (await harness.services.people.get(user.id)).opted_out
    assert "Yang bisa" not in menu["text"]  # still English

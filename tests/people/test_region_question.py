"""The rule behind "asked once": PeopleService.claim_region_question and set_region."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.clock import ManualClock
from bot.db import Database
from bot.people.service import PeopleService


@pytest.fixture
async def people(database_url: str, manual_clock: ManualClock) -> AsyncIterator[PeopleService]:
    db = Database(database_url)
    yield PeopleService(db, manual_clock)
    await db.dispose()


async def claim(people: PeopleService, user_id: int) -> bool:
    async with people.db.transaction() as s:
        return await people.claim_region_question(s, user_id)


async def test_claimed_once_even_when_two_reports_race(people: PeopleService) -> None:
    await people.touch(1, first_name="Siti")
    assert not await people.region_asked(1)
    results = await asyncio.gather(*(claim(people, 1) for _ in range(4)))
    assert sorted(results) == [False, False, False, True]
    assert await people.region_asked(1)
    assert not await claim(people, 1)


async def test_a_known_or_cleared_place_is_never_asked(people: PeopleService) -> None:
    await people.touch(2, first_name="Alumna")
    await people.set_region(2, "36.72")  # an alumna's cohort place, or /profil
    assert not await claim(people, 2)
    await people.touch(3, first_name="Budi")
    await people.set_region(3, None)  # given in /profil, then cleared
    assert not await claim(people, 3)
    assert not await claim(people, 404)  # nobody

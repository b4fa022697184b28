"""Citizens who said where they live (/profil) are counted in a survey's breakdown by region."""

from __future__ import annotations

from typing import Any

import pytest

from tests.people.helpers import live_in
from tests.support.harness import Harness, UserDriver
from tests.surveys.helpers import load_open, press_exact

ONE_QUESTION = [
    {"id": "q1", "type": "likert5", "text": {"id": "Saya nyaman.", "en": "I am comfortable."}}
]


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"flood": {"max_messages": 200}, "surveys": {"min_group_size": 2}}


async def take(user: UserDriver, answer: str) -> None:
    [listing] = await user.send("Survei")
    await user.press(listing, "Survei Cek", expect=2)
    q1 = (await user.inbox())[-1]
    await press_exact(user, q1, answer, expect=1)
    assert "Terima kasih" in (await user.inbox())[-1]["text"]


async def test_citizens_with_a_region_are_in_the_breakdown(harness: Harness) -> None:
    await load_open(harness.services, questions=ONE_QUESTION)
    siti, budi, tamu = (harness.user(n) for n in ("Siti", "Budi", "Tamu"))
    for user in (siti, budi, tamu):
        await user.send("/start")
    await live_in(siti, "Cilegon", "Kota Cilegon")
    await live_in(budi, "Lebak", "Kabupaten Lebak")
    await take(siti, "Setuju")  # 4
    await take(budi, "Sangat setuju")  # 5
    await take(tamu, "Netral")  # no region: the "?" group, too small to show
    doc = await harness.services.survey_analysis.results("cek", by="province")
    groups = {g["group"]: g for g in doc["breakdown"]["groups"]}
    assert groups["36"]["name"] == "Banten" and groups["36"]["n"] == 2
    assert groups["36"]["means"] == {"q1": 4.5}
    assert groups[""]["n"] == "< 2"

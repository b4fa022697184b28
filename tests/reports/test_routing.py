"""Routing: the most specific level wins; province and national fallback; no partner → coordinators."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.reports.domain.categories import Level
from bot.reports.domain.routing import PartnerInfo, route_report
from tests.reports.helpers import (
    BANTEN,
    BANTEN_GROUP,
    CILEGON_GROUP,
    COORD_CHAT,
    NATIONAL,
    NATIONAL_GROUP,
    file_report,
    open_groups,
    quick_report,
    settings_with,
)
from tests.support.harness import Harness, button_texts
from tests.support.markers import both_backends


def P(
    pid: int, regions: tuple[str, ...], categories: tuple[str, ...] = ("*",), active: bool = True
) -> PartnerInfo:
    return PartnerInfo(pid, f"p{pid}", -pid, regions, categories, active)


def test_most_specific_level_wins_and_all_at_that_level_are_notified() -> None:
    partners = [P(1, ("36.72",)), P(2, ("36",)), P(3, ("*",)), P(4, ("36.72",))]
    route = route_report(partners, category="kekerasan", region_code="36.72", province_code="36")
    assert route.level == Level.REGENCY and [p.id for p in route.partners] == [1, 4]
    up = route_report(
        partners, category="kekerasan", region_code="36.72", province_code="36", above=Level.REGENCY
    )
    assert up.level == Level.PROVINCE and [p.id for p in up.partners] == [2]
    top = route_report(
        partners,
        category="kekerasan",
        region_code="36.72",
        province_code="36",
        above=Level.NATIONAL,
    )
    assert top.level == Level.COORDINATORS and top.partners == ()


def test_category_and_active_flag_filter_partners() -> None:
    partners = [
        P(1, ("36.72",), ("rumah_ibadah",)),
        P(2, ("36",), ("*",), active=False),
        P(3, ("*",), ("kekerasan", "intimidasi")),
    ]
    route = route_report(partners, category="intimidasi", region_code="36.72", province_code="36")
    assert route.level == Level.NATIONAL and [p.id for p in route.partners] == [3]


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    banten = {**BANTEN, "categories": ["rumah_ibadah"]}
    national = {**NATIONAL, "categories": ["kekerasan"]}
    return settings_with(banten, national)


async def test_province_national_and_coordinator_fallback(harness: Harness) -> None:
    await open_groups(harness, BANTEN_GROUP, NATIONAL_GROUP, COORD_CHAT)
    # through the wizard: Cilegon has no city partner → the Banten province partner
    ani = harness.user("Ani")
    await ani.send("/start")
    [sent] = await file_report(ani)
    [card] = await harness.emu.wait_bot_messages(BANTEN_GROUP, 1)
    first = (await harness.services.reports.intake.mine(ani.id))[0]
    assert first.code in sent["text"] and first.code in card["text"]
    assert first.level == Level.PROVINCE
    # violence in Cilegon: only the national partner handles it
    second = await quick_report(harness, harness.user("Budi"), category="kekerasan")
    [card] = await harness.emu.wait_bot_messages(NATIONAL_GROUP, 1)
    assert second.code in card["text"] and second.level == Level.NATIONAL
    # hate speech in Sampang: no partner at all → the coordinators' chat
    third = await quick_report(
        harness, harness.user("Cici"), region="35.27", category="ujaran_kebencian"
    )
    [card] = await harness.emu.wait_bot_messages(COORD_CHAT, 1)
    assert third.code in card["text"] and "Sampang" in card["text"]
    assert third.level == Level.COORDINATORS
    assert "🙋 Tangani" in button_texts(card)
    assert len(await harness.emu.bot_messages(CILEGON_GROUP)) == 0


class TestRace:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, Any]:
        second = {**BANTEN, "name": "LBH Cilegon", "regions": ["36.72"]}
        first = {
            **BANTEN,
            "name": "FKUB Kota Cilegon",
            "chat_id": CILEGON_GROUP,
            "regions": ["36.72"],
        }
        return settings_with(first, second)

    @both_backends
    async def test_two_partners_racing_to_claim_exactly_one_wins(self, harness: Harness) -> None:
        await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP)
        report = await quick_report(harness, harness.user("Siti"))
        [card_a] = await harness.emu.wait_bot_messages(CILEGON_GROUP, 1)
        [card_b] = await harness.emu.wait_bot_messages(BANTEN_GROUP, 1)
        partners = harness.services.reports.partners
        a, b = harness.user("Anggota A"), harness.user("Anggota B")
        for user, pid in ((a, 1), (b, 2)):
            await user.send("/start")
            await partners.add_member(pid, user.id)
        answers = await asyncio.gather(a.press(card_a, "Tangani"), b.press(card_b, "Tangani"))
        texts = sorted(x["text"] for x in answers)
        assert sum("Anda tangani" in x for x in texts) == 1
        assert sum("sudah ditangani mitra lain" in x for x in texts) == 1
        view = await harness.services.reports.view(report.id)
        assert view.status == "claimed"
        await asyncio.sleep(0.3)
        cards = [(await harness.emu.bot_messages(c))[0] for c in (CILEGON_GROUP, BANTEN_GROUP)]
        assert sorted("Sudah ditangani oleh" in c["text"] for c in cards) == [False, True]
        assert sorted(bool(button_texts(c)) for c in cards) == [False, True]

    @both_backends
    async def test_many_concurrent_claims_in_the_service(self, harness: Harness) -> None:
        from bot.reports.domain.errors import NotAllowedError
        from bot.reports.domain.workflow import Actor

        reports = harness.services.reports
        report = await quick_report(harness, harness.user("Siti"))

        async def claim(i: int) -> bool:
            try:
                await reports.workflow.claim(report.id, Actor(5000 + i, 1 + i % 2, False, -i))
                return True
            except NotAllowedError:
                return False

        results = await asyncio.gather(*(claim(i) for i in range(8)))
        assert results.count(True) == 1

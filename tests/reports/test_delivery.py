"""A card that cannot be delivered (bot removed, chat not found) falls back at once."""

from __future__ import annotations

from typing import Any

import pytest

from bot.people.models import Role
from bot.reports.domain.categories import Level
from tests.reports.helpers import (
    BANTEN,
    BANTEN_GROUP,
    CILEGON,
    CILEGON_GROUP,
    COORD_CHAT,
    open_groups,
    quick_report,
    settings_with,
)
from tests.support.harness import Harness, text_of

SITI_ID = 55512345


class TestChatNotFound:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, Any]:
        return settings_with(CILEGON, BANTEN)

    async def test_goes_to_the_next_level_and_the_coordinators_hear_why(
        self, harness: Harness
    ) -> None:
        # the Cilegon group was never registered: "chat not found"
        await open_groups(harness, BANTEN_GROUP, COORD_CHAT)
        report = await quick_report(harness, harness.user("Siti", user_id=SITI_ID))
        [card] = await harness.emu.bot_messages(BANTEN_GROUP)
        assert report.code in card["text"]
        [why] = await harness.emu.bot_messages(COORD_CHAT)
        assert report.code in why["text"] and "FKUB Kota Cilegon" in why["text"]
        assert "provinsi" in why["text"] and str(SITI_ID) not in str(why)
        reports = harness.services.reports
        view = await reports.view(report.id)
        assert view.level == Level.PROVINCE
        routes = {r.chat_id: r.active for r in await reports.routes(report.id)}
        assert routes == {CILEGON_GROUP: False, BANTEN_GROUP: True}
        # the timeline says so (a coordinator's view)
        koor = harness.user("Koor")
        await koor.send("/start")
        await harness.services.people.grant(koor.id, Role.COORDINATOR, by="test")
        [dash] = await koor.send("/laporan")
        await koor.press(dash, report.code, expect=1)
        await koor.press(await koor.last(), "Riwayat", expect=1)
        timeline = await koor.last()
        assert "gagal dikirim" in timeline["text"] and str(SITI_ID) not in timeline["text"]


class TestBotRemoved:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, Any]:
        return settings_with(CILEGON)

    async def test_only_partner_unreachable_goes_to_the_coordinators(
        self, harness: Harness
    ) -> None:
        await open_groups(harness, CILEGON_GROUP, COORD_CHAT)
        siti = harness.user("Siti", user_id=SITI_ID)
        report = await quick_report(harness, siti, kicked=1)
        assert await harness.emu.bot_messages(CILEGON_GROUP) == []
        card, why = await harness.emu.bot_messages(COORD_CHAT)
        assert report.code in card["text"] and card.get("reply_markup")
        assert "FKUB Kota Cilegon" in why["text"] and "koordinator" in why["text"]
        assert str(SITI_ID) not in text_of([card, why])
        view = await harness.services.reports.view(report.id)
        assert view.level == Level.COORDINATORS

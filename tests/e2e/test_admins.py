"""Admins come from config.yml: they see the admin and coordinator help and menus."""

from __future__ import annotations

import pytest

from bot.people.models import Role
from tests.support.harness import Harness

ADMIN_ID = 424242


@pytest.fixture
def settings_overrides() -> dict[str, list[int]]:
    return {"admins": [ADMIN_ID]}


async def test_config_admin_gets_admin_help_and_menu(harness: Harness) -> None:
    admin = harness.user("Admin", user_id=ADMIN_ID)
    await admin.send("/start")
    person = await harness.services.people.get(ADMIN_ID)
    assert Role.ADMIN in person.roles and person.is_coordinator
    [reply] = await admin.send("/bantuan")
    assert "rukun users grant" in reply["text"] and "/siaran" in reply["text"]
    menus = await harness.emu.my_commands()
    assert any(m["scope"].get("chat_id") == ADMIN_ID for m in menus)
    other = harness.user("Bukan")
    [plain] = await other.send("/bantuan")
    assert "rukun users grant" not in plain["text"]

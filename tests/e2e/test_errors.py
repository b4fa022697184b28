"""The global error handler: the user gets an apology, the ops chat a report without private data."""

from __future__ import annotations

import pytest

from tests.support.harness import Harness

OPS_CHAT = -100777


@pytest.fixture
def settings_overrides() -> dict[str, int]:
    return {"ops_chat_id": OPS_CHAT}


async def test_failure_is_apologised_for_and_reported(harness: Harness) -> None:
    ops = harness.user("Ops")
    group = harness.group("Ops Rukun", OPS_CHAT)
    await ops.send("halo semua", chat=group, expect=0)  # the bot now knows the group
    user = harness.user("Malang", username="secret_handle")
    await harness.emu.fail_next(
        1, error_code=400, description="Bad Request: test failure", method="sendMessage"
    )
    await user.emu.send_message(user.info, "/start")
    [apology] = await harness.emu.wait_bot_messages(user.id, 1)
    assert apology["text"].startswith("Maaf, ada yang tidak beres")
    [report] = await harness.emu.wait_bot_messages(OPS_CHAT, 1)
    assert "TelegramBadRequest" in report["text"]
    assert "secret_handle" not in report["text"] and str(user.id) not in report["text"]

"""The error handlers: a refusal in the language chosen with /bahasa; anything else an apology
(also in that language) and a report to the ops chat without private data."""

from __future__ import annotations

import pytest

from bot.content.keyboards import BrowseCb
from tests.content.helpers import load_samples
from tests.support.harness import Harness, UserDriver

OPS_CHAT = -100777


@pytest.fixture
def settings_overrides() -> dict[str, int]:
    return {"ops_chat_id": OPS_CHAT}


async def choose_language(harness: Harness, telegram_language: str, button: str) -> UserDriver:
    """A user whose Telegram speaks ``telegram_language`` and who picks ``button`` in /bahasa."""
    user = harness.user("Rina", language_code=telegram_language)
    await user.send("/start")
    [picker] = await user.send("/bahasa")
    await user.press(picker, button, expect=1)
    return user


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


async def test_apology_is_in_the_chosen_language(harness: Harness) -> None:
    user = await choose_language(harness, "id", "English")
    await harness.emu.fail_next(
        1, error_code=400, description="Bad Request: test failure", method="sendMessage"
    )
    before = len(await user.inbox())
    await user.emu.send_message(user.info, "/help")
    msgs = await harness.emu.wait_bot_messages(user.id, before + 1)
    assert msgs[-1]["text"].startswith("Sorry, something went wrong on our side")


@pytest.mark.parametrize(
    ("telegram_language", "button", "expected"),
    [
        ("id", "English", "This content is no longer available."),
        ("en", "Bahasa Indonesia", "Konten ini sudah tidak tersedia."),
    ],
)
async def test_content_error_alert_speaks_the_chosen_language(
    harness: Harness, telegram_language: str, button: str, expected: str
) -> None:
    """UnknownItemError from /konten reaches the user as its own message, not the apology."""
    await load_samples(harness)
    user = await choose_language(harness, telegram_language, button)
    [library] = await user.send("/konten")
    forged = BrowseCb(action="open", item=999_999).pack()
    answer = await user.press_data(library, forged)
    assert answer["text"] == expected
    assert answer["show_alert"] is True
    assert not await harness.emu.bot_messages(OPS_CHAT)  # a refusal is not an incident


async def test_wizard_refusal_is_a_reply_in_the_chosen_language(harness: Harness) -> None:
    """A DraftError (a UserError) on a message: a reply in the language chosen with /bahasa."""
    user = await choose_language(harness, "id", "English")
    await user.send("/lapor", expect=2)
    [reply] = await user.send("too short")
    assert reply["text"].startswith("That's a little short")
    assert "at least 20 characters" in reply["text"]

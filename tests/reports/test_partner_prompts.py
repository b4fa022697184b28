"""Partner prompts in a real group (privacy mode on): the prompt replies to the card and mentions
the member, so Telegram opens their reply box and the bot hears the answer; an outcome is shown
back with Kirim/Ubah and reaches the reporter only after Kirim."""

from __future__ import annotations

from typing import Any

import pytest

from tests.reports.helpers import (
    CILEGON,
    CILEGON_GROUP,
    open_groups,
    quick_report,
    settings_with,
    settle_outbox,
)
from tests.support.harness import Harness, UserDriver, button_texts, find_button
from tests.support.markers import both_backends


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON)


async def _member(h: Harness, name: str) -> UserDriver:
    user = h.user(name)
    await user.send("/start")
    await h.services.reports.partners.add_member(1, user.id)
    return user


def _card(messages: list[dict[str, Any]]) -> dict[str, Any]:
    return next(m for m in messages if "LP-" in (m.get("text") or "") and m.get("reply_markup"))


@both_backends
async def test_resolve_in_a_group_with_privacy_mode_on(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti")
    report = await quick_report(harness, siti)
    ahmad = await _member(harness, "Pak Ahmad")
    other = await _member(harness, "Bu Rina")
    await harness.emu.set_privacy(True)
    card = _card(await harness.emu.bot_messages(CILEGON_GROUP))
    await ahmad.press(card, "Tangani")
    await settle_outbox(harness)
    card = _card(await harness.emu.bot_messages(CILEGON_GROUP))

    await ahmad.press(card, "Selesai", expect=1)
    prompt = await ahmad.last(CILEGON_GROUP)
    assert prompt["reply_to_message"]["message_id"] == card["message_id"]
    assert "Pak Ahmad" in prompt["text"]
    box = await harness.emu.reply_box(CILEGON_GROUP, prompt["message_id"])
    assert box["selective"] and ahmad.id in box["user_ids"] and other.id not in box["user_ids"]

    # a group message that is not a reply never reaches the bot (privacy mode)
    group = harness.group("group", CILEGON_GROUP)
    await ahmad.send("rapat jam 3 ya", chat=group, expect=0)
    told_before = len(await siti.inbox())

    before = len(await harness.emu.bot_messages(CILEGON_GROUP))
    await harness.emu.answer_force_reply(
        ahmad.info, CILEGON_GROUP, prompt["message_id"], "Sudah dimediasi, segel dibuka."
    )
    msgs = await harness.emu.wait_bot_messages(CILEGON_GROUP, before + 1)
    preview = msgs[-1]
    assert "segel dibuka" in preview["text"] and "rapat" not in preview["text"]
    assert button_texts(preview) == ["✅ Kirim", "✏️ Ubah"]
    await settle_outbox(harness)
    assert len(await siti.inbox()) == told_before  # nothing reaches the reporter unconfirmed

    # only the member who wrote it may send it
    refused = await other.press_data(preview, find_button(preview, "Kirim"))
    assert "anggota yang sedang menulis" in refused["text"]

    # Ubah: asked again; the new text is shown back; Kirim sends it
    await ahmad.press(preview, "Ubah", expect=1)
    again = await ahmad.last(CILEGON_GROUP)
    assert ahmad.id in await harness.emu.force_reply_targets(CILEGON_GROUP, again["message_id"])
    before = len(await harness.emu.bot_messages(CILEGON_GROUP))
    await harness.emu.answer_force_reply(
        ahmad.info, CILEGON_GROUP, again["message_id"], "Dimediasi FKUB; segel dibuka Senin."
    )
    preview = (await harness.emu.wait_bot_messages(CILEGON_GROUP, before + 1))[-1]
    await ahmad.press(preview, "Kirim", expect=1)
    await settle_outbox(harness)
    news = (await siti.inbox())[told_before:]
    # the outcome, then the question whether the problem was really handled (the verdict)
    assert len(news) == 2 and "segel dibuka Senin" in news[0]["text"]
    assert "sudah tertangani?" in news[1]["text"]
    assert (await harness.services.reports.view(report.id)).status == "resolved"

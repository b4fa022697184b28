"""The reporter's answer reaches the partner however it is sent: Balas, a Telegram reply, or just
typing while a question is pending (several pending: the bot asks which); after the report is
closed the answer is not dropped: the reporter is told, and may ask to reopen it."""

from __future__ import annotations

from typing import Any

import pytest

from bot.reports.domain.workflow import Actor
from tests.reports.helpers import (
    BANTEN,
    BANTEN_GROUP,
    CILEGON,
    CILEGON_GROUP,
    COORD_CHAT,
    open_groups,
    quick_report,
    settings_with,
    settle_outbox,
)
from tests.support.harness import Harness, UserDriver, button_texts
from tests.support.markers import both_backends

CILEGON_ONLY = {**CILEGON, "regions": ["36.72"]}


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    lbh = {**BANTEN, "regions": ["36.04"]}  # Kabupaten Serang only, not Cilegon
    return settings_with(CILEGON_ONLY, lbh)


async def _ask(h: Harness, report_id: int, partner_id: int, chat_id: int, text: str) -> None:
    await h.services.report_flows.ask(report_id, Actor(777, partner_id, False, chat_id), text)
    await settle_outbox(h)


async def _group_texts(h: Harness, chat_id: int) -> list[str]:
    return [m.get("text") or "" for m in await h.emu.bot_messages(chat_id)]


async def _last_question(user: UserDriver) -> dict[str, Any]:
    return [m for m in await user.inbox() if "Balas" in " ".join(button_texts(m))][-1]


@both_backends
async def test_typed_or_replied_answers_reach_the_partner(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP, COORD_CHAT)
    siti = harness.user("Siti")
    report = await quick_report(harness, siti)
    await _ask(harness, report.id, 1, CILEGON_GROUP, "Jam berapa kejadiannya?")

    # just typing, without Balas: it is the answer, and she is told so
    replies = await siti.send("Sekitar jam 8 pagi.", expect=2)
    assert "diteruskan" in replies[0]["text"]
    assert report.code in replies[1]["text"] and "Lapor Insiden" in replies[1]["text"]
    await settle_outbox(harness)
    assert any("Sekitar jam 8 pagi." in x for x in await _group_texts(harness, CILEGON_GROUP))

    # a Telegram reply to the question
    await _ask(harness, report.id, 1, CILEGON_GROUP, "Berapa orang yang datang?")
    question = await _last_question(siti)
    [sent] = await siti.send("Kira-kira 30 orang.", reply_to_message_id=question["message_id"])
    assert "diteruskan" in sent["text"]
    await settle_outbox(harness)
    assert any("Kira-kira 30 orang." in x for x in await _group_texts(harness, CILEGON_GROUP))

    # nothing pending any more: free text is not taken as an answer
    before = len(await _group_texts(harness, CILEGON_GROUP))
    await siti.send("terima kasih ya", expect=1)
    await settle_outbox(harness)
    assert len(await _group_texts(harness, CILEGON_GROUP)) == before


async def test_several_pending_questions_ask_which_report(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP, COORD_CHAT)
    siti = harness.user("Siti")
    first = await quick_report(harness, siti)
    second = await quick_report(harness, siti, region="36.04", text="Pengajian dibubarkan warga.")
    await _ask(harness, first.id, 1, CILEGON_GROUP, "Di jalan apa?")
    await _ask(harness, second.id, 2, BANTEN_GROUP, "Kapan tepatnya?")
    [which] = await siti.send("Kemarin sore, sesudah maghrib.")
    assert first.code in " ".join(button_texts(which)) and second.code in " ".join(
        button_texts(which)
    )
    await siti.press(which, second.code, expect=1)
    assert "diteruskan" in (await siti.last())["text"]
    await settle_outbox(harness)
    assert any("sesudah maghrib" in x for x in await _group_texts(harness, BANTEN_GROUP))
    assert not any("sesudah maghrib" in x for x in await _group_texts(harness, CILEGON_GROUP))


async def test_an_answer_after_closing_is_told_and_may_ask_to_reopen(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP, COORD_CHAT)
    siti = harness.user("Siti")
    report = await quick_report(harness, siti)
    await _ask(harness, report.id, 1, CILEGON_GROUP, "Apakah sudah aman?")
    question = await _last_question(siti)
    actor = Actor(777, 1, False, CILEGON_GROUP)
    await harness.services.report_flows.claim(report.id, actor)
    await harness.services.report_flows.resolve(report.id, actor, "Sudah dimediasi.")
    await settle_outbox(harness)
    await siti.press(question, "Balas", expect=1)
    closed = await siti.last()
    assert "sudah ditutup" in closed["text"] and button_texts(closed) == [
        "🔁 Minta dibuka kembali"
    ]
    await siti.press(closed, "Minta dibuka kembali", expect=1)
    assert "sudah kami sampaikan" in (await siti.last())["text"]
    await settle_outbox(harness)
    asked = [x for x in await _group_texts(harness, CILEGON_GROUP) if "dibuka kembali" in x]
    assert len(asked) == 1 and report.code in asked[0]
    assert any(report.code in x for x in await _group_texts(harness, COORD_CHAT))
    # a reply to the old question is not dropped either
    [told] = await siti.send("Masih ada ancaman.", reply_to_message_id=question["message_id"])
    assert "sudah ditutup" in told["text"]

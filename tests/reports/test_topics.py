"""A partner group with topics on: each case gets its own topic, where its card, story, evidence,
questions, answers and timeline live; closing the case closes the topic."""

from __future__ import annotations

from typing import Any

import pytest

from bot.reports.domain.workflow import Actor
from tests.reports.helpers import (
    CILEGON,
    CILEGON_GROUP,
    file_report,
    settings_with,
    settle_outbox,
)
from tests.support.harness import Harness, button_texts
from tests.support.markers import both_backends


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON)


@both_backends
async def test_each_case_lives_in_its_own_topic(harness: Harness) -> None:
    forum = {"id": CILEGON_GROUP, "type": "supergroup", "title": "FKUB Cilegon", "is_forum": True}
    await harness.emu.register_chat(forum)
    siti = harness.user("Siti")
    await siti.send("/start")
    await file_report(siti, photos=1)
    await settle_outbox(harness)
    [report] = await harness.services.reports.intake.mine(siti.id)
    [topic] = await harness.emu.topics(CILEGON_GROUP)
    assert topic["name"].startswith(report.code) and not topic["is_closed"]
    thread = topic["message_thread_id"]

    def texts(msgs: list[dict[str, Any]]) -> str:
        return " ".join(m.get("text") or m.get("caption") or "" for m in msgs)

    in_topic = await harness.emu.topic_messages(CILEGON_GROUP, thread)
    card = next(m for m in in_topic if button_texts(m))
    assert report.code in card["text"] and any("photo" in m for m in in_topic)

    # a question and its answer stay in the topic
    member = harness.user("Pak Ahmad")
    await member.send("/start")
    await harness.services.reports.partners.add_member(1, member.id)
    actor = Actor(member.id, 1, False, CILEGON_GROUP)
    await harness.services.report_flows.ask(report.id, actor, "Jam berapa kejadiannya?")
    await settle_outbox(harness)
    await siti.send("Jam 8 pagi.", expect=2)
    await settle_outbox(harness)
    in_topic = await harness.emu.topic_messages(CILEGON_GROUP, thread)
    assert "Jam 8 pagi." in texts(in_topic)

    # the timeline asked from the card comes into the topic too
    await member.press(card, "Riwayat", expect=1)
    in_topic = await harness.emu.topic_messages(CILEGON_GROUP, thread)
    assert "Riwayat" in texts(in_topic) or "riwayat" in texts(in_topic).lower()

    # closing the case closes its topic
    await harness.services.report_flows.claim(report.id, actor)
    await harness.services.report_flows.resolve(report.id, actor, "Sudah dimediasi.")
    await settle_outbox(harness)
    [topic] = await harness.emu.topics(CILEGON_GROUP)
    assert topic["is_closed"]

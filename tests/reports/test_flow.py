"""The whole path: report from Cilegon → Cilegon partner → claim → relay both ways → resolved."""

from __future__ import annotations

from typing import Any

import pytest

from tests.reports.helpers import (
    CILEGON,
    CILEGON_GROUP,
    file_report,
    open_groups,
    settings_with,
    settle_outbox,
)
from tests.support.harness import Harness, UserDriver, button_texts
from tests.support.markers import both_backends


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON)


async def partner_member(harness: Harness, name: str, partner_id: int = 1) -> UserDriver:
    user = harness.user(name)
    await user.send("/start")
    await harness.services.reports.partners.add_member(partner_id, user.id)
    return user


async def group_reply(user: UserDriver, chat_id: int, text: str, expect: int = 1) -> Any:
    group = user.h.group("group", chat_id)
    return await user.send(text, chat=group, expect=expect)


@both_backends
async def test_report_routed_claimed_relayed_resolved(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti", user_id=987654321, username="siti_rahasia")
    await siti.send("/start")
    [sent] = await file_report(siti, photos=2)
    report = (await harness.services.reports.intake.mine(siti.id))[0]
    assert report.code in sent["text"] and "Terima kasih" in sent["text"]
    assert report.code.startswith("LP-") and report.code.endswith("-000001")

    fkub = await partner_member(harness, "Pak Ahmad")
    msgs = await harness.emu.wait_bot_messages(CILEGON_GROUP, 2)
    card = msgs[0]
    assert report.code in card["text"] and "Kota Cilegon" in card["text"]
    assert "Pelapor: anonim" in card["text"] and "Siti" not in card["text"]
    assert "987654321" not in str(msgs) and "siti_rahasia" not in str(msgs)
    assert any("photo" in m for m in msgs[1:])  # the evidence, as media
    assert button_texts(card)[:2] == ["🙋 Tangani", "❓ Minta Info"]

    # claim → the reporter is told, the card shows who handles it
    before = len(await siti.inbox())
    answer = await fkub.press(card, "Tangani")
    assert "Anda tangani" in answer["text"]
    [claimed] = (await harness.emu.wait_bot_messages(siti.id, before + 1))[before:]
    assert "sudah diambil" in claimed["text"]
    await settle_outbox(harness)
    card = (await harness.emu.bot_messages(CILEGON_GROUP))[0]
    assert "Ditangani oleh FKUB Kota Cilegon" in card["text"]
    assert "✔️ Selesai" in button_texts(card)

    # the partner asks; the question reaches the reporter without the partner member's identity
    await fkub.press(card, "Minta Info", expect=1)
    prompt = await fkub.last(CILEGON_GROUP)
    assert "Pak Ahmad, silakan tulis pertanyaan Anda" in prompt["text"]
    before = len(await siti.inbox())
    [ack] = await group_reply(fkub, CILEGON_GROUP, "Jam berapa penyegelannya?")
    assert "sudah dikirim" in ack["text"]
    [question] = (await harness.emu.wait_bot_messages(siti.id, before + 1))[before:]
    assert "Jam berapa penyegelannya?" in question["text"]
    assert str(fkub.id) not in str(question) and "Ahmad" not in question["text"]

    # the reporter answers; it reaches the group, without the reporter's identity
    await siti.press(question, "Balas", expect=1)
    before_group = len(await harness.emu.bot_messages(CILEGON_GROUP))
    [thanks] = await siti.send("Sekitar jam 9 pagi, ada 20 petugas.")
    assert "sudah diteruskan" in thanks["text"]
    relayed = (await harness.emu.wait_bot_messages(CILEGON_GROUP, before_group + 1))[-1]
    assert "Sekitar jam 9 pagi" in relayed["text"] and report.code in relayed["text"]
    assert "987654321" not in str(relayed) and "Siti" not in relayed["text"]

    # resolve with a note → the reporter gets it
    card = (await harness.emu.bot_messages(CILEGON_GROUP))[0]
    await fkub.press(card, "Selesai", expect=1)
    before = len(await siti.inbox())
    [preview] = await group_reply(fkub, CILEGON_GROUP, "Sudah dimediasi FKUB, segel dibuka.")
    assert "segel dibuka" in preview["text"] and len(await siti.inbox()) == before
    await fkub.press(preview, "Kirim", expect=1)
    done = await fkub.last(CILEGON_GROUP)
    assert "sudah ditutup" in done["text"]
    [resolved] = (await harness.emu.wait_bot_messages(siti.id, before + 1))[before:]
    assert "sudah selesai" in resolved["text"] and "segel dibuka" in resolved["text"]
    await settle_outbox(harness)
    card = (await harness.emu.bot_messages(CILEGON_GROUP))[0]
    assert "Selesai: Sudah dimediasi" in card["text"] and button_texts(card) == []

    # /status lists it; the timeline recorded every step
    [status] = await siti.send("/status")
    assert report.code in status["text"] and "selesai" in status["text"]
    await fkub.press(card, "Riwayat", expect=0) if button_texts(card) else None
    service = harness.services.reports
    from bot.reports.domain.workflow import Actor

    _view, events = await service.access.timeline(report.id, Actor(fkub.id, 1, False, CILEGON_GROUP))
    kinds = [e.kind for e in events]
    assert kinds == [
        "created",
        "routed",
        "claimed",
        "question",
        "answer",
        "resolved",
        "timeline_viewed",
    ]
    assert all(e.actor_id is None for e in events if e.actor == "reporter")

"""Owed messages are bounded and durable: each kind of fault ends with a known number of copies
and, when every attempt failed, a failed message with its reason that the coordinators hear of.

The bound that holds: a message reaches its chat at most ``outbox.max_attempts`` times, whatever
breaks (a crash, a timeout after the send, an answer that cannot be read, a database error while
recording); a refusal (429 ``retry_after``) and a gone chat are not retried as attempts.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.outbox.models import OutboxState
from bot.reports.domain.categories import Status
from bot.reports.flows.outgoing import CARD, CardSender
from tests.reports.helpers import (
    CILEGON,
    CILEGON_GROUP,
    COORD_CHAT,
    open_groups,
    quick_report,
    settings_with,
    settle_outbox,
)
from tests.support.harness import Harness, button_texts, find_button
from tests.support.markers import both_backends

MAX = 3


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    outbox = {
        "max_attempts": MAX,
        "retry_backoff": 0.05,
        "retry_backoff_max": 0.1,
        "send_timeout": 0.5,
        "poll_interval": 0.05,
    }
    return settings_with(CILEGON, outbox=outbox)


async def _cards(h: Harness) -> list[dict[str, Any]]:
    return [m for m in await h.emu.bot_messages(CILEGON_GROUP) if "LP-" in (m.get("text") or "")]


async def _card_row(h: Harness) -> Any:
    [row] = [m for m in await h.services.outbox.messages() if m.kind == CARD]
    return row


@both_backends
async def test_one_server_error_is_retried_and_the_route_stays(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, COORD_CHAT)
    await harness.emu.fail_next(1, error_code=500, method="sendMessage", chat_id=CILEGON_GROUP)
    report = await quick_report(harness, harness.user("Siti"))
    [card] = await _cards(harness)
    assert report.code in card["text"] and "Tangani" in " ".join(button_texts(card))
    row = await _card_row(harness)
    assert row.state == OutboxState.SENT and row.attempts == 2
    routes = await harness.services.reports.routes(report.id)
    assert [(r.chat_id, r.active) for r in routes] == [(CILEGON_GROUP, True)]
    assert await harness.emu.bot_messages(COORD_CHAT) == []  # nothing to tell anyone


@both_backends
async def test_unreadable_answers_give_at_most_max_attempts_copies_then_fail(
    harness: Harness,
) -> None:
    """The card goes out but every answer is garbage: the outcome is unknown each time."""
    await open_groups(harness, CILEGON_GROUP, COORD_CHAT)
    await harness.emu.fail_next(99, after="corrupt", method="sendMessage", chat_id=CILEGON_GROUP)
    report = await quick_report(harness, harness.user("Siti"))
    cards = await _cards(harness)
    assert 1 <= len(cards) <= MAX
    row = await _card_row(harness)
    assert row.state == OutboxState.FAILED and row.attempts == MAX
    assert row.error.startswith("exhausted")
    [told] = await harness.emu.wait_bot_messages(COORD_CHAT, 1)
    assert report.code in told["text"] and "tidak bisa terkirim" in told["text"]
    # a brief Telegram fault never takes the report from its local partner
    routes = await harness.services.reports.routes(report.id)
    assert [(r.chat_id, r.active) for r in routes] == [(CILEGON_GROUP, True)]
    assert (await harness.services.reports.view(report.id)).status == Status.OPEN


async def test_a_timeout_after_the_send_is_an_attempt(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, COORD_CHAT)
    await harness.emu.fail_next(
        1, after="hold", hold_seconds=1.5, method="sendMessage", chat_id=CILEGON_GROUP
    )
    await quick_report(harness, harness.user("Siti"))
    row = await _card_row(harness)
    assert row.state == OutboxState.SENT and row.attempts == 2
    assert len(await _cards(harness)) == 2  # the held one arrived too: within the bound


async def test_a_database_error_while_recording_is_bounded(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_: Any) -> None:
        raise RuntimeError("database went away while recording")

    monkeypatch.setattr(CardSender, "sent", broken)
    await open_groups(harness, CILEGON_GROUP, COORD_CHAT)
    report = await quick_report(harness, harness.user("Siti"))
    assert len(await _cards(harness)) == MAX
    row = await _card_row(harness)
    assert row.state == OutboxState.FAILED and "database went away" in row.error
    [told] = await harness.emu.wait_bot_messages(COORD_CHAT, 1)
    assert report.code in told["text"]


def _kill_jobs(h: Harness) -> None:
    """The bot process dies right after a commit: its outbox job never sends (kill -9)."""
    assert h.runtime is not None
    for job in h.runtime._jobs:
        job.cancel()


@both_backends
async def test_a_crash_between_commit_and_send_loses_nothing(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, COORD_CHAT)
    siti = harness.user("Siti")
    await siti.send("/start")
    _kill_jobs(harness)
    person = await harness.services.people.get(siti.id)
    t = harness.services.catalog.translator("id")
    from tests.reports.helpers import draft

    done = await harness.services.report_flows.submit(person, t, draft())
    assert await _cards(harness) == []
    await harness.restart()
    await settle_outbox(harness)
    [card] = await _cards(harness)
    assert done.report.code in card["text"]
    told = [m for m in await siti.inbox() if done.report.code in (m.get("text") or "")]
    assert len(told) == 1 and "Terima kasih" in told[0]["text"]

    # kill -9 right after Tangani: the claim is stored with the card update and the reporter's news
    member = harness.user("Pak Ahmad")
    await member.send("/start")
    await harness.services.reports.partners.add_member(1, member.id)
    claim = find_button(card, "Tangani")
    _kill_jobs(harness)
    answer = await member.press(card, "Tangani")
    assert done.report.code in answer["text"]
    await harness.restart()
    await settle_outbox(harness)
    [card] = await _cards(harness)
    assert "Ditangani oleh FKUB Kota Cilegon" in card["text"]
    news = [m for m in await siti.inbox() if "sudah diambil" in (m.get("text") or "")]
    assert len(news) == 1
    # pressing one's own claim again (an old card's button) redraws the card instead of "taken by
    # another partner"
    again = await member.press_data(card, claim)
    assert "sudah ditangani lembaga Anda" in again["text"]
    await settle_outbox(harness)
    [card] = await _cards(harness)
    assert "Ditangani oleh FKUB Kota Cilegon" in card["text"]


async def test_a_reporter_who_blocked_the_bot_is_marked_and_nobody_else_bothered(
    harness: Harness,
) -> None:
    await open_groups(harness, CILEGON_GROUP, COORD_CHAT)
    siti = harness.user("Siti")
    await siti.send("/start")
    await harness.emu.set_blocked(siti.id)
    person = await harness.services.people.get(siti.id)
    from tests.reports.helpers import draft

    t = harness.services.catalog.translator("id")
    done = await harness.services.report_flows.submit(person, t, draft())
    await settle_outbox(harness)
    [card] = await _cards(harness)  # the partner still gets the card
    assert done.report.code in card["text"]
    [text] = [m for m in await harness.services.outbox.messages() if m.kind == "text"]
    assert text.state == OutboxState.FAILED and text.error.startswith("gone")
    from bot.people.models import User

    async with harness.services.db.session() as s:
        assert (await s.get(User, siti.id)).blocked  # type: ignore[union-attr]
    assert await harness.emu.bot_messages(COORD_CHAT) == []


async def test_a_crash_after_the_last_survey_answer_still_thanks_once(harness: Harness) -> None:
    from tests.surveys.helpers import load_open

    one = [{"id": "q1", "type": "yesno", "text": {"id": "Pernah lihat?", "en": "Seen it?"}}]
    await load_open(harness.services, questions=one, thanks={"id": "Matur nuwun!", "en": "Thank you!"})
    siti = harness.user("Siti")
    await siti.send("/start")
    [listing] = await siti.send("/survei")
    await siti.press(listing, "Survei Cek", expect=2)
    question = (await siti.inbox())[-1]
    _kill_jobs(harness)
    await siti.press(question, "Ya")
    await harness.restart()
    await settle_outbox(harness)
    thanks = [m for m in await siti.inbox() if "Matur nuwun!" in (m.get("text") or "")]
    assert len(thanks) == 1

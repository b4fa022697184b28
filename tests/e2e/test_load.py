"""Many users at once (issue 17): every one is answered and nobody gets the apology.

Forty users send /survei and the other common commands at the same moment, through the emulator,
against the real bot. Before the fix, /survei held one connection and asked for a second, so thirty
users at once stalled every handler until the pool timed out. The suite runs with
``RUKUN_STRICT_SESSIONS=1``, so a nested session anywhere on these paths fails this test too.
Figures (latency, 200 users) come from bench/load.py; nothing here looks at the clock.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.people.models import User
from bot.surveys.models import SurveyAnswer
from tests.support.harness import Harness, UserDriver, buttons, text_of
from tests.support.markers import both_backends
from tests.surveys.helpers import load_open

USERS = 40
WAIT = 60.0  # seconds a reply may take on a loaded machine; the test never measures time


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    # the users here go through their steps without pause: flood control would mute them
    return {"flood": {"max_messages": 200}}


async def press(user: UserDriver, message: dict[str, Any], label: str) -> dict[str, Any]:
    """Press the button labelled exactly ``label``; returns the bot's next message."""
    data = next(b["callback_data"] for b in buttons(message) if b["text"] == label)
    before = len(await user.inbox())
    query = await user.emu.press_button(user.info, message["message_id"], data)
    await user.emu.callback_answer(query, timeout=WAIT)
    return (await user.emu.wait_bot_messages(user.id, before + 1, timeout=WAIT))[-1]


async def conversation(user: UserDriver) -> list[dict[str, Any]]:
    """/start, /survei, the survey, one answer, /bantuan, /lapor, /batal; the replies in order."""
    got = list(await user.send("/start", timeout=WAIT))
    [listing] = await user.send("/survei", timeout=WAIT)
    got.append(listing)
    await user.press(listing, "Survei Cek", expect=2, timeout=WAIT)
    question = (await user.inbox())[-1]
    got.append(question)
    got.append(await press(user, question, "Setuju"))
    got += await user.send("/bantuan", timeout=WAIT)
    got += await user.send("/lapor", expect=2, timeout=WAIT)
    got += await user.send("/batal", timeout=WAIT)
    return got


@both_backends
async def test_forty_users_at_once_are_all_answered_without_apology(harness: Harness) -> None:
    await load_open(harness.services)
    users = [harness.user(f"Warga {i}") for i in range(USERS)]
    replies = await asyncio.gather(*(conversation(u) for u in users))

    apology = {harness.services.catalog.text(lang, "error-apology") for lang in ("id", "en")}
    for user, got in zip(users, replies, strict=True):
        inbox = await user.inbox()
        assert not [m for m in inbox if m.get("text") in apology], text_of(inbox)
        assert "Pilih survei" in got[1]["text"]
        assert "1/5" in got[2]["text"] and "2/5" in got[3]["text"]
        assert got[-1]["text"] == "Oke, dibatalkan."
    async with harness.services.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(User)) == USERS
        answers = await s.scalar(
            select(func.count()).select_from(SurveyAnswer).where(SurveyAnswer.question_id == "q1")
        )
    assert answers == USERS  # every answer a user was shown the next question for is stored

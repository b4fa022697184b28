"""Poison updates (issue 17): an update aiogram cannot read is set aside, the others are answered.

Through the emulator's raw ``push_update``, the real bot polls (or receives by webhook) JSON as
Telegram sends it. One bad update used to fail every ``getUpdates`` and stop the bot for everyone.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest

from bot.clock import ManualClock
from bot.ops import OpsAlerts
from bot.polling import FetchHealth
from tests.support.harness import Harness
from tests.support.markers import both_backends
from tests.support.raw_updates import errors_logged, hidden_forward, known_group, message

OPS_CHAT = -100777


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"ops_chat_id": OPS_CHAT}


async def _drained(harness: Harness, timeout: float = 10.0) -> None:
    """Wait until the bot has confirmed every queued update (the offset moved past them)."""
    for _ in range(int(timeout / 0.05)):
        if not await harness.emu.pending_updates():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"updates still waiting: {await harness.emu.pending_updates()}")


@both_backends
async def test_hidden_sender_forward_is_set_aside_and_the_bot_answers_the_rest(
    harness: Harness,
) -> None:
    await known_group(harness, OPS_CHAT)
    siti, rudi = harness.user("Siti", username="siti_r"), harness.user("Rudi")
    poison = await harness.emu.push_update(hidden_forward(siti.info, "rahasia Siti"))
    [greeting] = await rudi.send("/start")  # queued after the poison, in the same poll
    assert greeting["text"].startswith("Halo, Rudi")
    [alert] = await harness.emu.wait_bot_messages(OPS_CHAT, 1)
    assert str(poison) in alert["text"] and "forward_origin" in alert["text"]
    for private in ("Siti", "siti_r", str(siti.id), "rahasia"):
        assert private not in alert["text"]
    # the same fault again, and as the very last update: set aside, alerted once
    for _ in range(3):
        await harness.emu.push_update(hidden_forward(siti.info))
    await _drained(harness)
    [again] = await siti.send("/start")
    assert again["text"].startswith("Halo, Siti")
    assert len(await harness.emu.bot_messages(OPS_CHAT)) == 1
    assert harness.runtime is not None
    assert harness.runtime.dp.decoder.set_aside == 4  # type: ignore[union-attr]


async def test_out_of_range_ids_and_unknown_kinds_are_skipped(harness: Harness) -> None:
    await known_group(harness, OPS_CHAT)
    user = harness.user("Budi")
    huge = {**user.info, "id": 10**30}
    chat = {"id": 10**30, "type": "private", "first_name": "Budi"}
    with errors_logged() as errors:
        await harness.emu.push_update({"message": message(huge, chat, "/start")})
        await harness.emu.push_update({"future_kind_of_update": {"id": 1}})
        await harness.emu.push_update({"message": "not an object"})
        [reply] = await user.send("/start")
        await _drained(harness)
    assert reply["text"].startswith("Halo, Budi")
    alerts = [m["text"] for m in await harness.emu.bot_messages(OPS_CHAT)]
    assert len(alerts) == 2, alerts  # the huge id, the malformed message; unknown kinds: quiet
    assert any("beyond 64 bits" in a for a in alerts)
    assert errors.lines() == []


async def test_fetch_failures_are_one_log_a_minute_and_one_alert() -> None:
    """FetchHealth with a manual clock: a minute of failures is one ops alert, the log says so
    once a minute, and recovery is reported."""
    clock = ManualClock()
    sent: list[str] = []

    class Ops(OpsAlerts):
        async def alert(self, bot: Any, key: str, text_key: str, **args: object) -> bool:
            if self.due(key) is None:
                return False
            sent.append(text_key)
            return True

    settings = SimpleNamespace(
        ops_chat_id=OPS_CHAT, coordinators_chat_id=None, default_language="id"
    )
    health = FetchHealth(Ops(settings, None, clock), clock)  # type: ignore[arg-type]
    records: list[logging.LogRecord] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "cannot fetch updates" in record.getMessage():
                records.append(record)

    catcher = Catch()
    logging.getLogger("bot.polling").addHandler(catcher)
    try:
        for _ in range(10):  # 10 failures within the first minute: one line, no alert yet
            await health.failed(None, ConnectionError("down"))  # type: ignore[arg-type]
            clock.advance(timedelta(seconds=5))
        assert len(records) == 1 and health.healthy and sent == []
        clock.advance(timedelta(seconds=15))  # a minute of failing
        await health.failed(None, ConnectionError("down"))  # type: ignore[arg-type]
        assert not health.healthy and health.status()["failures"] == 11
        assert len(records) == 2 and sent == ["error-ops-fetch-failing"]
        for _ in range(5):
            await health.failed(None, ConnectionError("down"))  # type: ignore[arg-type]
        assert len(records) == 2 and sent == ["error-ops-fetch-failing"]
        await health.succeeded(None)  # type: ignore[arg-type]
        assert health.healthy and sent[-1] == "error-ops-fetch-recovered"
        assert health.status() == {"ok": True, "failures": 0, "failing_seconds": 0.0, "error": ""}
    finally:
        logging.getLogger("bot.polling").removeHandler(catcher)


async def test_polling_survives_failing_fetches(harness: Harness) -> None:
    """getUpdates answering 500 three times: the bot backs off and answers afterwards, and the
    failures are neither unhandled nor one error line each."""
    user = harness.user("Sari")
    with errors_logged() as errors:
        await harness.emu.fail_next(3, error_code=500, method="getUpdates")
        [reply] = await user.send("/start", timeout=20)
    assert reply["text"].startswith("Halo, Sari")
    failed = [c for c in await harness.emu.calls("getUpdates") if not c["ok"]]
    assert len(failed) == 3
    assert errors.lines() == []


class TestWebhook:
    @pytest.fixture
    def harness_mode(self) -> str:
        return "webhook"

    @both_backends
    async def test_undecodable_body_is_answered_200_and_alerted_once(
        self, harness: Harness
    ) -> None:
        await known_group(harness, OPS_CHAT)
        user = harness.user("Web")
        await user.send("/start")
        url = str((await harness.emu.calls("setWebhook"))[-1]["params"]["url"])
        bad = hidden_forward(user.info)
        async with aiohttp.ClientSession() as http:
            for update_id in (5_000_001, 5_000_002):
                async with http.post(url, json={"update_id": update_id, **bad}) as resp:
                    assert resp.status == 200
            async with http.post(url, json=[1, 2]) as resp:
                assert resp.status == 200
        # the emulator's own delivery of a poison update: accepted once, not redelivered
        await harness.emu.push_update(hidden_forward(user.info))
        [reply] = await user.send("/bantuan")
        assert "Yang bisa kamu lakukan" in reply["text"]
        alerts = await harness.emu.bot_messages(OPS_CHAT)
        assert len(alerts) == 2  # the hidden forward (3 times), the body that is no object
        assert "5000001" in alerts[0]["text"]
        await _drained(harness)


async def test_ops_alerts_hold_back_repeats_and_count_them() -> None:
    """The same key at most once per interval; the next alert says how many were held back."""
    from bot.i18n import Catalog

    clock = ManualClock()
    settings = SimpleNamespace(
        ops_chat_id=OPS_CHAT, coordinators_chat_id=None, default_language="id"
    )
    ops = OpsAlerts(settings, Catalog(), clock)  # type: ignore[arg-type]
    sent: list[str] = []

    class Bot:
        async def send_message(self, chat_id: int, text: str) -> None:
            assert chat_id == OPS_CHAT
            sent.append(text)

    bot: Any = Bot()
    for _ in range(5):
        await ops.alert(
            bot,
            "KeyError at x.py:1",
            "error-ops-report",
            kind="message",
            update_id=1,
            error="KeyError",
        )
    await ops.alert(
        bot,
        "ValueError at y.py:2",
        "error-ops-report",
        kind="message",
        update_id=2,
        error="ValueError",
    )
    assert len(sent) == 2 and ops.held_back_total == 4
    clock.advance(timedelta(minutes=10))
    await ops.alert(
        bot, "KeyError at x.py:1", "error-ops-report", kind="message", update_id=9, error="KeyError"
    )
    assert len(sent) == 3 and "4 lagi yang sama ditahan" in sent[-1]

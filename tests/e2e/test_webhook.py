"""Webhook mode: the secret header is required, and a re-delivered update is processed once."""

from __future__ import annotations

import aiohttp
import pytest

from tests.support.harness import Harness
from tests.support.markers import both_backends

#: Every test here runs on SQLite and on PostgreSQL + Redis.
pytestmark = both_backends

SECRET = "s3cret_token-for-tests"


@pytest.fixture
def harness_mode() -> str:
    return "webhook"


@pytest.fixture
def settings_overrides() -> dict[str, str]:
    return {"webhook_secret": SECRET}


async def _webhook_url(harness: Harness) -> str:
    calls = await harness.emu.calls("setWebhook")
    assert calls, "the bot did not register its webhook"
    return str(calls[-1]["params"]["url"])


async def test_webhook_answers_start(harness: Harness) -> None:
    user = harness.user("Web")
    [reply] = await user.send("/start")
    assert "Halo, Web!" in reply["text"]
    assert (await harness.emu.calls("setWebhook"))[-1]["params"]["secret_token"] == SECRET


async def test_webhook_rejects_missing_or_wrong_secret(harness: Harness) -> None:
    url = await _webhook_url(harness)
    update = {
        "update_id": 999_001,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "text": "/start",
            "chat": {"id": 4242, "type": "private", "first_name": "Eve"},
            "from": {"id": 4242, "is_bot": False, "first_name": "Eve"},
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json=update) as resp:
            assert resp.status == 401
        async with http.post(
            url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}
        ) as resp:
            assert resp.status == 401
    assert await harness.services.people.list_users() == []


async def test_duplicate_update_id_is_processed_once(harness: Harness) -> None:
    user = harness.user("Dua")
    [first] = await user.send("/start")
    # Telegram re-delivers the very same update (e.g. after a timeout): no second reply
    update_calls = await harness.emu.calls("sendMessage")
    url = await _webhook_url(harness)
    update = {
        "update_id": 777_777,
        "message": {
            "message_id": 50,
            "date": 1_700_000_000,
            "text": "/bantuan",
            "chat": {"id": user.id, "type": "private", "first_name": "Dua"},
            "from": {"id": user.id, "is_bot": False, "first_name": "Dua", "language_code": "id"},
            "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
        },
    }
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with aiohttp.ClientSession() as http:
        for _ in range(2):
            async with http.post(url, json=update, headers=headers) as resp:
                assert resp.status == 200
    msgs = await user.inbox()
    assert len(msgs) == 2  # the greeting and exactly one help answer
    assert "Yang bisa kamu lakukan" in msgs[-1]["text"]
    assert len(await harness.emu.calls("sendMessage")) == len(update_calls) + 1
    assert first["text"].startswith("Halo")


def _help_update(update_id: int, user_id: int) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 60,
            "date": 1_700_000_000,
            "text": "/bantuan",
            "chat": {"id": user_id, "type": "private", "first_name": "Tiga"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Tiga", "language_code": "id"},
            "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
        },
    }


async def test_an_update_whose_handler_died_is_handled_on_redelivery(harness: Harness) -> None:
    """The update is marked done only after its handling returned: a worker killed while
    handling leaves a claim that expires, and Telegram's redelivery is then answered; while the
    claim is fresh, a redelivery gets 503 (Telegram asks again later), never a silent 200."""
    from datetime import timedelta

    from sqlalchemy import update

    from bot.webhook import IN_FLIGHT_LEASE, UpdateDeduplicator, Verdict
    from bot.webhook_models import ProcessedUpdate

    user = harness.user("Tiga")
    await user.send("/start")
    services = harness.services
    me = await harness.runtime.bot.me()  # type: ignore[union-attr]
    dead = UpdateDeduplicator(services.db, services.clock, me.id, redis=services.redis)
    assert await dead.begin(888_001) is Verdict.NEW  # a worker took it, then was killed -9
    url = await _webhook_url(harness)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json=_help_update(888_001, user.id), headers=headers) as resp:
            assert resp.status == 503
        assert len(await user.inbox()) == 1
        # the dead worker's claim expires
        if services.redis is not None:
            await services.redis.delete(dead._key(888_001))  # what its expiry does
        else:
            async with services.db.transaction() as s:
                await s.execute(
                    update(ProcessedUpdate)
                    .where(ProcessedUpdate.update_id == 888_001)
                    .values(processed_at=services.clock.now() - IN_FLIGHT_LEASE - timedelta(1))
                )
        async with http.post(url, json=_help_update(888_001, user.id), headers=headers) as resp:
            assert resp.status == 200
        msgs = await user.inbox()
        assert len(msgs) == 2 and "Yang bisa kamu lakukan" in msgs[-1]["text"]
        async with http.post(url, json=_help_update(888_001, user.id), headers=headers) as resp:
            assert resp.status == 200  # handled and committed: dropped
    assert len(await user.inbox()) == 2
    assert await dead.begin(888_001) is Verdict.DONE

"""The conversation state read with the webhook's claim (issue 18): a step set by one update is
what the next update sees, and a primed state is never used once stale."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import update

from bot.clock import Clock
from bot.db import Database, upgrade_database
from bot.dedup import SqlProbe, UpdateDeduplicator, Verdict
from bot.storage import FsmRecord, SqlStorage
from tests.support.harness import Harness
from tests.support.markers import both_backends

SECRET = "hot_path_secret"


@pytest.fixture
def harness_mode() -> str:
    return "webhook"


@pytest.fixture
def settings_overrides() -> dict[str, str]:
    return {"webhook_secret": SECRET}


@both_backends
async def test_each_update_sees_the_step_the_last_one_set(harness: Harness) -> None:
    user = harness.user("Dewi")
    [idle] = await user.send("/batal")
    assert idle["text"] == "Tidak ada yang perlu dibatalkan."
    await user.send("/lapor", expect=2)
    [cancelled] = await user.send("/batal")
    assert cancelled["text"] == "Oke, dibatalkan."
    [again] = await user.send("/batal")
    assert again["text"] == "Tidak ada yang perlu dibatalkan."


async def test_a_primed_state_is_used_once_and_never_after_a_write(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fsm.db'}"
    await asyncio.to_thread(upgrade_database, url)
    db = Database(url)
    try:
        storage = SqlStorage(db)
        key = StorageKey(bot_id=1, chat_id=5, user_id=5)
        built = storage.state_key(key)
        await storage.set_state(key, "Wizard:story")
        storage.prime(built, "Wizard:story")
        async with db.write() as conn:  # another process moves the conversation on
            await conn.execute(update(FsmRecord).values(state="Wizard:other"))
        assert await storage.get_state(key) == "Wizard:story"  # the primed read: no statement
        assert await storage.get_state(key) == "Wizard:other"  # used once, then read again
        storage.prime(built, "Wizard:old")  # read, then written by another update
        await storage.set_state(key, "Wizard:place")
        assert await storage.get_state(key) == "Wizard:place"
        storage.prime(storage.state_key(StorageKey(bot_id=1, chat_id=6, user_id=6)), "X:y")
        assert await storage.get_state(key) == "Wizard:place"  # another key's prime: not used
        storage.prime(built, "Wizard:place")
        assert await storage.get_state(key) == "Wizard:place"
        await storage.set_state(key, None)
        assert await storage.get_state(key) is None  # the prime was used up
    finally:
        await db.dispose()


@both_backends
async def test_the_sql_claim_reads_the_state_and_keeps_redelivery_safe(database_url: str) -> None:
    """SQL dedup (SQLite, or PostgreSQL without Redis): the claim returns the state in its one
    statement; a second claim while handled is in flight, after finish it is done; an abandoned
    update can be claimed again."""
    db = Database(database_url)
    try:
        storage = SqlStorage(db)
        key = StorageKey(bot_id=7, chat_id=9, user_id=9)
        built = storage.state_key(key)
        await storage.set_state(key, "Wizard:story")
        dedup = UpdateDeduplicator(db, Clock(), 7)
        claim = await dedup.claim(1, SqlProbe(built, storage.state_query(built)))
        assert claim.verdict is Verdict.NEW and claim.state == (built, "Wizard:story")
        unknown = storage.state_key(StorageKey(bot_id=7, chat_id=8, user_id=8))
        claim = await dedup.claim(2, SqlProbe(unknown, storage.state_query(unknown)))
        assert claim.verdict is Verdict.NEW and claim.state == (unknown, None)
        again = await dedup.claim(1, SqlProbe(built, storage.state_query(built)))
        assert again.verdict is Verdict.IN_FLIGHT and again.state is None
        await dedup.finish(1)
        assert await dedup.begin(1) is Verdict.DONE
        await dedup.abandon(2)
        assert await dedup.begin(2) is Verdict.NEW
    finally:
        await db.dispose()

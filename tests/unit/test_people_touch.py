"""PeopleService.touch, run on every update: one read, no write when nothing changed, a short cache
that every write of the service (from any instance on the database, as the CLI's) invalidates."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import event, select

from bot.clock import ManualClock
from bot.db import Database
from bot.people.models import Role, User
from bot.people.service import PeopleService
from tests.support.markers import both_backends


class Statements:
    """The SQL statements a database runs (transaction control left out)."""

    def __init__(self, db: Database) -> None:
        self.seen: list[str] = []
        event.listen(db.engine.sync_engine, "before_cursor_execute", self._on)

    def _on(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb not in ("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA"):
            self.seen.append(verb)

    def take(self) -> list[str]:
        out, self.seen = self.seen, []
        return out


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    yield database
    await database.dispose()


async def stored(db: Database, user_id: int) -> User:
    async with db.session() as s:
        user = await s.scalar(select(User).where(User.id == user_id))
        assert user is not None
        return user


@both_backends
async def test_a_known_user_costs_one_read_and_no_write(
    db: Database, manual_clock: ManualClock
) -> None:
    people = PeopleService(db, manual_clock)
    sql = Statements(db)
    first = await people.touch(7, first_name="Siti", username="siti", telegram_language="id")
    assert first.is_new and first.roles == {Role.CITIZEN}
    assert "INSERT" in sql.take()
    again = await people.touch(7, first_name="Siti", username="siti", telegram_language="id")
    assert not again.is_new and again.first_name == "Siti"
    assert sql.take() == []  # read a moment ago: nothing at all

    people._cache.ttl = 0  # the cache has expired
    await people.touch(7, first_name="Siti", username="siti", telegram_language="id")
    assert sql.take() == ["SELECT"]  # user and roles in one statement, nothing written

    renamed = await people.touch(7, first_name="Siti", username="siti_r", telegram_language="id")
    assert renamed.username == "siti_r" and sql.take() == ["SELECT", "UPDATE"]
    assert (await stored(db, 7)).username == "siti_r"


async def test_last_seen_is_written_once_per_period(
    db: Database, manual_clock: ManualClock
) -> None:
    people = PeopleService(db, manual_clock)
    sql = Statements(db)
    await people.touch(8, first_name="Budi")
    seen_first = (await stored(db, 8)).last_seen_at
    sql.take()
    manual_clock.advance(minutes=9)
    await people.touch(8, first_name="Budi")
    assert "UPDATE" not in sql.take()
    assert (await stored(db, 8)).last_seen_at == seen_first
    manual_clock.advance(minutes=2)
    await people.touch(8, first_name="Budi")
    assert "UPDATE" in sql.take()
    assert (await stored(db, 8)).last_seen_at == manual_clock.now()


@both_backends
async def test_writes_from_another_instance_are_seen_at_once(
    db: Database, manual_clock: ManualClock
) -> None:
    """The bot's service has the user cached; a CLI command (its own service) changes them."""
    bot_side = PeopleService(db, manual_clock)
    await bot_side.touch(9, first_name="Rina")
    assert not (await bot_side.touch(9, first_name="Rina")).is_coordinator
    cli_side = PeopleService(Database(db.url), manual_clock)
    try:
        assert await cli_side.grant(9, Role.COORDINATOR, by="cli")
        assert (await bot_side.touch(9, first_name="Rina")).is_coordinator
        await cli_side.set_language(9, "en")
        assert (await bot_side.touch(9, first_name="Rina")).language == "en"
        assert await cli_side.revoke(9, Role.COORDINATOR)
        assert not (await bot_side.touch(9, first_name="Rina")).is_coordinator
        await cli_side.erase(9)
        assert (await bot_side.touch(9, first_name="Rina")).is_new  # starts afresh
    finally:
        await cli_side.db.dispose()


async def test_a_user_who_writes_after_blocking_is_unblocked(
    db: Database, manual_clock: ManualClock
) -> None:
    people = PeopleService(db, manual_clock)
    await people.touch(10, first_name="Agus")
    await people.mark_blocked(10)
    assert (await stored(db, 10)).blocked
    await people.touch(10, first_name="Agus")
    assert not (await stored(db, 10)).blocked

"""Which webhook updates were handled (Telegram re-delivers when it gets no 200): in Redis when
there is one, else in the SQL table ``processed_updates``.

An update is *claimed* while it is handled (a lease of ``IN_FLIGHT_LEASE``) and marked *done* only
after its handling returned; a crash in between leaves the lease to expire, so Telegram's
redelivery is handled instead of ignored. The claim can read the update's conversation state in
the same statement (SQL: a scalar subquery in the INSERT's RETURNING) or round trip (one Redis
pipeline): see :mod:`bot.storage`. The SQL statements are Core, built once, on a connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import BindParameter, Table, bindparam, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.clock import Clock
from bot.db import Database, UtcDateTime
from bot.webhook_models import ProcessedUpdate

KEEP_PROCESSED = timedelta(days=2)
#: How long a claimed update is left to the handler that claimed it before another may take it.
IN_FLIGHT_LEASE = timedelta(seconds=120)


class Verdict(StrEnum):
    NEW = "new"
    #: Handled and committed before: answer 200, do nothing.
    DONE = "done"
    #: Another request is handling it right now: answer 503 so Telegram asks again later.
    IN_FLIGHT = "in_flight"


@dataclass(frozen=True, slots=True)
class SqlProbe:
    """Read the conversation state under ``key`` with ``query`` (a scalar subquery)."""

    key: str
    query: Any


@dataclass(frozen=True, slots=True)
class RedisProbe:
    """Read the conversation state under ``key``, stored at ``redis_key``."""

    key: str
    redis_key: str


StateProbe = SqlProbe | RedisProbe


@dataclass(frozen=True, slots=True)
class Claim:
    verdict: Verdict
    #: (storage key, state) read with the claim, when a probe was given and the update is new
    state: tuple[str, str | None] | None = None


T: Table = ProcessedUpdate.__table__  # type: ignore[assignment]
_ID: BindParameter[int] = bindparam("b_update_id")
_NOW: BindParameter[datetime] = bindparam("b_now", type_=UtcDateTime())


class UpdateDeduplicator:
    """Claims, finishes and abandons updates (see the module docstring)."""

    def __init__(self, db: Database, clock: Clock, bot_id: int, redis: Any = None) -> None:
        self.db = db
        self.clock = clock
        self.bot_id = bot_id
        self.redis = redis
        insert = sqlite_insert if db.is_sqlite else pg_insert
        this = (T.c.bot_id == bot_id) & (T.c.update_id == _ID)
        self._claim = (
            insert(T)
            .values(bot_id=bot_id, update_id=_ID, processed_at=_NOW, done=False)
            .on_conflict_do_nothing()
        )
        self._read = select(T.c.done, T.c.processed_at).where(this)
        self._take_over = update(T).where(this).values(processed_at=_NOW)
        self._finish = update(T).where(this).values(done=True, processed_at=_NOW)
        self._abandon = delete(T).where(this, T.c.done.is_(False))

    def _key(self, update_id: int) -> str:
        return f"rukun:upd:{self.bot_id}:{update_id}"

    async def begin(self, update_id: int) -> Verdict:
        """Claim the update for handling, unless it was handled or is being handled."""
        return (await self.claim(update_id)).verdict

    async def claim(self, update_id: int, state: StateProbe | None = None) -> Claim:
        """:meth:`begin`, and the conversation state under ``state`` read with it."""
        if self.redis is not None:
            return await self._claim_redis(update_id, state)
        now = self.clock.now()
        params = {"b_update_id": update_id, "b_now": now}
        async with self.db.write() as conn:
            if isinstance(state, SqlProbe):
                got = (await conn.execute(self._claim.returning(state.query), params)).first()
                if got is not None:
                    return Claim(Verdict.NEW, (state.key, got[0]))
            elif (await conn.execute(self._claim, params)).rowcount:
                return Claim(Verdict.NEW)
            row = (await conn.execute(self._read, params)).first()
            if row is None:
                return Claim(Verdict.IN_FLIGHT)
            done, at = bool(row[0]), _aware(row[1])
            if done:
                return Claim(Verdict.DONE)
            if at > now - IN_FLIGHT_LEASE:
                return Claim(Verdict.IN_FLIGHT)
            await conn.execute(self._take_over, params)  # the earlier handler died
            return Claim(Verdict.NEW)

    async def _claim_redis(self, update_id: int, state: StateProbe | None) -> Claim:
        lease = int(IN_FLIGHT_LEASE.total_seconds())
        if isinstance(state, RedisProbe):
            pipe = self.redis.pipeline(transaction=False)
            pipe.set(self._key(update_id), "busy", nx=True, ex=lease)
            pipe.get(state.redis_key)
            claimed, value = await pipe.execute()
            if claimed:
                text = value.decode() if isinstance(value, bytes) else value
                return Claim(Verdict.NEW, (state.key, text))
        elif await self.redis.set(self._key(update_id), "busy", nx=True, ex=lease):
            return Claim(Verdict.NEW)
        value = await self.redis.get(self._key(update_id))
        if value is None:  # expired between the two calls
            return await self._claim_redis(update_id, None)
        return Claim(Verdict.DONE if value == b"done" else Verdict.IN_FLIGHT)

    async def finish(self, update_id: int) -> None:
        """Handled and committed: never handle it again."""
        if self.redis is not None:
            ex = int(KEEP_PROCESSED.total_seconds())
            await self.redis.set(self._key(update_id), "done", ex=ex)
            return
        async with self.db.write() as conn:
            await conn.execute(self._finish, {"b_update_id": update_id, "b_now": self.clock.now()})

    async def abandon(self, update_id: int) -> None:
        """Handling failed: let Telegram's redelivery be handled."""
        if self.redis is not None:
            await self.redis.delete(self._key(update_id))
            return
        async with self.db.write() as conn:
            await conn.execute(self._abandon, {"b_update_id": update_id})

    async def prune(self) -> None:
        if self.redis is not None:
            return
        async with self.db.write() as conn:
            old = self.clock.now() - KEEP_PROCESSED
            await conn.execute(delete(T).where(T.c.processed_at < old))


def _aware(value: datetime) -> datetime:
    return UtcDateTime().process_result_value(value, None) or value

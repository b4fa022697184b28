"""Conversation state that survives restarts: aiogram's RedisStorage, or this SQL-backed storage.

aiogram reads the state of every update before any handler runs. In webhook mode that read is
made ahead, in the same statement (SQL) or round trip (Redis) that claims the update
(bot/webhook.py), and handed to the storage with :meth:`PrimedStates.prime`: the dispatcher's read
then costs nothing. A primed state is used once, only by the task that primed it, and only if this
process wrote no state under that key since it was read; otherwise the storage reads as usual.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from sqlalchemy import delete, select
from sqlalchemy.sql.selectable import ScalarSelect

from bot.clock import Clock
from bot.db import Database, insert_for
from bot.storage_models import FsmRecord

__all__ = ["FsmRecord", "PrimedRedisStorage", "PrimedStates", "SqlStorage"]

#: Forget the per-key write marks past this many keys (primes older than that are then refused).
MAX_WRITE_MARKS = 50_000


@dataclass(frozen=True, slots=True)
class _Primed:
    owner: int
    key: str
    state: str | None
    seq: int


_primed: ContextVar[_Primed | None] = ContextVar("rukun_fsm_primed", default=None)


class PrimedStates:
    """A state read ahead for this task (see the module docstring), and this process's writes."""

    def __init__(self) -> None:
        self._seq = 0
        self._floor = 0
        self._written: dict[str, int] = {}

    def state_key(self, key: StorageKey) -> str:
        """The storage's own key of the state under ``key``."""
        raise NotImplementedError

    def prime(self, key: str, state: str | None) -> None:
        """``state`` was read under ``key`` just now; the dispatcher's next read may use it."""
        _primed.set(_Primed(id(self), key, state, self._seq))

    def _take_primed(self, key: str) -> tuple[bool, str | None]:
        primed = _primed.get()
        if primed is None or primed.owner != id(self) or primed.key != key:
            return False, None
        _primed.set(None)
        if max(self._floor, self._written.get(key, 0)) > primed.seq:
            return False, None  # written since it was read
        return True, primed.state

    def _wrote(self, key: str) -> None:
        self._seq += 1
        if len(self._written) >= MAX_WRITE_MARKS:
            self._written.clear()
            self._floor = self._seq
        self._written[key] = self._seq


class SqlStorage(PrimedStates, BaseStorage):
    """aiogram FSM storage in the SQL database, so a restart loses no conversation."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        super().__init__()
        self.db = db
        self.clock = clock or Clock()
        self.key_builder = DefaultKeyBuilder(with_destiny=True)

    def state_key(self, key: StorageKey) -> str:
        return self.key_builder.build(key)

    def state_query(self, key: str) -> ScalarSelect[Any]:
        """The state under ``key`` as a scalar subquery (bot/webhook.py reads it as it claims)."""
        return select(FsmRecord.state).where(FsmRecord.key == key).scalar_subquery()

    async def _write(self, key: StorageKey, **values: Any) -> None:
        values["updated_at"] = self.clock.now()
        built = self.state_key(key)
        try:
            async with self.db.transaction() as s:
                stmt = insert_for(s, FsmRecord).values(key=built, **values)
                stmt = stmt.on_conflict_do_update(index_elements=[FsmRecord.key], set_=values)
                await s.execute(stmt)
        finally:
            self._wrote(built)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._write(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        built = self.state_key(key)
        primed, state = self._take_primed(built)
        if primed:
            return state
        async with self.db.read() as conn:
            return await conn.scalar(select(FsmRecord.state).where(FsmRecord.key == built))

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        # round-trip through JSON now, so a value that cannot be stored fails here, loudly
        await self._write(key, data=json.loads(json.dumps(dict(data))))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self.db.read() as conn:
            data = await conn.scalar(
                select(FsmRecord.data).where(FsmRecord.key == self.state_key(key))
            )
        return dict(data or {})

    async def clear_key(self, key: StorageKey) -> None:
        built = self.state_key(key)
        try:
            async with self.db.transaction() as s:
                await s.execute(delete(FsmRecord).where(FsmRecord.key == built))
        finally:
            self._wrote(built)

    async def close(self) -> None:  # the Database is owned and disposed by the app
        return None


class PrimedRedisStorage(PrimedStates, RedisStorage):
    """aiogram's RedisStorage whose state read can be primed (the webhook reads it as it claims
    the update, in one pipelined round trip)."""

    def __init__(self, redis: Any, **kwargs: Any) -> None:
        RedisStorage.__init__(self, redis, **kwargs)
        PrimedStates.__init__(self)

    def state_key(self, key: StorageKey) -> str:
        return self.key_builder.build(key, "state")

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        try:
            await super().set_state(key, state)
        finally:
            self._wrote(self.state_key(key))

    async def get_state(self, key: StorageKey) -> str | None:
        primed, state = self._take_primed(self.state_key(key))
        if primed:
            return state
        return await super().get_state(key)

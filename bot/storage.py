"""Conversation state that survives restarts: aiogram's RedisStorage, or this SQL-backed storage."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from sqlalchemy import delete, select

from bot.clock import Clock
from bot.db import Database, insert_for
from bot.storage_models import FsmRecord

__all__ = ["FsmRecord", "SqlStorage"]


class SqlStorage(BaseStorage):
    """aiogram FSM storage in the SQL database, so a restart loses no conversation."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()
        self.key_builder = DefaultKeyBuilder(with_destiny=True)

    def _key(self, key: StorageKey) -> str:
        return self.key_builder.build(key)

    async def _write(self, key: StorageKey, **values: Any) -> None:
        values["updated_at"] = self.clock.now()
        async with self.db.transaction() as s:
            stmt = insert_for(s, FsmRecord).values(key=self._key(key), **values)
            stmt = stmt.on_conflict_do_update(index_elements=[FsmRecord.key], set_=values)
            await s.execute(stmt)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._write(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self.db.session() as s:
            return await s.scalar(select(FsmRecord.state).where(FsmRecord.key == self._key(key)))

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        # round-trip through JSON now, so a value that cannot be stored fails here, loudly
        await self._write(key, data=json.loads(json.dumps(dict(data))))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self.db.session() as s:
            data = await s.scalar(select(FsmRecord.data).where(FsmRecord.key == self._key(key)))
        return dict(data or {})

    async def clear_key(self, key: StorageKey) -> None:
        async with self.db.transaction() as s:
            await s.execute(delete(FsmRecord).where(FsmRecord.key == self._key(key)))

    async def close(self) -> None:  # the Database is owned and disposed by the app
        return None

"""Periodic jobs under a lock, so with several workers exactly one runs each job at a time.

The lock is a lease: in Redis (``SET NX PX``) when configured, else a row in ``job_locks``. A holder
that dies loses the lease when it expires; nothing is lost because due work lives in the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, delete, select, update
from sqlalchemy.orm import Mapped, mapped_column

from bot.clock import Clock
from bot.db import Base, Database, UtcDateTime, affected, insert_for

log = logging.getLogger(__name__)


class JobLockRecord(Base):
    __tablename__ = "job_locks"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class JobLock:
    """A named lease held by at most one process at a time."""

    def __init__(self, db: Database, clock: Clock, redis: Any = None) -> None:
        self.db = db
        self.clock = clock
        self.redis = redis
        self.holder = holder_id()

    async def acquire(self, name: str, ttl: timedelta) -> bool:
        """Take (or renew) the lease; False when another holder has it."""
        if self.redis is not None:
            key = f"rukun:lock:{name}"
            ms = int(ttl.total_seconds() * 1000)
            if await self.redis.set(key, self.holder, nx=True, px=ms):
                return True
            current = await self.redis.get(key)
            if current is not None and current.decode() == self.holder:
                await self.redis.pexpire(key, ms)
                return True
            return False
        now = self.clock.now()
        async with self.db.transaction() as s:
            stmt = insert_for(s, JobLockRecord).values(
                name=name, holder=self.holder, expires_at=now + ttl
            )
            inserted = await s.execute(stmt.on_conflict_do_nothing())
            if affected(inserted):
                return True
            taken = await s.execute(
                update(JobLockRecord)
                .where(
                    JobLockRecord.name == name,
                    (JobLockRecord.holder == self.holder) | (JobLockRecord.expires_at < now),
                )
                .values(holder=self.holder, expires_at=now + ttl)
            )
            return bool(affected(taken))

    async def release(self, name: str) -> None:
        if self.redis is not None:
            key = f"rukun:lock:{name}"
            current = await self.redis.get(key)
            if current is not None and current.decode() == self.holder:
                await self.redis.delete(key)
            return
        async with self.db.transaction() as s:
            await s.execute(
                delete(JobLockRecord).where(
                    JobLockRecord.name == name, JobLockRecord.holder == self.holder
                )
            )

    async def holder_of(self, name: str) -> str | None:
        if self.redis is not None:
            value = await self.redis.get(f"rukun:lock:{name}")
            return value.decode() if value is not None else None
        async with self.db.session() as s:
            return await s.scalar(select(JobLockRecord.holder).where(JobLockRecord.name == name))


async def run_periodic(
    name: str,
    interval: float,
    job: Callable[[], Awaitable[Any]],
    lock: JobLock,
    *,
    stop: asyncio.Event | None = None,
) -> None:
    """Run ``job`` every ``interval`` seconds while holding the lease ``name``; never raises.

    An error in one run is logged and the next run happens as usual (no busy loop, no recursion).
    """
    stop = stop or asyncio.Event()
    ttl = timedelta(seconds=max(interval * 3, 30))
    try:
        while not stop.is_set():
            try:
                if await lock.acquire(name, ttl):
                    await job()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("periodic job %s failed; retrying in %ss", name, interval)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval)
    finally:
        with contextlib.suppress(Exception):
            await lock.release(name)

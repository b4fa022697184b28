"""The outbox's database side: add in the caller's transaction, claim with the attempt counted.

A message is added in the same transaction as the change that owes it, so a crash can lose
neither (both are committed, or neither). Claiming is one ``UPDATE … RETURNING`` that adds one to
``attempts`` before the message can leave: a send whose outcome is unknown (a crash, a timeout,
an unreadable answer) has been counted, and after ``max_attempts`` the message is failed, never
sent again. Messages to one chat leave in the order they were added: a message is claimed only
when no earlier message to its chat is still waiting.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, event, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.clock import Clock
from bot.db import Database, affected
from bot.logs import redact
from bot.outbox.models import OutboxMessage, OutboxState
from bot.outbox.settings import OutboxSettings

if TYPE_CHECKING:
    from bot.outbox.dispatcher import Sender

WAITING = (OutboxState.PENDING.value, OutboxState.SENDING.value)
_KICK = "outbox_kick_after_commit"


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """A claimed message; ``attempts`` counts this one."""

    id: int
    kind: str
    chat_id: int
    payload: dict[str, Any]
    attempts: int


@dataclass(frozen=True, slots=True)
class Claimed:
    """What one claim found: messages to send now, and messages whose attempts ran out while
    their outcome was unknown (a sender died holding them); those are already failed."""

    to_send: list[OutboxItem]
    exhausted: list[OutboxItem]


def _item(row: Any) -> OutboxItem:
    return OutboxItem(row.id, row.kind, row.chat_id, dict(row.payload or {}), row.attempts)


class Outbox:
    """Add messages (``add``) inside a transaction; the dispatcher claims and settles them."""

    def __init__(self, db: Database, clock: Clock, settings: OutboxSettings, holder: str) -> None:
        self.db = db
        self.clock = clock
        self.settings = settings
        self.holder = holder
        self._wake: asyncio.Event | None = None
        #: How to make the sender of each kind, registered by the features at setup (made when
        #: the dispatcher starts: a CLI command never imports what sending needs).
        self._factories: dict[str, Callable[[], Sender]] = {}
        self._senders: dict[str, Sender] | None = None

    def register(self, kind: str, factory: Callable[[], Sender]) -> None:
        if kind in self._factories:
            raise ValueError(f"outbox kind {kind!r} is registered twice")
        self._factories[kind] = factory

    @property
    def senders(self) -> dict[str, Sender]:
        """The sender of each kind (made on first use)."""
        if self._senders is None:
            self._senders = {kind: make() for kind, make in self._factories.items()}
        return self._senders

    # --- the writers' side

    def add(
        self,
        s: AsyncSession,
        kind: str,
        chat_id: int,
        payload: dict[str, Any],
        *,
        delay: timedelta | None = None,
    ) -> None:
        """Owe a message: it is written with the caller's transaction and sent after commit
        (this process's dispatcher is woken when that transaction commits)."""
        now = self.clock.now()
        sync = s.sync_session
        if not sync.info.get(_KICK):
            sync.info[_KICK] = True
            event.listen(sync, "after_commit", self._after_commit, once=True)
        s.add(
            OutboxMessage(
                kind=kind,
                chat_id=chat_id,
                payload=payload,
                state=OutboxState.PENDING.value,
                attempts=0,
                next_at=now + delay if delay else now,
                created_at=now,
            )
        )

    def _after_commit(self, session: Any) -> None:
        session.info.pop(_KICK, None)
        self.kick()

    def kick(self) -> None:
        """Wake this process's dispatcher (call after the transaction committed)."""
        if self._wake is not None:
            self._wake.set()

    async def wait(self, seconds: float) -> None:
        """Sleep until kicked or ``seconds`` passed (the dispatcher's idle wait)."""
        if self._wake is None:
            self._wake = asyncio.Event()
        try:
            await asyncio.wait_for(self._wake.wait(), seconds)
        except TimeoutError:
            pass
        self._wake.clear()

    # --- the dispatcher's side

    async def claim(self, limit: int) -> Claimed:
        """Up to ``limit`` due messages, now ours, at most one per chat, attempts + 1."""
        now = self.clock.now()
        stale = now - timedelta(seconds=self.settings.lease_seconds)
        m = OutboxMessage
        earlier = aliased(OutboxMessage)
        due = or_(
            and_(m.state == OutboxState.PENDING.value, m.next_at <= now),
            and_(m.state == OutboxState.SENDING.value, m.claimed_at < stale),
        )
        first_of_chat = ~(
            select(earlier.id)
            .where(earlier.chat_id == m.chat_id, earlier.id < m.id, earlier.state.in_(WAITING))
            .exists()
        )
        pick = select(m.id).where(due, first_of_chat).order_by(m.id).limit(limit)
        if not self.db.is_sqlite:
            pick = pick.with_for_update(of=m, skip_locked=True)
        columns = (m.id, m.kind, m.chat_id, m.payload, m.attempts)
        async with self.db.transaction() as s:
            gone = await s.execute(
                update(m)
                .where(
                    m.id.in_(pick.scalar_subquery()),
                    m.state == OutboxState.SENDING.value,
                    m.attempts >= self.settings.max_attempts,
                )
                .values(
                    state=OutboxState.FAILED.value,
                    settled_at=now,
                    error=func.coalesce(m.error, "no answer from Telegram (outcome unknown)"),
                )
                .returning(*columns)
            )
            exhausted = [_item(row) for row in gone.all()]
            taken = await s.execute(
                update(m)
                .where(m.id.in_(pick.scalar_subquery()))
                .values(
                    state=OutboxState.SENDING.value,
                    claimed_at=now,
                    claimed_by=self.holder,
                    attempts=m.attempts + 1,
                )
                .returning(*columns)
            )
            to_send = sorted((_item(row) for row in taken.all()), key=lambda i: i.id)
        return Claimed(to_send, exhausted)

    async def settle(
        self,
        s: AsyncSession,
        item: OutboxItem,
        state: OutboxState,
        *,
        error: str | None = None,
        result: dict[str, Any] | None = None,
    ) -> None:
        """Sent, failed or skipped, in the caller's transaction (with what the sender records)."""
        await s.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == item.id)
            .values(
                state=state.value,
                error=redact(error) if error else None,
                result=result,
                settled_at=self.clock.now(),
                claimed_by=None,
            )
        )

    async def retry(
        self, item: OutboxItem, after: float, error: str, *, attempt_counts: bool = True
    ) -> None:
        """Back to pending, due in ``after`` seconds; a refusal (429) gives the attempt back."""
        values: dict[str, Any] = {
            "state": OutboxState.PENDING.value,
            "next_at": self.clock.now() + timedelta(seconds=after),
            "error": redact(error),
            "claimed_by": None,
        }
        if not attempt_counts:
            values["attempts"] = OutboxMessage.attempts - 1
        async with self.db.transaction() as s:
            await s.execute(
                update(OutboxMessage).where(OutboxMessage.id == item.id).values(**values)
            )

    # --- reading and repair (CLI, dashboards, tests)

    async def messages(
        self, states: Sequence[OutboxState] | None = None, limit: int = 100
    ) -> list[OutboxMessage]:
        query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
        if states:
            query = query.where(OutboxMessage.state.in_([st.value for st in states]))
        async with self.db.session() as s:
            return list((await s.scalars(query)).all())

    async def counts(self) -> dict[str, int]:
        async with self.db.session() as s:
            rows = await s.execute(
                select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
            )
            return {state: int(n) for state, n in rows.all()}

    async def requeue(self, message_id: int) -> bool:
        """A failed message goes out again with fresh attempts (``rukun outbox retry``)."""
        async with self.db.transaction() as s:
            done = await s.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == message_id,
                    OutboxMessage.state == OutboxState.FAILED.value,
                )
                .values(
                    state=OutboxState.PENDING.value,
                    attempts=0,
                    next_at=self.clock.now(),
                    settled_at=None,
                )
            )
            return bool(affected(done))

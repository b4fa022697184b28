"""The delivery engine's database side: claims and outcomes in batches, attempts counted first.

A claimed delivery is ``sending`` with ``claimed_by``/``claimed_at``. Claiming a batch is one
``UPDATE … RETURNING`` that also adds one to ``attempts`` of every row: an attempt is on disk
before its message can leave, so a send whose outcome is unknown (a crash, an unreadable answer)
has been counted. A row whose attempts would pass ``max_attempts`` is failed, never sent again: no
recipient gets more than ``max_attempts`` copies, whatever breaks. A claim older than the lease
belongs to a sender that died and is claimed again.

Outcomes are written in batches too (one ``executemany`` per outcome kind), so a message costs a
share of two statements instead of a round trip of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Integer, String, Table, and_, bindparam, func, or_, select, update
from sqlalchemy.dialects.postgresql import ARRAY

from bot.broadcasting.models import Broadcast, BroadcastState, Delivery, DeliveryStatus
from bot.clock import Clock
from bot.db import Database
from bot.logs import redact
from bot.people.models import User

#: The deliveries table as a Core table (outcomes are written with executemany).
DELIVERIES: Table = Delivery.__table__  # type: ignore[assignment]
_T = DELIVERIES
_SENDING = DeliveryStatus.SENDING.value

#: SQLite: outcomes written with executemany, one parameter set per row.
_SENT_MANY = (
    update(_T)
    .where(_T.c.id == bindparam("b_id"))
    .values(
        status=DeliveryStatus.SENT.value,
        claimed_by=None,
        message_id=bindparam("b_message_id"),
        sent_at=bindparam("b_now", type_=_T.c.sent_at.type),
        error=None,
    )
)
_OTHER_MANY = (
    update(_T)
    .where(
        _T.c.id == bindparam("b_id"),
        _T.c.status == _SENDING,
        _T.c.claimed_by == bindparam("b_holder"),
    )
    .values(status=bindparam("b_status"), claimed_by=None, error=bindparam("b_error"))
)


def _unnest(name: str, item: Any) -> Any:
    return func.unnest(bindparam(name, type_=ARRAY(item)))


#: PostgreSQL: a batch of outcomes in one statement, its columns passed as arrays.
_SENT_V = select(
    _unnest("ids", Integer()).label("id"), _unnest("message_ids", Integer()).label("mid")
).subquery("v")
_SENT_ARRAYS = (
    update(_T)
    .where(_T.c.id == _SENT_V.c.id)
    .values(
        status=DeliveryStatus.SENT.value,
        claimed_by=None,
        message_id=_SENT_V.c.mid,
        sent_at=bindparam("now", type_=_T.c.sent_at.type),
        error=None,
    )
)
_OTHER_V = select(
    _unnest("ids", Integer()).label("id"),
    _unnest("statuses", String()).label("status"),
    _unnest("errors", String()).label("error"),
).subquery("v")
_OTHER_ARRAYS = (
    update(_T)
    .where(
        _T.c.id == _OTHER_V.c.id,
        _T.c.status == _SENDING,
        _T.c.claimed_by == bindparam("holder"),
    )
    .values(status=_OTHER_V.c.status, claimed_by=None, error=_OTHER_V.c.error)
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One delivery a sender holds; ``attempts`` counts this one."""

    id: int
    broadcast_id: int
    user_id: int
    claimed_at: datetime
    attempts: int = 1
    #: Why it must not be sent (``opted_out``, ``blocked``, ``gave_up``), read with the claim.
    skip: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to a claim, to be recorded with others in one statement."""

    claim: Claim
    status: DeliveryStatus
    message_id: int | None = None
    error: str | None = None


class DeliveryStore:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        holder: str,
        lease: timedelta,
        *,
        max_attempts: int = 5,
    ) -> None:
        self.db = db
        self.clock = clock
        self.holder = holder
        self.lease = lease
        self.max_attempts = max_attempts

    async def claim(self, limit: int) -> list[Claim]:
        """Up to ``limit`` pending (or abandoned) deliveries of sending broadcasts, now ours.

        One transaction: the claiming UPDATE (attempts + 1) and one read of the recipients'
        opt-out and blocked flags.
        """
        now = self.clock.now()
        stale = now - self.lease
        pick = (
            select(Delivery.id)
            .join(Broadcast, Broadcast.id == Delivery.broadcast_id)
            .where(
                Broadcast.state == BroadcastState.SENDING,
                or_(
                    Delivery.status == DeliveryStatus.PENDING,
                    and_(Delivery.status == DeliveryStatus.SENDING, Delivery.claimed_at < stale),
                ),
            )
            .order_by(Delivery.broadcast_id, Delivery.id)
            .limit(limit)
        )
        if not self.db.is_sqlite:
            pick = pick.with_for_update(of=Delivery, skip_locked=True)
        claim_rows = (
            update(Delivery)
            .where(Delivery.id.in_(pick.scalar_subquery()))
            .values(
                status=DeliveryStatus.SENDING.value,
                claimed_at=now,
                claimed_by=self.holder,
                attempts=Delivery.attempts + 1,
            )
            .returning(Delivery.id, Delivery.broadcast_id, Delivery.user_id, Delivery.attempts)
        )
        async with self.db.transaction() as s:
            rows = (await s.execute(claim_rows)).all()
            if not rows:
                return []
            flags = {
                r.id: r
                for r in (
                    await s.execute(
                        select(User.id, User.opted_out, User.blocked).where(
                            User.id.in_({r.user_id for r in rows})
                        )
                    )
                ).all()
            }
        claims = []
        for r in sorted(rows, key=lambda r: (r.broadcast_id, r.id)):
            user = flags.get(r.user_id)
            skip = None
            if r.attempts > self.max_attempts:
                skip = "gave_up"
            elif user is None or user.blocked:
                skip = "blocked"
            elif user.opted_out:
                skip = "opted_out"
            claims.append(Claim(r.id, r.broadcast_id, r.user_id, now, int(r.attempts), skip))
        return claims

    async def count_attempt(self, claim: Claim) -> int | None:
        """Before a retry within a claim: one more attempt on disk; None when no longer ours."""
        async with self.db.transaction() as s:
            attempts = await s.scalar(
                update(Delivery)
                .where(
                    Delivery.id == claim.id,
                    Delivery.status == DeliveryStatus.SENDING,
                    Delivery.claimed_by == self.holder,
                )
                .values(attempts=Delivery.attempts + 1, claimed_at=self.clock.now())
                .returning(Delivery.attempts)
            )
        return None if attempts is None else int(attempts)

    async def record(self, outcomes: Sequence[Outcome]) -> None:
        """Write a batch of outcomes: sent messages whatever happened meanwhile (a cancel cannot
        unsend them); other outcomes only while the claim is still ours."""
        if not outcomes:
            return
        now = self.clock.now()
        sent = [
            {"b_id": o.claim.id, "b_message_id": o.message_id}
            for o in outcomes
            if o.status == DeliveryStatus.SENT
        ]
        other = [
            {
                "b_id": o.claim.id,
                "b_status": o.status.value,
                "b_error": redact(o.error)[:255] if o.error else None,
            }
            for o in outcomes
            if o.status != DeliveryStatus.SENT
        ]
        async with self.db.transaction() as s:
            if self.db.is_sqlite:  # local: executemany is cheap
                if sent:
                    await s.execute(_SENT_MANY, [{**row, "b_now": now} for row in sent])
                if other:
                    await s.execute(
                        _OTHER_MANY, [{**row, "b_holder": self.holder} for row in other]
                    )
                return
            # PostgreSQL: one statement per kind, the batch passed as arrays (no per-row round
            # trip, no per-row parameter processing)
            if sent:
                await s.execute(
                    _SENT_ARRAYS,
                    {
                        "ids": [r["b_id"] for r in sent],
                        "message_ids": [r["b_message_id"] for r in sent],
                        "now": now,
                    },
                )
            if other:
                await s.execute(
                    _OTHER_ARRAYS,
                    {
                        "ids": [r["b_id"] for r in other],
                        "statuses": [r["b_status"] for r in other],
                        "errors": [r["b_error"] for r in other],
                        "holder": self.holder,
                    },
                )

    async def states(self, broadcast_ids: Sequence[int]) -> dict[int, str]:
        """The current state of each broadcast (one read, committed: no rolled-back reads)."""
        if not broadcast_ids:
            return {}
        async with self.db.transaction() as s:
            rows = await s.execute(
                select(Broadcast.id, Broadcast.state).where(Broadcast.id.in_(set(broadcast_ids)))
            )
            return {int(r.id): str(r.state) for r in rows}

    async def renew(self, ids: list[int]) -> None:
        """Extend the lease of claims this sender still holds."""
        if not ids:
            return
        async with self.db.transaction() as s:
            await s.execute(
                update(Delivery)
                .where(
                    Delivery.id.in_(ids),
                    Delivery.status == DeliveryStatus.SENDING,
                    Delivery.claimed_by == self.holder,
                )
                .values(claimed_at=self.clock.now())
            )

    async def release(self, claims: list[Claim]) -> None:
        """Give back claims that were never tried (a clean shutdown), so nobody waits a lease;
        their attempt is taken back, since no message left for them."""
        if not claims:
            return
        async with self.db.transaction() as s:
            await s.execute(
                update(Delivery)
                .where(
                    Delivery.id.in_([c.id for c in claims]),
                    Delivery.status == DeliveryStatus.SENDING,
                    Delivery.claimed_by == self.holder,
                )
                .values(
                    status=DeliveryStatus.PENDING.value,
                    claimed_by=None,
                    claimed_at=None,
                    attempts=Delivery.attempts - 1,
                )
            )

"""The delivery engine's database side: claim a batch with a lease, check, record outcomes.

A claimed delivery is ``sending`` with ``claimed_by``/``claimed_at``; it becomes ``sent`` (with the
message id) right after Telegram answers. A claim older than the lease belongs to a sender that
died, and is claimed again: only the messages that were in flight at the crash can be duplicated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update

from bot.broadcasting.models import Broadcast, BroadcastState, Delivery, DeliveryStatus
from bot.clock import Clock
from bot.db import Database, affected
from bot.logs import redact
from bot.people.models import User


@dataclass(frozen=True, slots=True)
class Claim:
    """One delivery a sender holds."""

    id: int
    broadcast_id: int
    user_id: int
    claimed_at: datetime


class DeliveryStore:
    def __init__(self, db: Database, clock: Clock, holder: str, lease: timedelta) -> None:
        self.db = db
        self.clock = clock
        self.holder = holder
        self.lease = lease

    async def claim(self, limit: int) -> list[Claim]:
        """Up to ``limit`` pending (or abandoned) deliveries of sending broadcasts, now ours."""
        now = self.clock.now()
        stale = now - self.lease
        query = (
            select(Delivery.id, Delivery.broadcast_id, Delivery.user_id)
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
        async with self.db.transaction() as s:
            if not self.db.is_sqlite:
                query = query.with_for_update(of=Delivery, skip_locked=True)
            rows = (await s.execute(query)).all()
            if not rows:
                return []
            await s.execute(
                update(Delivery)
                .where(Delivery.id.in_([r.id for r in rows]))
                .values(status=DeliveryStatus.SENDING.value, claimed_at=now, claimed_by=self.holder)
            )
        return [Claim(r.id, r.broadcast_id, r.user_id, now) for r in rows]

    async def check(self, claim: Claim) -> str | None:
        """None when the delivery may go now; else why not: ``gone`` (no longer ours),
        ``cancelled``, ``opted_out``, ``blocked``. Renews an ageing lease."""
        async with self.db.session() as s:
            row = (
                await s.execute(
                    select(
                        Delivery.status,
                        Delivery.claimed_by,
                        Delivery.claimed_at,
                        Broadcast.state,
                        User.opted_out,
                        User.blocked,
                    )
                    .join(Broadcast, Broadcast.id == Delivery.broadcast_id)
                    .join(User, User.id == Delivery.user_id)
                    .where(Delivery.id == claim.id)
                )
            ).first()
        if row is None or row.status != DeliveryStatus.SENDING or row.claimed_by != self.holder:
            return "gone"
        if row.state != BroadcastState.SENDING:
            return "cancelled"
        if row.opted_out:
            return "opted_out"
        if row.blocked:
            return "blocked"
        now = self.clock.now()
        if row.claimed_at is not None and now - row.claimed_at > self.lease / 3:
            async with self.db.transaction() as s:
                renewed = await s.execute(
                    update(Delivery)
                    .where(Delivery.id == claim.id, Delivery.claimed_by == self.holder)
                    .values(claimed_at=now)
                )
            if not affected(renewed):
                return "gone"
        return None

    async def finish(
        self,
        claim: Claim,
        status: DeliveryStatus,
        *,
        message_id: int | None = None,
        error: str | None = None,
        attempts: int = 0,
    ) -> None:
        """Record the outcome (a sent message is recorded whatever happened meanwhile)."""
        values: dict[str, object] = {
            "status": status.value,
            "claimed_by": None,
            "error": redact(error)[:255] if error else None,
            "attempts": Delivery.attempts + attempts,
        }
        if status == DeliveryStatus.SENT:
            values.update(message_id=message_id, sent_at=self.clock.now())
        where = [Delivery.id == claim.id]
        if status != DeliveryStatus.SENT:
            where += [Delivery.status == DeliveryStatus.SENDING, Delivery.claimed_by == self.holder]
        async with self.db.transaction() as s:
            await s.execute(update(Delivery).where(*where).values(**values))

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
        """Give back claims that were never tried (a clean shutdown), so nobody waits a lease."""
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
                .values(status=DeliveryStatus.PENDING.value, claimed_by=None, claimed_at=None)
            )

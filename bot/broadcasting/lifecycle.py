"""The scheduler's side of broadcasts: start the due ones (fixing their audience), complete the
finished ones. Both are guarded by the broadcast's state, so with several workers each happens once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, literal, select, update

from bot.broadcasting.models import Broadcast, BroadcastState, Delivery, DeliveryStatus
from bot.broadcasting.segments import Segment
from bot.clock import Clock
from bot.db import Database, affected


class BroadcastLifecycle:
    """Mixed into :class:`~bot.broadcasting.service.BroadcastService`."""

    db: Database
    clock: Clock

    def _query(self, segment: Segment) -> Any:  # provided by the service
        raise NotImplementedError

    async def start_due(self) -> list[int]:
        """Start every scheduled broadcast whose time has come: the audience is fixed now.

        The state change and the delivery rows are one transaction guarded by the state, so a
        broadcast starts once even if two schedulers race.
        """
        now = self.clock.now()
        async with self.db.session() as s:
            due = (
                await s.scalars(
                    select(Broadcast.id).where(
                        Broadcast.state == BroadcastState.SCHEDULED,
                        Broadcast.scheduled_at <= now,
                    )
                )
            ).all()
        started = []
        for broadcast_id in due:
            async with self.db.transaction() as s:
                row = await s.get(Broadcast, broadcast_id)
                claimed = await s.execute(
                    update(Broadcast)
                    .where(
                        Broadcast.id == broadcast_id, Broadcast.state == BroadcastState.SCHEDULED
                    )
                    .values(state=BroadcastState.SENDING.value, started_at=now, updated_at=now)
                )
                if not affected(claimed) or row is None:
                    continue
                audience = self._query(Segment.from_dict(row.segment)).subquery()
                rows = select(
                    literal(broadcast_id),
                    audience.c.id,
                    literal(DeliveryStatus.PENDING.value),
                    literal(0),
                )
                await s.execute(
                    insert(Delivery).from_select(
                        ["broadcast_id", "user_id", "status", "attempts"], rows
                    )
                )
                total = await s.scalar(
                    select(func.count()).where(Delivery.broadcast_id == broadcast_id)
                )
                await s.execute(
                    update(Broadcast).where(Broadcast.id == broadcast_id).values(total=total or 0)
                )
            started.append(broadcast_id)
        return started

    async def finish_done(self) -> list[int]:
        """Mark sending broadcasts with nothing left to deliver as completed; returns their ids."""
        now = self.clock.now()
        open_rows = (
            select(Delivery.id)
            .where(
                Delivery.broadcast_id == Broadcast.id,
                Delivery.status.in_((DeliveryStatus.PENDING, DeliveryStatus.SENDING)),
            )
            .exists()
        )
        async with self.db.transaction() as s:
            done = (
                await s.scalars(
                    select(Broadcast.id).where(
                        Broadcast.state == BroadcastState.SENDING, ~open_rows
                    )
                )
            ).all()
            if done:
                await s.execute(
                    update(Broadcast)
                    .where(Broadcast.id.in_(done), Broadcast.state == BroadcastState.SENDING)
                    .values(state=BroadcastState.COMPLETED.value, finished_at=now, updated_at=now)
                )
        return list(done)

    async def sending_ids(self) -> list[int]:
        async with self.db.session() as s:
            rows = await s.scalars(
                select(Broadcast.id).where(Broadcast.state == BroadcastState.SENDING)
            )
            return list(rows.all())

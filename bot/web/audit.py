"""The administration audit log: each change made from the dashboard, with who made it and when.

Written once the change has been made by its owning service (a change that was refused leaves no
line); read by the settings page, newest first. No aiogram here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot.clock import Clock
from bot.db import Database
from bot.web.models import AuditEntry


class AuditAction:
    """The actions the dashboard records."""

    SURVEY_STATUS = "survey.status"
    PARTNER_REGISTER = "partner.register"
    ROLE_GRANT = "role.grant"


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    actor_id: int
    action: str
    subject: str
    detail: Mapping[str, Any]


class AuditLog:
    """Append and read the audit log."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def record(
        self, actor_id: int, action: str, subject: str, detail: Mapping[str, Any]
    ) -> AuditLine:
        line = AuditLine(self.clock.now(), actor_id, action, subject[:128], dict(detail))
        async with self.db.transaction() as s:
            s.add(
                AuditEntry(
                    at=line.at,
                    actor_id=actor_id,
                    action=action,
                    subject=line.subject,
                    detail=dict(line.detail),
                )
            )
        return line

    async def recent(self, limit: int = 20) -> list[AuditLine]:
        async with self.db.session() as s:
            rows = await s.scalars(
                select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
            )
            return [AuditLine(r.at, r.actor_id, r.action, r.subject, r.detail or {}) for r in rows]

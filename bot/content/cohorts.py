"""Cohorts, invite codes, roster matching and alumni profiles. No aiogram here."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select, update

from bot.clock import Clock
from bot.content.errors import ContentError
from bot.content.models import (
    AlumniProfile,
    AlumniTopic,
    Cohort,
    CohortInvite,
    CohortMember,
    RosterEntry,
)
from bot.content.roster import RosterRow
from bot.db import Database, insert_for
from bot.people.models import Role
from bot.people.service import PeopleService

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_code(length: int = 8) -> str:
    """A code that is easy to read aloud and fits a deep link (no 0/O, 1/I confusion)."""
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(length))


class UnknownCohortError(ContentError):
    """No cohort with that id."""

    key = "content-error-unknown-cohort"


class DuplicateCohortError(ContentError):
    """A cohort with that name exists."""

    key = "content-error-duplicate-cohort"


@dataclass(frozen=True, slots=True)
class CohortInfo:
    id: int
    name: str
    region_code: str | None
    starts_on: date | None
    ends_on: date | None
    members: int
    invite_code: str | None  # the newest code that is not revoked
    roster_pending: int


@dataclass(frozen=True, slots=True)
class JoinResult:
    cohort: CohortInfo
    newly_joined: bool
    #: the region from a matched roster entry, if the organiser knew it
    roster_region: str | None


@dataclass(frozen=True, slots=True)
class AlumniProfileInfo:
    user_id: int
    region_code: str | None
    topics: tuple[str, ...]
    leaderboard_opt_in: bool


class CohortService:
    """Cohorts and the alumni who joined them."""

    def __init__(self, db: Database, clock: Clock, people: PeopleService) -> None:
        self.db = db
        self.clock = clock
        self.people = people

    # -- cohorts -----------------------------------------------------------------------------
    async def add(
        self,
        name: str,
        *,
        region_code: str | None = None,
        starts_on: date | None = None,
        ends_on: date | None = None,
    ) -> CohortInfo:
        """Create a cohort with a fresh invite code."""
        name = " ".join(name.split())
        if not 3 <= len(name) <= 200:
            raise ContentError("content-error-cohort-name")
        if starts_on and ends_on and ends_on < starts_on:
            raise ContentError("content-error-cohort-dates")
        now = self.clock.now()
        async with self.db.transaction() as s:
            if await s.scalar(select(Cohort.id).where(func.lower(Cohort.name) == name.lower())):
                raise DuplicateCohortError(name=name)
            cohort = Cohort(
                name=name,
                region_code=region_code,
                starts_on=starts_on,
                ends_on=ends_on,
                created_at=now,
                updated_at=now,
            )
            s.add(cohort)
            await s.flush()
            s.add(CohortInvite(code=new_code(), cohort_id=cohort.id, created_at=now))
            cohort_id = cohort.id
        return await self.get(cohort_id)

    async def get(self, cohort_id: int) -> CohortInfo:
        infos = await self._infos(cohort_id)
        if not infos:
            raise UnknownCohortError(id=str(cohort_id))
        return infos[0]

    async def all(self) -> list[CohortInfo]:
        return await self._infos(None)

    async def _infos(self, cohort_id: int | None) -> list[CohortInfo]:
        async with self.db.session() as s:
            query = select(Cohort).order_by(Cohort.id)
            if cohort_id is not None:
                query = query.where(Cohort.id == cohort_id)
            cohorts = (await s.scalars(query)).all()
            members = dict(
                (
                    await s.execute(
                        select(CohortMember.cohort_id, func.count()).group_by(
                            CohortMember.cohort_id
                        )
                    )
                ).all()
            )
            pending = dict(
                (
                    await s.execute(
                        select(RosterEntry.cohort_id, func.count())
                        .where(RosterEntry.matched_user_id.is_(None))
                        .group_by(RosterEntry.cohort_id)
                    )
                ).all()
            )
            invites: dict[int, str] = {}
            rows = await s.execute(
                select(CohortInvite.cohort_id, CohortInvite.code)
                .where(CohortInvite.revoked_at.is_(None))
                .order_by(CohortInvite.created_at, CohortInvite.code)
            )
            for cid, code in rows.all():
                invites[cid] = code  # the newest wins
            return [
                CohortInfo(
                    id=c.id,
                    name=c.name,
                    region_code=c.region_code,
                    starts_on=c.starts_on,
                    ends_on=c.ends_on,
                    members=members.get(c.id, 0),
                    invite_code=invites.get(c.id),
                    roster_pending=pending.get(c.id, 0),
                )
                for c in cohorts
            ]

    async def invite_code(self, cohort_id: int, *, renew: bool = False) -> str:
        """The cohort's active invite code; ``renew`` revokes the current ones and makes a new one."""
        info = await self.get(cohort_id)
        if info.invite_code and not renew:
            return info.invite_code
        now = self.clock.now()
        async with self.db.transaction() as s:
            if renew:
                await s.execute(
                    update(CohortInvite)
                    .where(CohortInvite.cohort_id == cohort_id, CohortInvite.revoked_at.is_(None))
                    .values(revoked_at=now)
                )
            code = new_code()
            s.add(CohortInvite(code=code, cohort_id=cohort_id, created_at=now))
        return code

    async def revoke_invite(self, code: str) -> bool:
        """Revoke one invite code; False when it was unknown or already revoked."""
        async with self.db.transaction() as s:
            result = await s.execute(
                update(CohortInvite)
                .where(CohortInvite.code == code.upper(), CohortInvite.revoked_at.is_(None))
                .values(revoked_at=self.clock.now())
            )
            return bool(_rows(result))

    async def revoke_all(self, cohort_id: int) -> int:
        """Revoke every active code of a cohort (existing alumni stay alumni)."""
        await self.get(cohort_id)
        async with self.db.transaction() as s:
            result = await s.execute(
                update(CohortInvite)
                .where(CohortInvite.cohort_id == cohort_id, CohortInvite.revoked_at.is_(None))
                .values(revoked_at=self.clock.now())
            )
            return int(_rows(result) or 0)

    # -- joining -----------------------------------------------------------------------------
    async def join(self, code: str, user_id: int, username: str | None) -> JoinResult | None:
        """Make the user an alumnus of the code's cohort; None for an unknown or revoked code."""
        now = self.clock.now()
        async with self.db.transaction() as s:
            invite = await s.get(CohortInvite, code.upper())
            if invite is None or invite.revoked_at is not None:
                return None
            cohort_id = invite.cohort_id
            stmt = insert_for(s, CohortMember).values(
                cohort_id=cohort_id, user_id=user_id, joined_at=now
            )
            result = await s.execute(stmt.on_conflict_do_nothing())
            newly = bool(_rows(result))
            stmt2 = insert_for(s, AlumniProfile).values(
                user_id=user_id, leaderboard_opt_in=False, created_at=now
            )
            await s.execute(stmt2.on_conflict_do_nothing())
            roster_region = None
            if username:
                entry = await s.scalar(
                    select(RosterEntry)
                    .where(
                        RosterEntry.cohort_id == cohort_id,
                        RosterEntry.username == username.lower(),
                        RosterEntry.matched_user_id.is_(None),
                    )
                    .order_by(RosterEntry.id)
                    .limit(1)
                )
                if entry is not None:
                    entry.matched_user_id = user_id
                    entry.matched_at = now
                    roster_region = entry.region_code
        await self.people.grant(user_id, Role.ALUMNI, by=f"cohort:{cohort_id}")
        return JoinResult(await self.get(cohort_id), newly, roster_region)

    async def import_roster(self, cohort_id: int, rows: list[RosterRow]) -> int:
        """Store parsed roster rows as pending entries; returns how many were stored."""
        await self.get(cohort_id)
        async with self.db.transaction() as s:
            for row in rows:
                s.add(
                    RosterEntry(
                        cohort_id=cohort_id,
                        name=row.name,
                        phone=row.phone,
                        username=row.username,
                        region_code=row.region_code,
                    )
                )
        return len(rows)

    async def cohorts_of(self, user_id: int) -> list[CohortInfo]:
        """The user's cohorts, the most recently joined first."""
        async with self.db.session() as s:
            ids = (
                await s.scalars(
                    select(CohortMember.cohort_id)
                    .where(CohortMember.user_id == user_id)
                    .order_by(CohortMember.joined_at.desc(), CohortMember.cohort_id.desc())
                )
            ).all()
        infos = {c.id: c for c in await self.all()}
        return [infos[i] for i in ids if i in infos]

    # -- profiles ----------------------------------------------------------------------------
    async def profile(self, user_id: int) -> AlumniProfileInfo | None:
        async with self.db.session() as s:
            profile = await s.get(AlumniProfile, user_id)
            if profile is None:
                return None
            topics = (
                await s.scalars(
                    select(AlumniTopic.topic)
                    .where(AlumniTopic.user_id == user_id)
                    .order_by(AlumniTopic.topic)
                )
            ).all()
            return AlumniProfileInfo(
                user_id, profile.region_code, tuple(topics), profile.leaderboard_opt_in
            )

    async def set_region(self, user_id: int, region_code: str) -> None:
        async with self.db.transaction() as s:
            await s.execute(
                update(AlumniProfile)
                .where(AlumniProfile.user_id == user_id)
                .values(region_code=region_code)
            )
        await self.people.set_region(user_id, region_code)

    async def set_topics(self, user_id: int, topics: list[str]) -> None:
        async with self.db.transaction() as s:
            await s.execute(delete(AlumniTopic).where(AlumniTopic.user_id == user_id))
            for topic in sorted(set(topics)):
                s.add(AlumniTopic(user_id=user_id, topic=topic))

    async def set_leaderboard_opt_in(self, user_id: int, opt_in: bool) -> None:
        async with self.db.transaction() as s:
            await s.execute(
                update(AlumniProfile)
                .where(AlumniProfile.user_id == user_id)
                .values(leaderboard_opt_in=opt_in)
            )


def normalize_phone(phone: str) -> str | None:
    """Digits of an Indonesian phone number in 62… form ("0812-3456-7890" → "6281234567890")."""
    digits = "".join(c for c in phone if c.isdigit())
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    if not 9 <= len(digits) <= 15:
        return None
    return digits


def _rows(result: Any) -> int:
    """Rows an INSERT/UPDATE touched (a CursorResult's rowcount; the type stubs hide it)."""
    return int(getattr(result, "rowcount", 0) or 0)

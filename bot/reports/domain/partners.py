"""Partner organisations: the config/CLI registry, members, and invite links. No aiogram here."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.db import Database, insert_for
from bot.people.models import Role
from bot.people.service import PeopleService
from bot.reports.domain.models import Partner, PartnerInvite, PartnerMember
from bot.reports.domain.routing import PartnerInfo
from bot.reports.settings import PartnerConfig, check_categories, check_regions

INVITE_DAYS = 14


class PartnerError(Exception):
    """A partner operation cannot be done; the message says why."""


class UnknownPartnerError(PartnerError, LookupError):
    """No partner with that id."""


class PartnerNameTakenError(PartnerError):
    """Another active partner, in another chat, already has that name."""


def partner_info(p: Partner) -> PartnerInfo:
    return PartnerInfo(
        id=p.id,
        name=p.name,
        chat_id=p.chat_id,
        regions=tuple(p.regions),
        categories=tuple(p.categories),
        active=p.active,
    )


class PartnerService:
    """Partners, their members and invites."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        people: PeopleService,
        configured: Sequence[PartnerConfig] = (),
    ) -> None:
        self.db = db
        self.clock = clock
        self.people = people
        self.configured = list(configured)
        self._synced = False
        self._sync_lock = asyncio.Lock()

    async def ensure_synced(self) -> None:
        """Write config.yml's partners into the database once per process (before first use)."""
        if self._synced:
            return
        async with self._sync_lock:
            if not self._synced:
                await self.sync_from_config(self.configured)
                self._synced = True

    async def add(
        self,
        *,
        name: str,
        chat_id: int,
        regions: Sequence[str],
        categories: Sequence[str] = ("*",),
        active: bool = True,
        source: str = "cli",
        own_chat_only: bool = False,
    ) -> PartnerInfo:
        """Add a partner, or update the one with the same name (no duplicates).

        ``own_chat_only`` (registration from a group): refuse, with
        :class:`PartnerNameTakenError`, a name an active partner in another chat holds, so a
        group cannot take over another partner's reports by naming itself after it.
        """
        await self.ensure_synced()
        return await self._upsert(
            name=name,
            chat_id=chat_id,
            regions=regions,
            categories=categories,
            active=active,
            source=source,
            own_chat_only=own_chat_only,
        )

    async def _upsert(
        self,
        *,
        name: str,
        chat_id: int,
        regions: Sequence[str],
        categories: Sequence[str],
        active: bool,
        source: str,
        own_chat_only: bool = False,
    ) -> PartnerInfo:
        name = name.strip()
        if not 2 <= len(name) <= 128:
            raise PartnerError("the name must be 2-128 characters")
        try:
            regions = check_regions(list(regions))
            categories = check_categories(list(categories))
        except ValueError as exc:
            raise PartnerError(str(exc)) from exc
        async with self.db.transaction() as s:
            partner = await s.scalar(select(Partner).where(Partner.name == name))
            if own_chat_only and partner is not None and partner.active:
                if partner.chat_id != chat_id:
                    raise PartnerNameTakenError(f"the name {name!r} is another partner's")
            if partner is None:
                partner = Partner(name=name, created_at=self.clock.now(), source=source)
                s.add(partner)
            partner.chat_id = chat_id
            partner.regions = regions
            partner.categories = categories
            partner.active = active
            await s.flush()
            return partner_info(partner)

    async def sync_from_config(self, configured: Sequence[PartnerConfig]) -> int:
        """Upsert config.yml's partners by name; returns how many were written."""
        for p in configured:
            await self._upsert(
                name=p.name,
                chat_id=p.chat_id,
                regions=p.regions,
                categories=p.categories,
                active=p.active,
                source="config",
            )
        return len(configured)

    async def remove(self, partner_id: int) -> PartnerInfo:
        """Deactivate a partner: reports keep their history, new ones no longer go there."""
        await self.ensure_synced()
        async with self.db.transaction() as s:
            partner = await s.get(Partner, partner_id)
            if partner is None:
                raise UnknownPartnerError(f"no partner with id {partner_id}")
            partner.active = False
            return partner_info(partner)

    async def list_partners(
        self, *, active_only: bool = False, s: AsyncSession | None = None
    ) -> list[PartnerInfo]:
        """Every partner; in ``s`` when given (the caller synchronised before its transaction)."""
        query = select(Partner).order_by(Partner.id)
        if active_only:
            query = query.where(Partner.active.is_(True))
        if s is not None:
            return [partner_info(p) for p in (await s.scalars(query)).all()]
        await self.ensure_synced()
        async with self.db.session() as own:
            return [partner_info(p) for p in (await own.scalars(query)).all()]

    async def for_chat(self, chat_id: int) -> PartnerInfo | None:
        """The active partner whose chat this is (the oldest if several share it), or None."""
        await self.ensure_synced()
        query = (
            select(Partner)
            .where(Partner.chat_id == chat_id, Partner.active.is_(True))
            .order_by(Partner.id)
            .limit(1)
        )
        async with self.db.session() as s:
            partner = await s.scalar(query)
            return partner_info(partner) if partner is not None else None

    async def get(self, partner_id: int) -> PartnerInfo:
        await self.ensure_synced()
        async with self.db.session() as s:
            partner = await s.get(Partner, partner_id)
            if partner is None:
                raise UnknownPartnerError(f"no partner with id {partner_id}")
            return partner_info(partner)

    # -- members --------------------------------------------------------------------------
    async def create_invite(self, partner_id: int) -> str:
        """A fresh invite code (valid for two weeks, usable by several members)."""
        await self.get(partner_id)
        code = secrets.token_urlsafe(12).replace("-", "x").replace("_", "y")
        now = self.clock.now()
        async with self.db.transaction() as s:
            s.add(
                PartnerInvite(
                    code=code,
                    partner_id=partner_id,
                    created_at=now,
                    expires_at=now + timedelta(days=INVITE_DAYS),
                )
            )
        return code

    async def accept_invite(self, code: str, user_id: int) -> PartnerInfo | None:
        """Make the user a member of the invite's partner; None for an unknown or expired code."""
        async with self.db.transaction() as s:
            invite = await s.get(PartnerInvite, code)
            if invite is None or invite.expires_at <= self.clock.now():
                return None
            partner = await s.get(Partner, invite.partner_id)
            if partner is None or not partner.active:
                return None
            stmt = insert_for(s, PartnerMember).values(
                partner_id=partner.id, user_id=user_id, joined_at=self.clock.now()
            )
            await s.execute(stmt.on_conflict_do_nothing())
            info = partner_info(partner)
        await self.people.grant(user_id, Role.PARTNER, by=f"partner:{info.id}")
        return info

    async def add_member(self, partner_id: int, user_id: int) -> None:
        """Add a member directly (tests, CLI)."""
        async with self.db.transaction() as s:
            stmt = insert_for(s, PartnerMember).values(
                partner_id=partner_id, user_id=user_id, joined_at=self.clock.now()
            )
            await s.execute(stmt.on_conflict_do_nothing())
        await self.people.grant(user_id, Role.PARTNER, by=f"partner:{partner_id}")

    async def remove_member(self, partner_id: int, user_id: int) -> None:
        async with self.db.transaction() as s:
            await s.execute(
                delete(PartnerMember).where(
                    PartnerMember.partner_id == partner_id, PartnerMember.user_id == user_id
                )
            )

    async def memberships(self, user_id: int) -> set[int]:
        """Ids of the partners the user acts for (a partner whose chat is the user counts)."""
        async with self.db.session() as s:
            rows = await s.scalars(
                select(PartnerMember.partner_id).where(PartnerMember.user_id == user_id)
            )
            ids = set(rows.all())
            own = await s.scalars(
                select(Partner.id).where(Partner.chat_id == user_id, Partner.active.is_(True))
            )
            return ids | set(own.all())

    async def members(self, partner_id: int) -> list[int]:
        async with self.db.session() as s:
            rows = await s.scalars(
                select(PartnerMember.user_id).where(PartnerMember.partner_id == partner_id)
            )
            return list(rows.all())

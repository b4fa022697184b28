"""Shares (self-reported and inline), personal referral codes and referral attribution. No aiogram."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from bot.clock import Clock
from bot.content.cohorts import new_code
from bot.content.errors import ContentError
from bot.content.models import (
    ContentItem,
    ContentShare,
    ReferralAttribution,
    ReferralCode,
    ShareChannel,
)
from bot.db import Database, insert_for
from bot.people.models import User

_REF_RE = re.compile(r"^([A-Z2-9]{8})(?:_(\d{1,9}))?$")
_LINK_RE = re.compile(r"^https?://[^\s<>\"]{3,490}$")


class BadLinkError(ContentError):
    key = "content-error-bad-link"


@dataclass(frozen=True, slots=True)
class Referral:
    """The outcome of a ``/start r-…`` link."""

    referrer_id: int
    referrer_name: str
    item_id: int | None
    item_title: str | None
    #: "attributed", "self" (own link), "existing" (not a new user, or already attributed)
    outcome: str


def referral_payload(code: str, item_id: int | None = None) -> str:
    """The code part of an ``r-`` deep link: the sharer's code, and the item when there is one."""
    return f"{code}_{item_id}" if item_id is not None else code


class SharingService:
    """Shares and referrals."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def record_share(
        self,
        user_id: int,
        item_id: int,
        channel: str,
        *,
        via: str = "self",
        link: str | None = None,
    ) -> int:
        """Record one share; returns its id. The item must exist."""
        try:
            ShareChannel(channel)
        except ValueError as exc:
            raise ContentError("content-error-bad-channel", channel=channel) from exc
        if link is not None:
            link = check_link(link)
        async with self.db.transaction() as s:
            if await s.get(ContentItem, item_id) is None:
                raise ContentError("content-error-unknown-item", id=str(item_id))
            share = ContentShare(
                item_id=item_id,
                user_id=user_id,
                channel=channel,
                via=via,
                link=link,
                at=self.clock.now(),
            )
            s.add(share)
            await s.flush()
            return share.id

    async def set_share_link(self, user_id: int, share_id: int, link: str) -> None:
        """Add the link to one of the user's own shares."""
        link = check_link(link)
        async with self.db.transaction() as s:
            await s.execute(
                update(ContentShare)
                .where(ContentShare.id == share_id, ContentShare.user_id == user_id)
                .values(link=link)
            )

    async def referral_code(self, user_id: int) -> str:
        """The user's personal referral code, created on first use."""
        async with self.db.session() as s:
            code = await s.scalar(select(ReferralCode.code).where(ReferralCode.user_id == user_id))
        if code is not None:
            return code
        for _ in range(5):
            candidate = new_code(8)
            try:
                async with self.db.transaction() as s:
                    stmt = insert_for(s, ReferralCode).values(
                        code=candidate, user_id=user_id, created_at=self.clock.now()
                    )
                    await s.execute(stmt.on_conflict_do_nothing(index_elements=["user_id"]))
            except IntegrityError:  # the code was taken: try another
                continue
            async with self.db.session() as s:
                code = await s.scalar(
                    select(ReferralCode.code).where(ReferralCode.user_id == user_id)
                )
            if code is not None:
                return code
        raise RuntimeError("could not allocate a referral code")

    async def follow_referral(self, payload: str, user_id: int, *, is_new: bool) -> Referral | None:
        """Attribute a new user to the link's owner (and item), once; None for an invalid link."""
        match = _REF_RE.match(payload.upper())
        if match is None:
            return None
        code, item_part = match.group(1), match.group(2)
        async with self.db.transaction() as s:
            owner = await s.scalar(select(ReferralCode).where(ReferralCode.code == code))
            if owner is None:
                return None
            referrer = await s.get(User, owner.user_id)
            if referrer is None:
                return None
            item = await s.get(ContentItem, int(item_part)) if item_part else None
            item_id = item.id if item is not None else None
            outcome = "existing"
            if owner.user_id == user_id:
                outcome = "self"
            elif is_new:
                stmt = insert_for(s, ReferralAttribution).values(
                    referred_user_id=user_id,
                    referrer_id=owner.user_id,
                    item_id=item_id,
                    at=self.clock.now(),
                )
                result = await s.execute(stmt.on_conflict_do_nothing())
                if _rows(result):
                    outcome = "attributed"
            return Referral(
                owner.user_id,
                referrer.first_name,
                item_id,
                item.title if item is not None else None,
                outcome,
            )


def check_link(link: str) -> str:
    link = link.strip()
    if not _LINK_RE.match(link):
        raise BadLinkError()
    return link


def _rows(result: Any) -> int:
    """Rows an INSERT/UPDATE touched (a CursorResult's rowcount; the type stubs hide it)."""
    return int(getattr(result, "rowcount", 0) or 0)

"""Impact figures: an alumnus's reach, a cohort's leaderboard, coordinators' stats. No aiogram."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.clock import Clock
from bot.content.models import (
    AlumniProfile,
    Cohort,
    CohortMember,
    ContentItem,
    ContentShare,
    ReferralAttribution,
)
from bot.db import Database
from bot.people.models import User, UserActivity

#: Activity kinds recorded by other features that count as reach.
REACH_KINDS = ("report_submitted", "survey_completed")


@dataclass(frozen=True, slots=True)
class Figures:
    shares: int
    shares_by_channel: dict[str, int]
    joined: int
    reports: int
    surveys: int


@dataclass(frozen=True, slots=True)
class Impact:
    month: Figures
    total: Figures


@dataclass(frozen=True, slots=True)
class Standing:
    user_id: int
    name: str
    shares: int
    joined: int
    opted_in: bool
    rank: int = 0


@dataclass
class StatsRow:
    """Shares by channel and referred joins of one item or one cohort."""

    kind: str  # "item" or "cohort"
    key: str  # slug or cohort name
    title: str
    shares_by_channel: Counter[str] = field(default_factory=Counter)
    joined: int = 0

    @property
    def shares(self) -> int:
        return sum(self.shares_by_channel.values())

    def to_dict(self, channels: list[str]) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "title": self.title,
            "shares": self.shares,
            **{f"shares_{c}": self.shares_by_channel.get(c, 0) for c in channels},
            "joined": self.joined,
        }


class ImpactService:
    """Read-only figures over shares, referrals and the activity of referred users."""

    def __init__(self, db: Database, clock: Clock, tz: ZoneInfo) -> None:
        self.db = db
        self.clock = clock
        self.tz = tz

    def month_start(self) -> datetime:
        """The first moment of the current month in the deployment's time zone, in UTC."""
        local = self.clock.now().astimezone(self.tz)
        return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)

    async def impact(self, user_id: int) -> Impact:
        since = self.month_start()
        return Impact(
            month=await self._figures(user_id, since), total=await self._figures(user_id, None)
        )

    async def _figures(self, user_id: int, since: datetime | None) -> Figures:
        async with self.db.session() as s:
            q = (
                select(ContentShare.channel, func.count())
                .where(ContentShare.user_id == user_id)
                .group_by(ContentShare.channel)
            )
            if since is not None:
                q = q.where(ContentShare.at >= since)
            by_channel = {c: int(n) for c, n in (await s.execute(q)).all()}
            joined_q = select(func.count()).where(ReferralAttribution.referrer_id == user_id)
            if since is not None:
                joined_q = joined_q.where(ReferralAttribution.at >= since)
            joined = int(await s.scalar(joined_q) or 0)
            referred = select(ReferralAttribution.referred_user_id).where(
                ReferralAttribution.referrer_id == user_id
            )
            act_q = (
                select(UserActivity.kind, func.count())
                .where(UserActivity.user_id.in_(referred), UserActivity.kind.in_(REACH_KINDS))
                .group_by(UserActivity.kind)
            )
            if since is not None:
                act_q = act_q.where(UserActivity.at >= since)
            acts = {k: int(n) for k, n in (await s.execute(act_q)).all()}
        return Figures(
            shares=sum(by_channel.values()),
            shares_by_channel=by_channel,
            joined=joined,
            reports=acts.get("report_submitted", 0),
            surveys=acts.get("survey_completed", 0),
        )

    async def leaderboard(self, cohort_id: int) -> list[Standing]:
        """Every member of the cohort with shares and joins, best first (joins, then shares)."""
        async with self.db.session() as s:
            members = (
                await s.execute(
                    select(User.id, User.first_name, AlumniProfile.leaderboard_opt_in)
                    .join(CohortMember, CohortMember.user_id == User.id)
                    .outerjoin(AlumniProfile, AlumniProfile.user_id == User.id)
                    .where(CohortMember.cohort_id == cohort_id)
                )
            ).all()
            ids = [m[0] for m in members]
            shares = dict(
                (
                    await s.execute(
                        select(ContentShare.user_id, func.count())
                        .where(ContentShare.user_id.in_(ids))
                        .group_by(ContentShare.user_id)
                    )
                ).all()
            )
            joins = dict(
                (
                    await s.execute(
                        select(ReferralAttribution.referrer_id, func.count())
                        .where(ReferralAttribution.referrer_id.in_(ids))
                        .group_by(ReferralAttribution.referrer_id)
                    )
                ).all()
            )
        standings = [
            Standing(uid, name, int(shares.get(uid, 0)), int(joins.get(uid, 0)), bool(opt))
            for uid, name, opt in members
        ]
        standings.sort(key=lambda x: (-x.joined, -x.shares, x.user_id))
        ranked: list[Standing] = []
        for index, st in enumerate(standings):
            same = ranked and (ranked[-1].joined, ranked[-1].shares) == (st.joined, st.shares)
            rank = ranked[-1].rank if same else index + 1
            ranked.append(Standing(st.user_id, st.name, st.shares, st.joined, st.opted_in, rank))
        return ranked

    async def stats(self) -> list[StatsRow]:
        """Per item and per cohort: shares by channel and referred joins."""
        async with self.db.session() as s:
            items = (
                await s.execute(
                    select(ContentItem.id, ContentItem.slug, ContentItem.title).order_by(
                        ContentItem.id
                    )
                )
            ).all()
            cohorts = (await s.execute(select(Cohort.id, Cohort.name).order_by(Cohort.id))).all()
            shares = (
                await s.execute(
                    select(
                        ContentShare.item_id,
                        ContentShare.user_id,
                        ContentShare.channel,
                        func.count(),
                    ).group_by(ContentShare.item_id, ContentShare.user_id, ContentShare.channel)
                )
            ).all()
            joins = (
                await s.execute(
                    select(
                        ReferralAttribution.item_id, ReferralAttribution.referrer_id, func.count()
                    ).group_by(ReferralAttribution.item_id, ReferralAttribution.referrer_id)
                )
            ).all()
            memberships = (
                await s.execute(select(CohortMember.user_id, CohortMember.cohort_id))
            ).all()
        cohorts_of: dict[int, list[int]] = defaultdict(list)
        for uid, cid in memberships:
            cohorts_of[uid].append(cid)
        item_rows = {iid: StatsRow("item", slug, title) for iid, slug, title in items}
        cohort_rows = {cid: StatsRow("cohort", str(cid), name) for cid, name in cohorts}
        for item_id, user_id, channel, n in shares:
            if item_id in item_rows:
                item_rows[item_id].shares_by_channel[channel] += int(n)
            for cid in cohorts_of.get(user_id, ()):
                cohort_rows[cid].shares_by_channel[channel] += int(n)
        for joined_item, referrer_id, count in joins:
            if joined_item in item_rows:
                item_rows[joined_item].joined += int(count)
            for cid in cohorts_of.get(referrer_id, ()):
                cohort_rows[cid].joined += int(count)
        return [*item_rows.values(), *cohort_rows.values()]

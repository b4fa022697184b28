"""Who may take a survey, and the respondent snapshot (region, province, cohort, role).

Cohorts come from the content feature (``bot/content/models.py``: ``Cohort``, ``CohortMember``);
a survey audience names cohorts by id or by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.content.models import Cohort, CohortMember
from bot.people.models import Role
from bot.people.service import Person
from bot.surveys.schema import Audience


@dataclass(frozen=True)
class Snapshot:
    region_code: str | None
    province: str | None
    cohort: str | None
    role: str


def province_of(code: str | None) -> str | None:
    """``36.72`` → ``36`` (the province is the code before the dot)."""
    if not code:
        return None
    return code.split(".", 1)[0]


def main_role(person: Person) -> str:
    """One role for breakdowns: alumni, partner, coordinator or citizen."""
    for role in (Role.ALUMNI, Role.PARTNER, Role.COORDINATOR):
        if person.has(role):
            return role.value
    if person.is_admin:
        return Role.COORDINATOR.value
    return Role.CITIZEN.value


async def cohorts_of(s: AsyncSession, user_id: int) -> list[tuple[int, str]]:
    """(id, name) of the user's cohorts, most recently joined first."""
    rows = await s.execute(
        select(Cohort.id, Cohort.name)
        .join(CohortMember, CohortMember.cohort_id == Cohort.id)
        .where(CohortMember.user_id == user_id)
        .order_by(CohortMember.joined_at.desc())
    )
    return [(int(i), str(n)) for i, n in rows.all()]


def in_audience(person: Person, audience: Audience, cohorts: list[tuple[int, str]]) -> bool:
    """Roles OR-ed, regions OR-ed, cohorts OR-ed; kinds AND-ed; empty = no restriction.

    ``citizen`` in roles means everyone (a public survey).
    """
    roles = set(audience.roles)
    if roles and "citizen" not in roles and not any(person.has(Role(r)) for r in roles):
        return False
    if audience.regions:
        code = person.region_code or ""
        if not any(code == r or code.startswith(f"{r}.") for r in audience.regions):
            return False
    if audience.cohorts:
        wanted = {c.lower() for c in audience.cohorts}
        if not any(str(cid) in wanted or name.lower() in wanted for cid, name in cohorts):
            return False
    return True


def snapshot(person: Person, cohorts: list[tuple[int, str]]) -> Snapshot:
    return Snapshot(
        region_code=person.region_code,
        province=province_of(person.region_code),
        cohort=cohorts[0][1] if cohorts else None,
        role=main_role(person),
    )


async def cohort_ids(s: AsyncSession, refs: list[str]) -> list[str]:
    """Cohort ids (as strings, for a broadcast segment) for cohort ids or names."""
    if not refs:
        return []
    wanted = {r.lower() for r in refs}
    rows: Any = await s.execute(select(Cohort.id, Cohort.name))
    return [str(i) for i, n in rows.all() if str(i) in wanted or str(n).lower() in wanted]

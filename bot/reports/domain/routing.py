"""Which partners get a report: the most specific region level among partners of the category.

Pure functions over :class:`PartnerInfo` snapshots, so the rule is easy to read and to test.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.reports.domain.categories import Level


@dataclass(frozen=True, slots=True)
class PartnerInfo:
    """A partner as routing and handlers see it."""

    id: int
    name: str
    chat_id: int
    regions: tuple[str, ...]
    categories: tuple[str, ...]
    active: bool = True

    def handles(self, category: str) -> bool:
        return "*" in self.categories or category in self.categories

    def level_for(self, region_code: str, province_code: str) -> Level | None:
        """The most specific level at which this partner covers the place, or None."""
        if region_code in self.regions:
            return Level.REGENCY
        if province_code in self.regions:
            return Level.PROVINCE
        if "*" in self.regions:
            return Level.NATIONAL
        return None


@dataclass(frozen=True, slots=True)
class Route:
    """The partners to notify and the level they were found at (empty → coordinators)."""

    level: Level
    partners: tuple[PartnerInfo, ...]


def route_report(
    partners: Iterable[PartnerInfo],
    *,
    category: str,
    region_code: str,
    province_code: str,
    above: Level | None = None,
) -> Route:
    """The most specific level (strictly above ``above`` when escalating) with partners for it.

    No partner at any remaining level → ``Level.COORDINATORS`` with no partners.
    """
    by_level: dict[Level, list[PartnerInfo]] = {}
    for p in partners:
        if not p.active or not p.handles(category):
            continue
        level = p.level_for(region_code, province_code)
        if level is None or (above is not None and level <= above):
            continue
        by_level.setdefault(level, []).append(p)
    if not by_level:
        return Route(Level.COORDINATORS, ())
    best = min(by_level)
    return Route(best, tuple(sorted(by_level[best], key=lambda p: p.id)))


def candidates_for(
    partners: Sequence[PartnerInfo], *, category: str, region_code: str, province_code: str
) -> list[PartnerInfo]:
    """Every active partner that could take the report (for "hand to another partner")."""
    found = [
        (lvl, p)
        for p in partners
        if p.active
        and p.handles(category)
        and (lvl := p.level_for(region_code, province_code)) is not None
    ]
    return [p for _, p in sorted(found, key=lambda x: (x[0], x[1].id))]

"""The ``reports:`` section of config.yml: partners, limits, SLA and retention."""

from __future__ import annotations

from pydantic import Field, field_validator

from bot.reports.domain.categories import CATEGORIES
from bot.settings_base import Section


def check_regions(regions: list[str]) -> list[str]:
    """``*``, or provinces / kabupaten/kota by code ("36", "36.72") or name ("Banten")."""
    from bot.fileio import find_region, scalar_text

    if not regions:
        raise ValueError("at least one region is needed (a code like 36.72 or 36, or *)")
    out: list[str] = []
    for raw in regions:
        code = scalar_text(raw).strip()
        out.append(code if code == "*" else find_region(code).code)
    return out


def check_categories(categories: list[str]) -> list[str]:
    """``*`` or names from :data:`CATEGORIES`."""
    if not categories:
        raise ValueError("at least one category is needed (or *)")
    out: list[str] = []
    for raw in categories:
        name = str(raw).strip()
        if name != "*" and name not in CATEGORIES:
            raise ValueError(f"unknown category {name!r}; choose from {', '.join(CATEGORIES)} or *")
        out.append(name)
    return out


class PartnerConfig(Section):
    """One partner organisation as written in config.yml."""

    name: str = Field(min_length=2, max_length=128)
    chat_id: int
    regions: list[str]
    categories: list[str] = Field(default_factory=lambda: ["*"])
    active: bool = True

    @field_validator("regions")
    @classmethod
    def _known_regions(cls, value: list[str]) -> list[str]:
        return check_regions(value)

    @field_validator("categories")
    @classmethod
    def _known_categories(cls, value: list[str]) -> list[str]:
        return check_categories(value)


class SlaSettings(Section):
    """How long a report may wait before it escalates or its partner is reminded."""

    claim_hours: float = Field(default=24, gt=0, le=24 * 60)
    urgent_claim_hours: float = Field(default=2, gt=0, le=24 * 60)
    update_days: float = Field(default=7, gt=0, le=365)
    sweep_seconds: float = Field(default=60, ge=1, le=3600)


class VerdictSettings(Section):
    """Asking the reporter whether a resolved case was really handled."""

    enabled: bool = True
    #: Days after the resolution to ask again while the answer is not "Sudah" (nor "Belum",
    #: which reopens the case at once).
    follow_up_days: list[int] = Field(default_factory=lambda: [7, 28], max_length=5)

    @field_validator("follow_up_days")
    @classmethod
    def _increasing(cls, days: list[int]) -> list[int]:
        if any(d < 1 or d > 365 for d in days) or days != sorted(set(days)):
            raise ValueError("must be increasing whole days between 1 and 365, e.g. [7, 28]")
        return days


class ReportsSettings(Section):
    """Incident reports."""

    partners: list[PartnerConfig] = Field(default_factory=list)
    daily_limit: int = Field(default=5, ge=1, le=1000)
    max_media: int = Field(default=10, ge=0, le=10)
    max_media_mb: float = Field(default=20, gt=0, le=2000)
    sla: SlaSettings = Field(default_factory=SlaSettings)
    verdict: VerdictSettings = Field(default_factory=VerdictSettings)
    #: Days after a report is closed before its reporter link and evidence are dropped (None: keep).
    retention_days: int | None = Field(default=None, ge=1)

    @field_validator("partners")
    @classmethod
    def _unique_names(cls, partners: list[PartnerConfig]) -> list[PartnerConfig]:
        seen: set[str] = set()
        for p in partners:
            if p.name.lower() in seen:
                raise ValueError(f"partner {p.name!r} is listed twice")
            seen.add(p.name.lower())
        return partners


def fallback_warning(coordinators_chat_id: int | None, admins: list[int]) -> str | None:
    """What ``rukun run`` and ``rukun config check`` say when a report no partner covers has no
    chat to go to (the shipped default): it then waits for the admins, told in private."""
    if coordinators_chat_id is not None:
        return None
    where = (
        f"only the {len(admins)} admin(s) in ADMINS are told, in their private chats"
        if admins
        else "nobody is told (ADMINS is empty too)"
    )
    return (
        "coordinators_chat_id is not set: a report for a place or category no partner covers "
        f"waits unrouted and {where}; set coordinators_chat_id in config.yml (use /id in the "
        "coordinators' group to find it)"
    )

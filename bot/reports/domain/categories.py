"""The fixed vocabularies of reports: categories, statuses, routing levels, "when" choices."""

from __future__ import annotations

from enum import IntEnum, StrEnum

#: The eight incident categories (the NLU's ``lapor_insiden/<category>`` names), in menu order.
CATEGORIES: tuple[str, ...] = (
    "rumah_ibadah",
    "pembubaran_ibadah",
    "ujaran_kebencian",
    "diskriminasi_layanan",
    "intimidasi",
    "kekerasan",
    "kebijakan_diskriminatif",
    "lainnya",
)

WHEN_CHOICES: tuple[str, ...] = ("today", "yesterday", "week", "earlier")


class Status(StrEnum):
    """A report's lifecycle: open (routed, waiting for a claim) → claimed → resolved / rejected.

    ``merged`` is a repeat the reporter linked to an earlier report of theirs.
    """

    OPEN = "open"
    CLAIMED = "claimed"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    MERGED = "merged"


ACTIVE_STATUSES = (Status.OPEN, Status.CLAIMED)


class Level(IntEnum):
    """How specific a route is: kabupaten/kota, province, national, the coordinators' chat."""

    REGENCY = 0
    PROVINCE = 1
    NATIONAL = 2
    COORDINATORS = 3


class Confidentiality(StrEnum):
    """Who may read a report: its handling partner the reporter's name too (identified), or
    not (anonymous, the default); or, rahasia, nobody but the partner that claimed it and the
    admins may read its story and evidence (aggregates still count it)."""

    IDENTIFIED = "identified"
    ANONYMOUS = "anonymous"
    RAHASIA = "rahasia"

    @classmethod
    def of(cls, value: str | None, *, anonymous: bool = True) -> Confidentiality:
        """The stored level (a row from before the column: from its ``anonymous`` flag)."""
        if value is not None and value in cls._value2member_map_:
            return cls(value)
        return cls.ANONYMOUS if anonymous else cls.IDENTIFIED

    @property
    def anonymous(self) -> bool:
        """Whether the reporter's name is withheld from partners (rahasia is anonymous too)."""
        return self is not Confidentiality.IDENTIFIED


class EventKind(StrEnum):
    """What a timeline event records (``report-ev-<kind>`` in the catalogues)."""

    CREATED = "created"
    ROUTED = "routed"
    ESCALATED = "escalated"
    CLAIMED = "claimed"
    QUESTION = "question"
    ANSWER = "answer"
    REOPEN_REQUESTED = "reopen_requested"
    FORWARDED = "forwarded"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    TIMELINE_VIEWED = "timeline_viewed"
    VIEWED = "viewed"
    IDENTITY_REVEALED = "identity_revealed"
    REPORTER_DETACHED = "reporter_detached"
    REMINDED = "reminded"
    LINKED = "linked"
    REPEAT_LINKED = "repeat_linked"
    RETENTION_APPLIED = "retention_applied"
    DELIVERY_FAILED = "delivery_failed"
    VERDICT_ASKED = "verdict_asked"
    VERDICT = "verdict"
    REOPENED = "reopened"


class ActorKind(StrEnum):
    """Who acted: the reporter, the bot itself, a partner member or a coordinator."""

    REPORTER = "reporter"
    SYSTEM = "system"
    PARTNER = "partner"
    COORDINATOR = "coordinator"


def category_key(category: str) -> str:
    """The catalogue key of a category's label."""
    return f"report-cat-{category.replace('_', '-')}"

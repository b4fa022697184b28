"""Segments: who a broadcast goes to, as one SQL query of user ids.

Opted-out and blocked users are always excluded. Criteria of different kinds combine with AND,
values of one kind with OR (``roles=["alumni", "partner"]`` = alumni or partners). ``cohorts``,
``topics`` and survey state are resolved by filters other features register in
:class:`SegmentFilters` (``services.segment_filters``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from sqlalchemy import Select, and_, case, func, not_, or_, select

from bot.people.models import Role, User, UserRole

ROLE_CHOICES = ("everyone", "citizen", "alumni", "partner")
#: Roles that make a user more than a plain citizen (``citizen`` = none of these).
_GRANTED = (Role.ALUMNI.value, Role.PARTNER.value, Role.COORDINATOR.value, Role.ADMIN.value)
REGISTERED_KEYS = ("cohorts", "topics", "surveys_completed", "surveys_not_completed")


class SegmentError(ValueError):
    """A segment that cannot be resolved (unknown role, unregistered filter…)."""


@dataclass
class Segment:
    """Who receives a broadcast; empty lists mean "no restriction"."""

    roles: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    cohorts: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    surveys_completed: list[str] = field(default_factory=list)
    surveys_not_completed: list[str] = field(default_factory=list)
    user_ids: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[Any]]:
        """Only the criteria in use (what is stored in the database)."""
        return {k: list(v) for k, v in asdict(self).items() if v}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Segment:
        data = data or {}
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise SegmentError(
                f"unknown segment key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
        values: dict[str, Any] = {}
        for key, value in data.items():
            if value is None:
                continue
            if isinstance(value, str | int):
                value = [value]
            if not isinstance(value, list):
                raise SegmentError(f"segment {key}: expected a list, got {type(value).__name__}")
            if key == "user_ids":
                try:
                    values[key] = [int(v) for v in value]
                except (TypeError, ValueError) as exc:
                    raise SegmentError(f"segment user_ids: not a number ({exc})") from exc
            else:
                nested = [v for v in value if isinstance(v, list | dict | tuple | set)]
                if nested:
                    raise SegmentError(
                        f"segment {key}: each value must be a single text or number, "
                        f"not {type(nested[0]).__name__}"
                    )
                values[key] = [str(v) for v in value]
        return cls(**values)

    def describe(self) -> str:
        """A short plain description (for lists and logs): ``roles=alumni; regions=36``."""
        parts = [f"{k}={','.join(str(x) for x in v)}" for k, v in self.to_dict().items()]
        return "; ".join(parts) or "everyone"


@dataclass(frozen=True)
class Choice:
    """One value a coordinator can pick in the /siaran composer, with the label shown for it."""

    value: str
    label: str


#: ``async (t) -> [Choice]``: the values of one segment kind offered in the chat; ``t`` is the
#: coordinator's :class:`bot.i18n.Translator` (for labels).
ChoiceProvider = Callable[[Any], Awaitable[list[Choice]]]


class SegmentFilters:
    """Segment criteria owned by other features: key → ``build(values) -> select(user id)``.

    A feature may also give ``choices``, the values the /siaran composer offers for that key
    (cohorts by id with their names, topics, surveys by slug); without it the key is only usable
    from files and from code.
    """

    def __init__(self) -> None:
        self._builders: dict[str, Callable[[list[Any]], Select[Any]]] = {}
        self._choices: dict[str, ChoiceProvider] = {}

    def register(
        self,
        key: str,
        build: Callable[[list[Any]], Select[Any]],
        *,
        choices: ChoiceProvider | None = None,
    ) -> None:
        if key not in REGISTERED_KEYS:
            raise SegmentError(f"cannot register segment filter {key!r}; keys: {REGISTERED_KEYS}")
        self._builders[key] = build
        if choices is not None:
            self._choices[key] = choices

    def choice_keys(self) -> list[str]:
        """The registered keys the composer can offer, in :data:`REGISTERED_KEYS` order."""
        return [k for k in REGISTERED_KEYS if k in self._choices and k in self._builders]

    async def choices(self, key: str, t: Any) -> list[Choice]:
        """The values offered for ``key`` now (empty when none is registered)."""
        provider = self._choices.get(key)
        return list(await provider(t)) if provider is not None else []

    def has(self, key: str) -> bool:
        return key in self._builders

    def build(self, key: str, values: list[Any]) -> Select[Any]:
        builder = self._builders.get(key)
        if builder is None:
            raise SegmentError(
                f"segment uses {key!r}, but no feature registered a filter for it "
                "(is that feature installed?)"
            )
        return builder(values)


def effective_language(default_language: str) -> Any:
    """SQL for the language a user reads (as :func:`bot.people.service.language_for`)."""
    return case(
        (User.language.in_(("id", "en")), User.language),
        (func.lower(func.coalesce(User.telegram_language, "")).like("en%"), "en"),
        (func.lower(func.coalesce(User.telegram_language, "")).like("id%"), "id"),
        else_=default_language,
    )


def _role_clause(roles: list[str]) -> Any:
    unknown = [r for r in roles if r not in ROLE_CHOICES]
    if unknown:
        raise SegmentError(f"unknown role(s) {', '.join(unknown)}; use {', '.join(ROLE_CHOICES)}")
    if not roles or "everyone" in roles:
        return None
    clauses = []
    granted = [r for r in roles if r in ("alumni", "partner")]
    if granted:
        clauses.append(User.id.in_(select(UserRole.user_id).where(UserRole.role.in_(granted))))
    if "citizen" in roles:
        clauses.append(
            not_(User.id.in_(select(UserRole.user_id).where(UserRole.role.in_(_GRANTED))))
        )
    return or_(*clauses)


def audience_query(
    segment: Segment, filters: SegmentFilters, *, default_language: str = "id"
) -> Select[Any]:
    """``select(User.id)`` of everyone the segment reaches now (never opted-out or blocked)."""
    where: list[Any] = [User.opted_out.is_(False), User.blocked.is_(False)]
    role = _role_clause(segment.roles)
    if role is not None:
        where.append(role)
    if segment.regions:
        # A province reaches its kabupaten/kota: "36" matches "36" and "36.72". startswith with
        # autoescape keeps a stray % or _ in a value from acting as a LIKE wildcard.
        where.append(
            or_(
                *(
                    or_(
                        User.region_code == code,
                        User.region_code.startswith(f"{code}.", autoescape=True),
                    )
                    for code in segment.regions
                )
            )
        )
    if segment.languages:
        where.append(effective_language(default_language).in_(segment.languages))
    if segment.user_ids:
        where.append(User.id.in_(segment.user_ids))
    for key in REGISTERED_KEYS:
        values = getattr(segment, key)
        if values:
            where.append(User.id.in_(filters.build(key, values)))
    return select(User.id).where(and_(*where))

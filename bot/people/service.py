"""People service: who a Telegram user is to the bot (language, roles, flags). No aiogram here.

Every update passes through :meth:`PeopleService.touch`, so it is kept cheap: one statement reads the
user and their roles (an autocommit read: no transaction to roll back), nothing is written unless the
name, username or Telegram language changed, the user had blocked the bot, or ``last_seen_at`` is
older than :data:`LAST_SEEN_EVERY`. What was read is kept for :data:`CACHE_SECONDS` (monotonic
time), so a user's next updates read nothing; every write of this service (roles granted or
revoked, language, /berhenti and /mulai, region, blocked, erase) forgets the user at once in this
process (all instances on one database URL share the cache). Another process's change (a second
webhook worker, a CLI ``rukun users grant``) is seen within :data:`CACHE_SECONDS`; so is a write
that bypasses this service (the outbox marks a user blocked directly: a user who writes again is
unblocked by the next ``last_seen_at`` write at the latest).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Concatenate, NamedTuple, ParamSpec, TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.db import Database, affected, insert_for
from bot.people.models import Role, User, UserActivity, UserRole

GRANTABLE_ROLES = (Role.ALUMNI, Role.PARTNER, Role.COORDINATOR, Role.ADMIN)

#: ``last_seen_at`` is written at most once per this period (unless something else changed).
LAST_SEEN_EVERY = timedelta(minutes=10)
#: How long a user and their roles read by :meth:`PeopleService.touch` are reused.
CACHE_SECONDS = 30.0
CACHE_MAX_USERS = 20_000


class UnknownUserError(LookupError):
    """No user with that Telegram id has used the bot."""


@dataclass(frozen=True, slots=True)
class Person:
    """A user as handlers see them: a snapshot, safe to pass around."""

    id: int
    first_name: str
    username: str | None
    language: str
    roles: frozenset[Role]
    region_code: str | None = None
    opted_out: bool = False
    is_new: bool = False
    language_chosen: bool = field(default=False)

    def has(self, role: Role) -> bool:
        return role in self.roles

    @property
    def is_coordinator(self) -> bool:
        """Coordinators and admins may do every coordinator action."""
        return bool(self.roles & {Role.COORDINATOR, Role.ADMIN})

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles


def language_for(chosen: str | None, telegram_language: str | None, default: str) -> str:
    """The language to speak: the user's choice, else English for English Telegram, else default."""
    if chosen in ("id", "en"):
        return chosen
    if telegram_language and telegram_language.lower().startswith("en"):
        return "en"
    if telegram_language and telegram_language.lower().startswith("id"):
        return "id"
    return default


async def language_in(s: AsyncSession, user_id: int, default: str) -> str | None:
    """The language to write to a user in, read in the caller's session (None: unknown, or
    they do not want messages: opted out or blocked the bot)."""
    user = await s.get(User, user_id)
    if user is None or user.blocked:
        return None
    return language_for(user.language, user.telegram_language, default)


async def opted_out_in(s: AsyncSession, user_id: int) -> bool:
    """Whether the user stopped broadcasts and reminders (/berhenti), in the caller's session."""
    return bool(await s.scalar(select(User.opted_out).where(User.id == user_id)))


class _Profile(NamedTuple):
    """What Telegram tells about a user with every update (stored as the ``users`` columns)."""

    first_name: str
    last_name: str | None
    username: str | None
    telegram_language: str | None


@dataclass(frozen=True, slots=True)
class _Seen:
    """A user's row and roles as :meth:`PeopleService.touch` read them, and when (monotonic)."""

    first_name: str
    last_name: str | None
    username: str | None
    telegram_language: str | None
    language: str | None
    region_code: str | None
    opted_out: bool
    blocked: bool
    last_seen_at: datetime | None
    roles: frozenset[str]
    read_at: float

    def profile(self) -> _Profile:
        return _Profile(self.first_name, self.last_name, self.username, self.telegram_language)


class _SeenCache:
    """Users read recently; shared by the PeopleService instances of one database URL."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        #: Bumped by every invalidation: a read that started before one is not stored.
        self.generation = 0
        self._entries: dict[int, _Seen] = {}

    def get(self, user_id: int) -> _Seen | None:
        seen = self._entries.get(user_id)
        if seen is not None and time.monotonic() - seen.read_at >= self.ttl:
            del self._entries[user_id]
            return None
        return seen

    def put(self, user_id: int, seen: _Seen, generation: int) -> None:
        if generation != self.generation:
            return
        if len(self._entries) >= CACHE_MAX_USERS:
            now = time.monotonic()
            self._entries = {k: v for k, v in self._entries.items() if now - v.read_at < self.ttl}
            if len(self._entries) >= CACHE_MAX_USERS:
                self._entries.clear()
        self._entries[user_id] = seen

    def forget(self, user_id: int | None = None) -> None:
        self.generation += 1
        if user_id is None:
            self._entries.clear()
        else:
            self._entries.pop(user_id, None)


_caches: dict[str, _SeenCache] = {}


def _cache_for(url: str) -> _SeenCache:
    cache = _caches.setdefault(url, _SeenCache(CACHE_SECONDS))
    cache.forget()  # a new service (a redeploy, a CLI command) starts from the database
    return cache


P = ParamSpec("P")
R = TypeVar("R")


def _forgets_user(
    method: Callable[Concatenate[PeopleService, int, P], Awaitable[R]],
) -> Callable[Concatenate[PeopleService, int, P], Awaitable[R]]:
    """A write to the user: once it is over (committed or not), the cached read is forgotten."""

    @functools.wraps(method)
    async def wrapper(self: PeopleService, user_id: int, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await method(self, user_id, *args, **kwargs)
        finally:
            self._cache.forget(user_id)

    return wrapper


class PeopleService:
    """Users and roles."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        admins: Iterable[int] = (),
        default_language: str = "id",
    ) -> None:
        self.db = db
        self.clock = clock
        self.admins = frozenset(admins)
        self.default_language = default_language
        #: Called with a user id before their row is erased, so features detach their records.
        self.erase_hooks: list[Callable[[int], Awaitable[object]]] = []
        self._cache = _cache_for(db.url)

    def _person(self, user: User, *, is_new: bool = False) -> Person:
        return self._make_person(
            user.id,
            user.first_name,
            user.username,
            user.language,
            user.telegram_language,
            user.region_code,
            user.opted_out,
            [r.role for r in user.roles],
            is_new=is_new,
        )

    def _make_person(
        self,
        user_id: int,
        first_name: str,
        username: str | None,
        language: str | None,
        telegram_language: str | None,
        region_code: str | None,
        opted_out: bool,
        roles: Iterable[str],
        *,
        is_new: bool = False,
    ) -> Person:
        held = {Role.CITIZEN, *(Role(r) for r in roles)}
        if user_id in self.admins:
            held.add(Role.ADMIN)
        return Person(
            id=user_id,
            first_name=first_name,
            username=username,
            language=language_for(language, telegram_language, self.default_language),
            roles=frozenset(held),
            region_code=region_code,
            opted_out=opted_out,
            is_new=is_new,
            language_chosen=language is not None,
        )

    def _seen_person(self, user_id: int, seen: _Seen, *, is_new: bool = False) -> Person:
        return self._make_person(
            user_id,
            seen.first_name,
            seen.username,
            seen.language,
            seen.telegram_language,
            seen.region_code,
            seen.opted_out,
            seen.roles,
            is_new=is_new,
        )

    async def touch(
        self,
        user_id: int,
        *,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        telegram_language: str | None = None,
    ) -> Person:
        """Record that the user was seen now (creating them on first contact) and return them.

        Writes only what changed (see the module's docstring); a known user seen a moment ago
        costs no statement at all.
        """
        now = self.clock.now()
        profile = _Profile(
            first_name[:128], last_name[:128] if last_name else None, username, telegram_language
        )
        generation = self._cache.generation
        seen = self._cache.get(user_id)
        is_new = False
        if seen is None:
            seen = await self._read_seen(user_id)
        if seen is None:
            is_new = await self._create(user_id, profile, now)
            seen = await self._read_seen(user_id)  # another update may have created them first
            assert seen is not None
        elif (
            seen.profile() != profile
            or seen.blocked
            or seen.last_seen_at is None
            or now - seen.last_seen_at >= LAST_SEEN_EVERY
        ):
            await self._seen_now(user_id, profile, now)
            seen = replace(seen, **profile._asdict(), blocked=False, last_seen_at=now)
        self._cache.put(user_id, seen, generation)
        return self._seen_person(user_id, seen, is_new=is_new)

    async def _read_seen(self, user_id: int) -> _Seen | None:
        """The user's row and roles in one statement (None for a user never seen)."""
        read_at = time.monotonic()
        async with self.db.read() as conn:
            rows = (
                await conn.execute(
                    select(
                        User.first_name,
                        User.last_name,
                        User.username,
                        User.telegram_language,
                        User.language,
                        User.region_code,
                        User.opted_out,
                        User.blocked,
                        User.last_seen_at,
                        UserRole.role,
                    )
                    .outerjoin(UserRole, UserRole.user_id == User.id)
                    .where(User.id == user_id)
                )
            ).all()
        if not rows:
            return None
        first = rows[0]
        return _Seen(
            first_name=first[0],
            last_name=first[1],
            username=first[2],
            telegram_language=first[3],
            language=first[4],
            region_code=first[5],
            opted_out=bool(first[6]),
            blocked=bool(first[7]),
            last_seen_at=first[8],
            roles=frozenset(r[9] for r in rows if r[9] is not None),
            read_at=read_at,
        )

    async def _create(self, user_id: int, profile: _Profile, now: datetime) -> bool:
        """Insert a user seen for the first time; False when another update inserted them first."""
        async with self.db.transaction() as s:
            stmt = insert_for(s, User).values(
                id=user_id,
                **profile._asdict(),
                last_seen_at=now,
                created_at=now,
                updated_at=now,
                opted_out=False,
                blocked=False,
            )
            result = await s.execute(stmt.on_conflict_do_nothing(index_elements=[User.id]))
            return bool(affected(result))

    async def _seen_now(self, user_id: int, profile: _Profile, now: datetime) -> None:
        async with self.db.transaction() as s:
            await s.execute(
                update(User)
                .where(User.id == user_id)
                # a user who writes to the bot has evidently unblocked it
                .values(**profile._asdict(), last_seen_at=now, updated_at=now, blocked=False)
            )

    async def get(self, user_id: int) -> Person:
        async with self.db.session() as s:
            user = await s.get(User, user_id)
            if user is None:
                raise UnknownUserError(user_id)
            return self._person(user)

    @_forgets_user
    async def set_language(self, user_id: int, language: str) -> None:
        if language not in ("id", "en"):
            raise ValueError(f"unsupported language {language!r}")
        async with self.db.transaction() as s:
            await s.execute(update(User).where(User.id == user_id).values(language=language))

    @_forgets_user
    async def set_region(self, user_id: int, region_code: str | None) -> None:
        """Where the user lives (a region code; None clears it). Counts as asked: a user who
        gave or cleared it is never asked again after a report."""
        async with self.db.transaction() as s:
            await s.execute(
                update(User)
                .where(User.id == user_id)
                .values(
                    region_code=region_code,
                    region_asked_at=func.coalesce(User.region_asked_at, self.clock.now()),
                )
            )

    async def claim_region_question(self, s: AsyncSession, user_id: int) -> bool:
        """Mark, in the caller's transaction, that the user is asked where they live; False
        when they were asked before or their region is known (then nothing is to be asked)."""
        result = await s.execute(
            update(User)
            .where(
                User.id == user_id,
                User.region_asked_at.is_(None),
                User.region_code.is_(None),
            )
            .values(region_asked_at=self.clock.now())
        )
        return bool(affected(result))

    async def region_asked(self, user_id: int) -> bool:
        """Whether the user was asked where they live (or gave it)."""
        async with self.db.session() as s:
            asked = await s.scalar(select(User.region_asked_at).where(User.id == user_id))
        return asked is not None

    @_forgets_user
    async def set_opted_out(self, user_id: int, opted_out: bool) -> None:
        async with self.db.transaction() as s:
            await s.execute(update(User).where(User.id == user_id).values(opted_out=opted_out))

    @_forgets_user
    async def mark_blocked(self, user_id: int, blocked: bool = True) -> None:
        """The user blocked the bot (a 403 from Telegram): never send them bulk messages again."""
        async with self.db.transaction() as s:
            await s.execute(update(User).where(User.id == user_id).values(blocked=blocked))

    @_forgets_user
    async def grant(self, user_id: int, role: Role, *, by: str) -> bool:
        """Grant a role; False when the user already had it. The user must exist."""
        if role == Role.CITIZEN:
            return False
        async with self.db.transaction() as s:
            if await s.get(User, user_id) is None:
                raise UnknownUserError(user_id)
            if await s.get(UserRole, (user_id, role.value)) is not None:
                return False
            s.add(
                UserRole(
                    user_id=user_id, role=role.value, granted_at=self.clock.now(), granted_by=by
                )
            )
            return True

    @_forgets_user
    async def revoke(self, user_id: int, role: Role) -> bool:
        """Take a role back; False when the user did not have it."""
        async with self.db.transaction() as s:
            result = await s.execute(
                delete(UserRole).where(UserRole.user_id == user_id, UserRole.role == role.value)
            )
            return bool(affected(result))

    async def list_users(self, role: Role | None = None, *, limit: int = 1000) -> list[Person]:
        """Users, newest first; with ``role``, only those holding it (admins from config count)."""
        async with self.db.session() as s:
            query = select(User).order_by(User.created_at.desc()).limit(limit)
            if role == Role.ADMIN:
                sub = select(UserRole.user_id).where(UserRole.role == role.value)
                query = query.where(User.id.in_(sub) | User.id.in_(self.admins))
            elif role is not None and role != Role.CITIZEN:
                query = query.where(
                    User.id.in_(select(UserRole.user_id).where(UserRole.role == role.value))
                )
            users = (await s.scalars(query)).all()
            return [self._person(u) for u in users]

    async def ids_with_role(self, *roles: Role) -> list[int]:
        """Telegram ids of users holding any of ``roles`` (config admins included for ADMIN)."""
        async with self.db.session() as s:
            rows = await s.scalars(
                select(UserRole.user_id).where(UserRole.role.in_([r.value for r in roles]))
            )
            ids = set(rows.all())
        if Role.ADMIN in roles:
            ids |= self.admins
        return sorted(ids)

    async def record_activity(self, user_id: int, kind: str) -> None:
        """Note that the user did something that counts as reach (``report_submitted``…)."""
        async with self.db.transaction() as s:
            if await s.get(User, user_id) is not None:
                s.add(UserActivity(user_id=user_id, kind=kind, at=self.clock.now()))

    @_forgets_user
    async def erase(self, user_id: int) -> None:
        """Erase a user's personal data: features detach their records first, then the row goes.

        If the user writes again they start afresh as a new citizen.
        """
        for hook in self.erase_hooks:
            await hook(user_id)
        async with self.db.transaction() as s:
            await s.execute(delete(User).where(User.id == user_id))

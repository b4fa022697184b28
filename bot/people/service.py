"""People service: who a Telegram user is to the bot (language, roles, flags). No aiogram here."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update

from bot.clock import Clock
from bot.db import Database, affected, insert_for
from bot.people.models import Role, User, UserActivity, UserRole

GRANTABLE_ROLES = (Role.ALUMNI, Role.PARTNER, Role.COORDINATOR, Role.ADMIN)


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

    def _person(self, user: User, *, is_new: bool = False) -> Person:
        roles = {Role.CITIZEN, *(Role(r.role) for r in user.roles)}
        if user.id in self.admins:
            roles.add(Role.ADMIN)
        return Person(
            id=user.id,
            first_name=user.first_name,
            username=user.username,
            language=language_for(user.language, user.telegram_language, self.default_language),
            roles=frozenset(roles),
            region_code=user.region_code,
            opted_out=user.opted_out,
            is_new=is_new,
            language_chosen=user.language is not None,
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
        """Record that the user was seen now (creating them on first contact) and return them."""
        now = self.clock.now()
        values = {
            "id": user_id,
            "first_name": first_name[:128],
            "last_name": last_name[:128] if last_name else None,
            "username": username,
            "telegram_language": telegram_language,
            "last_seen_at": now,
            "created_at": now,
            "updated_at": now,
            "opted_out": False,
            "blocked": False,
        }
        async with self.db.transaction() as s:
            existed = await s.scalar(select(User.id).where(User.id == user_id))
            stmt = insert_for(s, User).values(**values)
            stmt = stmt.on_conflict_do_update(
                index_elements=[User.id],
                set_={
                    "first_name": stmt.excluded.first_name,
                    "last_name": stmt.excluded.last_name,
                    "username": stmt.excluded.username,
                    "telegram_language": stmt.excluded.telegram_language,
                    "last_seen_at": stmt.excluded.last_seen_at,
                    # a user who writes to the bot has evidently unblocked it
                    "blocked": False,
                },
            )
            await s.execute(stmt)
            user = await s.scalar(
                select(User).where(User.id == user_id).execution_options(populate_existing=True)
            )
            assert user is not None
            return self._person(user, is_new=existed is None)

    async def get(self, user_id: int) -> Person:
        async with self.db.session() as s:
            user = await s.get(User, user_id)
            if user is None:
                raise UnknownUserError(user_id)
            return self._person(user)

    async def set_language(self, user_id: int, language: str) -> None:
        if language not in ("id", "en"):
            raise ValueError(f"unsupported language {language!r}")
        async with self.db.transaction() as s:
            await s.execute(update(User).where(User.id == user_id).values(language=language))

    async def set_region(self, user_id: int, region_code: str | None) -> None:
        async with self.db.transaction() as s:
            await s.execute(update(User).where(User.id == user_id).values(region_code=region_code))

    async def set_opted_out(self, user_id: int, opted_out: bool) -> None:
        async with self.db.transaction() as s:
            await s.execute(update(User).where(User.id == user_id).values(opted_out=opted_out))

    async def mark_blocked(self, user_id: int, blocked: bool = True) -> None:
        """The user blocked the bot (a 403 from Telegram): never send them bulk messages again."""
        async with self.db.transaction() as s:
            await s.execute(update(User).where(User.id == user_id).values(blocked=blocked))

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

    async def erase(self, user_id: int) -> None:
        """Erase a user's personal data: features detach their records first, then the row goes.

        If the user writes again they start afresh as a new citizen.
        """
        for hook in self.erase_hooks:
            await hook(user_id)
        async with self.db.transaction() as s:
            await s.execute(delete(User).where(User.id == user_id))

"""The long-lived services of one process, and the shape of a feature.

``build_services(settings)`` makes what every feature shares (database, clock, catalogue, people,
conversation storage, Redis); each :class:`Feature` then adds its own services to ``extra``, where
handlers receive them as aiogram workflow data by name (``reports``, ``broadcasts``…).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiogram.fsm.storage.base import BaseStorage

from bot.clock import Clock
from bot.config import Settings
from bot.db import Database
from bot.i18n import Catalog
from bot.jobs import JobLock
from bot.people.deeplinks import DeepLinkRegistry
from bot.people.service import PeopleService
from bot.storage import SqlStorage

if TYPE_CHECKING:
    from aiogram import Bot, Router


@dataclass
class Services:
    """Everything long-lived that handlers, workers and the CLI share."""

    settings: Settings
    db: Database
    clock: Clock
    catalog: Catalog
    people: PeopleService
    deeplinks: DeepLinkRegistry
    storage: BaseStorage
    locks: JobLock
    redis: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        """A feature's service by its workflow-data name: ``services["reports"]``."""
        return self.extra[name]

    def workflow_data(self) -> dict[str, Any]:
        data = {
            "settings": self.settings,
            "db": self.db,
            "clock": self.clock,
            "catalog": self.catalog,
            "people": self.people,
            "deeplinks": self.deeplinks,
            "locks": self.locks,
            "redis": self.redis,
        }
        data.update(self.extra)
        return data

    async def close(self) -> None:
        for service in self.extra.values():
            closer = getattr(service, "aclose", None)
            if closer is not None:
                await closer()
        await self.storage.close()
        if self.redis is not None:
            await self.redis.aclose()
        await self.db.dispose()


def build_services(settings: Settings, *, clock: Clock | None = None) -> Services:
    """The core services of one process, from its settings (features are set up by the app)."""
    clock = clock or Clock()
    db = Database(settings.database_url)
    people = PeopleService(
        db, clock, admins=settings.admins, default_language=settings.default_language
    )
    redis = None
    storage: BaseStorage
    if settings.redis_url is not None:
        from aiogram.fsm.storage.redis import DefaultKeyBuilder, RedisStorage
        from redis.asyncio import Redis

        redis = Redis.from_url(settings.redis_url.get_secret_value())
        storage = RedisStorage(redis, key_builder=DefaultKeyBuilder(with_destiny=True))
    else:
        storage = SqlStorage(db, clock)
    return Services(
        settings=settings,
        db=db,
        clock=clock,
        catalog=Catalog(),
        people=people,
        deeplinks=DeepLinkRegistry(),
        storage=storage,
        locks=JobLock(db, clock, redis),
        redis=redis,
    )


Task = Coroutine[Any, Any, None]


@dataclass(frozen=True)
class Feature:
    """One feature's wiring: its services, its router, its background jobs.

    - ``setup(services)`` adds the feature's services to ``services.extra`` and registers deep-link
      and erase hooks; it must not do I/O (the CLI calls it too).
    - ``create_router()`` builds a fresh aiogram Router (several dispatchers may exist in a test).
    - ``background(services, bot)`` returns coroutines that run as long as the bot or worker runs
      (delivery engine, SLA sweeper…); each must stop cleanly when cancelled.
    """

    name: str
    setup: Callable[[Services], None] | None = None
    create_router: Callable[[], Router] | None = None
    background: Callable[[Services, Bot], list[Task]] | None = None

"""The long-lived services of one process, and the shape of a feature.

``build_services(settings)`` makes what every feature shares (database, clock, catalogue, people,
conversation storage, Redis); each :class:`Feature`'s ``setup`` then sets its own typed attribute
(``services.reports``, ``services.broadcasts``…). Features reach each other through these
attributes; handlers receive the same objects as aiogram workflow data by name (``reports``,
``broadcasts``…).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.clock import Clock
from bot.config import Settings

if TYPE_CHECKING:
    from aiogram import Bot, Router
    from aiogram.fsm.storage.base import BaseStorage
    from pydantic import BaseModel

    from bot.broadcasting.segments import SegmentFilters
    from bot.broadcasting.service import BroadcastService
    from bot.broadcasting.sources import ComposeSources
    from bot.content.service import ContentService
    from bot.db import Database
    from bot.i18n import Catalog
    from bot.jobs import JobLock
    from bot.nlu.service import NluService
    from bot.outbox.store import Outbox
    from bot.people.deeplinks import DeepLinkRegistry
    from bot.people.service import PeopleService
    from bot.reports.domain.service import ReportService
    from bot.reports.flows.core import ReportFlows
    from bot.surveys.analysis import SurveyAnalysis
    from bot.surveys.runner import SurveyRunner
    from bot.surveys.service import SurveyService

#: The features' attributes of :class:`Services`, which are also their workflow-data names.
FEATURE_SERVICES = (
    "outbox",
    "segment_filters",
    "broadcast_sources",
    "broadcasts",
    "content",
    "reports",
    "report_flows",
    "surveys",
    "survey_runner",
    "survey_analysis",
    "nlu",
)


class Factories:
    """Feature services made on first use: a CLI command that never touches them never pays
    for their imports (aiogram, above all)."""

    def __init__(self) -> None:
        self._made: dict[str, Callable[[], object]] = {}

    def add(self, name: str, factory: Callable[[], object]) -> None:
        self._made[name] = factory

    def pop(self, name: str) -> Callable[[], object] | None:
        return self._made.pop(name, None)


@dataclass
class Services:
    """Everything long-lived that handlers, workers and the CLI share."""

    settings: Settings
    db: Database
    clock: Clock
    people: PeopleService
    deeplinks: DeepLinkRegistry
    locks: JobLock
    redis: Any = None
    #: Conversation state (see :attr:`storage`), made on first use: the CLI never needs it.
    _storage: BaseStorage | None = field(default=None, repr=False)
    _factories: Factories = field(default_factory=Factories, repr=False)
    #: The Fluent catalogues, read on first use (parsing them takes ~0.4 s: a CLI listing skips it).
    catalog: Catalog = field(init=False, repr=False)
    # Set by each feature's setup (reading one before its feature is set up is an AttributeError).
    # The two registries are made by broadcasting; content and surveys register theirs in them.
    outbox: Outbox = field(init=False, repr=False)
    segment_filters: SegmentFilters = field(init=False, repr=False)
    broadcast_sources: ComposeSources = field(init=False, repr=False)
    broadcasts: BroadcastService = field(init=False, repr=False)
    content: ContentService = field(init=False, repr=False)
    reports: ReportService = field(init=False, repr=False)
    report_flows: ReportFlows = field(init=False, repr=False)
    surveys: SurveyService = field(init=False, repr=False)
    survey_runner: SurveyRunner = field(init=False, repr=False)
    survey_analysis: SurveyAnalysis = field(init=False, repr=False)
    nlu: NluService = field(init=False, repr=False)

    def provide(self, name: str, factory: Callable[[], object]) -> None:
        """Set feature service ``name`` on first use (a feature's ``setup`` that needs aiogram)."""
        self._factories.add(name, factory)

    def __getattr__(self, name: str) -> Any:
        factories = self.__dict__.get("_factories")
        factory = factories.pop(name) if factories is not None else None
        if factory is None:
            raise AttributeError(name)
        value = factory()
        setattr(self, name, value)
        return value

    @property
    def storage(self) -> BaseStorage:
        """aiogram's conversation storage: RedisStorage with Redis, else the SQL storage."""
        if self._storage is None:
            if self.redis is not None:
                from aiogram.fsm.storage.redis import DefaultKeyBuilder

                from bot.storage import PrimedRedisStorage  # webhook claims read the state too

                builder = DefaultKeyBuilder(with_destiny=True)
                self._storage = PrimedRedisStorage(self.redis, key_builder=builder)
            else:
                from bot.storage import SqlStorage

                self._storage = SqlStorage(self.db, self.clock)
        return self._storage

    def features(self) -> dict[str, object]:
        """The feature services that are set up, by attribute name."""
        return {name: getattr(self, name) for name in FEATURE_SERVICES if hasattr(self, name)}

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
        data.update(self.features())
        return data

    async def close(self) -> None:
        made = [self.__dict__[name] for name in FEATURE_SERVICES if name in self.__dict__]
        for service in made:
            closer = getattr(service, "aclose", None)
            if closer is not None:
                await closer()
        if self._storage is not None:
            await self._storage.close()
        if self.redis is not None:
            await self.redis.aclose()
        await self.db.dispose()


def build_services(settings: Settings, *, clock: Clock | None = None) -> Services:
    """The core services of one process, from its settings (features are set up by the app).

    Nothing here does I/O: Redis (``REDIS_URL``) gets a client with timeouts and retries
    (:func:`bot.redis_client.connect`), checked at start-up by the commands that serve.
    """
    from bot.db import Database
    from bot.jobs import JobLock
    from bot.people.deeplinks import DeepLinkRegistry
    from bot.people.service import PeopleService

    clock = clock or Clock()
    db = Database(settings.database_url)
    people = PeopleService(
        db, clock, admins=settings.admins, default_language=settings.default_language
    )
    redis = None
    if settings.redis_url is not None:
        from bot.redis_client import connect

        redis = connect(settings.redis_url.get_secret_value())
    services = Services(
        settings=settings,
        db=db,
        clock=clock,
        people=people,
        deeplinks=DeepLinkRegistry(),
        locks=JobLock(db, clock, redis),
        redis=redis,
    )
    services.provide("catalog", _catalog)
    return services


def _catalog() -> Catalog:
    from bot.i18n import Catalog

    return Catalog()


Task = Coroutine[Any, Any, None]


@dataclass(frozen=True)
class Feature:
    """One feature's wiring: its services, router, jobs, CLI, settings and models.

    Importing a feature's ``feature.py`` must stay cheap, since every CLI command does it: it
    imports its settings model and service classes, and imports its router, its jobs, aiogram and
    heavy libraries (pandas, matplotlib…) inside ``create_router``, ``background`` and handlers.

    - ``setup(services)`` sets the feature's typed attributes on ``services`` (``services.reports``)
      and registers deep-link and erase hooks; it must not do I/O (the CLI calls it too). A feature
      that needs another one's services is listed after it in ``bot.app.FEATURES``.
    - ``create_router()`` builds a fresh aiogram Router (several dispatchers may exist in a test).
    - ``background(services, bot)`` returns coroutines that run as long as the bot or worker runs
      (delivery engine, SLA sweeper…); each must stop cleanly when cancelled.
    - ``cli`` names the feature's typer sub-apps by command name, as ``"module:attribute"``
      (``{"survey": "bot.surveys.cli:app"}``): the CLI imports a sub-app only when it is run or
      its help is shown, so ``rukun --help`` and simple commands start fast.
    - ``settings`` names the feature's section of :class:`bot.config.Settings` and its model.
    - ``models`` is the module of its SQLAlchemy models (imported for Alembic and ``create_all``).
    """

    name: str
    setup: Callable[[Services], None] | None = None
    create_router: Callable[[], Router] | None = None
    background: Callable[[Services, Bot], list[Task]] | None = None
    cli: Mapping[str, str] = field(default_factory=dict)
    settings: tuple[str, type[BaseModel]] | None = None
    models: str | None = None

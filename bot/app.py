"""The application factory shared by the CLI and the tests.

``build_services(settings)`` makes the long-lived services; ``create_bot(settings)`` and
``create_dispatcher(services)`` assemble aiogram around them. Services reach handlers as
aiogram workflow data, by parameter name (``people``, ``catalog``, ``settings``…).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseStorage

from bot.clock import Clock
from bot.config import Settings
from bot.db import Database
from bot.errors import create_errors_router
from bot.fallback import create_fallback_router
from bot.i18n import Catalog
from bot.middlewares import FloodControl, FloodMiddleware, UserMiddleware
from bot.people.commands import publish_all_commands
from bot.people.deeplinks import DeepLinkRegistry
from bot.people.router import create_people_router
from bot.people.service import PeopleService
from bot.placeholders import create_placeholders_router
from bot.storage import SqlStorage
from bot.webhook import DedupMiddleware, UpdateDeduplicator

log = logging.getLogger(__name__)


class MissingTokenError(RuntimeError):
    """BOT_TOKEN is not set."""


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
    redis: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def workflow_data(self) -> dict[str, Any]:
        data = {
            "settings": self.settings,
            "db": self.db,
            "clock": self.clock,
            "catalog": self.catalog,
            "people": self.people,
            "deeplinks": self.deeplinks,
            "redis": self.redis,
        }
        data.update(self.extra)
        return data

    async def close(self) -> None:
        await self.storage.close()
        if self.redis is not None:
            await self.redis.aclose()
        await self.db.dispose()


def build_services(settings: Settings, *, clock: Clock | None = None) -> Services:
    """The services of one process, from its settings."""
    clock = clock or Clock()
    db = Database(settings.database_url)
    catalog = Catalog()
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
        catalog=catalog,
        people=people,
        deeplinks=DeepLinkRegistry(),
        storage=storage,
        redis=redis,
    )


def create_bot(settings: Settings) -> Bot:
    """An aiogram Bot for the configured token and Bot API server, HTML by default."""
    if settings.bot_token is None:
        raise MissingTokenError("BOT_TOKEN is not set")
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(
        settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def feature_routers() -> list[Router]:
    """One router per feature, in order; the catch-alls come last."""
    return [create_people_router(), create_placeholders_router(), create_fallback_router()]


def create_dispatcher(services: Services, *, dedup: UpdateDeduplicator | None = None) -> Dispatcher:
    """The dispatcher with middlewares, routers, the error handler and start-up hooks.

    ``dedup`` (webhook mode) drops update ids that were processed before, ahead of everything else.
    """
    settings = services.settings
    dp = Dispatcher(storage=services.storage, **services.workflow_data())
    if dedup is not None:
        dp.update.outer_middleware(DedupMiddleware(dedup))
    flood = FloodControl(
        settings.flood.max_messages, settings.flood.window_seconds, settings.flood.mute_seconds
    )
    dp.update.outer_middleware(FloodMiddleware(flood, services.catalog, settings.default_language))
    dp.update.outer_middleware(UserMiddleware(services.people, services.catalog))
    dp.include_router(create_errors_router())
    for router in feature_routers():
        dp.include_router(router)

    async def on_startup(bot: Bot) -> None:
        me = await bot.me()
        log.info("bot @%s started", me.username)
        await publish_all_commands(bot, services.catalog, services.people)

    dp.startup.register(on_startup)
    return dp

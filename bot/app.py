"""The application factory shared by the CLI and the tests.

``build_app_services(settings)`` makes the services and lets every feature add its own;
``create_bot(settings)`` and ``create_dispatcher(services)`` assemble aiogram around them.
Services reach handlers as aiogram workflow data, by parameter name.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

from bot.assistant import feature as assistant
from bot.broadcasting import feature as broadcasting
from bot.clock import Clock
from bot.config import Settings
from bot.content import feature as content
from bot.outbox import feature as outbox
from bot.reports import feature as reports
from bot.services import Feature, Services, Task, build_services
from bot.surveys import feature as surveys
from bot.web import feature as web

if TYPE_CHECKING:  # aiogram is imported where the bot is assembled: the CLI does not need it
    from aiogram import Bot, Dispatcher, Router

log = logging.getLogger(__name__)


def people_router() -> Router:
    from bot.people.router import create_people_router

    return create_people_router()


#: The features, in router order. The catch-all fallback router is added after all of them.
FEATURES: list[Feature] = [
    outbox.FEATURE,  # first: the other features register their kinds of owed messages
    Feature("people", create_router=people_router, models="bot.people.models"),
    assistant.CONTEXT,  # a reply to the bot's question: before every feature's pending steps
    broadcasting.FEATURE,
    content.FEATURE,
    reports.FEATURE,
    surveys.FEATURE,
    web.FEATURE,  # /dasbor and the dashboard's menu button
    assistant.FEATURE,  # free text: after every feature's own handlers
]


#: Model modules of the core (not of a feature): jobs' locks, conversation storage, webhook updates.
CORE_MODELS = ("bot.jobs", "bot.storage_models", "bot.webhook_models")


def import_models() -> None:
    """Import every model module (the core's and each feature's) so ``Base.metadata`` is complete."""
    for module in (*CORE_MODELS, *(f.models for f in FEATURES if f.models)):
        importlib.import_module(module)


def feature_commands() -> dict[str, str]:
    """Every feature's CLI sub-apps by command name, as ``"module:attribute"`` (not imported)."""
    commands: dict[str, str] = {}
    for feature in FEATURES:
        commands.update(feature.cli)
    return commands


class MissingTokenError(RuntimeError):
    """BOT_TOKEN is not set."""


def build_app_services(settings: Settings, *, clock: Clock | None = None) -> Services:
    """Core services plus every feature's own."""
    services = build_services(settings, clock=clock)
    for feature in FEATURES:
        if feature.setup is not None:
            feature.setup(services)
    return services


def create_bot(settings: Settings) -> Bot:
    """An aiogram Bot for the configured token and Bot API server, HTML by default."""
    from aiogram import Bot
    from aiogram.client.default import DefaultBotProperties
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.enums import ParseMode

    from bot.edits import AlreadyDone

    if settings.bot_token is None:
        raise MissingTokenError("BOT_TOKEN is not set")
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    session.middleware(AlreadyDone())  # a repeated edit or answer is done, not an error
    return Bot(
        settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def feature_routers() -> list[Router]:
    """One router per feature, in order; the catch-alls come last."""
    from bot.fallback import create_fallback_router

    routers = [f.create_router() for f in FEATURES if f.create_router is not None]
    return [*routers, create_fallback_router()]


def background_tasks(services: Services, bot: Bot) -> list[Task]:
    """Every feature's long-running jobs (delivery engine, sweepers…)."""
    tasks: list[Task] = []
    for feature in FEATURES:
        if feature.background is not None:
            tasks.extend(feature.background(services, bot))
    return tasks


def create_dispatcher(services: Services) -> Dispatcher:
    """The dispatcher with middlewares, routers, the error handlers and start-up hooks.

    Updates are decoded one by one (``GuardedDispatcher``, bot/polling.py); only what people sent
    reaches the other middlewares and the handlers (bot/senders.py).
    """
    from bot.concurrency import HandlerLimit
    from bot.error_handlers import create_errors_router, register_user_errors
    from bot.flood import FloodControl, FloodMiddleware
    from bot.middlewares import UserMiddleware
    from bot.ops import OpsAlerts
    from bot.people.commands import publish_all_commands
    from bot.polling import GuardedDispatcher
    from bot.senders import PeopleOnlyMiddleware

    settings = services.settings
    ops = OpsAlerts(settings, services.catalog, services.clock)
    dp = GuardedDispatcher(ops=ops, storage=services.storage, **services.workflow_data())
    dp["ops_alerts"] = ops
    dp["services"] = services  # the dashboard is built from them (bot/webhook.py, /dasbor)
    dp.update.outer_middleware(PeopleOnlyMiddleware(services.catalog, settings.default_language))
    HandlerLimit(services.db.handler_limit).install(dp)  # updates in flight: below the pool size
    flood = FloodControl(
        settings.flood.max_messages, settings.flood.window_seconds, settings.flood.mute_seconds
    )
    dp.update.outer_middleware(FloodMiddleware(flood, services.catalog, settings.default_language))
    dp.update.outer_middleware(UserMiddleware(services.people, services.catalog))
    register_user_errors(dp)
    for router in feature_routers():
        dp.include_router(router)
    dp.include_router(create_errors_router())  # after the features: their own handlers run first

    async def on_startup(bot: Bot) -> None:
        me = await bot.me()
        log.info("bot @%s started", me.username)
        await publish_all_commands(bot, services.catalog, services.people)

    dp.startup.register(on_startup)
    return dp

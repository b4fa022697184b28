"""The outbox's wiring: ``services.outbox``, the dispatcher job, ``rukun outbox``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.outbox.kinds import NOTICE, TEXT
from bot.outbox.settings import OutboxSettings
from bot.services import Feature, Services, Task

if TYPE_CHECKING:  # aiogram is imported on use: the CLI's --help must not pay for it
    from aiogram import Bot

    from bot.outbox.dispatcher import OutboxDispatcher, Sender


def setup(services: Services) -> None:
    from bot.jobs import holder_id
    from bot.outbox.store import Outbox

    settings = services.settings
    outbox = Outbox(services.db, services.clock, settings.outbox, holder_id())

    def text() -> Sender:
        from bot.outbox.senders import TextSender

        return TextSender(services.catalog, settings.default_language)

    outbox.register(TEXT, text)
    outbox.register(NOTICE, text)
    services.outbox = outbox


def dispatcher(services: Services, bot: Bot) -> OutboxDispatcher:
    from bot.outbox.dispatcher import OutboxDispatcher

    settings = services.settings
    return OutboxDispatcher(
        bot,
        services.outbox,
        services.outbox.senders,
        notice_chat=settings.ops_chat_id or settings.coordinators_chat_id,
    )


def background(services: Services, bot: Bot) -> list[Task]:
    return [dispatcher(services, bot).run()]


FEATURE = Feature(
    "outbox",
    setup=setup,
    background=background,
    cli={"outbox": "bot.outbox.cli:outbox_app"},
    settings=("outbox", OutboxSettings),
    models="bot.outbox.models",
)

"""A case's evidence in the dashboard, fetched from Telegram by the bot and served as the
partners would receive it: a document or video only cleaned of its metadata and under a neutral
name (bot/reports/flows/outgoing_files.py); photos and voice notes carry no name (Telegram
re-encodes photos). A file that cannot be cleaned is held (409), never served as it came."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiohttp import web

from bot.web.keys import SERVICES, VIEWER

if TYPE_CHECKING:
    from aiogram import Bot

log = logging.getLogger(__name__)

BOT: web.AppKey[list[Bot]] = web.AppKey("bot")
TYPES = {"photo": "image/jpeg", "voice": "audio/ogg", "audio": "audio/mpeg"}


def bot_of(app: web.Application) -> Bot:
    """The dashboard's own Bot client (made on first use, closed with the app)."""
    holder = app[BOT]
    if not holder:
        from bot.app import create_bot

        holder.append(create_bot(app[SERVICES].settings))
    return holder[0]


async def close_bot(app: web.Application) -> None:
    for bot in app[BOT]:
        await bot.session.close()


async def evidence(request: web.Request) -> web.StreamResponse:
    import aiohttp
    from aiogram.exceptions import TelegramAPIError

    from bot.reports.flows.outgoing_files import (
        EvidenceHeldError,
        EvidenceUnavailableError,
        outgoing_file,
    )
    from bot.web.access import NotVisibleError, acting_partner

    services = request.app[SERVICES]
    try:
        report_id, index = int(request.match_info["id"]), int(request.match_info["n"])
        partner_id = await acting_partner(services, request[VIEWER], report_id)
        # a rahasia report's evidence only for its claiming partner and admins
        view = await services.reports.access.readable(report_id, request[VIEWER].actor(partner_id))
        media = view.media[index - 1] if index >= 1 else None
    except (ValueError, NotVisibleError, IndexError, LookupError):
        raise web.HTTPNotFound(text="evidence not found") from None
    if media is None:
        raise web.HTTPNotFound(text="evidence not found")
    bot = bot_of(request.app)
    try:
        out = await outgoing_file(bot, view.code, index, media.kind, media.file_id)
        if isinstance(out.media, str):  # no name to hide: fetched as it is
            info = await bot.get_file(out.media)
            if info.file_path is None:
                raise EvidenceUnavailableError("no download path")
            buffer = await bot.download_file(info.file_path)
            body, name = (buffer.read() if buffer is not None else b""), None
        else:
            body, name = out.media.data, out.name
    except EvidenceHeldError:
        raise web.HTTPConflict(text="held: this file cannot be cleaned of its metadata") from None
    except (EvidenceUnavailableError, TelegramAPIError, aiohttp.ClientError, TimeoutError):
        raise web.HTTPBadGateway(text="the file could not be fetched from Telegram") from None
    headers = {"Content-Disposition": f'attachment; filename="{name}"'} if name else {}
    kind = TYPES.get(media.kind, "application/octet-stream")
    return web.Response(body=body, content_type=kind, headers=headers)


def register(app: web.Application) -> None:
    app[BOT] = []
    app.on_cleanup.append(close_bot)
    app.router.add_get("/cases/{id}/evidence/{n}", evidence)

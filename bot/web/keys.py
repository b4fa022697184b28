"""The aiohttp application keys of the dashboard (typed, shared by its modules)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from bot.services import Services
    from bot.web.auth import LoginLinks, SessionSigner

SERVICES: web.AppKey[Services] = web.AppKey("services")
SIGNER: web.AppKey[SessionSigner] = web.AppKey("signer")
LINKS: web.AppKey[LoginLinks] = web.AppKey("links")
#: The path the dashboard is mounted under ("/web"), for links in pages.
BASE: web.AppKey[str] = web.AppKey("base")
BOT_TOKEN: web.AppKey[str] = web.AppKey("bot_token")

#: The signed-in viewer of a request (a plain key before aiohttp 3.12 had RequestKey).
VIEWER: Any = getattr(web, "RequestKey", lambda name, _type: name)("viewer", object)

COOKIE = "rukun_session"

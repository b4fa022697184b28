"""The dashboard's aiohttp application: sign-in, the session check, and its pages.

``create_web_app(services)`` is mounted under ``web.path`` on the bot's webhook server
(bot/webhook.py) and on ``rukun web``'s own server. Every page but sign-in needs the session
cookie; who may see what is decided here and in bot/web/access.py, on every request.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

from aiohttp import web

from bot.services import Services
from bot.web import admin, evidence, pages, pages_more
from bot.web.access import NoAccessError, Viewer, viewer_for
from bot.web.auth import InitDataError, LoginLinks, SessionSigner, verify_init_data
from bot.web.keys import BASE, BOT_TOKEN, COOKIE, LINKS, SERVICES, SIGNER, VIEWER
from bot.web.render import page

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
#: Paths (below the mount point) that need no session.
OPEN_PREFIXES = ("/static/", "/auth/", "/login/", "/healthz")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def translator_for(request: web.Request, viewer: Viewer | None = None):  # type: ignore[no-untyped-def]
    services = request.app[SERVICES]
    lang = viewer.language if viewer else request.query.get("lang", "")
    if lang not in ("id", "en"):
        lang = services.settings.default_language
    return services.catalog.translator(lang)


def _inner_path(request: web.Request) -> str:
    base = request.app[BASE]
    return request.path[len(base) :] if request.path.startswith(base) else request.path


@web.middleware
async def session_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Finds the signed-in viewer (``request[VIEWER]``) or answers the sign-in page / 401."""
    inner = _inner_path(request)
    if inner.startswith(OPEN_PREFIXES):
        return await handler(request)
    services = request.app[SERVICES]
    now = services.clock.now()
    user_id = request.app[SIGNER].user_of(request.cookies.get(COOKIE), now)
    viewer = None
    if user_id is not None:
        try:
            viewer = await viewer_for(services, user_id)
        except NoAccessError:
            t = translator_for(request)
            return page(
                request,
                "error.html",
                t,
                services.settings.tz,
                status=403,
                message=t("web-no-access"),
            )
    if viewer is None:
        if inner.startswith("/api/") or request.method != "GET":
            return web.json_response({"error": "not signed in"}, status=401)
        t = translator_for(request)
        return page(request, "signin.html", t, services.settings.tz, status=401)
    request[VIEWER] = viewer
    response = await handler(request)
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "frame-ancestors https://web.telegram.org 'self'",
    )
    return response


def _set_session(request: web.Request, response: web.StreamResponse, user_id: int) -> None:
    services = request.app[SERVICES]
    settings = services.settings.web
    value = request.app[SIGNER].issue(user_id, services.clock.now())
    secure = settings.cookie_samesite == "None" or bool(
        settings.public_url and settings.public_url.startswith("https://")
    )
    response.set_cookie(
        COOKIE,
        value,
        httponly=True,
        samesite=settings.cookie_samesite,
        secure=secure,
        path=request.app[BASE] + "/",
        max_age=int(settings.session_hours * 3600),
    )


async def auth_telegram(request: web.Request) -> web.StreamResponse:
    """POST initData (from the Mini App's URL fragment): a session for the user it vouches for."""
    services = request.app[SERVICES]
    form = await request.post()
    init_data = str(form.get("init_data", ""))
    max_age = timedelta(seconds=services.settings.web.init_data_max_age_seconds)
    try:
        user = verify_init_data(
            init_data, request.app[BOT_TOKEN], now=services.clock.now(), max_age=max_age
        )
    except InitDataError as exc:
        log.info("dashboard sign-in refused: %s", exc)
        return web.json_response({"ok": False, "error": "invalid"}, status=403)
    try:
        await viewer_for(services, user.id)
    except NoAccessError:
        return web.json_response({"ok": False, "error": "no_access"}, status=403)
    response = web.json_response({"ok": True, "next": request.app[BASE] + "/cases"})
    _set_session(request, response, user.id)
    return response


async def login_form(request: web.Request) -> web.StreamResponse:
    """GET a login link: a page with one button (a link preview must not use the token up)."""
    services = request.app[SERVICES]
    t = translator_for(request)
    return page(request, "login.html", t, services.settings.tz, token=request.match_info["token"])


async def login_redeem(request: web.Request) -> web.StreamResponse:
    """POST the login link's token: signs in once; a used or expired link is refused."""
    services = request.app[SERVICES]
    user_id = await request.app[LINKS].redeem(request.match_info["token"])
    t = translator_for(request)
    if user_id is None:
        return page(
            request,
            "error.html",
            t,
            services.settings.tz,
            status=403,
            message=t("web-login-expired"),
        )
    try:
        await viewer_for(services, user_id)
    except NoAccessError:
        return page(
            request, "error.html", t, services.settings.tz, status=403, message=t("web-no-access")
        )
    response = web.HTTPSeeOther(request.app[BASE] + "/cases")
    _set_session(request, response, user_id)
    raise response


async def sign_out(request: web.Request) -> web.StreamResponse:
    response = web.HTTPSeeOther(request.app[BASE] + "/")
    response.del_cookie(COOKIE, path=request.app[BASE] + "/")
    raise response


async def home(request: web.Request) -> web.StreamResponse:
    raise web.HTTPSeeOther(request.app[BASE] + "/cases")


def create_web_app(
    services: Services, bot_token: str, *, base: str | None = None
) -> web.Application:
    """The dashboard as an aiohttp (sub-)application for ``services``."""
    settings = services.settings.web
    app = web.Application(middlewares=[security_headers, admin.same_origin, session_middleware])
    app[SERVICES] = services
    app[BASE] = base if base is not None else settings.path
    app[BOT_TOKEN] = bot_token
    app[SIGNER] = SessionSigner(bot_token, timedelta(hours=settings.session_hours))
    app[LINKS] = LoginLinks(
        services.db, services.clock, timedelta(minutes=settings.login_link_minutes)
    )
    app.router.add_get("/", home)
    app.router.add_post("/auth/telegram", auth_telegram)
    app.router.add_get("/login/{token}", login_form)
    app.router.add_post("/login/{token}", login_redeem)
    app.router.add_post("/signout", sign_out)
    app.router.add_static("/static/", STATIC)
    pages.register(app)
    pages_more.register(app)
    admin.register(app)
    evidence.register(app)
    return app

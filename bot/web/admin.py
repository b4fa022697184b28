"""Administration where it is natural: open/close surveys, register partners (coordinators),
grant roles (admins). Each goes through the owning service; who did it is recorded: a role's
``granted_by`` (``web:<user id>``), a partner's ``source`` ("web"), and a log line for each.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from bot.people.models import Role
from bot.people.service import GRANTABLE_ROLES, UnknownUserError
from bot.services import Services
from bot.web.access import Viewer
from bot.web.keys import SERVICES, VIEWER
from bot.web.render import page

log = logging.getLogger(__name__)


def _coordinator(request: web.Request) -> tuple[Services, Viewer, Any]:
    services = request.app[SERVICES]
    viewer: Viewer = request[VIEWER]
    if not viewer.coordinator:
        raise web.HTTPForbidden(text="coordinators only")
    return services, viewer, services.catalog.translator(viewer.language)


async def _admin_page(
    request: web.Request, *, done: str | None = None, problem: str | None = None, status: int = 200
) -> web.StreamResponse:
    services, viewer, t = _coordinator(request)
    person = await services.people.get(viewer.user_id)
    return page(
        request,
        "admin.html",
        t,
        services.settings.tz,
        status=status,
        viewer=viewer,
        is_admin=person.is_admin,
        surveys=await services.surveys.list(),
        partners=await services.reports.partners.list_partners(),
        roles=[r.value for r in GRANTABLE_ROLES],
        done=done,
        problem=problem,
    )


async def admin_page(request: web.Request) -> web.StreamResponse:
    return await _admin_page(request)


async def survey_status(request: web.Request) -> web.StreamResponse:
    from bot.surveys.models import SurveyStatus
    from bot.surveys.service import UnknownSurveyError

    services, viewer, t = _coordinator(request)
    form = await request.post()
    slug = request.match_info["slug"]
    try:
        status = SurveyStatus(str(form.get("status", "")))
        if status == SurveyStatus.DRAFT:
            raise ValueError(status)
        changed = await services.surveys.set_status(slug, status)
    except ValueError:
        return await _admin_page(request, problem=t("web-admin-bad-status"), status=400)
    except UnknownSurveyError:
        raise web.HTTPNotFound(text="survey not found") from None
    log.info("survey %s %s from the dashboard by %s", slug, status.value, viewer.user_id)
    key = "web-admin-survey-changed" if changed else "web-admin-survey-unchanged"
    return await _admin_page(request, done=t(key, slug=slug, status=status.value))


def _split(value: Any) -> list[str]:
    return [v.strip() for v in str(value or "").replace(";", ",").split(",") if v.strip()]


async def add_partner(request: web.Request) -> web.StreamResponse:
    """Register (or update in its own chat) a partner: regions by code or name, as in the CLI."""
    from bot.reports.domain.partners import PartnerError

    services, viewer, t = _coordinator(request)
    form = await request.post()
    try:
        chat_id = int(str(form.get("chat_id", "")).strip())
    except ValueError:
        return await _admin_page(request, problem=t("web-admin-bad-chat"), status=400)
    try:
        info = await services.reports.partners.add(
            name=str(form.get("name", "")),
            chat_id=chat_id,
            regions=_split(form.get("regions")),
            categories=_split(form.get("categories")) or ["*"],
            source="web",
            own_chat_only=True,
        )
    except PartnerError as exc:
        return await _admin_page(
            request, problem=t("web-admin-partner-refused", why=str(exc)), status=400
        )
    log.info(
        "partner %s (%s) registered from the dashboard by %s", info.id, info.name, viewer.user_id
    )
    return await _admin_page(request, done=t("web-admin-partner-added", name=info.name))


async def grant_role(request: web.Request) -> web.StreamResponse:
    """Admins grant a role to someone who has started the bot; ``granted_by`` says who."""
    services, viewer, t = _coordinator(request)
    if not (await services.people.get(viewer.user_id)).is_admin:
        raise web.HTTPForbidden(text="admins only")
    form = await request.post()
    try:
        user_id = int(str(form.get("user_id", "")).strip())
        role = Role(str(form.get("role", "")))
        if role not in GRANTABLE_ROLES:
            raise ValueError(role)
    except ValueError:
        return await _admin_page(request, problem=t("web-admin-bad-grant"), status=400)
    try:
        changed = await services.people.grant(user_id, role, by=f"web:{viewer.user_id}")
    except UnknownUserError:
        return await _admin_page(
            request, problem=t("web-admin-unknown-user", id=user_id), status=400
        )
    log.info("role %s granted to %s from the dashboard by %s", role.value, user_id, viewer.user_id)
    key = "web-admin-granted" if changed else "web-admin-had-role"
    return await _admin_page(request, done=t(key, id=user_id, role=role.value))


@web.middleware
async def same_origin(request: web.Request, handler: Any) -> web.StreamResponse:
    """A form posted from another site is refused (besides the SameSite cookie)."""
    origin = request.headers.get("Origin")
    if request.method == "POST" and origin and origin != "null":
        if origin.split("://", 1)[-1] != request.host:
            raise web.HTTPForbidden(text="cross-site request refused")
    return await handler(request)


def register(app: web.Application) -> None:
    app.router.add_get("/admin", admin_page)
    app.router.add_post("/admin/surveys/{slug}", survey_status)
    app.router.add_post("/admin/partners", add_partner)
    app.router.add_post("/admin/roles", grant_role)

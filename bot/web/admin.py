"""Administration where it is natural: open/close surveys, register partners (coordinators),
grant roles (admins). Each goes through the owning service and, once done, is written to the
audit log (bot/web/audit.py: the dashboard user as actor, what, when), which the page shows; a
role's ``granted_by`` (``web:<user id>``) and a partner's ``source`` ("web") say it too.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from bot.people.models import Role
from bot.people.service import GRANTABLE_ROLES, UnknownUserError
from bot.services import Services
from bot.web.access import Viewer
from bot.web.audit import AuditAction, AuditLine, AuditLog
from bot.web.keys import SERVICES, VIEWER
from bot.web.partner_form import PartnerForm, check_partner_form
from bot.web.render import page

log = logging.getLogger(__name__)


def _coordinator(request: web.Request) -> tuple[Services, Viewer, Any]:
    services = request.app[SERVICES]
    viewer: Viewer = request[VIEWER]
    if not viewer.coordinator:
        raise web.HTTPForbidden(text="coordinators only")
    return services, viewer, services.catalog.translator(viewer.language)


def _audit(services: Services) -> AuditLog:
    return AuditLog(services.db, services.clock)


async def _audit_rows(services: Services, lines: list[AuditLine]) -> list[dict[str, Any]]:
    """The log's lines with the actor's name (coordinators see each other's names)."""
    names: dict[int, str] = {}
    rows = []
    for line in lines:
        if line.actor_id not in names:
            try:
                names[line.actor_id] = (await services.people.get(line.actor_id)).first_name
            except UnknownUserError:
                names[line.actor_id] = str(line.actor_id)
        rows.append({"line": line, "actor": names[line.actor_id]})
    return rows


async def _admin_page(
    request: web.Request,
    *,
    done: str | None = None,
    problem: str | None = None,
    status: int = 200,
    partner_form: PartnerForm | None = None,
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
        partner_form=partner_form,
        audit=await _audit_rows(services, await _audit(services).recent()),
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
    if changed:
        await _audit(services).record(
            viewer.user_id, AuditAction.SURVEY_STATUS, slug, {"status": status.value}
        )
    log.info("survey %s %s from the dashboard by %s", slug, status.value, viewer.user_id)
    key = "web-admin-survey-changed" if changed else "web-admin-survey-unchanged"
    return await _admin_page(request, done=t(key, slug=slug, status=status.value))


async def add_partner(request: web.Request) -> web.StreamResponse:
    """Register (or update in its own chat) a partner: regions by code or name, as in the CLI."""
    from bot.reports.domain.partners import PartnerError, PartnerNameTakenError

    services, viewer, t = _coordinator(request)
    form = check_partner_form(await request.post(), t)
    if not form.problems:
        try:
            info = await services.reports.partners.add(
                name=form.name,
                chat_id=form.chat_id,
                regions=form.regions,
                categories=form.categories,
                source="web",
                own_chat_only=True,
            )
        except PartnerNameTakenError:
            form.problems["name"] = t("web-admin-name-taken", name=form.name)
        except PartnerError as exc:
            form.problems["form"] = t("web-admin-partner-refused", why=str(exc))
    if form.problems:
        return await _admin_page(
            request,
            problem=t("web-admin-partner-problems"),
            status=400,
            partner_form=form,
        )
    await _audit(services).record(
        viewer.user_id,
        AuditAction.PARTNER_REGISTER,
        str(info.id),
        {
            "name": info.name,
            "chat_id": info.chat_id,
            "regions": list(info.regions),
            "categories": list(info.categories),
        },
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
    if changed:
        await _audit(services).record(
            viewer.user_id, AuditAction.ROLE_GRANT, str(user_id), {"role": role.value}
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

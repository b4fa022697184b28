"""Cases: the list with filters and its map, one case with its timeline, the recorded reveal."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.errors import UserError
from bot.geo.gazetteer import Gazetteer
from bot.reports.domain.categories import CATEGORIES, Status, category_key
from bot.reports.domain.views import ReportView
from bot.services import Services
from bot.web.access import NotVisibleError, Viewer, acting_partner
from bot.web.cases import CaseFilters, list_cases, map_cases, parse_filters
from bot.web.keys import SERVICES, VIEWER
from bot.web.places import HEIGHT, PROVINCE_CAPITALS, WIDTH, case_position, project
from bot.web.render import page


def _ctx(request: web.Request) -> tuple[Services, Viewer, Any]:
    services = request.app[SERVICES]
    viewer: Viewer = request[VIEWER]
    return services, viewer, services.catalog.translator(viewer.language)


def provinces() -> list[tuple[str, str]]:
    return sorted(
        ((r.code, r.name) for r in Gazetteer.default().regions if r.kind == "provinsi"),
        key=lambda p: p[1],
    )


def case_json(v: ReportView) -> dict[str, Any]:
    """What the JSON of a case shows: never a reporter's Telegram id, name only when shared."""
    return {
        "id": v.id,
        "code": v.code,
        "status": v.status.value,
        "category": v.category,
        "region_code": v.region_code,
        "region": v.region_name,
        "province": v.province_name,
        "urgent": v.urgent,
        "anonymous": v.anonymous,
        "confidentiality": v.confidentiality.value,
        "withheld": v.withheld,
        "reporter_name": v.reporter_name,
        "claimed_by": v.claimed_by_name,
        "created_at": v.created_at.isoformat(),
        "description": v.description,
    }


def map_points(cases: list[ReportView]) -> list[dict[str, Any]]:
    points = []
    for v in cases:
        pos = case_position(v.region_code, v.latitude, v.longitude)
        if pos is None:
            continue
        p = project(*pos)
        points.append({"x": p.x, "y": p.y, "case": v})
    return points


def base_map() -> list[dict[str, Any]]:
    """The provinces' capitals as the map's faint background (there are no coastlines)."""
    names = dict(provinces())
    out = []
    for code, (lat, lon) in PROVINCE_CAPITALS.items():
        p = project(lat, lon)
        out.append({"x": p.x, "y": p.y, "name": names.get(code, code)})
    return out


def _choices(t: Any) -> dict[str, Any]:
    return {
        "provinces": provinces(),
        "categories": [(c, t(category_key(c))) for c in CATEGORIES],
        "statuses": [(s.value, t(f"web-status-{s.value}")) for s in Status],
    }


async def cases_page(request: web.Request) -> web.StreamResponse:
    services, viewer, t = _ctx(request)
    f: CaseFilters = parse_filters(request.query)
    tz = services.settings.tz
    listing = await list_cases(
        services.db, viewer, f, tz, page_size=services.settings.web.page_size
    )
    on_map = await map_cases(services.db, viewer, f, tz)
    area_name = ""
    if f.area:
        region = Gazetteer.default().get(f.area)
        area_name = region.name if region else f.area
    return page(
        request,
        "cases.html",
        t,
        tz,
        viewer=viewer,
        f=f,
        listing=listing,
        points=map_points(on_map),
        background=base_map(),
        width=WIDTH,
        height=HEIGHT,
        area_name=area_name,
        category_label=lambda c: t(category_key(c)),
        **_choices(t),
    )


async def cases_json(request: web.Request) -> web.StreamResponse:
    services, viewer, _t = _ctx(request)
    f = parse_filters(request.query)
    listing = await list_cases(
        services.db, viewer, f, services.settings.tz, page_size=services.settings.web.page_size
    )
    return web.json_response(
        {
            "total": listing.total,
            "page": listing.page,
            "pages": listing.pages,
            "problems": [field for field, _key in f.problems],
            "cases": [case_json(v) for v in listing.cases],
        }
    )


async def _visible(request: web.Request) -> tuple[int, int | None]:
    services, viewer, _t = _ctx(request)
    try:
        report_id = int(request.match_info["id"])
        return report_id, await acting_partner(services, viewer, report_id)
    except (ValueError, NotVisibleError):
        raise web.HTTPNotFound(text="case not found") from None


async def case_page(request: web.Request) -> web.StreamResponse:
    """One case and its timeline; opening it is recorded in the timeline by the reports service."""
    services, viewer, t = _ctx(request)
    report_id, partner_id = await _visible(request)
    try:
        view, events = await services.reports.access.timeline(report_id, viewer.actor(partner_id))
    except UserError:
        raise web.HTTPNotFound(text="case not found") from None
    return page(
        request,
        "case.html",
        t,
        services.settings.tz,
        viewer=viewer,
        case=view,
        events=events,
        category_label=lambda c: t(category_key(c)),
        identity=None,
    )


async def case_json_one(request: web.Request) -> web.StreamResponse:
    services, viewer, _t = _ctx(request)
    report_id, partner_id = await _visible(request)
    try:
        view = await services.reports.access.open_for_view(report_id, viewer.actor(partner_id))
    except UserError:
        raise web.HTTPNotFound(text="case not found") from None
    return web.json_response(case_json(view))


async def reveal(request: web.Request) -> web.StreamResponse:
    """A coordinator's explicit look at who reported: the reports service records it first."""
    services, viewer, t = _ctx(request)
    report_id, partner_id = await _visible(request)
    if not viewer.coordinator:
        raise web.HTTPForbidden(text="coordinators only")
    try:  # a rahasia reporter: admins only
        identity = await services.reports.access.reveal_identity(
            report_id, viewer.actor(partner_id)
        )
    except UserError:
        raise web.HTTPForbidden(text="not allowed") from None
    view, events = await services.reports.access.timeline(report_id, viewer.actor(partner_id))
    return page(
        request,
        "case.html",
        t,
        services.settings.tz,
        viewer=viewer,
        case=view,
        events=events,
        category_label=lambda c: t(category_key(c)),
        identity=identity or "erased",
    )


def register(app: web.Application) -> None:
    app.router.add_get("/cases", cases_page)
    app.router.add_get("/cases/{id}", case_page)
    app.router.add_post("/cases/{id}/reveal", reveal)
    app.router.add_get("/api/cases", cases_json)
    app.router.add_get("/api/cases/{id}", case_json_one)

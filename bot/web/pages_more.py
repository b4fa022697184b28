"""Surveys' results (before/after when paired), broadcasts with progress, and XLSX exports.

Coordinators only: partners see their cases, not the network's surveys or broadcasts.
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.services import Services
from bot.web.access import Viewer
from bot.web.keys import SERVICES, VIEWER
from bot.web.render import page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _coordinator(request: web.Request) -> tuple[Services, Viewer, Any]:
    services = request.app[SERVICES]
    viewer: Viewer = request[VIEWER]
    if not viewer.coordinator:
        raise web.HTTPForbidden(text="coordinators only")
    return services, viewer, services.catalog.translator(viewer.language)


async def _results(services: Services, slug: str) -> dict[str, Any]:
    from bot.surveys.service import UnknownSurveyError

    try:
        info = await services.surveys.get(slug)
        return dict(await services.survey_analysis.results(slug, vs=info.pair, texts=False))
    except UnknownSurveyError:
        raise web.HTTPNotFound(text="survey not found") from None


async def surveys_page(request: web.Request) -> web.StreamResponse:
    services, viewer, t = _coordinator(request)
    listed = await services.surveys.list()
    return page(request, "surveys.html", t, services.settings.tz, viewer=viewer, surveys=listed)


def bars(doc: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Each closed question's options with their share of answers (for CSS bars)."""
    out = []
    for q in doc["questions"]:
        counts = q.get("counts") or {}
        total = sum(counts.values()) or 1
        options = [
            {
                "label": (q.get("labels", {}).get(v) or {}).get(lang) or v,
                "count": c,
                "pct": round(100 * c / total),
            }
            for v, c in counts.items()
        ]
        text = q["text"].get(lang) or q["text"].get("id") or q["id"]
        out.append(
            {"id": q["id"], "text": text, "n": q["n"], "mean": q.get("mean"), "options": options}
        )
    return out


def before_after(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The comparison's means, scaled for a pair of bars per question."""
    comparison = doc.get("comparison") or {}
    rows = comparison.get("questions") or []
    top = max([abs(r[k] or 0) for r in rows for k in ("mean_this", "mean_vs")] or [1]) or 1
    return [
        {
            **r,
            "pct_this": round(100 * abs(r["mean_this"] or 0) / top),
            "pct_vs": round(100 * abs(r["mean_vs"] or 0) / top),
        }
        for r in rows
    ]


async def survey_page(request: web.Request) -> web.StreamResponse:
    services, viewer, t = _coordinator(request)
    doc = await _results(services, request.match_info["slug"])
    lang = viewer.language
    return page(
        request,
        "survey.html",
        t,
        services.settings.tz,
        viewer=viewer,
        doc=doc,
        title=doc["title"].get(lang) or doc["title"].get("id") or doc["survey"],
        questions=bars(doc, lang),
        comparison=before_after(doc),
        vs=(doc.get("comparison") or {}).get("vs"),
    )


async def survey_xlsx(request: web.Request) -> web.StreamResponse:
    """The survey's results workbook, made by the surveys' own exporter."""
    from bot.surveys.exports import to_xlsx

    services, viewer, _t = _coordinator(request)
    slug = request.match_info["slug"]
    doc = await _results(services, slug)
    body = await asyncio.to_thread(to_xlsx, doc, viewer.language)
    return web.Response(
        body=body,
        content_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="survey-{slug}.xlsx"'},
    )


async def reports_xlsx(request: web.Request) -> web.StreamResponse:
    """Every report and its timeline, made by ``rukun reports export``'s own exporter."""
    from bot.reports.domain.export import export_rows, write_xlsx

    services, _viewer, _t = _coordinator(request)
    rows, timeline = await export_rows(services.reports)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reports.xlsx"
        await asyncio.to_thread(write_xlsx, path, rows, timeline)
        body = path.read_bytes()
    return web.Response(
        body=body,
        content_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="reports.xlsx"'},
    )


def progress_json(p: Any) -> dict[str, Any]:
    data = asdict(p)
    for key in ("scheduled_at", "started_at", "finished_at"):
        data[key] = data[key].isoformat() if data[key] else None
    data["eta_seconds"] = int(p.eta.total_seconds()) if p.eta else None
    del data["eta"]
    data["done"] = p.done
    data["pct"] = round(100 * p.done / p.total) if p.total else 0
    return data


async def broadcasts_page(request: web.Request) -> web.StreamResponse:
    services, viewer, t = _coordinator(request)
    listed = await services.broadcasts.list_broadcasts(limit=50)
    progress = [progress_json(await services.broadcasts.progress(b.id)) for b in listed]
    return page(
        request, "broadcasts.html", t, services.settings.tz, viewer=viewer, broadcasts=progress
    )


async def broadcast_progress(request: web.Request) -> web.StreamResponse:
    from bot.broadcasting.service import UnknownBroadcastError

    services, _viewer, _t = _coordinator(request)
    try:
        p = await services.broadcasts.progress(int(request.match_info["id"]))
    except (ValueError, UnknownBroadcastError):
        raise web.HTTPNotFound(text="broadcast not found") from None
    return web.json_response(progress_json(p))


async def partners_page(request: web.Request) -> web.StreamResponse:
    from bot.web.figures import partner_figures

    services, viewer, t = _coordinator(request)
    figures = await partner_figures(services.db)
    return page(request, "partners.html", t, services.settings.tz, viewer=viewer, figures=figures)


def register(app: web.Application) -> None:
    app.router.add_get("/partners", partners_page)
    app.router.add_get("/surveys", surveys_page)
    app.router.add_get("/surveys/{slug}", survey_page)
    app.router.add_get("/surveys/{slug}/export.xlsx", survey_xlsx)
    app.router.add_get("/export/reports.xlsx", reports_xlsx)
    app.router.add_get("/broadcasts", broadcasts_page)
    app.router.add_get("/api/broadcasts/{id}", broadcast_progress)

"""Server-rendered pages: one Jinja2 environment (autoescaping), the viewer's language, dates."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from bot.i18n import Translator
from bot.web.keys import BASE

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def translate(t: Translator) -> Any:
    """``t("key", n=1)`` in a template: the catalogue's text (its arguments are escaped by it)."""

    def text(key: str, **args: Any) -> Markup:
        return Markup(t(key, **args))

    return text


def when(value: datetime | date | None, tz: ZoneInfo) -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return value.astimezone(tz).strftime("%d-%m-%Y %H:%M")
    return value.strftime("%d-%m-%Y")


def page(
    request: web.Request,
    template: str,
    t: Translator,
    tz: ZoneInfo,
    *,
    status: int = 200,
    **context: Any,
) -> web.Response:
    html = (
        environment()
        .get_template(template)
        .render(
            t=translate(t),
            lang=t.lang,
            base=request.app[BASE],
            when=lambda v: when(v, tz),
            path=request.path,
            **context,
        )
    )
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")

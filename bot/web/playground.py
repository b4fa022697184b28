"""The playground's web chat: several people side by side, talking to the bot through the
bundled emulator's control API (over HTTP, so this module never imports the emulator).

``GET /`` is the page; ``/api/panels`` the people and their chats; ``/api/panels/{n}`` a chat's
messages; ``POST /api/panels/{n}/send`` (text, photo, location) and ``…/press`` (a button).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

STATIC = Path(__file__).parent / "static"
TEMPLATE = Path(__file__).parent / "templates" / "playground.html"


@dataclass(frozen=True, slots=True)
class Panel:
    """One chat on screen: who types in it, and where (their private chat or a group)."""

    title: str
    role: str
    user: dict[str, Any]
    chat: dict[str, Any] | None = None

    @property
    def chat_id(self) -> int:
        return int(self.chat["id"]) if self.chat else int(self.user["id"])

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "role": self.role, "user": self.user["first_name"]}


class EmulatorControl:
    """The few control calls the web chat needs (``/_emu/<token>/…`` of the emulator)."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base = f"{base_url.rstrip('/')}/_emu/{token}"
        self._http: aiohttp.ClientSession | None = None

    async def _call(self, verb: str, path: str, body: Any = None, **query: Any) -> Any:
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession()
        params = {k: str(v) for k, v in query.items()}
        async with self._http.request(verb, self.base + path, json=body, params=params) as r:
            payload = await r.json()
            if r.status != 200:
                raise web.HTTPBadRequest(text=str(payload.get("error")))
            return payload["result"]

    async def register_users(self, *users: dict[str, Any]) -> None:
        await self._call("POST", "/users", {"users": list(users)})

    async def register_group(self, chat: dict[str, Any], members: list[dict[str, Any]]) -> None:
        body = {"chat": chat, "members": members, "bot_status": "administrator"}
        await self._call("POST", "/chats", body)

    async def messages(self, chat_id: int) -> list[dict[str, Any]]:
        return list(await self._call("GET", f"/chats/{chat_id}/messages", all=1))

    async def send(self, user: dict[str, Any], chat: dict[str, Any] | None, **what: Any) -> None:
        body = {"user": user, "chat": chat, **{k: v for k, v in what.items() if v}}
        await self._call("POST", "/messages", body)

    async def press(
        self, user: dict[str, Any], chat: dict[str, Any] | None, message_id: int, data: str
    ) -> None:
        body = {"user": user, "chat": chat, "message_id": message_id, "data": data, "check": True}
        await self._call("POST", "/callback_queries", body)

    async def inline(self, user: dict[str, Any], query: str) -> tuple[str, list[dict[str, Any]]]:
        """Type ``@bot query``: the query's id and the results the bot answered."""
        query_id = str(await self._call("POST", "/inline_queries", {"user": user, "query": query}))
        answer = await self._call("GET", f"/inline_answers/{query_id}", timeout=5)
        return query_id, list((answer or {}).get("results") or [])

    async def choose(self, user: dict[str, Any], result_id: str, query: str) -> None:
        body = {"user": user, "result_id": result_id, "query": query}
        await self._call("POST", "/chosen_inline_results", body)

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close()


CONTROL: web.AppKey[EmulatorControl] = web.AppKey("control")
PANELS: web.AppKey[list[Panel]] = web.AppKey("panels")
DASHBOARD: web.AppKey[str] = web.AppKey("dashboard")
#: Where a shared location points (Kota Cilegon), for the "send location" button.
CILEGON_PIN = {"latitude": -6.0169, "longitude": 106.0538}


def _panel(request: web.Request) -> Panel:
    try:
        return request.app[PANELS][int(request.match_info["n"])]
    except (ValueError, IndexError):
        raise web.HTTPNotFound(text="no such panel") from None


def shown(m: dict[str, Any]) -> dict[str, Any]:
    """A message as the page draws it: who, text, what is attached, its buttons."""
    attached = [k for k in ("photo", "document", "video", "voice", "sticker") if m.get(k)]
    if m.get("location"):
        attached.append("location")
    markup = m.get("reply_markup") or {}
    inline = [
        [{"text": b.get("text"), "data": b.get("callback_data"), "url": b.get("url")} for b in row]
        for row in markup.get("inline_keyboard") or []
    ]
    keyboard = [
        [b["text"] if isinstance(b, dict) else str(b) for b in row]
        for row in markup.get("keyboard") or []
    ]
    sender = m.get("from") or {}
    return {
        "id": m.get("message_id"),
        "from_bot": bool(sender.get("is_bot")),
        "name": sender.get("first_name", ""),
        "text": m.get("text") or m.get("caption") or "",
        "attached": attached,
        "inline": inline,
        "keyboard": keyboard,
        "deleted": bool(m.get("deleted")),
    }


async def page(request: web.Request) -> web.StreamResponse:
    html = TEMPLATE.read_text(encoding="utf-8").replace("{{dashboard}}", request.app[DASHBOARD])
    return web.Response(text=html, content_type="text/html", charset="utf-8")


async def panels(request: web.Request) -> web.StreamResponse:
    return web.json_response([p.to_json() for p in request.app[PANELS]])


async def chat(request: web.Request) -> web.StreamResponse:
    panel = _panel(request)
    found = await request.app[CONTROL].messages(panel.chat_id)
    return web.json_response([shown(m) for m in found if not m.get("deleted")])


async def send(request: web.Request) -> web.StreamResponse:
    panel = _panel(request)
    body = await request.json()
    text = str(body.get("text") or "")[:4096]
    if body.get("kind") == "photo":
        await request.app[CONTROL].send(panel.user, panel.chat, photo=True, caption=text or None)
    elif body.get("kind") == "location":
        await request.app[CONTROL].send(panel.user, panel.chat, location=CILEGON_PIN)
    elif text.strip():
        await request.app[CONTROL].send(panel.user, panel.chat, text=text)
    else:
        raise web.HTTPBadRequest(text="nothing to send: write a message first")
    return web.json_response({"ok": True})


async def press(request: web.Request) -> web.StreamResponse:
    panel = _panel(request)
    body = await request.json()
    try:
        message_id, data = int(body["message_id"]), str(body["data"])
    except (KeyError, TypeError, ValueError):
        raise web.HTTPBadRequest(text="a press needs message_id and data") from None
    await request.app[CONTROL].press(panel.user, panel.chat, message_id, data)
    return web.json_response({"ok": True})


def result_shown(r: dict[str, Any]) -> dict[str, Any]:
    content = r.get("input_message_content") or {}
    return {
        "id": r.get("id"),
        "title": r.get("title") or r.get("caption") or r.get("type"),
        "description": r.get("description") or "",
        "text": content.get("message_text") or r.get("caption") or "",
    }


async def inline(request: web.Request) -> web.StreamResponse:
    """Inline mode, as typing ``@bot query`` in any chat: the bot's results to share."""
    panel = _panel(request)
    query = str((await request.json()).get("query") or "")[:256]
    _qid, results = await request.app[CONTROL].inline(panel.user, query)
    return web.json_response({"query": query, "results": [result_shown(r) for r in results]})


async def choose(request: web.Request) -> web.StreamResponse:
    """Share one inline result (Telegram tells the bot which one was chosen)."""
    panel = _panel(request)
    body = await request.json()
    await request.app[CONTROL].choose(panel.user, str(body.get("id")), str(body.get("query") or ""))
    return web.json_response({"ok": True})


def create_chat_app(
    control: EmulatorControl, people: list[Panel], dashboard: str
) -> web.Application:
    app = web.Application()
    app[CONTROL] = control
    app[PANELS] = people
    app[DASHBOARD] = dashboard
    app.router.add_get("/", page)
    app.router.add_get("/api/panels", panels)
    app.router.add_get("/api/panels/{n}", chat)
    app.router.add_post("/api/panels/{n}/send", send)
    app.router.add_post("/api/panels/{n}/press", press)
    app.router.add_post("/api/panels/{n}/inline", inline)
    app.router.add_post("/api/panels/{n}/choose", choose)
    app.router.add_static("/static/", STATIC)
    return app

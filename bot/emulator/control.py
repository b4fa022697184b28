"""Test-control HTTP API under ``/_emu/`` (JSON in, JSON out).

Successful answers are ``{"ok": true, "result": ...}``; failures are
``{"ok": false, "error": "..."}`` with HTTP 400 (bad request), 401 (bad
token) or 408 (a wait timed out; ``result`` then holds the current state).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from . import actions, membership
from .limits import BLOCKED, DEACTIVATED, FailureRule
from .registry import TOKEN_RE
from .state import BotState, EmulatorState, JsonDict, MessageRecord

routes = web.RouteTableDef()
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def ok(result: Any = True) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _fail(status: int, error: str, result: Any = None) -> web.Response:
    body: JsonDict = {"ok": False, "error": error}
    if result is not None:
        body["result"] = result
    return web.json_response(body, status=status)


def _state(request: web.Request) -> EmulatorState:
    return request.app["state"]


def bot_of(request: web.Request) -> BotState:
    token = request.match_info["token"]
    if not TOKEN_RE.match(token):
        raise web.HTTPUnauthorized(
            text=json.dumps({"ok": False, "error": "malformed token"}),
            content_type="application/json",
        )
    return _state(request).bot(token)


async def json_body(request: web.Request) -> JsonDict:
    if not request.body_exists:
        return {}
    try:
        body = await request.json()
    except ValueError as exc:
        raise actions.ControlError("body must be JSON") from exc
    if not isinstance(body, dict):
        raise actions.ControlError("body must be a JSON object")
    return body


@web.middleware
async def control_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn :class:`ControlError` and bad input into a 400 JSON answer."""
    try:
        return await handler(request)
    except (actions.ControlError, KeyError, TypeError, ValueError) as exc:
        if not request.path.startswith("/_emu/"):
            raise
        return _fail(400, f"{type(exc).__name__}: {exc}")


def _timeout(request: web.Request, default: float = 5.0) -> float:
    return min(float(request.query.get("timeout", default)), 300.0)


@routes.get("/_emu/health")
async def health(request: web.Request) -> web.Response:
    return ok({"bots": len(_state(request).bots)})


@routes.post("/_emu/{token}/users")
async def register_users(request: web.Request) -> web.Response:
    """``{"user": {...}}`` or ``{"users": [...]}``: make private chats known."""
    bot, body = bot_of(request), await json_body(request)
    users = body.get("users") or [body["user"]]
    return ok([bot.register_user(user) for user in users])


@routes.post("/_emu/{token}/chats")
async def register_chat(request: web.Request) -> web.Response:
    """``{"chat": {...}, "members": [user, ...], "bot_status": "administrator",
    "bot_rights": {...}}``: make a group known (no update is queued)."""
    bot, body = bot_of(request), await json_body(request)
    chat = bot.ensure_chat(body["chat"])
    for user in body.get("members") or []:
        registered = bot.register_user(user)
        if chat.chat["type"] != "private":
            chat.members.add(registered["id"])
    membership.register(chat, body.get("bot_status"), body.get("bot_rights"))
    return ok(chat.chat)


@routes.post("/_emu/{token}/messages")
async def user_message(request: web.Request) -> web.Response:
    bot, body = bot_of(request), await json_body(request)
    user = body.pop("user")
    return ok(actions.user_message(bot, user, **body))


@routes.post("/_emu/{token}/callback_queries")
async def press_button(request: web.Request) -> web.Response:
    bot, body = bot_of(request), await json_body(request)
    user, message_id, data = body.pop("user"), body.pop("message_id"), body.pop("data")
    return ok(actions.press_button(bot, user, message_id, data, **body))


@routes.post("/_emu/{token}/inline_queries")
async def inline_query(request: web.Request) -> web.Response:
    bot, body = bot_of(request), await json_body(request)
    return ok(actions.inline_query(bot, body.pop("user"), body.pop("query"), **body))


@routes.post("/_emu/{token}/chosen_inline_results")
async def chosen_inline_result(request: web.Request) -> web.Response:
    bot, body = bot_of(request), await json_body(request)
    user, result_id, query = body.pop("user"), body.pop("result_id"), body.pop("query")
    return ok(actions.choose_inline_result(bot, user, result_id, query, **body))


def _store_raw_message(bot: BotState, update: JsonDict) -> None:
    """Keep the message of a raw update in its chat's history (known chats, free ids only)."""
    message = update.get("message") or update.get("edited_message")
    if not isinstance(message, dict) or not isinstance(message.get("chat"), dict):
        return
    chat_id, message_id = message["chat"].get("id"), message.get("message_id")
    state = bot.chats.get(chat_id) if isinstance(chat_id, int) else None
    if state is None or not isinstance(message_id, int) or message_id in state.messages:
        return
    state.add(MessageRecord(copy.deepcopy(message), from_bot=False))


@routes.post("/_emu/{token}/updates")
async def push_update(request: web.Request) -> web.Response:
    """``{"update": {...}, "store": false}``: queue raw update JSON exactly as given (it may be
    malformed: nothing is checked but that it is an object). With ``store``, a ``message`` or
    ``edited_message`` in it whose chat is known is also kept in the chat's history, as Telegram
    has it, so the bot may reply to it (an id already taken is left alone)."""
    bot, body = bot_of(request), await json_body(request)
    update = body.get("update", body)
    if not isinstance(update, dict):
        raise actions.ControlError("update must be a JSON object")
    if body.get("store"):
        _store_raw_message(bot, update)
    return ok(bot.push_update(update))


@routes.get("/_emu/{token}/updates")
async def pending_updates(request: web.Request) -> web.Response:
    return ok(list(bot_of(request).updates))


@routes.get("/_emu/{token}/chats/{chat_id}/messages")
async def chat_messages(request: web.Request) -> web.Response:
    """Bot messages of a chat (``?all=1`` includes users'); ``?count=N`` waits for N."""
    bot = bot_of(request)
    chat_id = int(request.match_info["chat_id"])
    include_users = request.query.get("all") in ("1", "true")
    count = int(request.query.get("count", 0))

    def bot_count() -> int:
        chat = bot.chats.get(chat_id)
        return 0 if chat is None else len(chat.bot_message_ids)

    reached = await bot.bot_changed.wait_for(lambda: bot_count() >= count, _timeout(request))
    chat = bot.chats.get(chat_id)
    if chat is None:
        snapshot: list[JsonDict] = []
    elif include_users:
        snapshot = [record.snapshot() for _, record in sorted(chat.messages.items())]
    else:
        snapshot = [chat.messages[mid].snapshot() for mid in chat.bot_message_ids]
    if not reached:
        return _fail(408, f"timed out waiting for {count} bot messages", snapshot)
    return ok(snapshot)


async def _wait_answer(
    request: web.Request, answers_of: Callable[[BotState], dict[str, JsonDict]]
) -> web.Response:
    bot = bot_of(request)
    query_id = request.match_info["query_id"]
    answers = answers_of(bot)
    if await bot.bot_changed.wait_for(lambda: query_id in answers, _timeout(request)):
        return ok(answers[query_id])
    return _fail(408, f"no answer for query {query_id}")


@routes.get("/_emu/{token}/callback_answers/{query_id}")
async def callback_answer(request: web.Request) -> web.Response:
    return await _wait_answer(request, lambda bot: bot.callback_answers)


@routes.get("/_emu/{token}/inline_answers/{query_id}")
async def inline_answer(request: web.Request) -> web.Response:
    return await _wait_answer(request, lambda bot: bot.inline_answers)


@routes.get("/_emu/{token}/calls")
async def calls(request: web.Request) -> web.Response:
    bot = bot_of(request)
    method = request.query.get("method")
    if method:
        wanted = method.lower()
        return ok([call for call in bot.calls if call["method"].lower() == wanted])
    return ok(bot.calls)


@routes.get("/_emu/{token}/stats")
async def stats(request: web.Request) -> web.Response:
    bot = bot_of(request)
    result = bot.stats.as_dict()
    result.update(calls=len(bot.calls), pending_updates=len(bot.updates))
    return ok(result)


@routes.get("/_emu/{token}/commands")
async def commands(request: web.Request) -> web.Response:
    bot = bot_of(request)
    return ok(
        [
            {"scope": json.loads(scope), "language_code": lang, "commands": cmds}
            for (scope, lang), cmds in bot.commands.items()
        ]
    )


@routes.post("/_emu/{token}/limits")
async def set_limits(request: web.Request) -> web.Response:
    bot, body = bot_of(request), await json_body(request)
    bot.limiter.configure(**body)
    return ok()


@routes.post("/_emu/{token}/blocked")
async def set_blocked(request: web.Request) -> web.Response:
    """``{"user_id": 1, "blocked": true, "deactivated": false}``."""
    bot, body = bot_of(request), await json_body(request)
    user_id = int(body["user_id"])
    if body.get("deactivated"):
        bot.blocked[user_id] = DEACTIVATED
    elif body.get("blocked", True):
        bot.blocked[user_id] = BLOCKED
    else:
        bot.blocked.pop(user_id, None)
    return ok()


@routes.post("/_emu/{token}/failures")
async def fail_next(request: web.Request) -> web.Response:
    bot, body = bot_of(request), await json_body(request)
    if body.get("after") not in (None, "corrupt", "drop", "hold"):
        return _fail(400, "after must be corrupt, drop or hold")
    bot.failures.add(
        FailureRule(
            remaining=int(body.get("count", 1)),
            error_code=int(body.get("error_code", 500)),
            description=str(body.get("description", "Internal Server Error")),
            method=body.get("method"),
            drop_connection=bool(body.get("drop_connection", False)),
            after=body.get("after"),
            hold_seconds=float(body.get("hold_seconds", 0.0)),
            chat_id=None if body.get("chat_id") is None else int(body["chat_id"]),
        )
    )
    return ok()


@routes.post("/_emu/{token}/reset")
async def reset(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    bot_of(request)
    _state(request).reset(token)
    return ok()

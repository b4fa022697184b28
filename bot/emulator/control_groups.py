"""Control API for groups: privacy mode, the bot's membership, members joining, force-reply
reply boxes and forum topics (see the package docstring for the full list)."""

from __future__ import annotations

from aiohttp import web

from . import membership, replybox, topics
from .control import bot_of, json_body, ok

routes = web.RouteTableDef()


@routes.get("/_emu/{token}/privacy")
async def privacy(request: web.Request) -> web.Response:
    return ok({"enabled": bot_of(request).privacy_mode})


@routes.post("/_emu/{token}/privacy")
async def set_privacy(request: web.Request) -> web.Response:
    """``{"enabled": false}``: BotFather's ``/setprivacy`` for this bot."""
    bot, body = bot_of(request), await json_body(request)
    bot.privacy_mode = bool(body["enabled"])
    return ok({"enabled": bot.privacy_mode})


@routes.post("/_emu/{token}/bot_member")
async def set_bot_member(request: web.Request) -> web.Response:
    """``{"chat", "status", "by", "rights"}``: queues ``my_chat_member`` (and the join message)."""
    bot, body = bot_of(request), await json_body(request)
    return ok(
        membership.set_bot_member(
            bot, body["chat"], body["status"], by=body["by"], rights=body.get("rights")
        )
    )


@routes.post("/_emu/{token}/members")
async def add_members(request: web.Request) -> web.Response:
    """``{"chat", "users", "by"}``: the ``new_chat_members`` service message."""
    bot, body = bot_of(request), await json_body(request)
    return ok(membership.add_members(bot, body["chat"], body["users"], by=body.get("by")))


@routes.get("/_emu/{token}/chats/{chat_id}/messages/{message_id}/force_reply")
async def reply_box(request: web.Request) -> web.Response:
    """Who sees the reply box: ``{"selective", "everyone", "user_ids"}``."""
    bot = bot_of(request)
    chat_id, message_id = int(request.match_info["chat_id"]), int(request.match_info["message_id"])
    return ok(replybox.reply_box(bot, chat_id, message_id))


@routes.post("/_emu/{token}/chats/{chat_id}/messages/{message_id}/force_reply")
async def answer_reply_box(request: web.Request) -> web.Response:
    """``{"user", "text", ...}``: the user answers in the reply box (400 if they cannot see it)."""
    bot, body = bot_of(request), await json_body(request)
    chat_id, message_id = int(request.match_info["chat_id"]), int(request.match_info["message_id"])
    return ok(replybox.answer(bot, body.pop("user"), chat_id, message_id, **body))


@routes.post("/_emu/{token}/topics")
async def create_topic(request: web.Request) -> web.Response:
    """``{"user", "chat", "name", "icon_color", "icon_custom_emoji_id"}``: a member's topic."""
    bot, body = bot_of(request), await json_body(request)
    user, chat, name = body.pop("user"), body.pop("chat"), body.pop("name")
    return ok(topics.user_creates_topic(bot, user, chat, name, **body))


@routes.get("/_emu/{token}/chats/{chat_id}/topics")
async def list_topics(request: web.Request) -> web.Response:
    return ok(topics.list_topics(bot_of(request), int(request.match_info["chat_id"])))


@routes.get("/_emu/{token}/chats/{chat_id}/topics/{thread_id}/messages")
async def topic_messages(request: web.Request) -> web.Response:
    bot = bot_of(request)
    chat_id, thread_id = int(request.match_info["chat_id"]), int(request.match_info["thread_id"])
    return ok(topics.topic_messages(bot, chat_id, thread_id))

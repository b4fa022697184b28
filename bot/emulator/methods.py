"""Bot API methods other than message sending/editing (see ``messaging``).

Importing this module (and ``messaging``, ``editing``, ``topics``) registers every handler in
:data:`bot.emulator.registry.METHODS`.
"""

from __future__ import annotations

from itertools import islice

from . import editing, messaging, topics
from .bookkeeping import WebhookConfig
from .errors import bad_request, conflict
from .limits import check_blocked
from .media import file_info
from .membership import bot_chat_member
from .registry import METHODS, Call, api_method, execute
from .state import JsonDict, canonical_json
from .validation import (
    CHAT_ACTIONS,
    validate_callback_answer,
    validate_commands,
    validate_inline_results,
)

__all__ = ["METHODS", "editing", "execute", "messaging", "topics"]

_WEBHOOK_CONFLICT = (
    "can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
_TERMINATED = (
    "terminated by other getUpdates request; make sure that only one bot instance is running"
)
_QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"


@api_method("getMe")
async def get_me(call: Call) -> JsonDict:
    return {
        **call.bot.me(),
        "can_join_groups": True,
        "can_read_all_group_messages": not call.bot.privacy_mode,
        "supports_inline_queries": True,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@api_method("getUpdates")
async def get_updates(call: Call) -> list[JsonDict]:
    """Long polling; waiting is cancellation-safe (no state changes while waiting)."""
    bot, p = call.bot, call.params
    if bot.webhook is not None:
        raise conflict(_WEBHOOK_CONFLICT)
    offset = p.integer("offset")
    if offset is not None:
        bot.confirm_updates(offset)
    limit = min(max(p.integer("limit", 100) or 100, 1), 100)
    timeout = max(p.integer("timeout", 0) or 0, 0)
    bot.poll_generation += 1
    generation = bot.poll_generation
    bot.updates_changed.notify()  # terminates an older pending long poll
    if not bot.updates and timeout > 0:
        await bot.updates_changed.wait_for(
            lambda: (
                bool(bot.updates) or bot.poll_generation != generation or bot.webhook is not None
            ),
            timeout,
        )
        if bot.poll_generation != generation:
            raise conflict(_TERMINATED)
        if bot.webhook is not None:
            raise conflict(_WEBHOOK_CONFLICT)
    return list(islice(bot.updates, limit))


def _webhook_changed(call: Call) -> None:
    if call.params.flag("drop_pending_updates"):
        call.bot.updates.clear()
    if call.emu.on_webhook_change is not None:
        call.emu.on_webhook_change(call.bot)
    call.bot.updates_changed.notify()


@api_method("setWebhook")
async def set_webhook(call: Call) -> bool:
    p = call.params
    url = p.text("url", "") or ""
    if not url:
        call.bot.webhook = None
    elif not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    else:
        allowed = p.json_value("allowed_updates")
        call.bot.webhook = WebhookConfig(
            url=url,
            secret_token=p.text("secret_token"),
            max_connections=p.integer("max_connections", 40) or 40,
            allowed_updates=allowed if isinstance(allowed, list) else None,
        )
    _webhook_changed(call)
    return True


@api_method("deleteWebhook")
async def delete_webhook(call: Call) -> bool:
    call.bot.webhook = None
    _webhook_changed(call)
    return True


@api_method("getWebhookInfo")
async def get_webhook_info(call: Call) -> JsonDict:
    hook = call.bot.webhook
    info: JsonDict = {
        "url": hook.url if hook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(call.bot.updates),
    }
    if hook is not None:
        info["max_connections"] = hook.max_connections
        if hook.allowed_updates is not None:
            info["allowed_updates"] = hook.allowed_updates
        if hook.last_error_date is not None:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
    return info


@api_method("answerCallbackQuery")
async def answer_callback_query(call: Call) -> bool:
    query_id = call.params.require_str("callback_query_id", "query ID is empty")
    if query_id not in call.bot.callback_queries or query_id in call.bot.callback_answers:
        raise bad_request(_QUERY_INVALID)
    validate_callback_answer(call.params.text("text"))
    call.bot.callback_answers[query_id] = call.params.loggable()
    call.bot.bot_changed.notify()
    return True


@api_method("answerInlineQuery")
async def answer_inline_query(call: Call) -> bool:
    query_id = call.params.require_str("inline_query_id", "query ID is empty")
    if query_id not in call.bot.inline_queries or query_id in call.bot.inline_answers:
        raise bad_request(_QUERY_INVALID)
    validate_inline_results(call.params.json_value("results"), strict=call.emu.strict_html)
    call.bot.inline_answers[query_id] = call.params.loggable()
    call.bot.bot_changed.notify()
    return True


@api_method("sendChatAction")
async def send_chat_action(call: Call) -> bool:
    chat = messaging.target_chat(call)
    if call.params.text("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    check_blocked(call.bot.blocked, chat.id)
    return True


def _commands_key(call: Call) -> tuple[str, str]:
    scope = call.params.json_value("scope") or {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    return canonical_json(scope), call.params.text("language_code", "") or ""


@api_method("setMyCommands")
async def set_my_commands(call: Call) -> bool:
    commands = validate_commands(call.params.json_value("commands"))
    call.bot.commands[_commands_key(call)] = commands
    call.bot.bot_changed.notify()
    return True


@api_method("getMyCommands")
async def get_my_commands(call: Call) -> list[JsonDict]:
    return list(call.bot.commands.get(_commands_key(call), []))


@api_method("deleteMyCommands")
async def delete_my_commands(call: Call) -> bool:
    call.bot.commands.pop(_commands_key(call), None)
    call.bot.bot_changed.notify()
    return True


@api_method("getFile")
async def get_file(call: Call) -> JsonDict:
    file_id = call.params.require_str("file_id", "file_id is empty")
    record = call.bot.files.get(file_id)
    if record is None:
        raise bad_request("invalid file_id")
    return file_info(record, file_id)


@api_method("getChat")
async def get_chat(call: Call) -> JsonDict:
    chat = messaging.resolve_chat(call)
    gifts = dict.fromkeys(
        (
            "unlimited_gifts",
            "limited_gifts",
            "unique_gifts",
            "premium_subscription",
            "gifts_from_channels",
        ),
        False,
    )
    return {
        **chat.chat,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": gifts,
    }


@api_method("getChatMember")
async def get_chat_member(call: Call) -> JsonDict:
    chat = messaging.resolve_chat(call)
    user_id = call.params.require_int("user_id", "user_id is empty")
    if user_id == call.bot.bot_id:
        return bot_chat_member(call.bot, chat)
    user = call.bot.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    return {"status": "member", "user": user}


async def _accept(call: Call) -> bool:
    """Methods the emulator accepts without modelling their effect."""
    return True


for _name in (
    "setChatMenuButton",
    "setMyDescription",
    "setMyShortDescription",
    "setMyName",
    "setMessageReaction",
    "pinChatMessage",
    "unpinChatMessage",
    "leaveChat",
    "close",
    "logOut",
):
    api_method(_name)(_accept)


@api_method("getChatMenuButton")
async def get_chat_menu_button(call: Call) -> JsonDict:
    return {"type": "default"}


def known_methods() -> list[str]:
    """Canonical names of every supported method."""
    return sorted(name for name, _ in METHODS.values())

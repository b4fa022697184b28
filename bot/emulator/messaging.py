"""Bot API methods that send, copy, forward, edit and delete messages."""

from __future__ import annotations

import copy
import time

from .errors import CHAT_NOT_FOUND, bad_request
from .limits import check_blocked
from .media import MEDIA_KINDS, media_object, resolve_file
from .mentions import enrich_sent
from .registry import Call, api_method
from .state import ChatState, JsonDict, MessageRecord, TopicState
from .threads import place, thread_for
from .validation import parse_formatted, validate_reply_markup

_CONTENT_KEYS = (
    *MEDIA_KINDS,
    "text",
    "entities",
    "caption",
    "caption_entities",
    "location",
    "contact",
)


def resolve_chat(call: Call, name: str = "chat_id") -> ChatState:
    """The chat named by parameter ``name``; 400 ``chat not found`` if unknown."""
    chat = call.bot.find_chat(call.params.chat_ref(name))
    if chat is None:
        raise bad_request(CHAT_NOT_FOUND)
    return chat


def target_chat(call: Call) -> ChatState:
    """The destination chat of a send; 400 if unknown, 403 if the user blocked the bot."""
    chat = resolve_chat(call)
    check_blocked(call.bot.blocked, chat.id)
    return chat


def markup_param(call: Call) -> JsonDict | None:
    return validate_reply_markup(
        call.params.json_value(
            "reply_markup", "Bad Request: can't parse reply keyboard markup JSON object"
        )
    )


def caption_into(call: Call, content: JsonDict) -> None:
    p = call.params
    caption, entities = parse_formatted(
        p.text("caption"),
        p.text("parse_mode"),
        p.json_value("caption_entities"),
        caption=True,
        strict=call.emu.strict_html,
    )
    entities = enrich_sent(call.bot, caption, entities)
    if caption:
        content["caption"] = caption
    if entities:
        content["caption_entities"] = entities


def _topic(call: Call, chat: ChatState, reply: JsonDict | None) -> TopicState | None:
    """The forum topic named by ``message_thread_id`` (or the replied message's topic)."""
    topic, error = thread_for(chat, call.params.integer("message_thread_id"), reply)
    if error is not None:
        raise bad_request(error)
    return topic


def _reply_to(call: Call, chat: ChatState) -> JsonDict | None:
    p = call.params
    reply = p.json_value("reply_parameters") or {}
    message_id = reply.get("message_id") if isinstance(reply, dict) else None
    message_id = message_id or p.integer("reply_to_message_id")
    if not message_id:
        return None
    source = chat
    if isinstance(reply, dict) and reply.get("chat_id") not in (None, chat.id):
        source = call.bot.find_chat(reply["chat_id"]) or chat
    record = source.live(int(message_id))
    if record is None:
        allow = reply.get("allow_sending_without_reply") if isinstance(reply, dict) else None
        if allow or p.flag("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    return {k: v for k, v in record.message.items() if k != "reply_to_message"}


def store_message(
    call: Call, chat: ChatState, content: JsonDict, markup: JsonDict | None
) -> JsonDict:
    """Create and store a bot message (no rate limiting, no counters)."""
    message: JsonDict = {
        "message_id": chat.allocate_id(),
        "from": call.bot.me(),
        "chat": dict(chat.chat),
        "date": int(time.time()),
        **content,
    }
    if markup is not None and "inline_keyboard" in markup:
        message["reply_markup"] = markup
    chat.add(MessageRecord(message, from_bot=True, reply_markup=markup))
    return message


def count_send(call: Call, chat: ChatState) -> None:
    """Apply rate limits (may raise 429) and count an accepted send."""
    call.bot.limiter.acquire(chat.id)
    call.bot.stats.sent += 1
    call.bot.stats.per_chat[chat.id] += 1


def commit(call: Call, chat: ChatState, content: JsonDict, markup: JsonDict | None) -> JsonDict:
    """Rate-limit, store and announce one outgoing message."""
    reply = _reply_to(call, chat)
    place(content, _topic(call, chat, reply))
    if reply is not None:
        content["reply_to_message"] = reply
    count_send(call, chat)
    message = store_message(call, chat, content, markup)
    call.bot.bot_changed.notify()
    return message


@api_method("sendMessage")
async def send_message(call: Call) -> JsonDict:
    chat = target_chat(call)
    p = call.params
    text, entities = parse_formatted(
        p.text("text"), p.text("parse_mode"), p.json_value("entities"), strict=call.emu.strict_html
    )
    content: JsonDict = {"text": text}
    entities = enrich_sent(call.bot, text, entities)
    if entities:
        content["entities"] = entities
    return commit(call, chat, content, markup_param(call))


def _media_sender(kind: str):
    async def send_media(call: Call) -> JsonDict:
        chat = target_chat(call)
        content: JsonDict = {}
        caption_into(call, content)
        markup = markup_param(call)
        record = resolve_file(call.bot, call.params.get(kind), call.params.raw, kind)
        content[kind] = media_object(call.bot, record, kind)
        return commit(call, chat, content, markup)

    send_media.__name__ = f"send_{kind}"
    return send_media


for _kind in MEDIA_KINDS:
    api_method("send" + "".join(part.title() for part in _kind.split("_")))(_media_sender(_kind))


@api_method("sendLocation")
async def send_location(call: Call) -> JsonDict:
    chat = target_chat(call)
    p = call.params
    location = {"latitude": float(p.get("latitude", 0)), "longitude": float(p.get("longitude", 0))}
    return commit(call, chat, {"location": location}, markup_param(call))


@api_method("sendMediaGroup")
async def send_media_group(call: Call) -> list[JsonDict]:
    chat = target_chat(call)
    items = call.params.json_value("media")
    if not isinstance(items, list) or not 2 <= len(items) <= 10:
        raise bad_request("media must include 2-10 items")
    contents: list[JsonDict] = []
    for item in items:
        kind = item.get("type") if isinstance(item, dict) else None
        if kind not in ("photo", "video", "document", "audio"):
            raise bad_request("can't parse InputMedia: unsupported media type")
        content: JsonDict = {}
        caption, entities = parse_formatted(
            item.get("caption"),
            item.get("parse_mode"),
            item.get("caption_entities"),
            caption=True,
            strict=call.emu.strict_html,
        )
        entities = enrich_sent(call.bot, caption, entities)
        if caption:
            content["caption"] = caption
        if entities:
            content["caption_entities"] = entities
        record = resolve_file(call.bot, item.get("media"), call.params.raw, kind)
        content[kind] = media_object(call.bot, record, kind)
        contents.append(content)
    reply = _reply_to(call, chat)
    topic = _topic(call, chat, reply)
    count_send(call, chat)
    group_id = f"{chat.id}{chat.next_message_id}{int(time.time())}"
    messages = []
    for content in contents:
        content["media_group_id"] = group_id
        place(content, topic)
        if reply is not None:
            content["reply_to_message"] = reply
        messages.append(store_message(call, chat, content, None))
    call.bot.bot_changed.notify()
    return messages


def _source(call: Call, verb: str) -> MessageRecord:
    source_chat = resolve_chat(call, "from_chat_id")
    record = source_chat.live(
        call.params.require_int("message_id", "message identifier is not specified")
    )
    if record is None:
        raise bad_request(f"message to {verb} not found")
    return record


@api_method("copyMessage")
async def copy_message(call: Call) -> JsonDict:
    record = _source(call, "copy")
    chat = target_chat(call)
    content = {k: copy.deepcopy(v) for k, v in record.message.items() if k in _CONTENT_KEYS}
    if "caption" in call.params or "caption_entities" in call.params:
        if "text" in content:
            raise bad_request("can't copy message: text messages have no caption")
        content.pop("caption", None)
        content.pop("caption_entities", None)
        caption_into(call, content)
    message = commit(call, chat, content, markup_param(call))
    return {"message_id": message["message_id"]}


@api_method("forwardMessage")
async def forward_message(call: Call) -> JsonDict:
    record = _source(call, "forward")
    chat = target_chat(call)
    content = {k: copy.deepcopy(v) for k, v in record.message.items() if k in _CONTENT_KEYS}
    sender = record.message.get("from") or call.bot.me()
    content["forward_origin"] = {
        "type": "user",
        "sender_user": sender,
        "date": record.message["date"],
    }
    return commit(call, chat, content, None)

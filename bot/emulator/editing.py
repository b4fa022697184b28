"""Bot API methods that edit and delete stored messages (with an edit history)."""

from __future__ import annotations

import copy
import time
from typing import Any

from .errors import bad_request
from .media import MEDIA_KINDS
from .mentions import enrich_sent
from .messaging import caption_into, markup_param, resolve_chat
from .registry import Call, api_method
from .state import JsonDict, MessageRecord
from .validation import parse_formatted

_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def _edit_target(call: Call) -> tuple[MessageRecord, bool]:
    """The message to edit and whether it is an inline message."""
    inline_id = call.params.text("inline_message_id")
    if inline_id:
        record = call.bot.inline_messages.get(inline_id)
        if record is None:
            record = MessageRecord({"inline_message_id": inline_id}, from_bot=True)
            call.bot.inline_messages[inline_id] = record
        return record, True
    chat = resolve_chat(call)
    record = chat.live(call.params.require_int("message_id", "message identifier is not specified"))
    if record is None:
        raise bad_request("message to edit not found")
    if not record.from_bot:
        raise bad_request("message can't be edited")
    return record, False


def _apply_edit(
    call: Call, record: MessageRecord, inline: bool, changes: JsonDict
) -> JsonDict | bool:
    markup = markup_param(call)
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    message = record.message
    same = all(message.get(k) == (v or None) for k, v in changes.items())
    if same and message.get("reply_markup") == markup:
        raise bad_request(_NOT_MODIFIED)
    previous = {
        k: copy.deepcopy(message[k])
        for k in ("text", "entities", "caption", "caption_entities", "reply_markup")
        if k in message
    }
    record.edits.append({"method": call.method, "at": time.time(), "previous": previous})
    for key, value in changes.items():
        if value:
            message[key] = value
        else:
            message.pop(key, None)
    if markup is None:
        message.pop("reply_markup", None)
    else:
        message["reply_markup"] = markup
    record.reply_markup = markup
    message["edit_date"] = int(time.time())
    call.bot.bot_changed.notify()
    return True if inline else message


@api_method("editMessageText")
async def edit_message_text(call: Call) -> JsonDict | bool:
    record, inline = _edit_target(call)
    if not inline and "text" not in record.message:
        raise bad_request("there is no text in the message to edit")
    p = call.params
    text, entities = parse_formatted(
        p.text("text"), p.text("parse_mode"), p.json_value("entities"), strict=call.emu.strict_html
    )
    entities = enrich_sent(call.bot, text, entities)
    return _apply_edit(call, record, inline, {"text": text, "entities": entities})


@api_method("editMessageCaption")
async def edit_messagecaption_into(call: Call) -> JsonDict | bool:
    record, inline = _edit_target(call)
    if not inline and not any(kind in record.message for kind in MEDIA_KINDS):
        raise bad_request("there is no caption in the message to edit")
    content: JsonDict = {}
    caption_into(call, content)
    changes = {
        "caption": content.get("caption"),
        "caption_entities": content.get("caption_entities"),
    }
    return _apply_edit(call, record, inline, changes)


@api_method("editMessageReplyMarkup")
async def edit_message_replymarkup_param(call: Call) -> JsonDict | bool:
    record, inline = _edit_target(call)
    return _apply_edit(call, record, inline, {})


@api_method("deleteMessage")
async def delete_message(call: Call) -> bool:
    chat = resolve_chat(call)
    record = chat.live(call.params.require_int("message_id", "message identifier is not specified"))
    if record is None:
        raise bad_request("message to delete not found")
    record.deleted = True
    call.bot.bot_changed.notify()
    return True


@api_method("deleteMessages")
async def delete_messages(call: Call) -> bool:
    chat = resolve_chat(call)
    ids: Any = call.params.json_value("message_ids") or []
    for message_id in ids:
        record = chat.live(int(message_id))
        if record is not None:
            record.deleted = True
    call.bot.bot_changed.notify()
    return True

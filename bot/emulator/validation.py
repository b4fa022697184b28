"""Parameter validation mirroring Telegram's limits and error strings."""

from __future__ import annotations

import re
from typing import Any

from .entities import format_text, utf16_len
from .errors import ApiError, bad_request

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_ANSWER = 200
MAX_ROW_BUTTONS = 8
MAX_BUTTONS = 100
MAX_INLINE_RESULTS = 50

INLINE_ACTIONS = (
    "url",
    "callback_data",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "web_app",
    "login_url",
    "pay",
    "callback_game",
)
INLINE_RESULT_TYPES = frozenset(
    (
        "article photo gif mpeg4_gif video audio voice document location venue contact game sticker"
    ).split()
)
CHAT_ACTIONS = frozenset(
    "typing upload_photo record_video upload_video record_voice upload_voice upload_document "
    "choose_sticker find_location record_video_note upload_video_note".split()
)
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_MARKUP_ERROR = "Bad Request: can't parse reply keyboard markup JSON object"


def _button_error(reason: str) -> ApiError:
    return bad_request(f"can't parse inline keyboard button: {reason}")


def check_text(text: str, *, caption: bool = False) -> None:
    """Length checks on already-parsed text (UTF-16 units, like Telegram)."""
    if caption:
        if utf16_len(text) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        return
    if not text.strip():
        raise bad_request("message text is empty")
    if utf16_len(text) > MAX_TEXT:
        raise bad_request("message is too long")


def parse_formatted(
    text: str | None,
    parse_mode: str | None,
    entities: Any,
    *,
    caption: bool = False,
    strict: bool = True,
) -> tuple[str, list[dict[str, Any]]]:
    """Parse and validate message text or a caption; returns ``(text, entities)``."""
    if text is None:
        if caption:
            return "", []
        raise bad_request("message text is empty")
    if entities is not None and not isinstance(entities, list):
        raise bad_request("can't parse entities JSON object")
    plain, parsed = format_text(text, parse_mode, entities, strict=strict)
    check_text(plain, caption=caption)
    return plain, parsed


def _inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise _button_error("InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise _button_error('Field "text" must be of type String')
    actions = [name for name in INLINE_ACTIONS if button.get(name) is not None]
    if not actions:
        raise _button_error("Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise _button_error("exactly one of the optional fields must be used")
    data = button.get("callback_data")
    if data is not None:
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and (not isinstance(url, str) or not re.match(r"^(https?|tg)://\S+$", url)):
        raise bad_request("BUTTON_URL_INVALID")


def _rows(markup: dict[str, Any], key: str, kind: str) -> list[list[Any]]:
    rows = markup[key]
    if not isinstance(rows, list):
        raise bad_request(f'field "{key}" of the {kind} must be an Array')
    total = 0
    for row in rows:
        if not isinstance(row, list):
            raise bad_request(f'field "{key}" of the {kind} must be an Array of Arrays')
        if len(row) > MAX_ROW_BUTTONS:
            raise bad_request("BUTTONS_TOO_MUCH")
        total += len(row)
    if total > MAX_BUTTONS:
        raise bad_request("BUTTONS_TOO_MUCH")
    return rows


def validate_reply_markup(markup: Any) -> dict[str, Any] | None:
    """Validate any reply markup; returns it (reply-keyboard strings normalised)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, _MARKUP_ERROR)
    if "inline_keyboard" in markup:
        for row in _rows(markup, "inline_keyboard", "InlineKeyboardMarkup"):
            for button in row:
                _inline_button(button)
        return markup
    if "keyboard" in markup:
        rows = _rows(markup, "keyboard", "ReplyKeyboardMarkup")
        normalised: list[list[dict[str, Any]]] = []
        for row in rows:
            new_row = []
            for button in row:
                if isinstance(button, str):
                    button = {"text": button}
                if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                    raise bad_request(
                        'can\'t parse keyboard button: Field "text" must be of type String'
                    )
                new_row.append(button)
            normalised.append(new_row)
        return {**markup, "keyboard": normalised}
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise ApiError(400, _MARKUP_ERROR)


def inline_callback_data(markup: dict[str, Any] | None) -> set[str]:
    """All ``callback_data`` values of an inline keyboard."""
    if not markup or "inline_keyboard" not in markup:
        return set()
    return {
        button["callback_data"]
        for row in markup["inline_keyboard"]
        for button in row
        if isinstance(button, dict) and "callback_data" in button
    }


def validate_callback_answer(text: str | None) -> None:
    if text is not None and len(text) > MAX_CALLBACK_ANSWER:
        raise bad_request("MESSAGE_TOO_LONG")


def validate_inline_results(results: Any, *, strict: bool = True) -> list[dict[str, Any]]:
    """Validate ``answerInlineQuery.results``."""
    if not isinstance(results, list):
        raise bad_request("can't parse inline query results JSON object")
    if len(results) > MAX_INLINE_RESULTS:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        if not isinstance(result, dict):
            raise bad_request(
                "can't parse inline query result: InlineQueryResult must be an Object"
            )
        if result.get("type") not in INLINE_RESULT_TYPES:
            raise bad_request(
                f"can't parse inline query result: Unsupported type {result.get('type')!r}"
            )
        result_id = result.get("id")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= 64:
            raise bad_request("RESULT_ID_INVALID")
        if result_id in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(result_id)
        validate_reply_markup(result.get("reply_markup"))
        content = result.get("input_message_content")
        if isinstance(content, dict) and "message_text" in content:
            parse_formatted(
                content["message_text"],
                content.get("parse_mode"),
                content.get("entities"),
                strict=strict,
            )
        if result.get("caption") is not None:
            parse_formatted(
                result["caption"],
                result.get("parse_mode"),
                result.get("caption_entities"),
                caption=True,
                strict=strict,
            )
    return results


def validate_commands(commands: Any) -> list[dict[str, str]]:
    """Validate ``setMyCommands.commands``."""
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand: BotCommand must be an Object")
        if not _COMMAND_RE.match(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = command.get("description")
        if not isinstance(description, str) or not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    return [{"command": c["command"], "description": c["description"]} for c in commands]

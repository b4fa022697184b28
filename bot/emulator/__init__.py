"""Telegram Bot API emulator for tests, benchmarks and the offline demo.

Point an aiogram ``Bot`` at it with
``AiohttpSession(api=TelegramAPIServer.from_base(base_url))`` and drive users
through :class:`EmulatorClient`.

Groups behave as Telegram's do (``docs/emulator.md`` has the details):

- **Privacy mode** is on per bot by default (``EmulatorState(privacy_mode=True)``, as BotFather
  ships it and as ``rukun emulator`` serves): in a group where the bot is not an administrator it
  receives only ``/cmd`` / ``/cmd@this_bot`` commands, replies to its messages, mentions of it
  and service messages; other messages are stored but queue no update.  Control API:
  ``GET|POST /_emu/{token}/privacy`` ``{"enabled": bool}`` (client ``privacy()``,
  ``set_privacy(enabled)``); the bot's status per chat via ``POST /_emu/{token}/chats``
  ``{"bot_status", "bot_rights"}`` (silent set-up) or ``POST /_emu/{token}/bot_member``
  ``{"chat", "status", "by", "rights"}`` (queues ``my_chat_member``; client
  ``set_bot_member``); members joining via ``POST /_emu/{token}/members`` (``add_members``).
- **Force-reply**: ``GET /_emu/{token}/chats/{chat}/messages/{id}/force_reply`` answers
  ``{"selective", "everyone", "user_ids"}`` (``reply_box``, ``force_reply_targets``); ``POST``
  to the same path ``{"user", "text", ...}`` answers in the reply box and is refused with 400 for
  a user who would not see it (``answer_force_reply``).
- **Forum topics** in supergroups registered with ``"is_forum": true``: ``createForumTopic``,
  ``editForumTopic``, ``closeForumTopic``, ``reopenForumTopic``, ``deleteForumTopic`` and
  ``message_thread_id`` on sends; ``POST /_emu/{token}/topics`` (a member creates a topic,
  ``create_topic``), ``GET /_emu/{token}/chats/{chat}/topics`` (``topics``) and
  ``GET /_emu/{token}/chats/{chat}/topics/{thread}/messages`` (``topic_messages``); users post
  into a topic with ``send_message(..., message_thread_id=...)``.
"""

from .client import EmulatorClient, EmulatorError
from .entities import parse_html
from .errors import ApiError
from .server import create_emulator_app, run_emulator, running_emulator, serve_emulator
from .state import DEFAULT_BOT_USERNAME, BotState, EmulatorState

__all__ = [
    "DEFAULT_BOT_USERNAME",
    "ApiError",
    "BotState",
    "EmulatorClient",
    "EmulatorError",
    "EmulatorState",
    "create_emulator_app",
    "parse_html",
    "run_emulator",
    "running_emulator",
    "serve_emulator",
]

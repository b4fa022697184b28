"""Telegram Bot API emulator for tests, benchmarks and the offline demo.

Point an aiogram ``Bot`` at it with
``AiohttpSession(api=TelegramAPIServer.from_base(base_url))`` and drive users
through :class:`EmulatorClient`.
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

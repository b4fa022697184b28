"""Natural-language understanding for Rukun: intents, incident categories and places.

Use :class:`NluService` (``await service.parse(text)`` or ``service.parse_sync(text)``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.nlu.engine import Engine
    from bot.nlu.loader import NluData, NluDataError, load_data, load_file
    from bot.nlu.result import NluParse, Place
    from bot.nlu.service import NluService
    from bot.nlu.settings import NluSettings

#: Where each name lives: imported on first use, so ``bot.nlu.settings`` (read by the config) does
#: not load the engine and numpy.
_HOMES = {
    "Engine": "bot.nlu.engine",
    "NluData": "bot.nlu.loader",
    "NluDataError": "bot.nlu.loader",
    "load_data": "bot.nlu.loader",
    "load_file": "bot.nlu.loader",
    "NluParse": "bot.nlu.result",
    "Place": "bot.nlu.result",
    "NluService": "bot.nlu.service",
    "NluSettings": "bot.nlu.settings",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'bot.nlu' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)


__all__ = [
    "Engine",
    "NluData",
    "NluDataError",
    "NluParse",
    "NluService",
    "NluSettings",
    "Place",
    "load_data",
    "load_file",
]

"""Natural-language understanding for Rukun: intents, incident categories and places.

Use :class:`NluService` (``await service.parse(text)`` or ``service.parse_sync(text)``).
"""

from bot.nlu.engine import Engine
from bot.nlu.loader import NluData, NluDataError, load_data, load_file
from bot.nlu.result import NluParse, Place
from bot.nlu.service import NluService
from bot.nlu.settings import NluSettings

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

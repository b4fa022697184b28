"""Natural-language understanding for Rukun: intents, incident categories and places.

Use :class:`NluService` (``await service.parse(text)`` or ``service.parse_sync(text)``).
"""

from bot.nlu.engine import Engine
from bot.nlu.loader import NluData, NluDataError, load_data, load_file
from bot.nlu.service import NluService, place_entity
from bot.nlu.settings import NluSettings

__all__ = [
    "Engine",
    "NluData",
    "NluDataError",
    "NluService",
    "NluSettings",
    "load_data",
    "load_file",
    "place_entity",
]

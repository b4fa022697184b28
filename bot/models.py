"""Every model module, imported so that ``Base.metadata`` knows all tables (Alembic, tests)."""

from bot.db import Base
from bot.people import models as people_models
from bot import storage as storage_models
from bot import webhook_models

__all__ = ["Base", "people_models", "storage_models", "webhook_models"]

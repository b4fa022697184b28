"""Every model module, imported so that ``Base.metadata`` knows all tables (Alembic, tests)."""

from bot import jobs, storage, webhook_models
from bot.db import Base
from bot.people import models as people_models

__all__ = ["Base", "jobs", "people_models", "storage", "webhook_models"]

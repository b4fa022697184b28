"""Every model module, imported so that ``Base.metadata`` knows all tables (Alembic, tests)."""

from bot import jobs, storage, webhook_models
from bot.broadcasting import models as broadcasting_models
from bot.content import models as content_models
from bot.db import Base
from bot.people import models as people_models
from bot.reports import models as reports_models
from bot.surveys import models as survey_models

__all__ = ["Base", "broadcasting_models", "content_models", "jobs", "people_models", "reports_models", "storage", "survey_models", "webhook_models"]

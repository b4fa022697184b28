"""The ``surveys:`` section of config.yml."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from bot.settings_base import Section


class SurveySettings(Section):
    """Where survey YAML files live, reminders, and the smallest group results may show."""

    #: Folder of survey definitions (``rukun survey load`` without a path loads every file here).
    dir: Path = Path("dialogs/surveys")
    #: Remind a respondent who started but did not finish after this many hours (once); 0 = never.
    reminder_hours: float = Field(default=24.0, ge=0, le=24 * 60)
    #: How often the reminder job looks for due reminders, in seconds.
    reminder_check_seconds: float = Field(default=300.0, gt=0, le=86400)
    #: Groups with fewer respondents than this are shown as "< N" in every output.
    min_group_size: int = Field(default=5, ge=2, le=100)

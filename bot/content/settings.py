"""Settings of alumni and campaign content (the ``content:`` section of ``config.yml``)."""

from __future__ import annotations

from pydantic import Field, field_validator

from bot.settings_base import Section

DEFAULT_TOPICS = [
    "toleransi",
    "kebebasan-beragama",
    "demokrasi",
    "pemilu",
    "cek-fakta",
    "hak-minoritas",
]


class ContentSettings(Section):
    """Topics alumni choose from, page sizes, where content files live."""

    #: Topic keys (lower case, a-z 0-9 -); labels come from the catalogue (content-topic-<key>).
    topics: list[str] = Field(default_factory=lambda: list(DEFAULT_TOPICS), min_length=1)
    page_size: int = Field(default=5, ge=1, le=10)
    inline_results: int = Field(default=10, ge=1, le=50)
    leaderboard_size: int = Field(default=10, ge=1, le=50)
    #: Used for invite links printed by the CLI when the bot token is not at hand.
    bot_username: str | None = None

    @field_validator("topics")
    @classmethod
    def _topic_keys(cls, value: list[str]) -> list[str]:
        import re

        for topic in value:
            if not re.fullmatch(r"[a-z0-9-]{2,24}", topic):
                raise ValueError(f"topic {topic!r}: use 2-24 characters a-z, 0-9 and '-'")
        return value

"""The ``broadcasts:`` section of config.yml."""

from __future__ import annotations

from pydantic import Field, model_validator

from bot.settings_base import Section

#: Telegram's free bulk limit (messages per second per bot) and the paid-broadcast ceiling.
FREE_LIMIT = 30.0
PAID_LIMIT = 1000.0


class BroadcastSettings(Section):
    """How fast and how carefully broadcasts are delivered."""

    #: Global bulk send rate (messages/s) shared by every worker; at most 30 unless paid.
    rate_per_second: float = Field(default=25.0, gt=0, le=PAID_LIMIT)
    #: Minimum seconds between two messages to the same private chat.
    per_chat_interval: float = Field(default=1.0, ge=1.0, le=3600)
    #: Maximum messages per minute to one group chat.
    group_per_minute: int = Field(default=20, ge=1, le=20)
    #: Telegram's paid broadcasts (Stars are charged); allows rate_per_second up to 1000.
    allow_paid_broadcast: bool = False
    #: Sends in flight at once per worker (also the crash-duplicate bound per worker).
    concurrency: int = Field(default=8, ge=1, le=100)
    #: Deliveries claimed per database round trip.
    batch_size: int = Field(default=50, ge=1, le=1000)
    #: Attempts per delivery for network errors and 5xx before it is marked failed.
    max_attempts: int = Field(default=5, ge=1, le=20)
    #: First retry delay (seconds), doubled each attempt up to ``retry_backoff_max``.
    retry_backoff: float = Field(default=1.0, ge=0.01, le=60)
    retry_backoff_max: float = Field(default=30.0, ge=0.01, le=600)
    #: Seconds to wait for Telegram's answer to one send; no answer counts as an attempt.
    send_timeout: float = Field(default=30.0, ge=0.1, le=300)
    #: A claimed delivery not finished within this many seconds is retried (crash recovery).
    lease_seconds: float = Field(default=60.0, ge=1, le=3600)
    #: Seconds between edits of the coordinator's progress message (Telegram-friendly: >= 5).
    progress_interval: float = Field(default=5.0, ge=5.0, le=3600)
    #: How often the scheduler looks for due broadcasts and the engine for new work (seconds).
    poll_interval: float = Field(default=1.0, ge=0.05, le=60)

    @model_validator(mode="after")
    def _within_telegram_limits(self) -> BroadcastSettings:
        if self.rate_per_second > FREE_LIMIT and not self.allow_paid_broadcast:
            raise ValueError(
                f"rate_per_second {self.rate_per_second:g} is above Telegram's {FREE_LIMIT:g}/s "
                "bulk limit; set allow_paid_broadcast: true to use paid broadcasts (up to 1000/s)"
            )
        return self

"""The ``outbox:`` section of config.yml: how owed messages are retried."""

from __future__ import annotations

from pydantic import Field

from bot.settings_base import Section


class OutboxSettings(Section):
    """Retries of report cards, notifications, relays and reminders."""

    #: Attempts per message (network errors, 5xx, unknown outcomes) before it is failed and
    #: the coordinators are told. A refusal with ``retry_after`` (429) is not an attempt.
    max_attempts: int = Field(default=6, ge=1, le=20)
    #: First retry delay in seconds, doubled each attempt up to ``retry_backoff_max``.
    retry_backoff: float = Field(default=2.0, ge=0.01, le=600)
    retry_backoff_max: float = Field(default=300.0, ge=0.01, le=3600)
    #: Seconds to wait for Telegram's answer to one send; no answer counts as an attempt.
    send_timeout: float = Field(default=30.0, ge=0.1, le=300)
    #: A claimed message not settled within this many seconds belongs to a dead sender and is
    #: claimed again (its attempt was counted when it was first claimed).
    lease_seconds: float = Field(default=120.0, ge=1, le=3600)
    #: How often the job looks for due messages when nobody woke it (seconds).
    poll_interval: float = Field(default=1.0, ge=0.05, le=60)
    #: Messages claimed per round trip.
    batch_size: int = Field(default=20, ge=1, le=500)

"""Settings: the deployment's choices from ``config.yml``, secrets and endpoints from the environment.

``config.yml`` (path overridable with ``RUKUN_CONFIG``) holds settings that may be committed; secrets
and endpoints (``BOT_TOKEN``, ``DATABASE_URL``…) come only from the environment or ``.env``. A wrong
or missing value raises :class:`ConfigError` whose message names every wrong key with its line
(``config.yml:12: reports.sla.claim_hours: …``). The file is read through :mod:`bot.fileio`: a key
written twice (two ``reports:`` sections) is an error naming both lines, not a silent override.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.broadcasting.settings import BroadcastSettings
from bot.content.settings import ContentSettings
from bot.fileio import FileError, Problem, YamlDoc, problems_from, read_yaml
from bot.nlu.settings import NluSettings
from bot.outbox.settings import OutboxSettings
from bot.reports.settings import ReportsSettings
from bot.settings_base import Section
from bot.surveys.settings import SurveySettings
from bot.web.settings import WebSettings

DEFAULT_CONFIG_PATH = Path("config.yml")
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/rukun.db"
TELEGRAM_API_URL = "https://api.telegram.org"
LANGUAGES = ("id", "en")

#: Keys that must never be written in config.yml: they are secrets or per-machine endpoints.
ENV_ONLY_KEYS = (
    "bot_token",
    "telegram_api_url",
    "database_url",
    "redis_url",
    "webhook_url",
    "webhook_secret",
)


class ConfigError(Exception):
    """The configuration cannot be used; the message says which key is wrong and why."""


class FloodSettings(Section):
    """Per-user flood control: more than ``max_messages`` within ``window_seconds`` → muted."""

    max_messages: int = Field(default=8, ge=1, le=1000)
    window_seconds: float = Field(default=10.0, gt=0, le=3600)
    mute_seconds: float = Field(default=30.0, ge=0, le=86400)


class Settings(BaseSettings):
    """The effective configuration of one deployment."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    # --- from the environment / .env only
    bot_token: SecretStr | None = None
    telegram_api_url: str = TELEGRAM_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: SecretStr | None = None
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None

    # --- from config.yml
    default_language: Literal["id", "en"] = "id"
    timezone: str = "Asia/Jakarta"
    admins: list[int] = Field(default_factory=list)
    coordinators_chat_id: int | None = None
    ops_chat_id: int | None = None
    data_dir: Path = Path("data")
    #: Run background jobs (broadcast delivery, SLA sweeps…) inside the bot process; set false when
    #: separate ``rukun worker`` processes do them.
    run_jobs_in_bot: bool = True
    flood: FloodSettings = Field(default_factory=FloodSettings)
    outbox: OutboxSettings = Field(default_factory=OutboxSettings)
    nlu: NluSettings = Field(default_factory=NluSettings)
    broadcasts: BroadcastSettings = Field(default_factory=BroadcastSettings)
    reports: ReportsSettings = Field(default_factory=ReportsSettings)
    content: ContentSettings = Field(default_factory=ContentSettings)
    surveys: SurveySettings = Field(default_factory=SurveySettings)
    web: WebSettings = Field(default_factory=WebSettings)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use e.g. Asia/Jakarta)") from exc
        return value

    @field_validator("telegram_api_url", "webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"must start with http:// or https://, got {value!r}")
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(
                "must be a SQLAlchemy async URL: sqlite+aiosqlite:///path or "
                "postgresql+asyncpg://user:password@host/db"
            )
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        from bot.redis_client import RedisUrlError, check_url

        try:
            check_url(value.get_secret_value())
        except RedisUrlError as exc:
            raise ValueError(str(exc)) from None
        return value

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        token = value.get_secret_value()
        head, _, tail = token.partition(":")
        if not head.isdigit() or not tail:
            raise ValueError("does not look like a bot token (expected 123456789:ABC…)")
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def masked(self) -> dict[str, Any]:
        """The effective configuration as plain data, with every secret masked."""
        data = self.model_dump(mode="json")
        for key in ("bot_token", "webhook_secret", "redis_url"):
            if data.get(key):
                data[key] = "***"
        data["database_url"] = _mask_url_password(self.database_url)
        return data


def _mask_url_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if not at or ":" not in creds:
        return url
    user = creds.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}"


def _read_yaml(path: Path) -> tuple[dict[str, Any], YamlDoc, list[Problem]]:
    """The file's keys, its lines, and the keys that may not be there (unknown, or secrets)."""
    try:
        doc = read_yaml(path)
    except FileError as exc:
        raise ConfigError(str(exc)) from None
    if doc.data is None:
        return {}, doc, []
    if not isinstance(doc.data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping of keys to values")
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in doc.data.items():
        name = str(key)
        if name not in Settings.model_fields:
            problems.append(doc.problem((key,), "unknown key (check the spelling)"))
        elif name.lower() in ENV_ONLY_KEYS:
            problems.append(
                doc.problem(
                    (key,),
                    "secrets and endpoints belong in the environment or .env, "
                    f"not in the config file (set {name.upper()} instead)",
                )
            )
        else:
            data[name] = value
    return data, doc, problems


def _format_errors(exc: ValidationError, doc: YamlDoc) -> list[str]:
    lines = []
    for problem in problems_from(exc, doc, model=Settings):
        key = problem.field or "(top level)"
        if key.lower() in ENV_ONLY_KEYS:
            lines.append(f"environment variable {key.upper()}: {problem.message}")
        else:
            lines.append(str(problem))
    return lines


def load_settings(config_path: str | Path | None = None, **overrides: Any) -> Settings:
    """Read config.yml and the environment; raise :class:`ConfigError` on any problem.

    ``overrides`` take precedence over both (the tests use them).
    """
    explicit = config_path or os.environ.get("RUKUN_CONFIG")
    path = Path(explicit) if explicit else DEFAULT_CONFIG_PATH
    if explicit and not path.is_file():
        raise ConfigError(f"RUKUN_CONFIG: {path} does not exist")
    if path.is_file():
        data, doc, problems = _read_yaml(path)
    else:
        data, doc, problems = {}, YamlDoc.of({}, str(path)), []
    data.update(overrides)
    errors = [str(p) for p in problems]
    try:
        settings = Settings(**data)
    except ValidationError as exc:
        errors.extend(_format_errors(exc, doc))
    if errors:
        raise ConfigError("\n".join(errors))
    return settings

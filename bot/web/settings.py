"""The ``web:`` section of config.yml: the dashboard (Telegram Mini App) and its sign-in."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from bot.settings_base import Section


class WebSettings(Section):
    """Where the dashboard is reachable and how long a sign-in lasts.

    ``public_url`` is the HTTPS address Telegram opens (``https://rukun.example.org/web``); without
    it the dashboard still serves, but no menu button or login link is offered.
    """

    public_url: str | None = None
    #: The path the dashboard is mounted under on the bot's aiohttp server.
    path: str = "/web"
    #: ``rukun web`` (polling + dashboard) listens here.
    host: str = "127.0.0.1"
    port: int = Field(default=8090, ge=0, le=65535)
    #: How old Telegram's signed ``initData`` may be (its ``auth_date``) when it is used to sign in.
    init_data_max_age_seconds: int = Field(default=3600, ge=10, le=7 * 86400)
    #: A one-time login link from /dasbor expires after this many minutes.
    login_link_minutes: int = Field(default=10, ge=1, le=60)
    #: A dashboard session lasts this long.
    session_hours: float = Field(default=12.0, gt=0, le=24 * 30)
    #: ``Lax`` suits the Telegram apps and browsers; ``None`` (Telegram Web's iframe) needs HTTPS.
    cookie_samesite: Literal["Lax", "Strict", "None"] = "Lax"
    #: Set the chat menu button (a web_app) of coordinators and partner members.
    menu_button: bool = True
    #: Cases per page of the list.
    page_size: int = Field(default=50, ge=5, le=500)

    @field_validator("public_url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not value.startswith(("https://", "http://")):
            raise ValueError(f"must start with https:// (Telegram opens only HTTPS), got {value!r}")
        return value.rstrip("/")

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        if not value.startswith("/") or value == "/" or value.endswith("/"):
            raise ValueError(
                f"must look like /web (a leading slash, no trailing one), got {value!r}"
            )
        return value

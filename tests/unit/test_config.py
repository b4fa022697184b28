"""Configuration: config.yml + environment, one clear line per problem, secrets masked."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

REPO = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_repository_config_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    settings = load_settings(REPO / "config.yml", _env_file=None)
    assert settings.default_language == "id"
    assert settings.timezone == "Asia/Jakarta"
    assert settings.database_url == "sqlite+aiosqlite:///data/rukun.db"


def test_environment_supplies_secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123456:ABCdef")
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:8081/")
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://rukun:hunter2@db/rukun")
    settings = load_settings(write(tmp_path, "admins: [42]\n"), _env_file=None)
    assert settings.bot_token is not None
    assert settings.bot_token.get_secret_value() == "123456:ABCdef"
    assert settings.telegram_api_url == "http://127.0.0.1:8081"
    masked = settings.masked()
    assert masked["bot_token"] == "***"
    assert masked["database_url"] == "postgresql+asyncpg://rukun:***@db/rukun"
    assert "hunter2" not in str(masked) and "ABCdef" not in str(masked)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("admins: [abc]\n", "admins.0: Input should be a valid integer"),
        ("timezone: Mars/Olympus\n", "timezone: unknown time zone 'Mars/Olympus'"),
        ("default_language: fr\n", "default_language: Input should be 'id' or 'en'"),
        (
            "flood:\n  max_messages: 0\n",
            "flood.max_messages: Input should be greater than or equal to 1",
        ),
        ("flood:\n  burst: 3\n", "flood.burst: unknown key"),
        ("tiemzone: Asia/Jakarta\n", "tiemzone: unknown key"),
        ("bot_token: 123:abc\n", "bot_token: secrets and endpoints belong in the environment"),
        ("admins: [1\n", "not valid YAML"),
        ("- just\n- a list\n", "the top level must be a mapping"),
    ],
)
def test_bad_config_names_key_and_problem(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(write(tmp_path, text), _env_file=None)
    assert expected in str(err.value)
    assert str(tmp_path / "config.yml") in str(err.value)


def test_bad_environment_value_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://x")
    with pytest.raises(
        ConfigError, match="environment variable DATABASE_URL: must be a SQLAlchemy async URL"
    ):
        load_settings(write(tmp_path, "{}\n"), _env_file=None)
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.setenv("BOT_TOKEN", "not-a-token")
    with pytest.raises(ConfigError, match="BOT_TOKEN: does not look like a bot token"):
        load_settings(write(tmp_path, "{}\n"), _env_file=None)


def test_missing_explicit_config_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RUKUN_CONFIG", str(tmp_path / "nope.yml"))
    with pytest.raises(ConfigError, match=r"RUKUN_CONFIG: .*nope.yml does not exist"):
        load_settings(_env_file=None)

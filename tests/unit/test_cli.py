"""The rukun CLI: config check, run without a token, database and users commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    config = tmp_path / "config.yml"
    config.write_text("admins: [7]\n")
    monkeypatch.chdir(tmp_path)  # no developer .env is read
    for name in ("BOT_TOKEN", "REDIS_URL", "TELEGRAM_API_URL", "WEBHOOK_SECRET", "WEBHOOK_URL"):
        monkeypatch.delenv(name, raising=False)
    return {
        "RUKUN_CONFIG": str(config),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
    }


def test_config_check_masks_secrets(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["config", "check"], env={**env, "BOT_TOKEN": "42:SECRETVALUE"})
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["bot_token"] == "***" and data["admins"] == [7]
    assert "SECRETVALUE" not in result.output


def test_config_check_reports_a_bad_value_in_one_line(env: dict[str, str], tmp_path: Path) -> None:
    Path(env["RUKUN_CONFIG"]).write_text("timezone: Nowhere/Land\n")
    result = runner.invoke(app, ["config", "check"], env=env)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error: {env['RUKUN_CONFIG']}:1: timezone: unknown time zone 'Nowhere/Land' (use e.g. Asia/Jakarta)"
    ]


def test_run_without_token_explains_how_to_get_one(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["run"], env=env)
    assert result.exit_code == 2
    assert "@BotFather" in result.output and "TELEGRAM_API_URL" in result.output
    assert "Traceback" not in result.output


def test_db_upgrade_and_users_commands(env: dict[str, str]) -> None:
    assert runner.invoke(app, ["db", "upgrade"], env=env).exit_code == 0
    result = runner.invoke(app, ["users", "grant", "99", "coordinator"], env=env)
    assert result.exit_code == 2 and "has not started the bot" in result.output

    import asyncio

    from bot.clock import Clock
    from bot.db import Database
    from bot.people.service import PeopleService

    async def add_user() -> None:
        db = Database(env["DATABASE_URL"])
        await PeopleService(db, Clock()).touch(99, first_name="Dewi", username="dewi")
        await db.dispose()

    asyncio.run(add_user())
    result = runner.invoke(app, ["users", "grant", "99", "coordinator"], env=env)
    assert result.exit_code == 0 and "granted coordinator to 99" in result.output
    assert (
        "already has" in runner.invoke(app, ["users", "grant", "99", "coordinator"], env=env).output
    )
    listed = runner.invoke(app, ["users", "list", "--role", "coordinator", "--json"], env=env)
    [row] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row["id"] == 99 and "coordinator" in row["roles"]
    bad = runner.invoke(app, ["users", "grant", "99", "superuser"], env=env)
    assert bad.exit_code == 2 and "unknown role 'superuser'" in bad.output
    assert "revoked" in runner.invoke(app, ["users", "revoke", "99", "coordinator"], env=env).output
    assert runner.invoke(app, ["users", "list", "--role", "coordinator"], env=env).stdout == ""


def test_every_command_has_help() -> None:
    for args in (
        ["--help"],
        ["run", "--help"],
        ["webhook", "--help"],
        ["db", "--help"],
        ["users", "--help"],
        ["config", "--help"],
        ["emulator", "--help"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        assert "Usage" in result.output


def test_run_with_unreachable_api_says_so_in_one_line(env: dict[str, str]) -> None:
    from tests.support.servers import free_port

    result = runner.invoke(
        app, ["run"],
        env={**env, "BOT_TOKEN": "42:abc", "TELEGRAM_API_URL": f"http://127.0.0.1:{free_port()}"},
    )
    assert result.exit_code == 2
    assert "error: TELEGRAM_API_URL: cannot reach the Bot API" in result.output
    assert "Traceback" not in result.output


def test_webhook_requires_a_secret(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["webhook"], env={**env, "BOT_TOKEN": "42:abc"})
    assert result.exit_code == 2
    assert "WEBHOOK_SECRET: required in webhook mode" in result.output

"""`rukun partners …` and `rukun reports export`; config partners synchronised; invite links."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.config import ConfigError, load_settings
from tests.reports.helpers import CILEGON, settings_with
from tests.support.harness import Harness

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    config = tmp_path / "config.yml"
    config.write_text(
        "reports:\n  partners:\n    - name: FKUB Kota Cilegon\n      chat_id: -1001234567890\n"
        "      regions: ['36.72']\n      categories: ['*']\n"
    )
    monkeypatch.chdir(tmp_path)
    for name in ("BOT_TOKEN", "REDIS_URL", "TELEGRAM_API_URL", "WEBHOOK_SECRET", "WEBHOOK_URL"):
        monkeypatch.delenv(name, raising=False)
    return {
        "RUKUN_CONFIG": str(config),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
    }


def test_partners_add_list_remove_invite_and_export(env: dict[str, str], tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "partners",
            "add",
            "--name",
            "LBH Banten",
            "--chat-id",
            "-100777",
            "--regions",
            "36",
            "--categories",
            "rumah_ibadah,kekerasan",
        ],
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert "regions=36 categories=rumah_ibadah,kekerasan" in result.output
    # the same name updates, never duplicates
    again = runner.invoke(
        app,
        ["partners", "add", "--name", "LBH Banten", "--chat-id", "-100778", "--regions", "36"],
        env=env,
    )
    assert again.exit_code == 0, again.output
    listing = runner.invoke(app, ["partners", "list"], env=env).output.splitlines()
    assert len(listing) == 2
    assert listing[0].startswith("1\tFKUB Kota Cilegon\t-1001234567890\t36.72")
    assert listing[1].split("\t")[:3] == ["2", "LBH Banten", "-100778"]

    bad = runner.invoke(
        app, ["partners", "add", "--name", "X Y", "--chat-id", "1", "--regions", "99.99"], env=env
    )
    assert bad.exit_code == 2 and "unknown region code '99.99'" in bad.output
    bad = runner.invoke(
        app,
        [
            "partners",
            "add",
            "--name",
            "X Y",
            "--chat-id",
            "1",
            "--regions",
            "36",
            "--categories",
            "gosip",
        ],
        env=env,
    )
    assert bad.exit_code == 2 and "unknown category 'gosip'" in bad.output

    removed = runner.invoke(app, ["partners", "remove", "2"], env=env)
    assert removed.exit_code == 0 and "inactive" in removed.output
    missing = runner.invoke(app, ["partners", "remove", "42"], env=env)
    assert missing.exit_code == 2 and "no partner with id 42" in missing.output

    invite = runner.invoke(app, ["partners", "invite", "1", "--bot-username", "@RukunBot"], env=env)
    assert invite.exit_code == 0, invite.output
    assert invite.output.startswith("https://t.me/RukunBot?start=p-")
    no_name = runner.invoke(app, ["partners", "invite", "1"], env=env)
    assert no_name.exit_code == 2 and "--bot-username" in no_name.output

    out = tmp_path / "r.csv"
    exported = runner.invoke(
        app,
        ["reports", "export", "--format", "csv", "--out", str(out), "--since", "2020-01-01"],
        env=env,
    )
    assert exported.exit_code == 0, exported.output
    assert next(csv.reader(out.open()))[0] == "code"
    bad = runner.invoke(app, ["reports", "export", "--format", "pdf", "--out", str(out)], env=env)
    assert bad.exit_code == 2 and "csv or xlsx" in bad.output
    bad = runner.invoke(
        app, ["reports", "export", "--out", str(out), "--since", "kemarin"], env=env
    )
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_config_errors_name_the_partner_key(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text(
        "reports:\n  partners:\n    - name: A B\n      chat_id: 1\n      regions: ['36.99']\n"
    )
    with pytest.raises(ConfigError, match=r"reports\.partners\.0\.regions: unknown region code"):
        load_settings(config, _env_file=None)


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON)


async def test_invite_link_makes_a_partner_member(harness: Harness) -> None:
    from bot.people.models import Role

    reports = harness.services.reports
    [partner] = await reports.partners.list_partners()  # config.yml's partner, synchronised
    assert partner.name == "FKUB Kota Cilegon"
    code = await reports.partners.create_invite(partner.id)
    user = harness.user("Mitra Baru")
    _greeting, joined = await user.send(f"/start p-{code}", expect=2)
    assert "anggota mitra FKUB Kota Cilegon" in joined["text"]
    assert (await harness.services.people.get(user.id)).has(Role.PARTNER)
    assert partner.id in await reports.partners.memberships(user.id)
    _greeting, bad = await harness.user("Tamu").send("/start p-notavalidcode", expect=2)
    assert "tidak berlaku" in bad["text"]

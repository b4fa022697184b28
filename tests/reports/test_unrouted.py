"""A report that no partner and no coordinators' chat can take is never called forwarded: the
reporter is told the truth, the admins hear of it in private, and the CLI warns of the set-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.reports.helpers import file_report, settle_outbox
from tests.support.harness import Harness
from tests.support.markers import both_backends

ADMIN = 55500001


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    # the shipped default: no coordinators' chat, no partner for the place
    return {"admins": [ADMIN], "flood": {"max_messages": 200}}


@both_backends
async def test_an_unroutable_report_waits_and_the_admins_are_told(harness: Harness) -> None:
    admin = harness.user("Admin", user_id=ADMIN)
    await admin.send("/start")
    siti = harness.user("Siti")
    await siti.send("/start")
    [sent] = await file_report(siti)
    await settle_outbox(harness)
    [report] = await harness.services.reports.intake.mine(siti.id)
    assert report.code in sent["text"]
    assert "belum ada mitra" in sent["text"] and "teruskan ke mitra" not in sent["text"]
    told = (await admin.inbox())[-1]
    assert report.code in told["text"] and "coordinators_chat_id" in told["text"]
    assert "Siti" not in told["text"] and str(siti.id) not in told["text"]
    assert await harness.services.reports.routes(report.id) == []


def test_config_check_warns_that_there_is_no_fallback_chat(tmp_path: Path) -> None:
    (tmp_path / "config.yml").write_text("default_language: id\n", encoding="utf-8")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/r.db",
        "RUKUN_CONFIG": str(tmp_path / "config.yml"),
    }
    env.pop("BOT_TOKEN", None)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "config", "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "coordinators_chat_id is not set" in done.stderr

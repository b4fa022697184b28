"""`rukun run` as a real process against the emulator: migrates SQLite itself and answers /start."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from bot.emulator import EmulatorClient
from tests.support.harness import TOKEN

MENU_ID = ["Lapor Insiden", "Konten Kampanye", "Survei", "Status Laporan", "Bantuan"]


async def test_rukun_run_answers_start_in_indonesian(emulator_url: str, tmp_path: Path) -> None:
    (tmp_path / "config.yml").write_text("admins: []\n")
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": emulator_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'data' / 'rukun.db'}",
        "RUKUN_CONFIG": str(tmp_path / "config.yml"),
    }
    env.pop("REDIS_URL", None)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    try:
        async with EmulatorClient(emulator_url, TOKEN) as emu:
            user = {"id": 5151, "first_name": "Wati", "language_code": "id", "is_bot": False}
            await emu.send_message(user, "/start")
            [reply] = await emu.wait_bot_messages(5151, 1, timeout=60)
            assert reply["text"].startswith("Halo, Wati!")
            rows = reply["reply_markup"]["keyboard"]
            assert [b["text"] for row in rows for b in row] == MENU_ID
        assert (tmp_path / "data" / "rukun.db").exists()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(proc.wait(), 20)
        except TimeoutError:
            proc.kill()
            raise
    output = (await proc.stdout.read()).decode() if proc.stdout else ""
    assert proc.returncode == 0, output
    assert "Traceback" not in output

"""``rukun playground``: the emulator, the bot on a throwaway database with sample partners and
surveys, and a web chat where a trainer plays several people side by side — no Telegram, no token.

The emulator runs as its own process (``rukun emulator``), so nothing here imports it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot.web.playground import EmulatorControl, Panel, create_chat_app

log = logging.getLogger(__name__)

TOKEN = "424242:playground-offline-token"
GROUP = {"id": -1001000000001, "type": "supergroup", "title": "FKUB Kota Cilegon"}
SITI = {"id": 5001, "first_name": "Siti", "is_bot": False, "language_code": "id"}
AGUS = {"id": 5002, "first_name": "Agus", "is_bot": False, "language_code": "id"}
RATNA = {"id": 5003, "first_name": "Ratna", "is_bot": False, "language_code": "id"}
DIMAS = {"id": 5004, "first_name": "Dimas", "is_bot": False, "language_code": "id"}
PARTNERS = [
    {"name": "FKUB Kota Cilegon", "chat_id": GROUP["id"], "regions": ["36.72"], "categories": ["*"]}
]


def panels() -> list[Panel]:
    return [
        Panel("Siti · warga", "citizen", SITI),
        Panel("FKUB Kota Cilegon · Agus (mitra)", "partner", AGUS, GROUP),
        Panel("Ratna · koordinator", "coordinator", RATNA),
        Panel("Dimas · alumni", "alumni", DIMAS),
    ]


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


async def wait_for(url: str, timeout: float = 20.0) -> None:  # noqa: ASYNC109
    async with aiohttp.ClientSession() as http:
        for _ in range(int(timeout / 0.1)):
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(url) as r:
                    if r.status == 200:
                        return
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


@dataclass
class Playground:
    url: str
    workdir: Path
    emulator: subprocess.Popen[bytes]
    runtime: Any
    runner: web.AppRunner
    control: EmulatorControl
    panels: list[Panel] = field(default_factory=panels)

    async def stop(self) -> None:
        await self.runner.cleanup()
        await self.runtime.stop()
        await self.control.close()
        self.emulator.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            await asyncio.to_thread(self.emulator.wait, 10)


async def _people(pg: Playground) -> None:
    """Everyone starts the bot; Ratna coordinates, Agus joins FKUB, Dimas is an alumnus."""
    from bot.people.models import Role
    from bot.people.service import UnknownUserError

    services = pg.runtime.services
    await pg.control.register_users(SITI, AGUS, RATNA, DIMAS)
    await pg.control.register_group(GROUP, [AGUS])
    for user in (SITI, AGUS, RATNA, DIMAS):
        await pg.control.send(user, None, text="/start")
    for user in (SITI, AGUS, RATNA, DIMAS):
        for _ in range(200):
            with contextlib.suppress(UnknownUserError):
                await services.people.get(user["id"])
                break
            await asyncio.sleep(0.05)
    await services.people.grant(RATNA["id"], Role.COORDINATOR, by="playground")
    await services.people.grant(DIMAS["id"], Role.ALUMNI, by="playground")
    [fkub] = [
        p for p in await services.reports.partners.list_partners() if p.name == PARTNERS[0]["name"]
    ]
    await services.reports.partners.add_member(fkub.id, AGUS["id"])


def prepare(workdir: Path, emu_port: int) -> tuple[subprocess.Popen[bytes], Path]:
    """The work folder with an empty config.yml, and the emulator (``rukun emulator``) started."""
    workdir.mkdir(parents=True, exist_ok=True)
    config = workdir / "config.yml"
    config.write_text("{}\n", encoding="utf-8")
    with (workdir / "emulator.log").open("wb") as log_file:
        emulator = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot",
                "emulator",
                "--host",
                "127.0.0.1",
                "--port",
                str(emu_port),
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    return emulator, config


async def start_playground(workdir: Path, host: str = "127.0.0.1", port: int = 0) -> Playground:
    """Everything up and seeded; ``Playground.url`` is the web chat."""
    from bot.config import load_settings
    from bot.db import upgrade_database
    from bot.runtime import Runtime
    from bot.web.menu import publish_menu_buttons
    from bot.web.sample import load_sample_content, load_sample_surveys
    from bot.web.serve import mount

    port = port or free_port(host)
    emu_port = free_port()
    emu_url = f"http://127.0.0.1:{emu_port}"
    emulator, config = await asyncio.to_thread(prepare, workdir, emu_port)
    try:
        await wait_for(f"{emu_url}/_emu/health")
        database_url = f"sqlite+aiosqlite:///{workdir / 'playground.db'}"
        settings = load_settings(
            config,
            bot_token=TOKEN,
            telegram_api_url=emu_url,
            database_url=database_url,
            redis_url=None,
            data_dir=workdir,
            reports={"partners": PARTNERS},
            flood={"max_messages": 100, "window_seconds": 10, "mute_seconds": 1},
            web={"public_url": f"http://{host}:{port}/web"},
            _env_file=None,
        )
        await asyncio.to_thread(upgrade_database, database_url, "heads")
        runtime = Runtime(settings, polling_timeout=1)
        await runtime.start_polling()
    except BaseException:
        emulator.terminate()
        raise
    control = EmulatorControl(emu_url, TOKEN)
    app = create_chat_app(control, panels(), f"http://{host}:{port}/web/")
    mount(app, runtime.services, TOKEN)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    pg = Playground(f"http://{host}:{port}/", workdir, emulator, runtime, runner, control)
    try:
        await _people(pg)
        await load_sample_surveys(runtime.services)
        await load_sample_content(runtime.services)
        await publish_menu_buttons(runtime.services, runtime.bot)
    except BaseException:
        await pg.stop()
        raise
    return pg


async def run_playground(workdir: Path, host: str, port: int) -> None:
    """Serve until interrupted."""
    import signal

    pg = await start_playground(workdir, host, port)
    print(f"playground: {pg.url}  (dashboard: {pg.url}web/ — send /dasbor as Ratna)", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await pg.stop()

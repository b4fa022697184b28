"""Processes the benchmarks start: the Bot API emulator and bots, each in its own process.

Shared by ``bench/load.py`` and ``bench/webhook.py``: the users' side (the bench) never delays the
bot's API (the emulator) or the bot, and each one's CPU time can be read from /proc.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start(args: Sequence[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """``python <args>`` in the repository, its output appended to ``log``."""
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def stop(proc: subprocess.Popen[bytes], *, grace: float = 20.0) -> None:
    """SIGTERM, then SIGKILL after ``grace`` seconds."""
    if proc.poll() is None:
        proc.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=grace)
    if proc.poll() is None:
        proc.kill()
        proc.wait()


async def wait_http(url: str, proc: subprocess.Popen[bytes], log: Path, what: str) -> None:
    """Until GET ``url`` answers 200 (a loaded machine takes a while to import everything)."""
    deadline = time.monotonic() + 120
    async with aiohttp.ClientSession() as http:
        while True:
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(url) as r:
                    if r.status == 200:
                        return
            if proc.poll() is not None:
                raise RuntimeError(f"{what} exited with {proc.returncode}; see {log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start within 120 s; see {log}")
            await asyncio.sleep(0.1)


@contextlib.asynccontextmanager
async def emulator(log: Path, pids: list[int] | None = None) -> AsyncIterator[str]:
    """``rukun emulator`` in its own process; yields its base URL (``pids`` gets its pid)."""
    from tests.support.servers import free_port

    port = free_port()
    proc = start(
        ["-m", "bot", "emulator", "--port", str(port)],
        {**os.environ, "PYTHONPATH": str(ROOT)},
        log,
    )
    if pids is not None:
        pids.append(proc.pid)
    url = f"http://127.0.0.1:{port}"
    try:
        await wait_http(f"{url}/_emu/health", proc, log, "the emulator")
        yield url
    finally:
        stop(proc, grace=10)

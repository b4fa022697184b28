"""Shared fixtures: backends (SQLite; PostgreSQL + Redis), the emulator, the bot harness.

Every test gets a fresh migrated database. ``backend`` defaults to SQLite; a test runs on both with
``@both_backends`` (see tests/support/markers.py). The PostgreSQL and Redis servers are started once
per session on free ports; tests that need them are skipped with a reason only when the server
binaries are not installed (``.ci/run`` installs them, so CI never skips).
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bot.clock import Clock, ManualClock
from bot.emulator import running_emulator
from tests.support.databases import PostgresTemplate, SqliteTemplate
from tests.support.harness import Harness, make_settings
from tests.support.servers import (
    PostgresServer,
    postgres_bin,
    postgres_server,
    redis_bin,
    redis_server,
)

# A task that opens a second database session while holding one fails the test (bot/db.py).
os.environ.setdefault("RUKUN_STRICT_SESSIONS", "1")


@pytest.fixture(autouse=True)
def _no_outside_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that tries to reach a host other than this machine (e.g. api.telegram.org)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and self.family in (socket.AF_INET, socket.AF_INET6):
            if not (host.startswith("127.") or host in ("localhost", "::1")):
                raise RuntimeError(f"test tried to reach {host}: tests must stay on this machine")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


# --- servers (once per session)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    if postgres_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed, but CI must run the PostgreSQL tests")
        pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql)")
    with postgres_server() as server:
        yield server


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    if redis_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed, but CI must run the Redis tests")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with redis_server() as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplate:
    return SqliteTemplate(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def pg_template(pg_server: PostgresServer) -> PostgresTemplate:
    template = PostgresTemplate(pg_server)
    with ThreadPoolExecutor(max_workers=1) as pool:  # a loop may already run in this thread
        pool.submit(asyncio.run, template.prepare()).result()
    return template


# --- per test


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """'sqlite' (default) or 'postgres' (PostgreSQL + Redis); parametrize indirectly to change."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
async def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if backend == "postgres":
        template: PostgresTemplate = request.getfixturevalue("pg_template")
        return await template.fresh()
    template_sqlite: SqliteTemplate = request.getfixturevalue("sqlite_template")
    return template_sqlite.fresh(tmp_path)


@pytest.fixture
async def backend_redis_url(backend: str, request: pytest.FixtureRequest) -> str | None:
    if backend != "postgres":
        return None
    url: str = request.getfixturevalue("redis_url")
    from redis.asyncio import Redis

    client = Redis.from_url(url)
    await client.flushall()
    await client.aclose()
    return url


@pytest.fixture
async def emulator_url() -> AsyncIterator[str]:
    async with running_emulator(port=0) as url:
        yield url


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def manual_clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """Override in a test module to change settings (admins, coordinators_chat_id…)."""
    return {}


@pytest.fixture
def settings(
    database_url: str,
    emulator_url: str,
    backend_redis_url: str | None,
    tmp_path: Path,
    settings_overrides: dict[str, Any],
) -> Any:
    return make_settings(
        database_url=database_url,
        emulator_url=emulator_url,
        redis_url=backend_redis_url,
        config_dir=tmp_path,
        **settings_overrides,
    )


@pytest.fixture
def harness_mode() -> str:
    return "polling"


@pytest.fixture
async def harness(
    settings: Any, emulator_url: str, clock: Clock, harness_mode: str
) -> AsyncIterator[Harness]:
    h = Harness(emulator_url, settings, clock, mode=harness_mode)
    await h.start()
    try:
        yield h
    finally:
        await h.stop()
        await h.emu.close()

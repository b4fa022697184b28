"""Fresh, migrated databases per test: a copied SQLite file or a PostgreSQL database from a template."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import asyncpg

from bot.db import upgrade_database
from tests.support.servers import PostgresServer

_counter = itertools.count(1)


class SqliteTemplate:
    """One migrated SQLite file, copied for each test (much faster than migrating each time)."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / "template.db"
        upgrade_database(f"sqlite+aiosqlite:///{self.path}")

    def fresh(self, directory: Path) -> str:
        target = directory / "rukun.db"
        shutil.copyfile(self.path, target)
        return f"sqlite+aiosqlite:///{target}"


class PostgresTemplate:
    """A migrated template database; each test gets ``CREATE DATABASE … TEMPLATE`` of it."""

    def __init__(self, server: PostgresServer) -> None:
        self.server = server
        self.name = "rukun_template"

    async def prepare(self) -> None:
        conn = await asyncpg.connect(self.server.dsn())
        try:
            await conn.execute(f"DROP DATABASE IF EXISTS {self.name}")
            await conn.execute(f"CREATE DATABASE {self.name}")
        finally:
            await conn.close()
        import asyncio

        await asyncio.to_thread(upgrade_database, self.server.url(self.name))

    async def fresh(self) -> str:
        name = f"rukun_test_{next(_counter)}"
        conn = await asyncpg.connect(self.server.dsn())
        try:
            await conn.execute(f"DROP DATABASE IF EXISTS {name}")
            await conn.execute(f"CREATE DATABASE {name} TEMPLATE {self.name}")
        finally:
            await conn.close()
        return self.server.url(name)

"""A cheap "is the database at the code's migration heads?" for every CLI command (issue 12).

Loading Alembic (its script directory, ``env.py`` and every model) costs about half a second;
most commands only need to know that nothing is pending. The code's heads are read from the
migration files' text (``revision = …`` and ``down_revision = …``), the database's from its
``alembic_version`` rows. When either cannot be read this way the caller falls back to Alembic.
"""

from __future__ import annotations

import ast
import asyncio
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

from bot.db import MIGRATIONS_DIR

_ASSIGNED = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


def migration_heads(versions_dir: Path = MIGRATIONS_DIR / "versions") -> set[str] | None:
    """The latest revision of every branch the code ships, or None when a file cannot be read
    without Alembic (a revision that is not a plain literal)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in versions_dir.glob("*.py"):
        found = dict(_ASSIGNED.findall(path.read_text(encoding="utf-8")))
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (KeyError, ValueError, SyntaxError):
            return None
        if not isinstance(revision, str):
            return None
        revisions.add(revision)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(str(d) for d in down)
        elif down is not None:
            return None
    return (revisions - parents) or None


def database_heads(url: str) -> set[str] | None:
    """The revisions the database is at (empty: no ``alembic_version`` yet).

    SQLite is read with the standard library, read-only (a missing file is not created); None
    when it cannot be read so (the caller's Alembic path then says why). PostgreSQL errors
    propagate: the caller turns them into one line.
    """
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            return None
        return _sqlite_heads(parsed.database)
    return asyncio.run(_server_heads(url))


def _sqlite_heads(path: str) -> set[str] | None:
    if not Path(path).is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone():
            return set()
        return {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}
    except sqlite3.Error:  # not a database, locked, damaged: Alembic's path names it
        return None
    finally:
        conn.close()


async def _server_heads(url: str) -> set[str]:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            exists = await conn.scalar(text("SELECT to_regclass('alembic_version') IS NOT NULL"))
            if not exists:
                return set()
            rows = await conn.execute(text("SELECT version_num FROM alembic_version"))
            return {row[0] for row in rows}
    finally:
        await engine.dispose()

"""SQL statements, transactions and rollbacks counted per update: off unless asked.

``RUKUN_SQL_COUNT=<path>`` makes every :class:`bot.db.Database` of the process count (a
``before_cursor_execute`` listener and the ``begin``/``rollback`` events of its engine); the webhook
handler opens one :meth:`SqlCounter.update` scope per update, named for its kind (``/start``,
``text``, ``button``…), and the totals per kind are written to ``<path>.<pid>`` as JSON once a
second and when the bot stops (bench/webhook.py reads them). Tests attach a counter to their own engine instead.

A statement is what reaches the driver's cursor, BEGIN excepted (SQLite's explicit BEGIN is counted
as a transaction); COMMIT and ROLLBACK are driver calls, counted as transactions' ends.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

COUNT_ENV = "RUKUN_SQL_COUNT"
#: bot.db's execution option of autocommit reads (bot.db imports this module, not the reverse)
READ_OPTION = "rukun_read"


@dataclass
class Tally:
    updates: int = 0
    statements: int = 0
    transactions: int = 0
    rollbacks: int = 0

    def add(self, other: Tally) -> None:
        self.updates += other.updates
        self.statements += other.statements
        self.transactions += other.transactions
        self.rollbacks += other.rollbacks


_current: ContextVar[Tally | None] = ContextVar("rukun_sql_tally", default=None)


class SqlCounter:
    """Counts what the engines it is attached to send, per update kind (else ``outside``)."""

    def __init__(self) -> None:
        self.by_kind: dict[str, Tally] = {}
        self.outside = Tally()
        self._engines: list[Any] = []
        self.dumped_at = 0.0

    def _tally(self) -> Tally:
        return _current.get() or self.outside

    def _statement(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if not statement.lstrip()[:5].upper().startswith("BEGIN"):
            self._tally().statements += 1

    def _begin(self, conn: Any) -> None:
        if not conn.get_execution_options().get(READ_OPTION):  # autocommit reads begin nothing
            self._tally().transactions += 1

    def _rollback(self, conn: Any) -> None:
        if not conn.get_execution_options().get(READ_OPTION):
            self._tally().rollbacks += 1

    def attach(self, engine: AsyncEngine) -> None:
        sync = engine.sync_engine
        event.listen(sync, "before_cursor_execute", self._statement)
        event.listen(sync, "begin", self._begin)
        event.listen(sync, "rollback", self._rollback)
        self._engines.append(sync)

    def detach(self) -> None:
        for sync in self._engines:
            event.remove(sync, "before_cursor_execute", self._statement)
            event.remove(sync, "begin", self._begin)
            event.remove(sync, "rollback", self._rollback)
        self._engines.clear()

    @contextlib.contextmanager
    def update(self, kind: str) -> Iterator[Tally]:
        """Count what this task (and tasks it starts) sends while handling one update."""
        tally = Tally(updates=1)
        token = _current.set(tally)
        try:
            yield tally
        finally:
            _current.reset(token)
            self.by_kind.setdefault(kind, Tally()).add(tally)

    def totals(self) -> dict[str, dict[str, int]]:
        return {kind: asdict(t) for kind, t in sorted(self.by_kind.items())}

    def dump(self, path: str) -> None:
        Path(f"{path}.{os.getpid()}").write_text(json.dumps(self.totals()))


#: The process's counter when ``RUKUN_SQL_COUNT`` is set (None otherwise: nothing is counted).
COUNTER: SqlCounter | None = SqlCounter() if os.environ.get(COUNT_ENV) else None


def use(counter: SqlCounter | None) -> SqlCounter | None:
    """Make ``counter`` the process's counter (tests; None: count nothing); returns the old one."""
    global COUNTER
    old, COUNTER = COUNTER, counter
    return old


def attach_from_env(engine: AsyncEngine) -> None:
    if COUNTER is not None:
        COUNTER.attach(engine)


def dump_from_env() -> None:
    path = os.environ.get(COUNT_ENV)
    if COUNTER is not None and path:
        COUNTER.dump(path)


def update_kind(body: dict[str, Any]) -> str:
    """``button``, a command (``/start``), ``text``, or the update's type."""
    if "callback_query" in body:
        return "button"
    message = body.get("message")
    if isinstance(message, dict) and isinstance(message.get("text"), str):
        text = message["text"]
        if text.startswith("/"):
            return text.split(maxsplit=1)[0].split("@", 1)[0] if text.strip() else "text"
        return "text"
    return next((k for k in body if k != "update_id"), "empty")


@contextlib.contextmanager
def counting(kind: str) -> Iterator[None]:
    """The process counter's scope for one update, or nothing when counting is off."""
    counter = COUNTER
    if counter is None:
        yield
        return
    with counter.update(kind):
        yield
    now = time.monotonic()
    if now - counter.dumped_at >= 1.0:  # the totals on disk lag by a second at most
        counter.dumped_at = now
        dump_from_env()

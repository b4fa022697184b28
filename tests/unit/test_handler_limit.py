"""HandlerLimit: updates fed to the dispatcher beyond the limit wait, aiogram's FSM read included."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import Chat, Message, Update, User

from bot.concurrency import HandlerLimit


class GatedStorage(MemoryStorage):
    """Counts the state reads running at once, and holds each until the gate opens."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()
        self.running = 0
        self.most = 0

    async def get_state(self, key: StorageKey) -> str | None:
        self.running += 1
        self.most = max(self.most, self.running)
        try:
            await self.gate.wait()
            return await super().get_state(key)
        finally:
            self.running -= 1


def update(i: int) -> Update:
    user = User(id=1000 + i, is_bot=False, first_name=f"U{i}")
    message = Message(
        message_id=i,
        date=datetime.now(UTC),
        chat=Chat(id=1000 + i, type="private"),
        from_user=user,
        text="halo",
    )
    return Update(update_id=i, message=message)


async def test_updates_over_the_limit_wait_for_a_slot() -> None:
    storage = GatedStorage()
    dp = Dispatcher(storage=storage)
    handled: list[int] = []

    @dp.message()
    async def echo(message: Message, **_: Any) -> None:
        handled.append(message.message_id)

    HandlerLimit(3).install(dp)
    bot = Bot("123456:TEST-token")
    try:
        feeds = [asyncio.create_task(dp.feed_update(bot, update(i))) for i in range(10)]
        for _ in range(50):  # let every task run as far as it can
            await asyncio.sleep(0)
        assert storage.running == 3 and handled == []  # aiogram's FSM read is behind the limit
        storage.gate.set()
        await asyncio.gather(*feeds)
    finally:
        await bot.session.close()
    assert sorted(handled) == list(range(10)) and storage.most == 3

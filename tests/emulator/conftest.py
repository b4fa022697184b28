"""Fixtures for the emulator tests: a running emulator, its client and a real aiogram Bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.emulator import EmulatorClient, EmulatorState, running_emulator

TOKEN = "42:EMU-test_token"
BOT_ID = 42


@pytest.fixture
def emu_state() -> EmulatorState:
    return EmulatorState()


@pytest_asyncio.fixture
async def emu_url(emu_state: EmulatorState) -> AsyncIterator[str]:
    async with running_emulator(port=0, state=emu_state) as url:
        yield url


@pytest_asyncio.fixture
async def client(emu_url: str) -> AsyncIterator[EmulatorClient]:
    async with EmulatorClient(emu_url, TOKEN) as emu_client:
        yield emu_client


@pytest_asyncio.fixture
async def tg(emu_url: str) -> AsyncIterator[Bot]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(emu_url))
    bot = Bot(TOKEN, session=session)
    try:
        yield bot
    finally:
        await session.close()


@pytest.fixture
def user() -> dict[str, Any]:
    return {"id": 1001, "first_name": "Siti", "username": "siti", "language_code": "id"}


@pytest.fixture
def group() -> dict[str, Any]:
    return {"id": -100500, "type": "supergroup", "title": "RT 05"}

"""Fixtures of the dashboard's browser tests: the dashboard server, a headless Chromium."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.web.serve import start_dashboard
from tests.reports.helpers import CILEGON, settings_with
from tests.support.harness import TOKEN, Harness
from tests.web.support import CHROMIUM_ARGS, JOGJA, chromium_or_skip

PUBLIC_URL = "https://rukun.example.org/web"


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON, JOGJA, web={"public_url": PUBLIC_URL})


@pytest.fixture
async def dashboard(harness: Harness) -> AsyncIterator[str]:
    """The dashboard's base URL (http://127.0.0.1:PORT/web), served from the bot's services."""
    runner, port = await start_dashboard(harness.services, TOKEN, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{port}/web"
    finally:
        await runner.cleanup()


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    executable = chromium_or_skip()
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        b = await pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            await b.close()

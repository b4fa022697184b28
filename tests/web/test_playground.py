"""``rukun playground`` in a real browser: a citizen files a report in the web chat, and the
partner group's panel receives its card."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.web.playground_run import Playground, start_playground


@pytest.fixture
async def playground(tmp_path: Path) -> AsyncIterator[Playground]:
    pg = await start_playground(tmp_path / "playground")
    try:
        yield pg
    finally:
        await pg.stop()


def panel(page: Any, role: str) -> Any:
    return page.locator(f"section.panel[data-role={role}]")


async def press(chat: Any, label: str) -> None:
    """Press the button ``label`` under the bot's newest message that has it."""
    button = chat.locator(".msg.bot button", has_text=label).last
    await button.wait_for(timeout=15000)
    message_id = await button.evaluate("b => b.closest('.msg').dataset.id")
    await button.click()
    # answered: the bot takes that message's buttons away (the page redraws within a second)
    await chat.locator(f".msg[data-id='{message_id}'] button").first.wait_for(
        state="detached", timeout=15000
    )


async def say(chat: Any, text: str) -> None:
    await chat.locator("input[name=text]").fill(text)
    await chat.locator("form.compose button[type=submit]").click()


async def test_citizen_reports_and_partner_group_receives_it(
    playground: Playground, browser: Any
) -> None:
    page = await browser.new_page(viewport={"width": 1400, "height": 900})
    await page.goto(playground.url)
    siti, fkub = panel(page, "citizen"), panel(page, "partner")
    await siti.locator(".msg.bot").first.wait_for()
    await say(siti, "/lapor")
    await siti.locator(".msg.bot", has_text="Ceritakan").wait_for()
    await say(siti, "Gereja kami disegel satpol pp pagi tadi, padahal izin sudah lengkap.")
    await press(siti, "Rumah ibadah")
    await siti.locator(".msg.bot", has_text="kabupaten/kota").last.wait_for()
    await say(siti, "Cilegon")
    await press(siti, "Cilegon")
    await press(siti, "Lewati")
    await press(siti, "Hari ini")
    await press(siti, "Tidak")
    await siti.locator("button.photo").click()  # a photo as evidence
    await siti.locator(".msg.me .att", has_text="photo").wait_for()
    await press(siti, "Selesai")
    await press(siti, "Tidak, aku")
    await press(siti, "Boleh")
    await press(siti, "Kirim")
    confirmation = siti.locator(".msg.bot", has_text="LP-").last
    await confirmation.wait_for(timeout=15000)
    code = next(w for w in (await confirmation.inner_text()).split() if w.startswith("LP-"))
    code = code.strip(".,:;)")
    card = fkub.locator(".msg.bot", has_text=code)
    await card.first.wait_for(timeout=15000)
    await fkub.locator(".msg.bot .att", has_text="photo").wait_for()  # the evidence follows
    for text in await card.all_inner_texts():
        assert "Siti" not in text  # anonymous: the group never sees who
    assert await card.locator("button").count() >= 1  # the partner can act on it


async def test_playground_is_seeded(playground: Playground) -> None:
    """Sample partner, people with their roles, surveys and campaign content are there."""
    services = playground.runtime.services
    [fkub] = await services.reports.partners.list_partners()
    assert fkub.name == "FKUB Kota Cilegon"
    ratna = await services.people.get(5003)
    assert ratna.is_coordinator
    assert await services.reports.partners.memberships(5002) == {fkub.id}
    assert {s.slug for s in await services.surveys.list()} >= {
        "toleransi-2026-pre",
        "toleransi-2026-post",
    }
    assert await services.content.library.all_items()


async def test_alumnus_shares_content_inline(playground: Playground, browser: Any) -> None:
    page = await browser.new_page(viewport={"width": 1400, "height": 900})
    await page.goto(playground.url)
    dimas = panel(page, "alumni")
    await dimas.locator(".msg.bot").first.wait_for()
    await dimas.locator("button.inline").click()
    first = dimas.locator(".results button.result").first
    await first.wait_for(timeout=15000)
    title = await first.inner_text()
    await first.click()
    await dimas.locator(".results .shared", has_text=title).wait_for()
    from sqlalchemy import select

    from bot.content.models import ContentShare

    services = playground.runtime.services
    for _ in range(100):  # Telegram's chosen_inline_result reaches the bot: the share is recorded
        async with services.db.session() as s:
            shares = (
                await s.scalars(select(ContentShare).where(ContentShare.user_id == 5004))
            ).all()
        if shares:
            break
        await asyncio.sleep(0.05)
    assert [share.via for share in shares] == ["inline"]

"""Screenshots of the dashboard and the playground for docs/ (run by hand, not a test):

    .venv/bin/python -m tests.web.screenshots docs/

Starts the playground, files a few sample reports through the reports' flows, signs in as the
coordinator with Mini App initData, and saves PNGs with Debian's Chromium.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from bot.reports.domain.drafts import Draft
from bot.web.playground_run import DIMAS, RATNA, SITI, TOKEN, start_playground
from tests.web.support import CHROMIUM, CHROMIUM_ARGS, init_data, mini_app_url

SAMPLES = [
    (SITI, "36.72", "rumah_ibadah", "Gereja kami di Cilegon disegel satpol pp pagi tadi.", True),
    (
        SITI,
        "36.72",
        "ujaran_kebencian",
        "Spanduk berisi ujaran kebencian dipasang di pasar.",
        False,
    ),
    (DIMAS, "34.71", "pembubaran_ibadah", "Pengajian warga dibubarkan sekelompok orang.", False),
    (DIMAS, "32.73", "intimidasi", "Panitia diskusi lintas iman diancam lewat pesan.", True),
    (SITI, "73.71", "diskriminasi_layanan", "KTP warga penghayat ditolak di kelurahan.", False),
]


async def seed(pg) -> None:  # type: ignore[no-untyped-def]
    services = pg.runtime.services
    for user, region, category, text, urgent in SAMPLES:
        person = await services.people.get(user["id"])
        t = services.catalog.translator(person.language)
        draft = Draft(
            description=text,
            category=category,
            region_code=region,
            when_choice="today",
            urgent=urgent,
            anonymous=True,
            contact_ok=True,
            pin_done=True,
            evidence_done=True,
        )
        await services.report_flows.submit(person, t, draft)


async def main(out: Path) -> None:
    from playwright.async_api import async_playwright

    pg = await start_playground(Path(tempfile.mkdtemp(prefix="rukun-shots-")))
    try:
        await seed(pg)
        await asyncio.sleep(2)  # the cards go out
        base = f"{pg.url}web"
        user = {k: v for k, v in RATNA.items() if k != "is_bot"}
        data = init_data(user, int(time.time()), token=TOKEN)
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            phone = await browser.new_page(viewport={"width": 390, "height": 844})
            await phone.goto(mini_app_url(f"{base}/cases", data))
            await phone.wait_for_selector("#case-list")
            await phone.screenshot(path=str(out / "web-cases-phone.png"), full_page=True)
            desk = await browser.new_page(viewport={"width": 1200, "height": 900})
            await desk.goto(mini_app_url(f"{base}/cases", data))
            await desk.wait_for_selector("#case-list")
            await desk.screenshot(path=str(out / "web-cases.png"), full_page=True)
            await desk.click("#case-list li:last-child a")
            await desk.wait_for_selector("#timeline")
            await desk.screenshot(path=str(out / "web-case.png"), full_page=True)
            await desk.goto(f"{base}/surveys/toleransi-2026-post")
            await desk.wait_for_selector("#before-after")
            await desk.screenshot(path=str(out / "web-survey.png"), full_page=True)
            chat = await browser.new_page(viewport={"width": 1400, "height": 800})
            await chat.goto(pg.url)
            await chat.wait_for_selector("section.panel .msg.bot")
            await asyncio.sleep(1.5)
            await chat.screenshot(path=str(out / "playground.png"))
            await browser.close()
    finally:
        await pg.stop()


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    folder.mkdir(parents=True, exist_ok=True)
    asyncio.run(main(folder))

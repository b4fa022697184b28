"""Evidence files reach the partner scrubbed, or are held for the coordinators with a note.

The partner's copy is downloaded through the Bot API, as the partner would, and read back.
"""

from __future__ import annotations

import asyncio
import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from tests.reports.helpers import (
    CILEGON,
    CILEGON_GROUP,
    COORD_CHAT,
    file_report,
    open_groups,
    settings_with,
)
from tests.reports.test_identity_guard import document
from tests.reports.test_scrub import NAME, STORY, heic, mov, pdf
from tests.support.harness import Harness


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON, reports={"max_media": 4})


async def downloaded(harness: Harness, file_id: str) -> bytes:
    bot = harness.runtime.bot
    info = await bot.get_file(file_id)
    assert info.file_path is not None
    buffer = await bot.download_file(info.file_path)
    assert buffer is not None
    return buffer.read()


async def test_pdf_and_heic_reach_the_partner_without_their_metadata(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP, COORD_CHAT)
    siti = harness.user("Siti")
    await siti.send("/start")
    files = (
        document("Kronologi_Siti.pdf", pdf(), "application/pdf"),
        document("IMG_0042.HEIC", heic(), "image/heic"),
    )
    await file_report(siti, documents=files)
    card, *evidence = await harness.emu.wait_bot_messages(CILEGON_GROUP, 2)
    code = re.search(r"LP-\d{4}-\d{6}", card["text"]).group(0)  # type: ignore[union-attr]
    sent = {m["document"]["file_name"]: m["document"] for m in evidence if m.get("document")}
    assert sorted(sent) == [f"{code}-bukti-1.pdf", f"{code}-bukti-2.jpg"]

    data = await downloaded(harness, sent[f"{code}-bukti-1.pdf"]["file_id"])
    assert NAME.encode() not in data
    reader = PdfReader(io.BytesIO(data))
    assert not reader.metadata and reader.xmp_metadata is None
    assert [f"{STORY} {n}" in page.extract_text() for n, page in enumerate(reader.pages, 1)] == [
        True,
        True,
    ]
    photo = await downloaded(harness, sent[f"{code}-bukti-2.jpg"]["file_id"])
    assert photo.startswith(b"\xff\xd8") and b"Siti" not in photo and b"SitiPhone" not in photo
    # nothing was held, so the coordinators are not told anything about the evidence
    await asyncio.sleep(0.3)
    coordinators = await harness.emu.wait_bot_messages(COORD_CHAT, 0)
    assert not any("kami tahan" in (m.get("text") or "") for m in coordinators)


async def test_a_file_that_cannot_be_cleaned_is_held_for_the_coordinators(
    harness: Harness,
) -> None:
    await open_groups(harness, CILEGON_GROUP, COORD_CHAT)
    siti = harness.user("Siti")
    await siti.send("/start")
    files = (
        document("rekaman_Siti.mov", mov(), "video/quicktime"),
        document("surat.pdf", pdf(1), "application/pdf"),
    )
    await file_report(siti, documents=files)
    card, *rest = await harness.emu.wait_bot_messages(CILEGON_GROUP, 3)
    code = re.search(r"LP-\d{4}-\d{6}", card["text"]).group(0)  # type: ignore[union-attr]
    names = [m["document"]["file_name"] for m in rest if m.get("document")]
    assert names == [f"{code}-bukti-2.pdf"]  # the video is not sent, in any form
    [note] = [m for m in rest if "belum bisa dikirim dengan aman" in (m.get("text") or "")]
    assert "nomor 1" in note["text"] and code in note["text"]

    [held] = [
        m
        for m in await harness.emu.wait_bot_messages(COORD_CHAT, 1)
        if "kami tahan untuk Anda" in (m.get("text") or "")
    ]
    assert f"Bukti nomor 1 untuk {code}" in held["text"]

"""An anonymous reporter's identity never reaches a partner: not in texts, file names or metadata.

Every Bot API call towards the partner's group is scanned for the reporter's name, username,
Telegram id, NIK and phone number.
"""

from __future__ import annotations

import base64
import io
import json
import re
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfWriter

from tests.reports.helpers import CILEGON, CILEGON_GROUP, file_report, open_groups, settings_with
from tests.support.harness import Harness, UserDriver, button_texts

REPORTER_ID = 987654321
NIK = "3201011508950001"
PHONE = "0812-3456-7890"
STORY_WITH_IDS = (
    "Gereja kami di Cilegon disegel satpol pp pagi tadi. Kalau perlu hubungi saya di "
    f"{PHONE}, NIK saya {NIK}."
)


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON, reports={"max_media": 4})


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (16, 16), "red")
    exif = Image.Exif()
    exif[0x010F] = "SitiPhone"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (6.0, 1.0, 30.0)
    gps[3], gps[4] = "E", (106.0, 3.0, 0.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    data = out.getvalue()
    assert b"SitiPhone" in data and Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    return data


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def document(name: str, data: bytes, mime: str) -> dict[str, Any]:
    return {"file_name": name, "mime_type": mime, "content_b64": base64.b64encode(data).decode()}


async def partner_calls(harness: Harness) -> list[dict[str, Any]]:
    return [
        c
        for c in await harness.emu.calls()
        if str((c.get("params") or {}).get("chat_id")) == str(CILEGON_GROUP)
    ]


def secrets_of(reporter: UserDriver) -> list[str]:
    return [
        "Siti",
        "Rahayu",
        "siti_rahayu",
        str(REPORTER_ID),
        NIK,
        PHONE,
        PHONE.replace("-", ""),
    ]


async def test_files_named_neutrally_scrubbed_and_identifiers_masked(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti", user_id=REPORTER_ID, username="siti_rahayu", last_name="Rahayu")
    await siti.send("/start")
    ktp = document("KTP_Siti_Rahayu_987654321.pdf", blank_pdf(), "application/pdf")
    photo = document("IMG_Siti_Rahayu_rumah.jpg", jpeg_with_gps(), "image/jpeg")
    [ask] = await file_report(siti, STORY_WITH_IDS, documents=(ktp, photo))
    # the anonymous reporter is asked before a story with her NIK and phone goes out
    assert "NIK" in ask["text"] and "nomor HP" in ask["text"]
    assert button_texts(ask)[:2] == ["🙈 Ya, samarkan", "Biarkan, kirim apa adanya"]
    before = len(await siti.inbox())
    await siti.press(ask, "samarkan", expect=2)
    masked, sent = (await siti.inbox())[before:]
    assert "disamarkan" in masked["text"] and "LP-" in sent["text"]

    msgs = await harness.emu.wait_bot_messages(CILEGON_GROUP, 3)
    card = msgs[0]
    assert "[disamarkan]" in card["text"] and NIK not in card["text"]
    code = re.search(r"LP-\d{4}-\d{6}", card["text"]).group(0)  # type: ignore[union-attr]
    files = [m["document"] for m in msgs[1:] if m.get("document")]
    assert sorted(f["file_name"] for f in files) == [f"{code}-bukti-1.pdf", f"{code}-bukti-2.jpg"]

    # the photo's bytes as the partner downloads them carry no EXIF (no GPS, no device)
    bot = harness.runtime.bot
    jpeg = next(f for f in files if f["file_name"].endswith(".jpg"))
    info = await bot.get_file(jpeg["file_id"])
    data = (await bot.download_file(info.file_path)).read()
    assert b"SitiPhone" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (16, 16) and not image.getexif().get_ifd(0x8825)

    # nothing towards the partner's group names her, in any call
    dump = json.dumps(await partner_calls(harness), ensure_ascii=False)
    for secret in secrets_of(siti):
        assert secret not in dump, secret


async def test_keeping_identifiers_is_the_reporters_choice(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti", user_id=REPORTER_ID + 1)
    await siti.send("/start")
    [ask] = await file_report(siti, STORY_WITH_IDS)
    await siti.press(ask, "Biarkan", expect=1)
    [card] = await harness.emu.wait_bot_messages(CILEGON_GROUP, 1)
    assert PHONE in card["text"]
    # a story without identifiers is sent without the question
    budi = harness.user("Budi")
    await budi.send("/start")
    [sent] = await file_report(budi, category="Kekerasan")
    assert "LP-" in sent["text"]

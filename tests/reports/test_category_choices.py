"""The category step after a free-text story: the NLU's guess to confirm when it is sure, its two
best categories as the first buttons when they are close (threat or act?), the full list behind
"Kategori lainnya…", and the confirmation before sending shows what the reporter chose.

These go through the real built-in NLU: the stories were checked against it (the close one ranks
kekerasan and intimidasi within the calibrated margin; the clear threat is intimidasi alone).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.reports.domain.categories import CATEGORIES
from bot.reports.domain.models import Report
from tests.reports.helpers import CILEGON, CILEGON_GROUP, open_groups, settings_with
from tests.support.harness import Harness, UserDriver, button_texts

#: An act (stones, a broken window) and a threat (burning): between kekerasan and intimidasi.
BETWEEN = "rumah kami dilempari batu sampai kaca pecah, mereka teriak kalo ga pindah bakal dibakar"
#: A threat and nothing done yet: intimidasi, and the NLU is sure of it.
THREAT = "Tetangga bilang kalo ga pindah rumah kami bakal dibakar"

VIOLENCE = "Kekerasan atau perusakan"
INTIMIDATION = "Intimidasi atau ancaman"
NAV = ["⬅️ Kembali", "✖️ Batal"]


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON)


async def press(user: UserDriver, message: dict[str, Any], label: str) -> dict[str, Any]:
    before = len(await user.inbox())
    await user.press(message, label, expect=1)
    return (await user.inbox())[before]


async def _finish(user: UserDriver, place: dict[str, Any]) -> dict[str, Any]:
    """From the place question to the summary: Cilegon, no pin, today, no danger, no evidence,
    anonymous, contact allowed."""
    [confirm] = await user.send("Cilegon")
    msg = await press(user, confirm, "Kota Cilegon")
    for label in ("Lewati", "Hari ini", "Tidak", "Selesai", "Tidak, aku", "Boleh"):
        msg = await press(user, msg, label)
    return msg


async def test_the_nlu_really_finds_these_stories_close_and_clear(harness: Harness) -> None:
    """Guards the stories below: if retraining moves them, this says so first."""
    between = await harness.services.nlu.parse_report(BETWEEN)
    assert between.category_close
    assert set(between.category_choices) == {"kekerasan", "intimidasi"}
    threat = await harness.services.nlu.parse_report(THREAT)
    assert not threat.category_close and threat.category == "intimidasi"


async def test_a_clear_threat_is_preset_for_confirmation(harness: Harness) -> None:
    user = harness.user("Jelas")
    await user.send("/start")
    _intro, cat = await user.send(THREAT, expect=2, timeout=60)
    assert "Sepertinya ini tentang" in cat["text"] and INTIMIDATION in cat["text"]
    buttons = button_texts(cat)
    assert buttons[0] == f"✅ Ya, {INTIMIDATION}"
    assert len(buttons) == len(CATEGORIES) + len(NAV)  # the guess, then every other category


async def test_close_categories_are_offered_as_two_buttons_and_the_second_is_kept(
    harness: Harness,
) -> None:
    await open_groups(harness, CILEGON_GROUP)
    user = harness.user("Ragu")
    await user.send("/start")
    _intro, cat = await user.send(BETWEEN, expect=2, timeout=60)
    assert "dua kategori" in cat["text"]
    assert VIOLENCE in cat["text"] and INTIMIDATION in cat["text"]
    assert button_texts(cat) == [VIOLENCE, INTIMIDATION, "Kategori lainnya…", *NAV]
    # typed text at this step: told to use the buttons, which still work
    [hint] = await user.send("yang ancaman")
    assert "tombol" in hint["text"]
    place = await press(user, cat, INTIMIDATION)  # the second of the two
    assert "kabupaten/kota" in place["text"]
    summary = await _finish(user, place)
    assert "Periksa laporanmu" in summary["text"]
    assert INTIMIDATION in summary["text"] and VIOLENCE not in summary["text"]
    sent = await press(user, summary, "Kirim")
    assert "LP-" in sent["text"]
    async with harness.services.db.session() as s:
        assert list(await s.scalars(select(Report.category))) == ["intimidasi"]


async def test_other_categories_open_the_full_list(harness: Harness) -> None:
    user = harness.user("Lain")
    await user.send("/start")
    await user.send(f"/lapor {BETWEEN}", expect=2, timeout=60)
    cat = await user.last()
    assert button_texts(cat)[:2] == [VIOLENCE, INTIMIDATION]  # /lapor <story> reads it too
    await user.press(cat, "Kategori lainnya…", expect=0)
    listed = await user.last()
    everything = button_texts(listed)
    assert everything[:2] == [VIOLENCE, INTIMIDATION] and len(everything) == len(CATEGORIES) + 2
    assert "Ujaran kebencian" in everything
    place = await press(user, listed, "Ujaran kebencian")
    assert "kabupaten/kota" in place["text"]
    # back to the category step: the choice made is what is shown to confirm
    again = await press(user, place, "Kembali")
    assert "Sepertinya ini tentang" in again["text"] and "Ujaran kebencian" in again["text"]

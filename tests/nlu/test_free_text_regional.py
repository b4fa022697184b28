"""End to end through the emulator: a Javanese free-text report gets its category and place."""

from __future__ import annotations

from tests.support.harness import Harness


async def test_javanese_report_prefills_category_and_place(harness: Harness) -> None:
    user = harness.user("Jawa")
    await user.send("/start")
    intro, category = await user.send(
        "kebaktian kami dibubarke wong kampung nang Kartasura, Sukoharjo", expect=2, timeout=30
    )
    assert "Lapor insiden" in intro["text"]
    assert "dibubarkan" in category["text"]  # pembubaran ibadah, to confirm
    await user.press(category, "Ya,", expect=1)
    place = await user.last()
    assert place["text"].startswith("Maksudnya Kabupaten Sukoharjo")  # one candidate: 33.11
    assert "rp:place:33.11" in str(place["reply_markup"])

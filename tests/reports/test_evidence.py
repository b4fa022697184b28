"""Evidence: an album (photos sent together, handled as parallel updates) loses nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.reports.helpers import (
    CILEGON,
    CILEGON_GROUP,
    file_report,
    open_groups,
    settings_with,
    settle_outbox,
)
from tests.support.harness import Harness
from tests.support.markers import both_backends


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON, reports={"max_media": 6})


@both_backends
async def test_an_album_of_five_photos_is_kept_whole(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti")
    await siti.send("/start")
    [summary] = await file_report(siti, album=5, send=False)
    assert "5" in summary["text"]
    counts = [m["text"] for m in await siti.inbox() if "Bukti diterima" in (m.get("text") or "")]
    assert sorted(c.split("(")[1][:3] for c in counts) == [f"{n}/6" for n in range(1, 6)]
    await siti.press(summary, "Kirim", expect=1)
    reports = harness.services.reports
    [mine] = await reports.intake.mine(siti.id)
    view = await reports.view(mine.id)
    assert len(view.media) == 5 and len({m.file_id for m in view.media}) == 5
    assert await reports.evidence.draft_media(siti.id) == []  # moved into the report
    # the partner gets the card and the five photos as one album
    await settle_outbox(harness)
    groups = await harness.emu.calls("sendMediaGroup")
    assert len(groups) == 1 and len(groups[0]["params"]["media"]) == 5


async def test_the_limit_holds_for_an_album_and_cancel_drops_the_evidence(
    harness: Harness,
) -> None:
    siti = harness.user("Siti")
    await siti.send("/start")
    await file_report(siti, album=8, send=False)
    texts = [m.get("text") or "" for m in await siti.inbox()]
    assert sum("Bukti diterima" in x for x in texts) == 6
    assert sum("batasnya" in x for x in texts) == 2
    reports = harness.services.reports
    assert len(await reports.evidence.draft_media(siti.id)) == 6
    # a new report starts without the old draft's evidence
    [ask] = await siti.send("/lapor")
    await siti.press(ask, "Mulai ulang", expect=2)
    assert await reports.evidence.draft_media(siti.id) == []

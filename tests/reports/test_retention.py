"""retention_days: closed reports older than that keep only anonymous figures; open ones are kept."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.clock import ManualClock
from bot.reports.domain.models import Report, ReportEvent
from bot.reports.domain.workflow import Actor
from bot.reports.flows.sweeper import sweep
from tests.reports.helpers import CILEGON, CILEGON_GROUP, open_groups, quick_report, settings_with
from tests.support.harness import Harness
from tests.support.markers import both_backends


@pytest.fixture
def clock(manual_clock: ManualClock) -> ManualClock:
    return manual_clock


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON, reports={"retention_days": 30}, run_jobs_in_bot=False)


async def _events(h: Harness, report_id: int) -> list[ReportEvent]:
    async with h.services.db.session() as s:
        rows = await s.scalars(select(ReportEvent).where(ReportEvent.report_id == report_id))
        return list(rows.all())


async def _row(h: Harness, report_id: int) -> Report:
    async with h.services.db.session() as s:
        row = await s.get(Report, report_id)
        assert row is not None
        return row


@both_backends
async def test_retention_drops_personal_data_of_old_closed_reports_only(
    harness: Harness, clock: ManualClock
) -> None:
    await open_groups(harness, CILEGON_GROUP)
    reports = harness.services.reports
    siti = harness.user("Siti", user_id=55512345)
    await siti.send("/start")
    await reports.evidence.add_draft_media(
        siti.id, "photo", "evidence-file-1", 1000, max_count=10, max_bytes=10**7
    )
    old = await quick_report(harness, siti, anonymous=False)
    still_open = await quick_report(harness, harness.user("Budi"), category="kekerasan")
    recent = await quick_report(harness, harness.user("Ani"), category="intimidasi")
    koor = Actor(777001, None, True)
    await reports.workflow.claim(old.id, koor)
    await reports.questions.ask(old.id, koor, "Jam berapa kejadiannya, Bu Siti?")
    await reports.questions.answer(old.id, siti.id, "Sekitar jam 8 pagi, di depan rumah saya.")
    await reports.workflow.close(old.id, koor, "Sudah dimediasi bersama FKUB.", resolved=True)
    before = await _row(harness, old.id)
    assert before.reporter_name == "Siti" and len((await reports.view(old.id)).media) == 1

    clock.advance(timedelta(days=31))
    await reports.workflow.close(recent.id, koor, "Bukan insiden intoleransi.", resolved=False)
    assert (await sweep(harness.services, harness.runtime.bot)).retained == 1  # type: ignore[union-attr]

    row = await _row(harness, old.id)
    assert row.reporter_id is None and row.reporter_name is None and not row.contact_ok
    assert row.description == "" and row.outcome is None and row.claimed_by_user_id is None
    assert row.latitude is None and row.longitude is None
    assert (await reports.view(old.id)).media == ()
    # the anonymous figures stay
    assert (row.code, row.category, row.region_code, row.province_code, row.status) == (
        old.code,
        "rumah_ibadah",
        "36.72",
        "36",
        "resolved",
    )
    assert row.created_at == before.created_at and row.closed_at == before.closed_at
    events = await _events(harness, old.id)
    kinds = [e.kind for e in events]
    assert {"created", "claimed", "question", "answer", "resolved"} <= set(kinds)
    assert kinds[-1] == "retention_applied"
    assert all(e.note is None and e.actor_id is None for e in events)
    assert not any(r.active for r in await reports.routes(old.id))

    # open and recently closed reports are untouched
    for kept in (still_open, recent):
        row = await _row(harness, kept.id)
        assert row.reporter_id is not None and row.description != ""
        assert "retention_applied" not in [e.kind for e in await _events(harness, kept.id)]
    # done once: the next sweep finds nothing more
    assert (await sweep(harness.services, harness.runtime.bot)).retained == 0  # type: ignore[union-attr]

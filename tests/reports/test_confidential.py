"""Rahasia reports: the story and evidence are read only by the partner that claimed the report
and by admins; everyone else (the other partners it reached, coordinators, exports) sees its
category, place and dates, and figures still count it."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.people.models import Role
from bot.reports.domain.categories import Confidentiality
from bot.reports.domain.confidential import ANYONE, Reader, as_read_by, may_read
from bot.reports.domain.errors import ReportError
from bot.reports.domain.export import export_rows, write_xlsx
from bot.reports.domain.workflow import Actor
from tests.reports.factories import member
from tests.reports.helpers import (
    BANTEN,
    BANTEN_GROUP,
    CILEGON,
    CILEGON_GROUP,
    STORY,
    _press,
    open_groups,
    settings_with,
    settle_outbox,
)
from tests.support.harness import Harness, UserDriver, button_texts, text_of
from tests.support.markers import both_backends

ADMIN = 7000001
NOTE = "Isi laporan rahasia"
#: A piece of the story that no one but the claiming partner and admins may read.
SECRET = "disegel satpol pp"


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON, BANTEN, admins=[ADMIN])


@pytest.fixture
def clock(manual_clock: ManualClock) -> ManualClock:
    return manual_clock


async def to_identity_step(user: UserDriver, *, photos: int = 0) -> dict[str, Any]:
    """Drive the wizard up to "may the partner know your name?"."""
    await user.send("/start")
    await user.send("/lapor", expect=2)
    [cat] = await user.send(STORY)
    [nxt] = await _press(user, cat, "Rumah ibadah")
    if "Maksudnya" not in nxt["text"] and "beberapa" not in nxt["text"]:
        [nxt] = await user.send("Cilegon")
    [pin] = await _press(user, nxt, "Cilegon")
    [when] = await _press(user, pin, "Lewati")
    [danger] = await _press(user, when, "Hari ini")
    [last] = await _press(user, danger, "Tidak")
    for _ in range(photos):
        [last] = await user.send(photo=True)
    [identity] = await _press(user, last, "Selesai")
    return identity


async def send_report(user: UserDriver, contact_q: dict[str, Any]) -> dict[str, Any]:
    """From the contact question: allow contact, check the summary, send."""
    [summary] = await _press(user, contact_q, "Boleh")
    assert "rahasia" in summary["text"]
    sent = await _press(user, summary, "Kirim", expect=1)
    assert any("LP-" in (m.get("text") or "") for m in sent)
    return summary


def group_text(messages: list[dict[str, Any]]) -> str:
    return text_of(messages) + " " + " ".join(m.get("caption") or "" for m in messages)


async def partner_member(harness: Harness, name: str, partner_name: str) -> UserDriver:
    user = harness.user(name)
    await user.send("/start")
    partners = await harness.services.reports.partners.list_partners()
    partner = next(p for p in partners if p.name == partner_name)
    await harness.services.reports.partners.add_member(partner.id, user.id)
    return user


@both_backends
async def test_rahasia_story_reaches_only_the_claiming_partner_and_admins(
    harness: Harness, manual_clock: ManualClock, tmp_path: Path
) -> None:
    await open_groups(harness, CILEGON_GROUP, BANTEN_GROUP)
    siti = harness.user("Siti", user_id=987650001, username="siti_rahasia")
    identity = await to_identity_step(siti, photos=1)
    assert "Rahasia" in identity["text"]  # the third level, explained in one line
    assert button_texts(identity)[:3] == [
        "Boleh, tampilkan namaku",
        "Tidak, aku tetap anonim",
        "🔒 Rahasia",
    ]
    chosen, contact_q = await _press(siti, identity, "Rahasia", expect=2)
    assert "dirahasiakan" in chosen["text"]
    await send_report(siti, contact_q)
    await settle_outbox(harness)
    [report] = await harness.services.reports.intake.mine(siti.id)
    assert report.confidentiality is Confidentiality.RAHASIA and report.anonymous
    assert SECRET in report.description  # the reporter's own view is whole

    # the card in the city partner's group: code, category, place, dates; no story, no photo
    cilegon = await harness.emu.bot_messages(CILEGON_GROUP)
    [card] = cilegon
    assert report.code in card["text"] and "Kota Cilegon" in card["text"]
    assert NOTE in card["text"] and SECRET not in card["text"]
    assert "🙋 Tangani" in button_texts(card)

    # nobody claimed it: it goes up to the province's partner, withheld there too
    manual_clock.advance(days=30)
    await harness.services.report_flows.escalate(report.id)
    await settle_outbox(harness)
    banten = await harness.emu.bot_messages(BANTEN_GROUP)
    assert banten and all(SECRET not in group_text([m]) for m in banten)
    assert NOTE in banten[0]["text"] and not any("photo" in m for m in banten)

    # asking before claiming is refused (the answer would be the story)
    ahmad = await partner_member(harness, "Pak Ahmad", CILEGON["name"])
    refused = await ahmad.press(card, "Minta Info")
    assert "rahasia" in refused["text"].lower()

    # the city partner claims it: its card shows the story and the evidence comes under it
    await ahmad.press(card, "Tangani")
    await settle_outbox(harness)
    cilegon = await harness.emu.bot_messages(CILEGON_GROUP)
    assert SECRET in cilegon[0]["text"] and NOTE not in cilegon[0]["text"]
    assert any("photo" in m for m in cilegon[1:])

    # the province's partner, which did not claim it, still reads only the figures
    await settle_outbox(harness)
    banten = await harness.emu.bot_messages(BANTEN_GROUP)
    assert all(SECRET not in group_text([m]) for m in banten)
    assert not any("photo" in m for m in banten)
    rudi = await partner_member(harness, "Rudi", BANTEN["name"])
    partners = {p.name: p.id for p in await harness.services.reports.partners.list_partners()}
    banten_actor = member(partners[BANTEN["name"]], BANTEN_GROUP, rudi.id)
    seen = await harness.services.reports.access.open_for_view(report.id, banten_actor)
    assert seen.withheld and seen.description == "" and seen.media == ()

    # a coordinator who is not an admin: /laporan shows the report withheld, no reveal button
    koor = harness.user("Koor")
    await koor.send("/start")
    await harness.services.people.grant(koor.id, Role.COORDINATOR, by="test")
    koor_actor = Actor(koor.id, None, True, koor.id)
    detail = await harness.services.reports.access.open_for_view(report.id, koor_actor)
    assert detail.withheld and SECRET not in detail.description
    with pytest.raises(ReportError):
        await harness.services.reports.access.reveal_identity(report.id, koor_actor)

    # the XLSX export counts it with its category, place and dates, never its story
    rows, timeline = await export_rows(harness.services.reports)
    out = tmp_path / "reports.xlsx"
    write_xlsx(out, rows, timeline)
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(out.read_bytes()), read_only=True)
    cells = " ".join(
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )
    assert report.code in cells and "rumah_ibadah" in cells and "rahasia" in cells
    assert SECRET not in cells and "siti" not in cells.lower()

    # an admin reads it whole, and the look is recorded
    admin = harness.user("Admin", user_id=ADMIN)
    await admin.send("/start")
    admin_actor = Actor(ADMIN, None, True, ADMIN)
    whole = await harness.services.reports.access.open_for_view(report.id, admin_actor)
    assert SECRET in whole.description and len(whole.media) == 1 and not whole.withheld
    _view, events = await harness.services.reports.access.timeline(report.id, admin_actor)
    assert any(e.kind == "viewed" and e.actor_id == ADMIN for e in events)


async def open_detail(user: UserDriver, code: str) -> dict[str, Any]:
    [dash] = await user.send("/laporan")
    assert "Total: 1" in dash["text"]  # the figures count it
    before = len(await user.inbox())
    await user.press(dash, code, expect=1)
    return (await user.inbox())[before]


async def test_laporan_withholds_from_a_coordinator_and_shows_an_admin(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    budi = harness.user("Budi", user_id=987650002)
    identity = await to_identity_step(budi)
    # typed, not pressed: "rahasia" is the third level too
    chosen, contact_q = await budi.send("rahasia", expect=2)
    assert "dirahasiakan" in chosen["text"]
    await send_report(budi, contact_q)
    await settle_outbox(harness)
    [report] = await harness.services.reports.intake.mine(budi.id)
    assert report.confidentiality is Confidentiality.RAHASIA
    assert identity["message_id"]  # the buttons were offered; the text answered them

    koor = harness.user("Koor")
    await koor.send("/start")
    await harness.services.people.grant(koor.id, Role.COORDINATOR, by="test")
    detail = await open_detail(koor, report.code)
    assert NOTE in detail["text"] and SECRET not in detail["text"]
    assert "Lihat identitas" not in " ".join(button_texts(detail))

    admin = harness.user("Admin", user_id=ADMIN)
    await admin.send("/start")
    detail = await open_detail(admin, report.code)
    assert SECRET in detail["text"] and NOTE not in detail["text"]


async def test_typed_answers_at_the_identity_step(harness: Harness) -> None:
    """Typed text that names a level answers the step; text that names none asks for a button."""
    siti = harness.user("Siti")
    await to_identity_step(siti)
    [unclear] = await siti.send("hmm entahlah")
    assert "tombol" in unclear["text"]
    [contact_q] = await siti.send("anonim aja")
    assert "menghubungimu" in contact_q["text"]
    [summary] = await _press(siti, contact_q, "Boleh")
    assert "anonim" in summary["text"]


def test_who_may_read_a_rahasia_report() -> None:
    from dataclasses import replace

    from bot.reports.domain.categories import Level, Status
    from bot.reports.domain.views import MediaView, ReportView

    view = ReportView(
        id=1,
        code="LP-2026-000001",
        status=Status.CLAIMED,
        category="rumah_ibadah",
        description=STORY,
        region_code="36.72",
        region_name="Kota Cilegon",
        province_name="Banten",
        when_choice="today",
        occurred_on=None,
        urgent=False,
        anonymous=True,
        reporter_name=None,
        contact_ok=True,
        has_reporter=True,
        level=Level.REGENCY,
        claimed_by_partner_id=3,
        claimed_by_name="FKUB",
        outcome=None,
        has_location=True,
        latitude=-6.01,
        longitude=106.05,
        created_at=datetime(2026, 1, 1),
        updated_at=datetime(2026, 1, 1),
        media=(MediaView("photo", "f1", "di depan gereja"),),
        confidentiality=Confidentiality.RAHASIA,
    )
    assert may_read(view, Reader(partner_id=3))
    assert may_read(view, Reader(admin=True)) and may_read(view, Reader(reporter=True))
    assert not may_read(view, Reader(partner_id=4)) and not may_read(view, ANYONE)
    hidden = as_read_by(view, Reader(partner_id=4))
    assert hidden.withheld and hidden.description == "" and hidden.media == ()
    assert hidden.latitude is None and hidden.region_code == "36.72"
    # an anonymous (not rahasia) report reads as before
    plain = replace(view, confidentiality=Confidentiality.ANONYMOUS)
    assert as_read_by(plain, ANYONE) is plain

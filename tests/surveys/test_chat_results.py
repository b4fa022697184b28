"""/hasil in the chat, invitations through broadcasts, reminders, anonymity, free text."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from sqlalchemy import select

from bot.clock import ManualClock
from bot.people.models import Role
from bot.surveys.imports import import_csv
from bot.surveys.invite import send_invitation
from bot.surveys.models import SurveyParticipant, SurveyResponse
from bot.surveys.reminders import send_reminders
from tests.support.harness import TOKEN, Harness, button_texts
from tests.support.markers import both_backends
from tests.surveys.helpers import definition, download, last_when, load_open
from tests.surveys.test_analysis import POST, PRE


@pytest.fixture
def clock(manual_clock: ManualClock) -> ManualClock:
    return manual_clock


@both_backends
async def test_hasil_sends_summary_charts_and_an_xlsx_that_opens(
    harness: Harness, emulator_url: str
) -> None:
    services = harness.services
    await services.surveys.load(definition("pre", wave="pre", pair="post"))
    await services.surveys.load(definition("post", wave="post", pair="pre"))
    for slug, data in (("pre", PRE), ("post", POST)):
        info = await services.surveys.get(slug)
        await import_csv(services.db, services.clock, info, data.encode(), f"{slug}.csv")
    citizen = harness.user("Warga")
    await citizen.send("/start")
    [refused] = await citizen.send("/hasil post")
    assert "hanya untuk peran tertentu" in refused["text"]

    coord = harness.user("Koordinator")
    await coord.send("/start")
    await services.people.grant(coord.id, Role.COORDINATOR, by="test")
    [listing] = await coord.send("/hasil")
    assert (
        "<code>" not in listing["text"]
        and "post — Survei Cek (draft, 6 selesai)" in listing["text"]
    )
    [unknown] = await coord.send("/hasil tidak-ada")
    assert "tidak ditemukan" in unknown["text"]

    summary, likert, means, document = await coord.send("/hasil post", expect=4)
    assert "Survei Cek (post)" in summary["text"] and "Selesai: 6" in summary["text"]
    assert "Dibandingkan dengan pre" in summary["text"]
    assert "Daerah Khusus Ibukota Jakarta: n=< 5" in summary["text"]
    assert likert.get("photo") and means.get("photo")
    assert "95%" in means["caption"]
    assert document["document"]["file_name"] == "post.xlsx"
    xlsx = await download(emulator_url, TOKEN, document["document"]["file_id"])
    sheets = pd.read_excel(io.BytesIO(xlsx), sheet_name=None)
    assert set(sheets) == {"summary", "questions", "comparison", "breakdown", "text_answers"}
    q1 = sheets["questions"][sheets["questions"]["question"] == "q1"]
    assert q1["count"].tolist() == [0, 0, 2, 2, 2]
    assert sheets["comparison"]["n_paired"].tolist()[0] == 5
    png = await download(emulator_url, TOKEN, likert["photo"][-1]["file_id"])
    assert png.startswith(b"\x89PNG")


async def test_invitation_broadcast_reminder_and_anonymity(
    harness: Harness, manual_clock: ManualClock
) -> None:
    services = harness.services
    await load_open(services, anonymous=True)
    done, fresh = harness.user("Sudah"), harness.user("Belum")
    for u in (done, fresh):
        await u.send("/start")
    # "Sudah" completes the survey first
    [listing] = await done.send("/survei")
    await done.press(listing, "Survei Cek", expect=2)
    for label in ("Netral", "Tidak"):
        await done.press((await done.inbox())[-1], label, expect=1)
    await done.send("-")
    await done.press((await done.inbox())[-1], "Diam", expect=1)

    info = await services.surveys.get("cek")
    await send_invitation(services.db, services.catalog, services.broadcasts, info)
    invite = await last_when(
        fresh, lambda m: "Lima pertanyaan singkat." in (m.get("text") or ""), timeout=15
    )
    assert button_texts(invite) == ["📝 Isi survei"]
    await fresh.press(invite, "Isi survei", expect=2)
    # who already completed the survey is not invited
    assert all("📝 Isi survei" not in button_texts(m) for m in await done.inbox())

    # "Belum" stops after one answer; a day later one reminder comes, and only one
    await fresh.press((await fresh.inbox())[-1], "Setuju", expect=1)
    assert (
        await send_reminders(
            services.survey_runner,
            services.surveys,
            services.catalog,
            services.outbox,
            "id",
        )
        == 0
    )
    manual_clock.advance(hours=25)
    before = len(await fresh.inbox())
    sent = await send_reminders(
        services.survey_runner, services.surveys, services.catalog, services.outbox, "id"
    )
    assert sent == 1
    reminder = (await fresh.emu.wait_bot_messages(fresh.id, before + 1))[-1]
    assert "belum selesai" in reminder["text"] and button_texts(reminder) == ["📝 Isi survei"]
    assert (
        await send_reminders(
            services.survey_runner,
            services.surveys,
            services.catalog,
            services.outbox,
            "id",
        )
        == 0
    )
    await fresh.press(reminder, "Isi survei", expect=2)
    assert "2/5" in (await fresh.inbox())[-1]["text"]

    doc = await services.survey_analysis.results("cek", by="role")
    assert doc["invited"] == 1 and doc["started"] == 2 and doc["completed"] == 1
    text = json.dumps(doc)
    for uid in (done.id, fresh.id):
        assert str(uid) not in text
    async with services.db.session() as s:
        finished = (
            await s.scalars(select(SurveyResponse).where(SurveyResponse.completed_at.is_not(None)))
        ).all()
        participants = (await s.scalars(select(SurveyParticipant.user_id))).all()
    assert [r.user_id for r in finished] == [None]  # anonymous: the answers are linked to no one
    assert participants == [done.id]  # who took part is kept apart, for "one response" and segments


async def test_free_text_asks_for_surveys(harness: Harness) -> None:
    await load_open(harness.services)
    user = harness.user("Rina")
    await user.send("/start")
    [reply] = await user.send("saya mau ikut survei dong", timeout=30)
    assert button_texts(reply) == ["📝 Survei Cek"]

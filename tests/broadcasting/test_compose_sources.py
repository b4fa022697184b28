"""/siaran with what other features offer: cohort / topic / survey-state segments, a content item
as the message, a "take the survey" button; and the wizard's error details in Indonesian."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.content.keyboards import ShareCb
from bot.content.library import ItemDraft
from bot.people.models import Role
from bot.surveys.models import Survey, SurveyParticipant
from tests.broadcasting.support import FAST, audience, eventually, finished, received
from tests.support.harness import Harness, UserDriver, buttons
from tests.surveys.helpers import load_open

COORDINATOR = 4343


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"admins": [COORDINATOR], "broadcasts": FAST, "flood": {"max_messages": 200}}


async def _coordinator(harness: Harness) -> UserDriver:
    rina = harness.user("Rina", user_id=COORDINATOR)
    await rina.send("/start")
    return rina


async def _version(
    user: UserDriver, message_id: int, check: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    """The message ``message_id`` once an edit made ``check`` true."""

    async def probe() -> Any:
        for m in await user.inbox():
            if m["message_id"] == message_id and check(m):
                return m
        return None

    return await eventually(probe, timeout=10)


def _has(needle: str) -> Callable[[dict[str, Any]], bool]:
    return lambda m: needle in (m.get("text") or "")


def _button(label: str) -> Callable[[dict[str, Any]], bool]:
    return lambda m: any(label in b["text"] for b in buttons(m))


async def _complete(harness: Harness, slug: str, user_ids: list[int]) -> None:
    from sqlalchemy import select

    async with harness.services.db.transaction() as s:
        survey_id = await s.scalar(select(Survey.id).where(Survey.slug == slug))
        for uid in user_ids:
            s.add(SurveyParticipant(survey_id=survey_id, user_id=uid))


async def _send_now(rina: UserDriver, segment: dict[str, Any]) -> None:
    """From the segment step: preview, now, confirm."""
    await rina.press(segment, "Lanjut", expect=3)
    await rina.press(await rina.last(), "Sekarang", expect=1)
    await rina.press(await rina.last(), "Kirim", expect=1)


async def test_cohort_topic_and_survey_state_segments(harness: Harness) -> None:
    content = harness.services.content
    cohort = await content.add_cohort(None, "Sekolah Demokrasi Banten 2024", "36")
    other = await content.add_cohort(None, "Sekolah Demokrasi Jabar 2024", "32")
    in_cohort = await audience(harness, 4)
    outside = await audience(harness, 2)
    for uid in in_cohort:
        await content.cohorts.join(cohort.invite_code, uid, None)
    for uid in outside:
        await content.cohorts.join(other.invite_code, uid, None)
    # topics: two in the cohort and both outside care about tolerance
    for uid in [*in_cohort[:2], *outside]:
        await content.cohorts.set_topics(uid, ["toleransi"])
    await load_open(harness.services, "pre")
    await _complete(harness, "pre", [in_cohort[0], outside[0]])
    rina = await _coordinator(harness)

    await rina.send("/siaran")
    [menu] = await rina.send("Halo alumni Banten!")
    await rina.press(menu, "Lanjut", expect=1)
    segment = await rina.last()
    mid = segment["message_id"]
    await rina.press(segment, "Angkatan")
    segment = await _version(rina, mid, _button("Sekolah Demokrasi Banten 2024"))
    await rina.press(segment, "Banten 2024")
    segment = await _version(rina, mid, _has("saat ini: 4 orang"))
    assert "Angkatan: Sekolah Demokrasi Banten 2024" in segment["text"]
    await rina.press(segment, "Kembali")
    segment = await _version(rina, mid, _button("Topik"))
    await rina.press(segment, "Topik")
    segment = await _version(rina, mid, _button("Toleransi"))
    await rina.press(segment, "Toleransi")
    segment = await _version(rina, mid, _has("saat ini: 2 orang"))
    await rina.press(segment, "Kembali")
    segment = await _version(rina, mid, _button("Survei"))
    await rina.press(segment, "Survei")
    segment = await _version(rina, mid, _button("Sudah isi"))
    await rina.press(segment, "Sudah isi")
    segment = await _version(rina, mid, _has("Sudah mengisi survei: Survei Cek"))
    assert "saat ini: 1 orang" in segment["text"]  # in_cohort[0]
    await rina.press(segment, "✅ Sudah isi")  # off again
    segment = await _version(rina, mid, lambda m: "Sudah mengisi" not in m["text"])
    await rina.press(segment, "Belum isi")
    segment = await _version(rina, mid, _has("Belum mengisi survei: Survei Cek"))
    assert "saat ini: 1 orang" in segment["text"]  # in_cohort[1]
    # a forged toggle (a survey that is not offered) changes nothing
    await rina.press_data(segment, "bc:sn:rahasia")
    await rina.press(segment, "Kembali")
    segment = await _version(rina, mid, _button("Atur wilayah"))
    assert "saat ini: 1 orang" in segment["text"]

    await _send_now(rina, segment)
    [info] = await harness.services.broadcasts.list_broadcasts(limit=1)
    assert info.segment.cohorts == [str(cohort.id)]
    assert info.segment.topics == ["toleransi"]
    assert info.segment.surveys_not_completed == ["pre"]
    assert "rahasia" not in info.segment.surveys_not_completed
    progress = await finished(harness, info.id)
    assert (progress.total, progress.sent) == (1, 1)
    counts = await received(harness, in_cohort + outside)
    assert {u for u, n in counts.items() if n} == {in_cohort[1]}


async def test_compose_from_a_content_item(harness: Harness) -> None:
    content = harness.services.content
    item, _ = await content.library.upsert(
        ItemDraft(
            slug="cek-fakta-dulu",
            title="Cek Fakta Dulu",
            body="Sebelum berbagi kabar soal rumah ibadah, cek dulu sumbernya &amp; tanggalnya.",
            topics=("cek-fakta",),
        )
    )
    alumni = await audience(harness, 3, role=Role.ALUMNI)
    citizens = await audience(harness, 2)
    rina = await _coordinator(harness)

    [ask] = await rina.send("/siaran")
    await rina.press(ask, "Pilih dari konten", expect=1)
    listing = await rina.last()
    assert "Cek Fakta Dulu" in buttons(listing)[0]["text"]
    await rina.press(listing, "Cek Fakta Dulu", expect=1)
    menu = await rina.last()
    assert "Bagikan" in menu["text"]  # the item's share buttons come with it
    await rina.press(menu, "Lanjut", expect=1)
    segment = await rina.last()
    await rina.press(segment, "Alumni")
    segment = await _version(rina, segment["message_id"], _has("saat ini: 3 orang"))
    await rina.press(segment, "Lanjut", expect=3)
    preview = (await rina.inbox())[-2]
    assert "cek dulu sumbernya &amp; tanggalnya" not in preview["text"]
    assert "cek dulu sumbernya & tanggalnya" in preview["text"]
    await rina.press(await rina.last(), "Sekarang", expect=1)
    await rina.press(await rina.last(), "Kirim", expect=1)

    [info] = await harness.services.broadcasts.list_broadcasts(limit=1)
    assert info.source == "content:cek-fakta-dulu" and info.title == "Cek Fakta Dulu"
    await finished(harness, info.id)
    counts = await received(harness, alumni + citizens)
    assert [counts[u] for u in alumni] == [1, 1, 1]
    assert sum(counts[u] for u in citizens) == 0
    [got] = await harness.emu.bot_messages(alumni[0])
    assert "Sebelum berbagi kabar" in got["text"] and "/berhenti" in got["text"]
    share = [b for b in buttons(got) if "switch_inline_query" in b]
    assert share and share[0]["switch_inline_query"] == item.slug
    shared = ShareCb(action="start", item=item.id).pack()
    assert [b.get("callback_data") for b in buttons(got)][1] == shared


async def test_survey_button_starts_the_survey(harness: Harness) -> None:
    await load_open(harness.services, "cek")
    sari = harness.user("Sari")
    await sari.send("/start")
    await harness.services.people.grant(sari.id, Role.PARTNER, by="test")
    rina = await _coordinator(harness)

    await rina.send("/siaran")
    [menu] = await rina.send("Bantu kami: isi survei singkat tentang toleransi di kotamu 🙏")
    await rina.press(menu, "Tombol isi survei", expect=1)
    listing = await rina.last()
    await rina.press(listing, "Survei Cek", expect=1)
    menu = await rina.last()
    assert "Isi survei" in menu["text"]
    await rina.press(menu, "Lanjut", expect=1)
    segment = await rina.last()
    await rina.press(segment, "Mitra")
    segment = await _version(rina, segment["message_id"], _has("saat ini: 1 orang"))
    await _send_now(rina, segment)
    [info] = await harness.services.broadcasts.list_broadcasts(limit=1)
    await finished(harness, info.id)

    got = await eventually(lambda: _last_of(sari, "toleransi di kotamu"))
    assert [b["callback_data"] for b in buttons(got)] == ["sv:start:cek"]
    await sari.press(got, "Isi survei", expect=2)
    intro, question = (await sari.inbox())[-2:]
    assert "Survei Cek" in intro["text"]
    assert "nyaman" in question["text"]
    started, _ = await harness.services.surveys.counts(
        (await harness.services.surveys.get("cek")).id
    )
    assert started == 1


async def test_wizard_errors_are_in_indonesian(harness: Harness) -> None:
    rina = await _coordinator(harness)
    await rina.send("/siaran")
    [bad] = await rina.send("x" * 4000)
    assert "paling banyak" in bad["text"] and "characters" not in bad["text"]
    [menu] = await rina.send("Pesan singkat")
    await rina.press(menu, "Tombol tautan", expect=1)
    [bad] = await rina.send("Baca")
    assert "tanda |" in bad["text"] and "use a |" not in bad["text"]
    [bad] = await rina.send("Baca | ftp://contoh.org/a&b")
    assert (
        "harus diawali https://" in bad["text"]
        and "yang dikirim: ftp://contoh.org/a&b\n" in bad["text"]
    )


async def _last_of(user: UserDriver, needle: str) -> Any:
    for m in reversed(await user.inbox()):
        if needle in (m.get("text") or ""):
            return m
    return None

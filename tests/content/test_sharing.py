"""Sharing and referrals through the emulator: inline cards, chosen results, self-reported shares,
referral joins attributed once, and /dampak and /peringkat figures that match the events."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.clock import ManualClock
from tests.content.helpers import cohort_code, content_of, join_cohort, load_samples, soon
from tests.support.harness import Harness, button_texts
from tests.support.markers import both_backends


@pytest.fixture
def clock(manual_clock: ManualClock) -> ManualClock:
    manual_clock.set(datetime(2025, 11, 16, 3, 0, tzinfo=UTC))  # 10:00 WIB, Hari Toleransi
    return manual_clock


def _referral_link(result: dict[str, Any]) -> str:
    text = result["input_message_content"]["message_text"]
    return text.rsplit(" ", 1)[1]


async def _alumnus(harness: Harness, name: str, code: str, **kw: Any):  # type: ignore[no-untyped-def]
    user = harness.user(name)
    await join_cohort(harness, user, code, **kw)
    return user


@both_backends
async def test_inline_cards_carry_the_sharers_referral_link(harness: Harness) -> None:
    await load_samples(harness)
    _, code = await cohort_code(harness)
    siti = await _alumnus(harness, "Siti", code)
    qid = await harness.emu.inline_query(siti.info, "toleransi")
    answer = await harness.emu.inline_answer(qid)
    results = answer["results"]
    titles = {r["title"] for r in results}
    assert titles == {"Merawat Kebhinekaan dari Rumah", "Beda Pilihan, Tetap Bersaudara"}
    assert answer["is_personal"] is True
    siti_code = await content_of(harness).sharing.referral_code(siti.id)
    for r in results:
        link = _referral_link(r)
        assert (
            link
            == f"https://t.me/{(await harness.runtime.bot.me()).username}?start=r-{siti_code}_{r['id'][1:]}"
        )
        assert r["reply_markup"]["inline_keyboard"][0][0]["url"] == link
    # another sharer gets their own link
    budi = await _alumnus(harness, "Budi", code)
    qid = await harness.emu.inline_query(budi.info, "kenali hak")
    [card] = (await harness.emu.inline_answer(qid))["results"]
    assert card["title"] == "Kenali Hak Beribadah"
    assert siti_code not in _referral_link(card)

    await harness.emu.choose_inline_result(siti.info, results[0]["id"], "toleransi")
    await harness.emu.choose_inline_result(siti.info, "bogus", "toleransi")  # ignored
    for _ in range(100):
        impact = await content_of(harness).impact.impact(siti.id)
        if impact.total.shares:
            break
        await asyncio.sleep(0.05)
    assert impact.total.shares_by_channel == {"telegram": 1}


async def test_the_share_button_searches_the_item_by_slug(harness: Harness) -> None:
    await load_samples(harness)
    user = harness.user("Ani")
    await user.send("/start")
    qid = await harness.emu.inline_query(user.info, "cek-fakta-sebelum-berbagi")
    results = (await harness.emu.inline_answer(qid))["results"]
    assert (
        results[0]["id"]
        == f"c{(await content_of(harness).library.by_slug('cek-fakta-sebelum-berbagi')).id}"
    )
    qid = await harness.emu.inline_query(user.info, "")
    assert len((await harness.emu.inline_answer(qid))["results"]) == 4


async def test_self_reported_share_with_link(harness: Harness) -> None:
    await load_samples(harness)
    _, code = await cohort_code(harness)
    siti = await _alumnus(harness, "Siti", code)
    [listing] = await siti.send("/konten")
    await siti.press(listing, "Kenali Hak", expect=1)
    item = await siti.last()
    await siti.press(item, "Sudah saya bagikan", expect=1)
    where = await siti.last()
    assert "di mana" in where["text"]
    assert {"WhatsApp", "Instagram", "TikTok", "X", "Luring"} <= set(button_texts(where))
    await siti.press(where, "Instagram")
    await soon(siti, "Tercatat", message_id=where["message_id"])
    [bad] = await siti.send("bukan tautan")
    assert "bukan tautan" in bad["text"] or "tautan" in bad["text"]
    [ok] = await siti.send("https://www.instagram.com/p/CxYz123/")
    assert "tersimpan" in ok["text"]
    # a second share, without a link
    await siti.press(item, "Sudah saya bagikan", expect=1)
    where2 = await siti.last()
    await siti.press(where2, "WhatsApp")
    await soon(siti, "Tercatat", message_id=where2["message_id"])
    await siti.press(await soon(siti, "Tercatat", message_id=where2["message_id"]), "Lewati")
    await soon(siti, "Terima kasih", message_id=where2["message_id"])
    impact = await content_of(harness).impact.impact(siti.id)
    assert impact.total.shares_by_channel == {"instagram": 1, "whatsapp": 1}
    # a forged channel is refused and records nothing
    answer = await siti.press_data(where2, f"sh:ch:{item['message_id']}:myspace")
    assert "tidak" in answer.get("text", "").lower()
    assert (await content_of(harness).impact.impact(siti.id)).total.shares == 2


@both_backends
async def test_referral_attributed_once_never_to_oneself(harness: Harness) -> None:
    await load_samples(harness)
    _, code = await cohort_code(harness)
    siti = await _alumnus(harness, "Siti", code)
    sharing = content_of(harness).sharing
    ref = await sharing.referral_code(siti.id)
    item = await content_of(harness).library.by_slug("kenali-hak-beribadah")
    assert item is not None

    newcomer = harness.user("Andi")
    greeting, note = await newcomer.send(f"/start r-{ref}_{item.id}", expect=2)
    assert "Halo, Andi!" in greeting["text"]
    assert "Siti" in note["text"] and "Kenali Hak Beribadah" in note["text"]
    # the same person again, and through another alumnus's link: not attributed again
    await newcomer.send(f"/start r-{ref}_{item.id}", expect=1)
    budi = await _alumnus(harness, "Budi", code)
    budi_ref = await sharing.referral_code(budi.id)
    await newcomer.send(f"/start r-{budi_ref}", expect=1)
    # an existing user is not attributed, nor is the alumnus through their own link
    old = harness.user("Lama")
    await old.send("/start")
    await old.send(f"/start r-{ref}", expect=1)
    _, own = await siti.send(f"/start r-{ref}", expect=2)
    assert "tautan ajakanmu sendiri" in own["text"]
    # an unknown code: "not valid", nothing recorded
    stranger = harness.user("Asing")
    _, invalid = await stranger.send("/start r-ZZZZZZZZ", expect=2)
    assert "tidak berlaku" in invalid["text"]

    siti_impact = await content_of(harness).impact.impact(siti.id)
    budi_impact = await content_of(harness).impact.impact(budi.id)
    assert siti_impact.total.joined == 1 and budi_impact.total.joined == 0
    stats = {r.key: r for r in await content_of(harness).stats(None)}
    assert stats["kenali-hak-beribadah"].joined == 1


async def test_impact_and_leaderboard_match_the_events(
    harness: Harness, clock: ManualClock
) -> None:
    await load_samples(harness)
    cohort_id, code = await cohort_code(harness)
    siti = await _alumnus(harness, "Siti", code, opt_in=True)
    budi = await _alumnus(harness, "Budi", code, opt_in=False)
    rina = await _alumnus(harness, "Rina", code, opt_in=True)
    content = content_of(harness)
    people = harness.services.people
    item = await content.library.by_slug("kenali-hak-beribadah")
    assert item is not None
    ref = await content.sharing.referral_code(siti.id)

    # last month: one share and one referred user who reported once
    clock.set(datetime(2025, 10, 20, 5, 0, tzinfo=UTC))
    await content.sharing.record_share(siti.id, item.id, "whatsapp")
    first = harness.user("Joko")
    await first.send(f"/start r-{ref}", expect=2)
    await people.record_activity(first.id, "report_submitted")
    # this month (November in WIB): two shares, one more referred user with a survey and a report
    clock.set(datetime(2025, 11, 16, 3, 0, tzinfo=UTC))
    await content.sharing.record_share(siti.id, item.id, "instagram")
    await content.sharing.record_share(siti.id, item.id, "whatsapp")
    await people.record_activity(first.id, "survey_completed")
    second = harness.user("Wati")
    await second.send(f"/start r-{ref}_{item.id}", expect=2)
    await people.record_activity(second.id, "report_submitted")
    await people.record_activity(second.id, "something_else")  # not reach
    await people.record_activity(siti.id, "report_submitted")  # her own: not reach
    # Budi shares more but hides his name; Rina shares once
    for _ in range(4):
        await content.sharing.record_share(budi.id, item.id, "tiktok")
    await content.sharing.record_share(rina.id, item.id, "x")

    [impact] = await siti.send("/dampak")
    month, total = impact["text"].split("Total")
    assert "Dibagikan: 2 kali (WhatsApp 1, Instagram 1)" in month
    assert "Bergabung lewat tautanmu: 1 orang" in month
    assert "Laporan dari mereka: 1" in month and "Survei yang mereka isi: 1" in month
    assert "Dibagikan: 3 kali (WhatsApp 2, Instagram 1)" in total
    assert "Bergabung lewat tautanmu: 2 orang" in total
    assert "Laporan dari mereka: 2" in total and "Survei yang mereka isi: 1" in total

    [board] = await siti.send("/peringkat")
    text = board["text"]
    assert "Sekolah Demokrasi Banten 2023" in text
    assert "1. Siti — 2 bergabung, 3 dibagikan" in text
    assert "3. Rina — 0 bergabung, 1 dibagikan" in text  # Budi is 2nd but hidden
    assert "Budi" not in text
    [budi_board] = await budi.send("/peringkat")
    assert (
        "Peringkatmu: 2 dari 3" in budi_board["text"] and "tidak ditampilkan" in budi_board["text"]
    )
    await budi.press(budi_board, "Tampilkan namaku")
    for _ in range(100):
        profile = await content.cohorts.profile(budi.id)
        if profile and profile.leaderboard_opt_in:
            break
        await asyncio.sleep(0.05)
    [after] = await siti.send("/peringkat")
    assert "2. Budi — 0 bergabung, 4 dibagikan" in after["text"]
    standings = await content.impact.leaderboard(cohort_id)
    assert [s.name for s in standings] == ["Siti", "Budi", "Rina"]

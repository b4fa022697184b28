"""What the reporter wrote reaches the partner whole: a long story under its card, every caption
under its file (masked like the story when an anonymous reporter asks), and a story too long to
keep is answered, never dropped in silence. Timelines and logs name people, never their ids."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.people.models import Role
from bot.reports.domain.pii import draft_kinds, mask_draft
from bot.reports.flows.story import CARD_STORY, caption_parts, split_story, story_pieces
from tests.reports.helpers import (
    CILEGON,
    CILEGON_GROUP,
    STORY,
    draft,
    file_report,
    open_groups,
    quick_report,
    settings_with,
    settle_outbox,
)
from tests.support.harness import Harness, UserDriver, button_texts
from tests.support.markers import both_backends

MEMBER_ID = 777000111
REPORTER_ID = 888000222


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return settings_with(CILEGON, reports={"max_media": 6})


def long_story(length: int) -> tuple[str, list[str]]:
    """A story of about ``length`` characters made of distinct sentences (some with HTML's
    special characters), and its sentences."""
    sentences = ['Spanduk bertuliskan <usir> & "tolak" dipasang di pagar gereja kami di Cilegon.']
    i = 1
    while len(" ".join(sentences)) < length - 120:
        sentences.append(
            f"Pada hari ke-{i} gereja kami kembali disegel dan jemaat diusir satpol pp."
        )
        i += 1
    return " ".join(sentences), sentences


async def press(user: UserDriver, message: dict[str, Any], label: str) -> dict[str, Any]:
    before = len(await user.inbox())
    await user.press(message, label, expect=1)
    return (await user.inbox())[before]


async def answer_the_rest(user: UserDriver, category: dict[str, Any]) -> dict[str, Any]:
    """From the category question to the summary: Cilegon, today, no danger, no evidence,
    anonymous, may be contacted."""
    message = category
    labels = ("Rumah ibadah", "Cilegon", "Lewati", "Hari ini", "Tidak", "Selesai", "Tidak, aku")
    for label in (*labels, "Boleh"):
        message = await press(user, message, label)
    return message


async def group_messages(harness: Harness) -> list[dict[str, Any]]:
    await settle_outbox(harness)
    return await harness.emu.bot_messages(CILEGON_GROUP)


@both_backends
async def test_a_long_free_text_story_is_kept_and_read_whole_by_the_partner(
    harness: Harness,
) -> None:
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti")
    await siti.send("/start")
    story, sentences = long_story(4090)
    assert 4000 < len(story) <= 4096
    intro, category = await siti.send(story, expect=2, timeout=30)  # the NLU starts a report
    assert "Lapor insiden" in intro["text"] and "terlalu panjang" not in category["text"]
    place = await press(siti, category, "Rumah ibadah")
    pin = await press(siti, place, "Cilegon")
    when = await press(siti, pin, "Lewati")
    assert button_texts(when)[:4] == [
        "Hari ini",
        "Kemarin",
        "Dalam 7 hari terakhir",
        "Lebih dari seminggu lalu",
    ]
    danger = await press(siti, when, "Dalam 7 hari terakhir")
    evidence = await press(siti, danger, "Tidak")
    identity = await press(siti, evidence, "Selesai")
    contact = await press(siti, identity, "Tidak, aku")
    summary = await press(siti, contact, "Boleh")
    await siti.press(summary, "Kirim", expect=1)
    [mine] = await harness.services.reports.intake.mine(siti.id)
    assert mine.description == story  # kept whole

    card, *under = await group_messages(harness)
    assert mine.code in card["text"] and "lanjutan ceritanya di bawah" in card["text"]
    assert len(card["text"]) < CARD_STORY + 600  # the card stays short
    assert under and all(m["reply_to_message"]["message_id"] == card["message_id"] for m in under)
    assert all("lanjutan cerita" in m["text"] and mine.code in m["text"] for m in under)
    texts = [m["text"] for m in (card, *under)]
    missing = [s for s in sentences if not any(s in text for text in texts)]
    assert not missing, f"{len(missing)} of {len(sentences)} sentences not found, e.g. {missing[0]}"


async def test_a_coordinator_reads_the_whole_story_in_a_reports_details(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    story, sentences = long_story(4000)
    report = await quick_report(harness, harness.user("Siti"), text=story)
    koor = harness.user("Koor")
    await koor.send("/start")
    await harness.services.people.grant(koor.id, Role.COORDINATOR, by="test")
    [dash] = await koor.send("/laporan")
    before = len(await koor.inbox())
    await koor.press(dash, report.code, expect=2)
    detail, *rest = (await koor.inbox())[before:]
    assert "📜 Riwayat" in button_texts(detail) and rest
    texts = [m["text"] for m in (detail, *rest)]
    assert all(any(s in text for text in texts) for s in sentences)


async def test_a_free_text_story_over_the_limit_is_answered_and_asked_again(
    harness: Harness,
) -> None:
    siti = harness.user("Siti")
    await siti.send("/start")
    story, _ = long_story(4600)
    assert len(story) > 4096
    intro, told, ask = await siti.send(story, expect=3, timeout=30)
    assert "Lapor insiden" in intro["text"]
    assert f"{len(story):,}".replace(",", ".") in told["text"] and "4.096" in told["text"]
    assert "belum saya simpan" in told["text"]
    assert "Ceritakan apa yang terjadi" in ask["text"]
    # the shorter version is taken at the step it asked for
    [category] = await siti.send(story[:3000])
    assert "Kejadiannya termasuk" in category["text"] or "Sepertinya" in category["text"]


async def test_a_story_typed_after_lapor_is_the_reports_story(harness: Harness) -> None:
    siti = harness.user("Siti")
    await siti.send("/start")
    intro, category = await siti.send(f"/lapor {STORY}", expect=2, timeout=30)
    assert "Lapor insiden" in intro["text"] and "Sepertinya ini tentang" in category["text"]
    summary = await answer_the_rest(siti, category)
    assert STORY in summary["text"] and "Kota Cilegon" in summary["text"]
    # over the limit after /lapor, with a draft open: "Mulai ulang" takes it, and answers it
    story, _ = long_story(4600)
    [resume] = await siti.send(f"/lapor {story}")
    assert "belum selesai" in resume["text"]
    before = len(await siti.inbox())
    await siti.press(resume, "Mulai ulang", expect=3, timeout=30)
    intro, told, ask = (await siti.inbox())[before:]
    assert "belum saya simpan" in told["text"] and "Ceritakan apa" in ask["text"]


async def test_a_story_telegram_split_in_two_messages_is_joined(harness: Harness) -> None:
    """Telegram sends a text over 4,096 characters as several messages: the part that comes at
    the category question, after a story that filled a message, is the rest of the story."""
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti")
    await siti.send("/start")
    story, sentences = long_story(5200)
    cut = story.rindex(" ", 0, 4096)
    first, rest = story[:cut], story[cut + 1 :]
    await siti.send("/lapor", expect=2)
    [category] = await siti.send(first)
    assert "Sepertinya" in category["text"] or "Kejadiannya termasuk" in category["text"]
    told, again = await siti.send(rest, expect=2)
    length = f"{len(story):,}".replace(",", ".")
    assert "sudah saya gabungkan" in told["text"] and length in told["text"]
    assert "Kejadiannya termasuk" in again["text"] or "Sepertinya" in again["text"]
    summary = await answer_the_rest(siti, again)
    # once the category is chosen, text is an answer again: here, where a button is expected
    [hint] = await siti.send("Rumah ibadah di dekat pasar")
    assert "Pilih salah satu tombol" in hint["text"]
    await siti.press(summary, "Kirim", expect=1)
    [mine] = await harness.services.reports.intake.mine(siti.id)
    assert mine.description == story
    texts = [m["text"] for m in await group_messages(harness) if m.get("text")]
    missing = [s for s in sentences if not any(s in text for text in texts)]
    assert not missing, f"{len(missing)} of {len(sentences)} sentences not found"


@both_backends
async def test_each_caption_reaches_the_partner_under_its_own_file(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti")
    await siti.send("/start")
    long_caption = "Foto ini diambil dari seberang jalan. " * 30  # over Telegram's 1,024
    await file_report(
        siti,
        captions=("Segel di pintu depan gereja <b>pagi</b> & siang.", long_caption),
        album_captions=("Spanduk penolakan di pagar.", "Petugas satpol pp berjaga."),
    )
    [mine] = await harness.services.reports.intake.mine(siti.id)
    view = await harness.services.reports.view(mine.id)
    assert sorted(m.caption or "" for m in view.media) == sorted(
        [
            "Segel di pintu depan gereja <b>pagi</b> & siang.",
            long_caption.strip(),
            "Spanduk penolakan di pagar.",
            "Petugas satpol pp berjaga.",
        ]
    )
    msgs = await group_messages(harness)
    # the photos go as one album, each with its own caption after the report's code
    [album] = await harness.emu.calls("sendMediaGroup")
    sent = [m.get("caption") or "" for m in album["params"]["media"]]
    shown = [m.get("caption") or "" for m in msgs if m.get("photo")]
    assert len(sent) == 4 and sorted(shown) == sorted(
        c.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") for c in sent
    )
    for caption in (
        "Segel di pintu depan gereja <b>pagi</b> & siang.",
        "Spanduk penolakan di pagar.",
        "Petugas satpol pp berjaga.",
    ):
        assert f"{mine.code}: {caption}" in shown
    # the caption over 1,024 characters: cut on the photo, whole in a message under the card
    [cut] = [c for c in shown if c.startswith(f"{mine.code}: Foto ini")]
    assert cut.endswith("jalan.…") and len(cut) <= 1024
    [full] = [m for m in msgs if "Keterangan lengkap bukti" in (m.get("text") or "")]
    assert long_caption.strip() in full["text"]
    assert full["reply_to_message"]["message_id"] == msgs[0]["message_id"]


async def test_an_anonymous_reporters_captions_are_masked_when_they_agree(
    harness: Harness,
) -> None:
    """The story's check ("Samarkan?") covers captions; masked captions reach the partner."""
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti")
    await siti.send("/start")
    reports = harness.services.reports
    phone = "081234567890"
    for caption in (f"Hubungi saya di {phone} kalau perlu.", "Pintu gereja disegel."):
        photo = await harness.emu.send_message(siti.info, photo=True)
        await reports.evidence.add_draft_media(
            siti.id,
            "photo",
            photo["photo"][-1]["file_id"],
            None,
            max_count=6,
            max_bytes=10**6,
            caption=caption,
        )
    person = await harness.services.people.get(siti.id)
    t = harness.services.catalog.translator(person.language)
    wizard = draft(anonymous=True)  # a story without identifiers: only a caption has one
    wizard.media = await reports.evidence.draft_media(siti.id)
    assert draft_kinds(wizard) == ["PHONE"]
    mask_draft(wizard, t("report-pii-placeholder"))
    await harness.services.report_flows.submit(person, t, wizard)
    captions = [m.get("caption") or "" for m in await group_messages(harness) if m.get("photo")]
    assert len(captions) == 2 and phone not in str(captions)
    assert any("Hubungi saya di [disamarkan] kalau perlu." in c for c in captions)
    assert any("Pintu gereja disegel." in c for c in captions)


async def test_timeline_and_logs_name_people_never_their_telegram_ids(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti", user_id=REPORTER_ID)
    await siti.send("/start")
    await file_report(siti, photos=1)
    member = harness.user("Ahmad", user_id=MEMBER_ID)
    await member.send("/start")
    await harness.services.reports.partners.add_member(1, member.id)
    card = (await group_messages(harness))[0]
    answer = await member.press(card, "Tangani")
    assert "sekarang Anda tangani" in answer["text"]
    await member.press(card, "Riwayat", expect=1)
    timeline = (await harness.emu.bot_messages(CILEGON_GROUP))[-1]
    assert "Riwayat" in timeline["text"]
    assert "FKUB Kota Cilegon (Ahmad) · mulai ditangani" in timeline["text"]
    assert str(MEMBER_ID) not in timeline["text"] and str(REPORTER_ID) not in timeline["text"]
    ours = [r for r in caplog.records if r.name.startswith("bot.reports")]
    assert ours, "the reports logged nothing: the check below would be empty"
    for record in ours:
        line = record.getMessage()
        assert str(MEMBER_ID) not in line and str(REPORTER_ID) not in line, line


def test_a_story_is_cut_after_a_sentence_and_loses_no_word() -> None:
    story, sentences = long_story(4096)
    head, rest = story_pieces(story)
    assert len(head) <= CARD_STORY and head.endswith(".")
    assert " ".join([head, *rest]).split() == story.split()
    assert all(any(s in piece for piece in (head, *rest)) for s in sentences)
    # no sentence end: cut after a word; no space at all: cut at the limit
    assert split_story("kata " * 100, 52) == (("kata " * 10).strip(), ("kata " * 90).strip())
    assert split_story("x" * 60, 50) == ("x" * 50, "x" * 10)
    # Telegram counts UTF-16 units: an emoji is two
    assert split_story("🙏" * 30, 50) == ("🙏" * 25, "🙏" * 5)


def test_a_caption_is_escaped_and_cut_within_telegrams_limit() -> None:
    assert caption_parts("LP-2026-000001", None) == ("LP-2026-000001", "")
    assert caption_parts("LP-2026-000001", "a <b> & c") == (
        "LP-2026-000001: a &lt;b&gt; &amp; c",
        "",
    )
    shown, overflow = caption_parts("LP-2026-000001", "Satu kalimat. " * 100)
    assert len(shown) <= 1024 and shown.endswith("kalimat.…")
    assert overflow == "Satu kalimat. " * 100  # sent whole, as text


async def test_the_wizard_asks_about_an_identifier_in_a_caption_and_masks_it(
    harness: Harness,
) -> None:
    """Through the wizard: a caption with a phone number is asked about ("Samarkan?") like the
    story, and after "Ya, samarkan" the partner's photo carries the masked caption."""
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti")
    await siti.send("/start")
    phone = "081298765432"
    [ask] = await file_report(siti, captions=(f"Foto ini dari saya, WA {phone}.",))
    assert "nomor HP" in ask["text"]
    await siti.press(ask, "samarkan", expect=2)
    await settle_outbox(harness)
    captions = [m.get("caption") or "" for m in await group_messages(harness) if m.get("photo")]
    assert captions and phone not in str(captions)
    assert any("[disamarkan]" in c for c in captions)

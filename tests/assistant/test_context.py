"""Context first: a pending question or a reply decides what text means; costly guesses ask first."""

from __future__ import annotations

from typing import Any

import pytest

from tests.reports.helpers import CILEGON, CILEGON_GROUP, file_report, open_groups, settings_with
from tests.support.harness import Harness, UserDriver, button_texts
from tests.support.markers import both_backends
from tests.surveys.helpers import load_open, press_exact

MENU_ID = ["Lapor Insiden", "Konten Kampanye", "Survei", "Status Laporan", "Bantuan"]


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {**settings_with(CILEGON), "flood": {"max_messages": 200}}


async def opted_out(harness: Harness, user: UserDriver) -> bool:
    return (await harness.services.people.get(user.id)).opted_out


async def answers(harness: Harness) -> dict[str, list[str | None]]:
    from sqlalchemy import select

    from bot.surveys.models import SurveyAnswer

    async with harness.services.db.session() as s:
        rows = (await s.execute(select(SurveyAnswer.question_id, SurveyAnswer.value))).all()
    out: dict[str, list[str | None]] = {}
    for qid, value in rows:
        out.setdefault(qid, []).append(value)
    return out


async def at_yes_no_question(harness: Harness, name: str) -> tuple[UserDriver, dict[str, Any]]:
    """A user who answered q1 (likert) and now sees q2, the yes/no question."""
    await load_open(harness.services)
    user = harness.user(name)
    await user.send("/start")
    [listing] = await user.send("Survei")
    await user.press(listing, "Survei Cek", expect=2)
    q1 = (await user.inbox())[-1]
    await press_exact(user, q1, "Setuju", expect=1)
    q2 = (await user.inbox())[-1]
    assert "2/5" in q2["text"] and button_texts(q2)[:2] == ["Ya", "Tidak"]
    return user, q2


# --- a survey question owns the text typed at it


async def test_tidak_at_a_yes_no_question_answers_it_and_never_unsubscribes(
    harness: Harness,
) -> None:
    user, q2 = await at_yes_no_question(harness, "Tidak")
    [q4] = await user.send("tidak")
    assert "4/5" in q4["text"]  # "Tidak" hides q3 (shown only after "Ya")
    assert (await answers(harness))["q2"] == ["tidak"]
    assert await opted_out(harness, user) is False
    q2_now = (await user.inbox())[-2]
    assert q2_now["message_id"] == q2["message_id"]
    assert "Tidak" in q2_now["text"] and not q2_now.get("reply_markup")  # recorded, no buttons


async def test_typed_option_tolerates_case_slang_and_typos(harness: Harness) -> None:
    await load_open(harness.services)
    user = harness.user("Ketik")
    await user.send("/start")
    [listing] = await user.send("Survei")
    await user.press(listing, "Survei Cek", expect=2)
    [q2] = await user.send("STUJU")  # q1, likert: a typo of "Setuju"
    assert "2/5" in q2["text"]
    [q3] = await user.send("iya")  # q2, yes/no
    assert "3/5" in q3["text"]
    assert (await answers(harness))["q1"] == ["4"]
    assert (await answers(harness))["q2"] == ["ya"]


async def test_text_that_names_no_option_shows_the_buttons_again(harness: Harness) -> None:
    user, _q2 = await at_yes_no_question(harness, "Bingung")
    hint, again = await user.send("setuju", expect=2)  # once started a report
    assert "Pilih salah satu tombol" in hint["text"]
    assert "2/5" in again["text"] and button_texts(again)[:2] == ["Ya", "Tidak"]
    [stop] = await user.send("berhenti")
    assert "Pilih salah satu tombol" in stop["text"]
    assert "q2" not in await answers(harness)
    assert await opted_out(harness, user) is False
    assert await harness.services.reports.intake.mine(user.id) == []


async def test_a_reply_to_a_survey_question_answers_that_question(harness: Harness) -> None:
    user, q2 = await at_yes_no_question(harness, "Balas")
    # first the user goes idle (e.g. /batal), then replies to the question with Telegram's Reply
    await user.send("/batal")
    [q3] = await user.send("Ya", reply_to_message_id=q2["message_id"])
    assert "3/5" in q3["text"] and "Di mana?" in q3["text"]
    assert (await answers(harness))["q2"] == ["ya"]


async def test_a_reply_to_an_answered_question_is_not_taken_for_it(harness: Harness) -> None:
    user, q2 = await at_yes_no_question(harness, "Lama")
    await user.send("tidak")
    # the recorded question has no buttons any more: a reply to it asks nothing, so the text goes
    # to the pending step, q4 (a text question), and q2 keeps its answer
    [q5] = await user.send("Ya", reply_to_message_id=q2["message_id"])
    assert "5/5" in q5["text"]
    assert (await answers(harness))["q2"] == ["tidak"]


# --- never act on a guess that costs something


async def test_berhenti_alone_asks_before_unsubscribing(harness: Harness) -> None:
    user = harness.user("Henti")
    await user.send("/start")
    [ask] = await user.send("berhenti")
    assert "Maksudmu berhenti menerima siaran" in ask["text"]
    assert button_texts(ask) == ["Ya, berhenti", "Tidak"]
    assert await opted_out(harness, user) is False
    await user.press(ask, "Tidak", expect=1)
    assert "tidak ada yang berubah" in (await user.last())["text"]
    assert await opted_out(harness, user) is False

    [ask] = await user.send("berhenti")
    await user.press(ask, "Ya, berhenti", expect=1)
    done = await user.last()
    assert "tidak akan menerima siaran" in done["text"] and button_texts(done) == MENU_ID
    assert await opted_out(harness, user) is True


async def test_stopping_something_else_is_not_unsubscribing(harness: Harness) -> None:
    user = harness.user("Relawan")
    await user.send("/start")
    [ask] = await user.send("saya mau berhenti jadi relawan")
    assert "Maksudmu berhenti menerima siaran" in ask["text"]
    assert await opted_out(harness, user) is False


async def test_erasing_is_never_done_from_a_guess(harness: Harness) -> None:
    user = harness.user("Hapus")
    await user.send("/start")
    [ask] = await user.send("hapus data saya")
    assert "yakin mau menghapus" in ask["text"] and "Ya, hapus" in button_texts(ask)
    assert await opted_out(harness, user) is False
    assert (await harness.services.people.get(user.id)).first_name == "Hapus"


async def test_an_unclear_report_asks_and_yes_starts_it_with_the_text(harness: Harness) -> None:
    user = harness.user("Ragu")
    await user.send("/start")
    [ask] = await user.send("setuju")  # lapor_insiden 0.57: under the calibrated 0.70
    assert "Mau melaporkan" in ask["text"]
    assert button_texts(ask) == ["Ya, lapor", "Tidak"]
    await user.press(ask, "Ya, lapor", expect=2)
    intro, first = (await user.inbox())[-2:]
    assert "Lapor insiden" in intro["text"]
    assert "ceritakan" in first["text"].lower() or "kejadian" in first["text"].lower()


# --- a Telegram reply to a relayed question reaches the partner


async def test_a_reply_to_a_relayed_question_reaches_the_partner(harness: Harness) -> None:
    await open_groups(harness, CILEGON_GROUP)
    siti = harness.user("Siti")
    await siti.send("/start")
    await file_report(siti)
    report = (await harness.services.reports.intake.mine(siti.id))[0]
    fkub = harness.user("Pak Ahmad")
    await fkub.send("/start")
    await harness.services.reports.partners.add_member(1, fkub.id)
    card = (await harness.emu.wait_bot_messages(CILEGON_GROUP, 1))[0]
    await fkub.press(card, "Minta Info", expect=1)
    before = len(await siti.inbox())
    group = harness.group("group", CILEGON_GROUP)
    await fkub.send("Jam berapa kejadiannya?", chat=group)
    [question] = (await harness.emu.wait_bot_messages(siti.id, before + 1))[before:]
    assert "Jam berapa kejadiannya?" in question["text"]

    # no Balas button pressed: Siti just replies to the question
    before_group = len(await harness.emu.bot_messages(CILEGON_GROUP))
    [thanks] = await siti.send("Sekitar jam 9 pagi.", reply_to_message_id=question["message_id"])
    assert "sudah diteruskan" in thanks["text"]
    relayed = (await harness.emu.wait_bot_messages(CILEGON_GROUP, before_group + 1))[-1]
    assert "Sekitar jam 9 pagi." in relayed["text"] and report.code in relayed["text"]
    assert "Siti" not in relayed["text"]


# --- the small fixes


async def test_report_is_an_english_alias_of_lapor(harness: Harness) -> None:
    user = harness.user("Report", language_code="en")
    await user.send("/start")
    intro, _first = await user.send("/report", expect=2)
    assert "Report" in intro["text"]


async def test_start_in_a_group_posts_no_citizen_keyboard(harness: Harness) -> None:
    user = harness.user("Grup")
    group = harness.group("Warga", -100777)
    [reply] = await user.send("/start", chat=group)
    assert "obrolan pribadi" in reply["text"]
    assert not (reply.get("reply_markup") or {}).get("keyboard")


@both_backends
async def test_start_after_erasing_greets_as_new(harness: Harness) -> None:
    user = harness.user("Maria")
    await user.send("/start")
    [again] = await user.send("/start")
    assert "Selamat datang kembali" in again["text"]
    [ask] = await user.send("/hapusdata")
    await user.press(ask, "Ya, hapus")
    [fresh] = await user.send("/start")
    assert "Selamat datang kembali" not in fresh["text"]
    assert "Halo, Maria!" in fresh["text"]


async def test_a_greeting_after_erasing_greets_as_new(harness: Harness) -> None:
    user = harness.user("Maria")
    await user.send("/start")
    [ask] = await user.send("/hapusdata")
    await user.press(ask, "Ya, hapus")
    [hello] = await user.send("halo")
    assert "Selamat datang kembali" not in hello["text"] and "Halo, Maria!" in hello["text"]

"""Taking a survey end to end through the emulator: Back, show_if, text, resume, one response."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.people.models import UserActivity
from bot.surveys.models import SurveyAnswer, SurveyParticipant, SurveyResponse
from tests.support.harness import Harness, button_texts, find_button
from tests.support.markers import both_backends
from tests.surveys.helpers import last_when, load_open, press_exact


async def _answers(harness: Harness) -> dict[str, list[str | None]]:
    async with harness.services.db.session() as s:
        rows = (
            await s.execute(select(SurveyAnswer.question_id, SurveyAnswer.value, SurveyAnswer.text))
        ).all()
    out: dict[str, list[str | None]] = {}
    for qid, value, text in rows:
        out.setdefault(qid, []).append(value if value is not None else text)
    return out


@both_backends
async def test_take_survey_with_back_show_if_text_and_no_second_attempt(harness: Harness) -> None:
    await load_open(harness.services)
    siti = harness.user("Siti")
    await siti.send("/start")
    [listing] = await siti.send("Survei")  # the menu button
    assert button_texts(listing) == ["📝 Survei Cek"]
    await siti.press(listing, "Survei Cek", expect=2)
    intro, q1 = (await siti.inbox())[-2:]
    assert "Lima pertanyaan singkat." in intro["text"]
    assert "1/5" in q1["text"] and "Saya nyaman & tenang." in q1["text"]
    assert button_texts(q1) == [
        "Sangat tidak setuju",
        "Tidak setuju",
        "Netral",
        "Setuju",
        "Sangat setuju",
    ]

    await press_exact(siti, q1, "Tidak setuju", expect=1)
    msgs = await siti.inbox()
    q2 = msgs[-1]
    assert "2/5" in q2["text"] and button_texts(q2) == ["Ya", "Tidak", "⬅️ Kembali"]
    assert "➡️" in msgs[-2]["text"] and not msgs[-2].get("reply_markup")  # q1 keeps its answer

    # Back: the same message turns into q1 again, with the earlier answer marked
    await siti.press(q2, "Kembali")
    q2_now = await last_when(siti, lambda m: "1/5" in m["text"])
    assert "✓ Tidak setuju" in button_texts(q2_now)
    await siti.press(q2_now, "Sangat setuju", expect=1)
    q2 = (await siti.inbox())[-1]
    await siti.press(q2, "Tidak", expect=1)  # q3 is hidden: "Where?" only after "Ya"
    q4 = (await siti.inbox())[-1]
    assert "4/5" in q4["text"] and "Saran?" in q4["text"]
    assert button_texts(q4) == ["Lewati", "⬅️ Kembali"]
    [q5] = await siti.send("Lebih banyak <dialog> & acara bersama")
    assert "5/5" in q5["text"]
    await siti.press(q5, "Menegur", expect=1)
    thanks = (await siti.inbox())[-1]
    assert "Terima kasih" in thanks["text"]

    answers = await _answers(harness)
    assert answers == {
        "q1": ["5"],
        "q2": ["tidak"],
        "q4": ["Lebih banyak <dialog> & acara bersama"],
        "q5": ["tegur"],
    }
    async with harness.services.db.session() as s:
        activity = await s.scalar(
            select(func.count()).where(
                UserActivity.user_id == siti.id, UserActivity.kind == "survey_completed"
            )
        )
        response = await s.scalar(select(SurveyResponse))
        participants = (await s.scalars(select(SurveyParticipant.user_id))).all()
    assert activity == 1
    assert response.completed_at is not None and response.user_id == siti.id  # not anonymous
    assert participants == [siti.id]

    # one response per person: the list is empty and the old start button is refused
    [none] = await siti.send("/survei")
    assert "belum ada survei" in none["text"]
    answer = await siti.press(listing, "Survei Cek")
    assert "sudah mengisi" in answer["text"]
    assert len(await _answers(harness)) == 4


async def test_multi_choice_show_if_and_skip(harness: Harness) -> None:
    await load_open(harness.services)
    budi = harness.user("Budi", language_code="en")
    await budi.send("/start")
    [listing] = await budi.send("/survei")
    await budi.press(listing, "Check Survey", expect=2)
    q1 = (await budi.inbox())[-1]
    await budi.press(q1, "Neutral", expect=1)
    q2 = (await budi.inbox())[-1]
    await budi.press(q2, "Yes", expect=1)
    q3 = (await budi.inbox())[-1]
    assert "3/5" in q3["text"] and "Where?" in q3["text"]
    # Next without a choice is refused (the question is required)
    refused = await budi.press(q3, "Next")
    assert "at least one" in refused["text"]
    await budi.press(q3, "Instagram")
    await last_when(budi, lambda m: "✅ Instagram" in button_texts(m))
    await budi.press(q3, "WhatsApp")
    q3 = await last_when(budi, lambda m: "✅ WhatsApp" in button_texts(m))
    assert button_texts(q3)[:2] == ["✅ Instagram", "✅ WhatsApp"]
    await budi.press(q3, "Instagram")  # untick
    q3 = await last_when(budi, lambda m: "▫️ Instagram" in button_texts(m))
    await budi.press(q3, "Next", expect=1)
    q4 = (await budi.inbox())[-1]
    await budi.press(q4, "Skip", expect=1)
    q5 = (await budi.inbox())[-1]
    await budi.press(q5, "Nothing", expect=1)
    assert "Thank you" in (await budi.inbox())[-1]["text"]
    assert await _answers(harness) == {"q1": ["3"], "q2": ["ya"], "q3": ["wa"], "q5": ["diam"]}


@both_backends
async def test_resume_after_restart_and_text_state_survives(harness: Harness) -> None:
    await load_open(harness.services)
    ani = harness.user("Ani")
    await ani.send("/start")
    [listing] = await ani.send("/survei")
    await ani.press(listing, "Survei Cek", expect=2)
    await ani.press((await ani.inbox())[-1], "Netral", expect=1)
    await ani.press((await ani.inbox())[-1], "Tidak", expect=1)
    assert "4/5" in (await ani.inbox())[-1]["text"]  # a text question: waiting for a message
    await harness.restart()
    [q5] = await ani.send("Tetap rukun")  # the answer still reaches the survey after a redeploy
    assert "5/5" in q5["text"]
    await harness.restart()
    [listing] = await ani.send("/survei")
    assert button_texts(listing) == ["▶️ Lanjutkan: Survei Cek"]
    await ani.press(listing, "Lanjutkan", expect=2)
    resumed, q5 = (await ani.inbox())[-2:]
    assert "lanjutkan" in resumed["text"] and "5/5" in q5["text"]
    assert (await _answers(harness))["q4"] == ["Tetap rukun"]


async def test_forged_and_stale_buttons_are_refused(harness: Harness) -> None:
    await load_open(harness.services)
    siti, eko = harness.user("Siti"), harness.user("Eko")
    for u in (siti, eko):
        await u.send("/start")
    [listing] = await siti.send("/survei")
    await siti.press(listing, "Survei Cek", expect=2)
    q1 = (await siti.inbox())[-1]
    data = find_button(q1, "Netral")
    # Eko presses Siti's button (forged: he never saw it)
    [eko_menu] = await eko.send("/survei")
    answer = await eko.press_data(eko_menu, data)
    assert "sudah lewat" in answer["text"]
    assert await _answers(harness) == {}
    # a button of a question already answered is stale
    await siti.press(q1, "Netral", expect=1)
    stale = await siti.press_data(q1, data)
    assert "sudah lewat" in stale["text"]
    # a survey slug that does not exist
    missing = await siti.press_data(listing, "sv:start:tidak-ada")
    assert "tidak dibuka" in missing["text"]
    assert await _answers(harness) == {"q1": ["3"]}


async def test_closed_survey_and_audience(harness: Harness) -> None:
    from bot.surveys.models import SurveyStatus

    await load_open(harness.services, audience={"roles": ["alumni"]})
    user = harness.user("Warga")
    await user.send("/start")
    [none] = await user.send("/survei")
    assert "belum ada survei" in none["text"]
    refused = await user.press_data(none, "sv:start:cek")
    assert "kelompok peserta lain" in refused["text"]
    await harness.services.surveys.set_status("cek", SurveyStatus.CLOSED)
    closed = await user.press_data(none, "sv:start:cek")
    assert "tidak dibuka" in closed["text"]

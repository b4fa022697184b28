"""Normalisation before classifying: stretched letters, regional words and affixes, typos,
threat versus act, incitement; and the categories offered when two are close."""

from __future__ import annotations

import pytest

from bot.nlu.engine import Engine, featurize, word_concepts
from bot.nlu.lexicon import concept_tokens
from bot.nlu.regional import regional_affix
from bot.nlu.service import NluService
from bot.nlu.text import normalize_text


def test_regional_function_words_become_indonesian() -> None:
    assert normalize_text("wes ora usah") == "sudah tidak usah"  # Javanese
    assert normalize_text("tos ulah deui") == "sudah jangan lagi"  # Sundanese
    assert normalize_text("aye kagak mau") == "saya tidak mau"  # Betawi
    assert normalize_text("ambo indak tahu") == "saya tidak tahu"  # Minang


@pytest.mark.parametrize(
    ("word", "standard"),
    [("dibubarkeun", "dibubarkan"), ("dibubarke", "dibubarkan"), ("dibubarne", "dibubarkan")],
)
def test_regional_verb_endings(word: str, standard: str) -> None:
    assert regional_affix(word) == standard


def test_regional_affix_leaves_other_words() -> None:
    assert regional_affix("sekolahne") is None  # no verb prefix
    assert regional_affix("dike") is None


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("halooo", "halo"),  # stretched letters
        ("gerejaa", "gereja"),
        ("lapran", "laporan"),  # vowel dropped
        ("diancm", "diancam"),
        ("dsegel", "disegel"),
        ("dihentikeun", "dihentikan"),  # Sundanese ending
        ("laporanmu", "laporan"),  # possessive endings
        ("gerejane", "gereja"),  # Javanese -e
    ],
)
def test_corrector_maps_variants_to_training_words(
    nlu_engine: Engine, typed: str, known: str
) -> None:
    assert nlu_engine.corrector is not None
    assert nlu_engine.corrector.correct(typed) == known


def test_corrector_keeps_known_and_short_words(nlu_engine: Engine) -> None:
    assert nlu_engine.corrector is not None
    for word in ("gereja", "di", "2026", "xq"):
        assert nlu_engine.corrector.correct(word) == word


def concepts_of(text: str) -> list[str]:
    return concept_tokens(normalize_text(text).split(), word_concepts)


def test_a_threat_is_not_an_act() -> None:
    threat = concepts_of("kalau tidak pindah bakal dibakar rumahnya")
    assert "kx_ancaman" in threat and "kx_kekerasan" not in threat
    act = concepts_of("rumahnya dibakar tadi malam")
    assert "kx_kekerasan" in act and "kx_ancaman" not in act


def test_incitement_is_hate_speech() -> None:
    assert "kx_hasutan" in concepts_of("katanya halal darahnya")
    called = concepts_of("bunuh saja mereka")
    assert "kx_hasutan" in called and "kx_kekerasan" not in called
    assert "kx_hasutan" in concepts_of("the preacher called for attacks")


def test_report_numbers_without_prefix_are_a_feature() -> None:
    assert "kx_tiket" in featurize("2026-000731 udah diproses?").split()
    assert "kx_tiket" in featurize("LP-2026-000731").split()
    assert "kx_tiket" not in featurize("tahun 2026 ada 3 kasus").split()


@pytest.mark.parametrize(
    ("text", "intent", "category"),
    [
        ("wes ora usah ngirim pesen maneh", "berhenti", None),
        ("halooo mimin", "sapa", None),
        ("pie kabare aduanku?", "cek_status", None),
        ("misa kami dibubarkeun warga", "lapor_insiden", "pembubaran_ibadah"),
        ("mereka bilang gereja bakal dibakar kalau tetap dipakai", "lapor_insiden", "intimidasi"),
        ("gereja kami dibakar massa semalam", "lapor_insiden", "kekerasan"),
        (
            "di grup warga disebar pesan bahwa penghayat halal darahnya",
            "lapor_insiden",
            "ujaran_kebencian",
        ),
    ],
)
def test_parse_reads_regional_and_contextual_texts(
    nlu_service: NluService, text: str, intent: str, category: str | None
) -> None:
    result = nlu_service.parse_sync(text)
    assert result.guess == intent
    if category is not None:
        assert result.category_best == category


def test_report_number_without_prefix_is_extracted(nlu_service: NluService) -> None:
    result = nlu_service.parse_sync("status 2026-004410 gimana?")
    found = result.entity("nomor_laporan")
    assert found is not None and found.value == "2026-004410"


def test_story_in_the_wizard_always_gets_categories(nlu_service: NluService) -> None:
    plain = nlu_service.parse_sync("kemarin sore")
    story = nlu_service.parse_sync("kemarin sore", report=True)
    assert story.category_ranking and len(story.category_choices) >= 1
    assert plain.category is None

"""Gazetteer: aliases, ambiguity, typos, guarded words, codes."""

from __future__ import annotations

import pytest

from bot.geo import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def codes(regions: list) -> list[str]:
    return [r.code for r in regions]


def test_counts_and_codes(gaz: Gazetteer) -> None:
    kinds = [r.kind for r in gaz.regions]
    assert kinds.count("provinsi") == 38
    assert len(kinds) - 38 == 514
    assert gaz.get("36.72").name == "Kota Cilegon"
    assert gaz.get("3672").code == "36.72"
    assert gaz.province_of("36.72").name == "Banten"
    assert gaz.province_of("36").code == "36"
    assert gaz.is_valid_region_code("31.74")
    assert not gaz.is_valid_region_code("99.99")
    assert gaz.get("nope") is None


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("Solo", "33.72"),
        ("jogja", "34.71"),
        ("Yogya", "34.71"),
        ("Tangsel", "36.74"),
        ("jaksel", "31.74"),
        ("Jakpus", "31.71"),
        ("jakbar", "31.73"),
        ("JAKTIM", "31.75"),
        ("jakut", "31.72"),
        ("Pagaralam", "16.72"),
        ("Pagar Alam", "16.72"),
        ("kota cilegon", "36.72"),
        ("Kab. Sampang", "35.27"),
        ("makasar", "73.71"),
    ],
)
def test_aliases(gaz: Gazetteer, alias: str, code: str) -> None:
    assert codes(gaz.resolve(alias)) == [code]


@pytest.mark.parametrize("name", ["Bekasi", "bogor", "Serang", "Tasikmalaya", "tasik", "malang"])
def test_kota_and_kabupaten_both_returned(gaz: Gazetteer, name: str) -> None:
    found = gaz.resolve(name)
    assert len(found) == 2
    assert {r.kind for r in found} == {"kota", "kabupaten"}
    assert len({r.province_code for r in found}) == 1


def test_prefix_disambiguates(gaz: Gazetteer) -> None:
    assert codes(gaz.resolve("Kota Bekasi")) == ["32.75"]
    assert codes(gaz.resolve("kab bekasi")) == ["32.16"]
    assert codes(gaz.resolve("Kabupaten Serang")) == ["36.04"]


@pytest.mark.parametrize(
    ("typo", "code"), [("cilegn", "36.72"), ("surabya", "35.78"), ("sidoarjoo", "35.15")]
)
def test_typos(gaz: Gazetteer, typo: str, code: str) -> None:
    assert codes(gaz.resolve(typo)) == [code]


def test_nothing_plausible(gaz: Gazetteer) -> None:
    assert gaz.resolve("xyzzy qwerty") == []
    assert gaz.resolve("") == []


def test_suggest(gaz: Gazetteer) -> None:
    found = gaz.suggest("bekas", limit=3)
    assert "32.75" in codes(found) or "32.16" in codes(found)
    assert len(gaz.suggest("surabaya", limit=5)) <= 5
    assert gaz.suggest("surabaya")[0].code == "35.78"


def test_find_in_text_offsets_and_ambiguity(gaz: Gazetteer) -> None:
    text = "gereja kami di serang ditolak warga padahal izin sdh lengkap"
    [m] = gaz.find_in_text(text)
    assert (m.start, m.end, m.text) == (15, 21, "serang")
    assert text[m.start : m.end] == "serang"
    assert m.ambiguous and codes(list(m.candidates)) == ["36.04", "36.73"]


def test_find_in_text_prefix_and_alias(gaz: Gazetteer) -> None:
    found = gaz.find_in_text("Kejadian di Kab. Bogor, lalu di Kota Depok dan Solo")
    assert [m.text for m in found] == ["Kab. Bogor", "Kota Depok", "Solo"]
    assert [codes(list(m.candidates)) for m in found] == [["32.01"], ["32.76"], ["33.72"]]


def test_guarded_words(gaz: Gazetteer) -> None:
    assert gaz.find_in_text("masjid dilempari batu oleh pemuda") == []
    assert gaz.find_in_text("nasib malang menimpa kami") == []
    assert gaz.find_in_text("kepalanya dipukul pakai palu") == []
    assert gaz.find_in_text("Roh Kudus menyertai kita") == []
    [m] = gaz.find_in_text("kejadiannya di kota batu kemarin")
    assert codes(list(m.candidates)) == ["35.79"] and m.text == "kota batu"
    [m] = gaz.find_in_text("jemaat di batu diserang")
    assert codes(list(m.candidates)) == ["35.79"]
    assert codes(list(gaz.find_in_text("ada kasus di bangli")[0].candidates)) == ["51.06"]
    assert gaz.find_in_text("bangli") == []
    assert gaz.find_in_text("di kawasan puncak bogor")[-1].text == "bogor"
    assert all(m.text != "puncak" for m in gaz.find_in_text("di kawasan puncak bogor"))


def test_fuzzy_in_text_needs_cue(gaz: Gazetteer) -> None:
    [m] = gaz.find_in_text("penolakan gereja di cilegn kemarin")
    assert codes(list(m.candidates)) == ["36.72"] and m.score < 100
    assert gaz.find_in_text("kami berkumpul di sekolah dan di rumah") == []
    assert gaz.find_in_text("cilegn") == []


def test_assume_place_for_short_answers(gaz: Gazetteer) -> None:
    assert codes(gaz.resolve("batu")) == ["35.79"]
    assert codes(gaz.resolve("Serang, Banten")) == ["36.04", "36.73"]
    assert codes(gaz.resolve("bogor jawa barat")) == ["32.01", "32.71"]

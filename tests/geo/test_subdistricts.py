"""Gazetteer below the kabupaten: kecamatan and desa resolved to kab/kota, pairs, refusals."""

from __future__ import annotations

import pytest

from bot.geo import Gazetteer
from bot.geo.subdistricts import SubdistrictIndex


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def first(gaz: Gazetteer, text: str) -> list[str] | None:
    found = gaz.find_in_text(text)
    return sorted(c.code for c in found[0].candidates) if found else None


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # a kecamatan alone settles Kota vs Kabupaten
        ("gereja kami di tambun selatan bekasi disegel", ["32.16"]),
        ("musala di bekasi timur ditutup", ["32.75"]),
        ("izin masjid di Bangil ditolak", ["35.14"]),
        ("ibadah dibubarkan di Kartasura", ["33.11"]),
        ("rumah doa di Pamulang diprotes", ["36.74"]),
        # "X, Y" and "X Y": kecamatan + kabupaten/kota (or its province)
        ("pembangunan vihara di Kartasura, Sukoharjo dihentikan", ["33.11"]),
        ("peringatan asyura di Bangil, Pasuruan dilarang", ["35.14"]),
        ("lokasinya di Lembang, Bandung Barat", ["32.17"]),
        ("kejadian di Lembang Bandung", ["32.17"]),
        ("di Bekasi, Tambun Selatan", ["32.16"]),
        ("kapel di Kec. Cisarua, Kab. Bogor dibongkar", ["32.01"]),
        ("dukcapil di Kasihan Bantul menolak", ["34.02"]),
        # an exact sub-district beats a fuzzy kabupaten ("Lembang" is not Palembang)
        ("misa dibubarkan di Lembang", ["32.17", "73.15"]),
        # desa with its prefix (the desa index is read on first use)
        ("warga Desa Condongcatur menolak", ["34.04"]),
        # a kab/kota exact name still wins over a kecamatan of the same name
        ("gereja di Sukoharjo disegel", ["33.11"]),
    ],
)
def test_subdistricts_resolve_to_their_kabupaten(
    gaz: Gazetteer, text: str, codes: list[str]
) -> None:
    assert first(gaz, text) == codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("di KBB ada gereja disegel", ["32.17"]),
        ("PBG gereja di Jaksel belum keluar", ["31.74"]),
        ("grup warga Tangsel", ["36.74"]),
        ("pengajian di Kab. Bekasi", ["32.16"]),
        ("sekolah di Kota Bekasi", ["32.75"]),
        ("kantor pemkab bekasi", ["32.16"]),
    ],
)
def test_abbreviations_and_prefixes(gaz: Gazetteer, text: str, codes: list[str]) -> None:
    assert first(gaz, text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "rapat banjar mutusin pura ga boleh direnovasi",  # Balinese banjar: the neighbourhood
        "pura di banjar kami mau dibangun",  # ... even after "di"
        "anak badung itu ngelempar batu",  # badung: naughty
        "kasihan banget jemaat diusir",  # Kasihan is a kecamatan in Bantul
        "gentengnya dilempari sampai bocor",  # Genteng is a kecamatan in Banyuwangi
        "nasib malang jemaat kami",
        "kebaktian padang rumput dibubarkan",
        "mohon izin menyampaikan kasus KBB di daerah kami",  # KBB: freedom of religion
        "kepala desa baru melarang ibadah",
        "aparat di kecamatan kami diam saja",
    ],
)
def test_common_words_are_not_places(gaz: Gazetteer, text: str) -> None:
    assert gaz.find_in_text(text) == []


def test_bare_last_word_after_a_sentence(gaz: Gazetteer) -> None:
    assert first(gaz, "gentengnya dilempari batu sampai bocor. tegal") == ["33.28", "33.76"]
    assert first(gaz, "gentengnya dilempari batu tegal sekali") is None


def test_resolve_answers_a_where_question(gaz: Gazetteer) -> None:
    assert [r.code for r in gaz.resolve("Kartasura")] == ["33.11"]
    assert [r.code for r in gaz.resolve("tambun selatan")] == ["32.16"]
    assert [r.code for r in gaz.resolve("Condongcatur")] == ["34.04"]  # a desa
    assert [r.code for r in gaz.resolve("Kasihan")] == ["34.02"]  # answered, not chatted
    assert "16.71" not in [r.code for r in gaz.resolve("Lembang")]


def test_desa_are_read_only_when_needed() -> None:
    index = SubdistrictIndex()
    assert not index.desa_loaded
    assert index.kecamatan_parents("tambun selatan") == ("32.16",)
    assert index.kecamatan_parents("tambunselatan") == ("32.16",)
    assert index.desa_parents("condongcatur") == ("34.04",)
    assert index.desa_loaded
    assert len(index.kecamatan) > 7000


def test_a_custom_region_list_has_no_subdistricts() -> None:
    default = Gazetteer.default()
    small = Gazetteer([r for r in default.regions if r.province_code == "33"])
    assert small.find_in_text("di Kartasura") == []
    assert [c.code for c in small.find_in_text("di Sukoharjo")[0].candidates] == ["33.11"]


def test_a_kind_word_alone_is_no_sub_district() -> None:
    """'Kota' is also a kecamatan (in Kota Kediri, Kudus…): a made-up 'Kota X' is no place."""
    gaz = Gazetteer.default()
    assert gaz.resolve("Kota Antah Berantah Sekali") == []
    assert [r.code for r in gaz.resolve("Kota Kediri")] == ["35.71"]

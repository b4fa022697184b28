"""Catalogues: both languages have every message, and user text is escaped."""

from bot.i18n import Catalog, Safe


def test_catalogues_have_the_same_keys() -> None:
    catalog = Catalog()
    missing_en = catalog.keys("id") - catalog.keys("en")
    missing_id = catalog.keys("en") - catalog.keys("id")
    assert not missing_en, f"missing in en: {sorted(missing_en)}"
    assert not missing_id, f"missing in id: {sorted(missing_id)}"


def test_arguments_are_escaped_unless_safe() -> None:
    t = Catalog().translator("id")
    assert "&lt;script&gt;" in t("start-again", name="<script>")
    assert "<i>x</i>" in t("start-again", name=Safe("<i>x</i>"))


def test_unknown_language_falls_back_to_default() -> None:
    assert Catalog().translator("fr")("menu-help") == "Bantuan"

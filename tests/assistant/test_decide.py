"""Deciding on free text without Telegram: calibrated thresholds and costly intents."""

from __future__ import annotations

from pathlib import Path

from bot.assistant.decide import Route, decide
from bot.nlu.calibration import NEVER, Thresholds, calibrate, intent_threshold
from bot.nlu.loader import data_hash
from bot.nlu.result import NluParse

DATA_DIR = Path(__file__).resolve().parents[2] / "nlu_data"


def parse(text: str, intent: str | None, confidence: float) -> NluParse:
    return NluParse(text=text, intent=intent, confidence=confidence)


def test_threshold_is_the_lowest_band_from_which_every_band_is_precise() -> None:
    preds = [("a", "a", 0.95)] * 20 + [("a", "a", 0.75)] * 19 + [("b", "a", 0.72)]
    preds += [("a", "a", 0.65)] * 3 + [("b", "a", 0.61)] * 2  # 0.6-0.7: 3 of 5 right
    found = intent_threshold("a", preds, 0.95)
    assert found.threshold == 0.7
    assert found.precision == round(39 / 40, 4) and found.recall == round(39 / 42, 4)
    assert intent_threshold("a", [("b", "a", 0.99)], 0.95).threshold == NEVER


def test_thresholds_round_trip_and_default_to_asking() -> None:
    thresholds = calibrate([("a", "a", 0.9), ("b", "b", 0.8)], data_hash="x")
    again = Thresholds.from_json(thresholds.to_json())
    assert again == thresholds and again.threshold("a") == 0.9
    assert again.threshold("unknown") == NEVER


def test_the_shipped_thresholds_match_the_data() -> None:
    shipped = Thresholds.load(DATA_DIR)
    assert shipped is not None and shipped.data_hash == data_hash(DATA_DIR)
    assert 0.6 < shipped.threshold("berhenti") <= 0.9
    assert 0.6 < shipped.threshold("lapor_insiden") <= 0.9


def test_costly_intents_ask_unless_sure() -> None:
    def threshold(intent: str) -> float:
        return 0.7

    assert decide(parse("tidak", "berhenti", 0.59), threshold).route is Route.CONFIRM
    assert decide(parse("berhenti", "berhenti", 0.99), threshold).route is Route.CONFIRM
    assert decide(parse("stop kirim pesan", "berhenti", 0.99), threshold).route is Route.ACT
    assert decide(parse("hapus data saya", "berhenti", 0.99), threshold).route is Route.ERASE
    assert decide(parse("setuju", "lapor_insiden", 0.57), threshold).route is Route.CONFIRM
    assert decide(parse("mau lapor", "lapor_insiden", 0.89), threshold).route is Route.ACT
    assert decide(parse("halo", "sapa", 0.56), threshold).route is Route.ACT
    assert decide(parse("asdf", None, 0.2), threshold).route is Route.UNKNOWN

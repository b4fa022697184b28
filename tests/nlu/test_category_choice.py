"""Top two categories when they are close: calibrated margin, NluParse API, thresholds file."""

from __future__ import annotations

from pathlib import Path

from bot.nlu.calibration import CategoryMargin, Thresholds, category_margin
from bot.nlu.heldout import HeldOut, load_heldout, macro_f1, score
from bot.nlu.result import NluParse
from bot.nlu.service import NluService

DATA_DIR = Path(__file__).resolve().parents[2] / "nlu_data"


def test_margin_is_where_the_best_category_becomes_reliable() -> None:
    sure = [("a", "a", 0.9, "b", 0.05)] * 19 + [("b", "a", 0.8, "b", 0.1)]
    close = [("b", "a", 0.45, "b", 0.43)] * 5 + [("a", "a", 0.5, "b", 0.48)] * 5
    found = category_margin(sure + close, target=0.95)
    assert found.close_margin == 0.05  # at 0.0 the best is right in 24 of 30 only
    assert found.accuracy == 0.95
    assert found.top2_accuracy == 1.0
    assert found.close_share == round(10 / 30, 4)


def test_thresholds_file_keeps_the_margin() -> None:
    t = Thresholds(category=CategoryMargin(0.3, 0.96, 0.9, 0.15))
    again = Thresholds.from_json(t.to_json())
    assert again.category == t.category and again.close_margin == 0.3
    assert Thresholds().close_margin == 0.2  # uncalibrated default


def test_shipped_thresholds_are_calibrated_for_categories() -> None:
    found = Thresholds.load(DATA_DIR)
    assert found is not None and found.category is not None
    assert 0.0 < found.category.close_margin < 1.0


def test_close_categories_are_both_offered() -> None:
    close = NluParse(
        "t",
        "lapor_insiden",
        0.9,
        category="intimidasi",
        category_confidence=0.41,
        category_ranking=(("intimidasi", 0.41), ("kekerasan", 0.38)),
        category_close=True,
    )
    assert close.category_runner_up == "kekerasan"
    assert close.category_choices == ("intimidasi", "kekerasan")
    assert close.to_dict()["category_choices"] == ["intimidasi", "kekerasan"]
    clear = NluParse(
        "t",
        "lapor_insiden",
        0.9,
        category="kekerasan",
        category_confidence=0.9,
        category_ranking=(("kekerasan", 0.9), ("intimidasi", 0.05)),
    )
    assert clear.category_runner_up is None and clear.category_choices == ("kekerasan",)
    assert NluParse("t", None, 0.1).category_choices == ()


def test_service_flags_close_rankings(nlu_service: NluService) -> None:
    margin = nlu_service.thresholds.close_margin
    assert nlu_service.is_close((("a", 0.5), ("b", 0.5 - margin / 2)), "a")
    assert not nlu_service.is_close((("a", 0.9), ("b", 0.9 - margin - 0.01)), "a")
    assert nlu_service.is_close((("a", 0.2), ("b", 0.1)), None)  # under the threshold: ask


def test_heldout_file_loads_and_scores(tmp_path: Path, nlu_service: NluService) -> None:
    shipped = load_heldout(Path(__file__).resolve().parents[2] / "bench" / "nlu_heldout.yml")
    assert len(shipped) >= 150
    sample = [
        HeldOut(
            "gereja kami di Kartasura dibakar", "lapor_insiden", "kekerasan", frozenset({"33.11"})
        ),
        HeldOut("rapat banjar tadi malam", "lapor_insiden", None, None),
        HeldOut("halo min", "sapa"),
    ]
    report = score(sample, nlu_service.parse_sync)
    assert report.place_accuracy == 1.0 and report.places == 2
    assert report.category_accuracy == 1.0
    bad = tmp_path / "bad.yml"
    bad.write_text("messages:\n- {text: halo}\n", encoding="utf-8")
    try:
        load_heldout(bad)
    except ValueError as exc:
        assert "message 1" in str(exc)
    else:
        raise AssertionError("a message without an intent must be refused")


def test_macro_f1() -> None:
    assert macro_f1(["a", "b"], ["a", "b"]) == 1.0
    assert macro_f1(["a", "a", "b"], ["a", "b", "b"]) == (2 / 3 + 2 / 3) / 2

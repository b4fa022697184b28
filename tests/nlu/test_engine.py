"""Built-in engine + service: intents, categories, places, thresholds, CLI, cache."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.nlu.cli import app
from bot.nlu.engine import Engine
from bot.nlu.model_cache import load_or_train
from bot.nlu.service import NluService

from .conftest import DATA_DIR


def test_issue_examples(nlu_service: NluService) -> None:
    res = nlu_service.parse_sync("gereja kami di serang ditolak warga padahal izin sdh lengkap")
    assert res.intent == "lapor_insiden"
    assert res.category == "rumah_ibadah"
    [place] = res.places
    assert place.value == "serang" and place.code is None
    assert {c.code for c in place.candidates} == {"36.04", "36.73"}

    res = nlu_service.parse_sync("ada pengajian dibubarin di sampang")
    assert res.intent == "lapor_insiden"
    assert res.category == "pembubaran_ibadah"
    [place] = res.places
    assert not res.entities
    assert place.region is not None
    assert (place.code, place.region.name, place.province) == (
        "35.27",
        "Kabupaten Sampang",
        "Jawa Timur",
    )
    assert res.text[place.start : place.end] == "sampang"
    json.dumps(res.to_dict())


def test_other_intents(nlu_service: NluService) -> None:
    expected = {
        "halo min, selamat pagi": "sapa",
        "bot ini bisa ngapain aja?": "bantuan",
        "laporan sy kemarin udh diproses blm?": "cek_status",
        "sy mau isi kuesioner dong": "ikut_survei",
        "minta poster kampanye toleransi": "minta_konten",
        "tolong berhenti kirim pesan": "berhenti",
        "please stop sending me messages": "berhenti",
    }
    for text, intent in expected.items():
        assert nlu_service.parse_sync(text).intent == intent, text


def test_gibberish_has_no_intent(nlu_service: NluService) -> None:
    for text in ("asdkjh qwe zzz", "xjxjxj bzzt", "lorem ipsum dolor sit amet"):
        res = nlu_service.parse_sync(text)
        assert res.intent is None, text
        assert res.ranking
        assert res.category is None


def test_category_only_for_reports(nlu_service: NluService) -> None:
    res = nlu_service.parse_sync("halo")
    assert (res.category, res.category_confidence) == (None, 0.0)


def test_regex_entity(nlu_service: NluService) -> None:
    res = nlu_service.parse_sync("status LP-2026-000412 gimana min")
    assert res.intent == "cek_status"
    assert (res.entities[0].entity, res.entities[0].value) == ("nomor_laporan", "LP-2026-000412")


def test_deterministic(nlu_engine: Engine) -> None:
    again = Engine.from_data(__import__("bot.nlu.loader").nlu.loader.load_data(DATA_DIR))
    text = "rumah pendeta dilempari batu"
    assert again.parse(text) == nlu_engine.parse(text)


def test_cache_roundtrip(tmp_path: Path) -> None:
    engine, cached = load_or_train(DATA_DIR, tmp_path)
    assert not cached and list(tmp_path.glob("nlu-engine-*.pkl"))
    engine2, cached2 = load_or_train(DATA_DIR, tmp_path)
    assert cached2 and engine2.parse("halo") == engine.parse("halo")


def test_cli_parse_jsonl(nlu_engine: Engine, monkeypatch) -> None:
    monkeypatch.setattr("bot.nlu.service.load_or_train", lambda *a, **k: (nlu_engine, True))
    runner = CliRunner()
    out = runner.invoke(
        app, ["parse", "--jsonl", "--data-dir", str(DATA_DIR)], input="halo\nmau lapor\n\n"
    )
    assert out.exit_code == 0, out.output
    lines = [json.loads(x) for x in out.output.splitlines()]
    assert [x["text"] for x in lines] == ["halo", "mau lapor", ""]
    assert lines[1]["intent"]["name"] == "lapor_insiden"
    out = runner.invoke(
        app, ["parse", "di jogja ada ibadah dibubarkan", "--data-dir", str(DATA_DIR)]
    )
    assert out.exit_code == 0 and json.loads(out.output)["entities"][0]["code"] == "34.71"


def test_compiled_model_matches_sklearn() -> None:
    import numpy as np

    from bot.nlu.linear import compile_pipeline, train_pipeline

    texts = [
        "gereja disegel  warga",
        "ibadah dibubarkan ormas",
        "halo min",
        "stop kirim pesan",
        "x",
    ]
    labels = ["a", "b", "c", "d", "c"]
    pipe = train_pipeline(texts * 2, labels * 2, 5.0)
    probe = [*texts, "Gereja   DIBUBARKAN di Bekasi!!", "zzz", ""]
    assert np.allclose(compile_pipeline(pipe).predict_proba(probe), pipe.predict_proba(probe))
    binary = train_pipeline(texts[:2] * 2, ["a", "b"] * 2, 5.0)
    assert np.allclose(compile_pipeline(binary).predict_proba(probe), binary.predict_proba(probe))

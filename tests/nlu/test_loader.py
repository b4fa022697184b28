"""Rasa YAML loader: annotations, retrieval intents, synonyms, errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlu.loader import NluDataError, data_hash, load_data, load_file

GOOD = """version: "3.1"
nlu:
- intent: lapor_insiden/rumah_ibadah
  examples: |
    - gereja di [Kota Bekasi](lokasi) disegel
    - masjid di [Solo]{"entity": "lokasi", "value": "33.72"} ditolak
- intent: sapa
  examples: |
    - halo
- synonym: "33.72"
  examples: |
    - Solo
- lookup: lokasi
  examples: |
    - Cilegon
- regex: nomor_laporan
  examples: |
    - RKN-\\d{4}
responses:
  utter_lapor_insiden/rumah_ibadah:
  - text: ok
"""


def write(tmp_path: Path, text: str, name: str = "data.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_everything(tmp_path: Path) -> None:
    data = load_file(write(tmp_path, GOOD))
    first, second, third = data.examples
    assert first.text == "gereja di Kota Bekasi disegel"
    assert first.intent == "lapor_insiden/rumah_ibadah"
    assert (first.base_intent, first.sub_intent) == ("lapor_insiden", "rumah_ibadah")
    [ent] = first.entities
    assert first.text[ent.start : ent.end] == "Kota Bekasi" and ent.entity == "lokasi"
    assert first.line == 5 and third.line == 9
    assert second.entities[0].value == "33.72" and second.text == "masjid di Solo ditolak"
    assert third.sub_intent is None
    assert data.synonyms == {"solo": "33.72"}
    assert data.lookups == {"lokasi": ["Cilegon"]}
    assert data.regexes == {"nomor_laporan": ["RKN-\\d{4}"]}


def test_project_data_loads() -> None:
    data = load_data(Path(__file__).resolve().parents[2] / "nlu_data")
    assert len(data.examples) > 700
    assert len(data_hash(Path(__file__).resolve().parents[2] / "nlu_data")) == 64


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('version: "3.1"\nnlu:\n- intent: sapa\n  examples: |\n    - halo\n   bad: [\n', 6, "YAML"),
        ('version: "3.1"\nnlu:\n- intent: sapa\n  examples: |\n    - halo\n    hai\n', 6, "'- '"),
        ('version: "3.1"\nnlu:\n- intent: sapa\n', 3, "no 'examples'"),
        ('version: "3.1"\nnlu:\n- examples: |\n    - halo\n', 3, "exactly one"),
        (
            'version: "3.1"\nnlu:\n- intent: sapa\n  examples: |\n    - ok\n    - [x](\n',
            6,
            "annotation",
        ),
        ('version: "3.1"\nnlu:\n- intent: sapa\n  examples: |\n    - [x]{"e": 1}\n', 5, "entity"),
        ('version: "3.1"\nintents:\n- sapa\n', 2, "intents: unknown key"),
        ('version: "3.1"\nnlu:\n- regex: r\n  examples: |\n    - (unclosed\n', 5, "regex"),
    ],
)
def test_malformed_reports_file_and_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = write(tmp_path, text, "broken.yml")
    with pytest.raises(NluDataError) as info:
        load_file(path)
    err = info.value
    assert err.path == path and err.line == line
    assert fragment in str(err) and f"broken.yml:{line}" in str(err)


def test_directory_error_names_file(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.yml")
    write(tmp_path, 'version: "3.1"\nnlu:\n- intent: sapa\n', "b.yml")
    with pytest.raises(NluDataError, match=r"b\.yml:3"):
        load_data(tmp_path)

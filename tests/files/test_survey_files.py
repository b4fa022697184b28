"""Survey YAML and answer CSV files with several faults: every fault named with its line, and
nothing stored changes (the CLI's database bytes are compared before and after)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from bot.surveys.schema import SurveyDefinitionError, load_survey_file
from tests.files.conftest import Cli, assert_faults, assert_one_line_each
from tests.surveys.helpers import small_survey

FAULTY = """\
slug: cek-faults
title: {id: Judul, en: Title}
intro: Halo
opens: 2026-11-31
closes: 2026-13-01
wave: pre
pair: cek-faults
audience:
  regions: ["Banten", "99.99", [36], "Bekasi"]
questions:
- id: q1
  type: yesno
  text: Setuju?
- id: q2
  type: text
  text: Kenapa?
  show_if: {question: q1, equals: yes}
- id: q3
  type: likert7
  text: Skala
"""
FAULTS = [
    ":4: opens: '2026-11-31' is not a real date (day is out of range for month)",
    ":5: closes: '2026-13-01' is not a real date",
    ":7: pair: 'cek-faults' must be the slug of the other wave",
    ":9: audience.regions.1: unknown region code '99.99'",
    ":9: audience.regions.2: must be a single value, not a list",
    ":9: audience.regions.3: region 'Bekasi' is ambiguous: Kabupaten Bekasi (32.16)",
    ":17: question q2.show_if: 'yes' is not an option of q1 (ya, tidak)",
    ":19: question q3.type: 'likert7' is not one of likert5",
]


def test_every_fault_of_a_survey_file_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "faulty.yml"
    path.write_text(FAULTY)
    with pytest.raises(SurveyDefinitionError) as err:
        load_survey_file(path)
    assert_faults(err.value.lines(), str(path), FAULTS)


def test_yes_is_an_option_value_and_a_region_name_becomes_its_code(tmp_path: Path) -> None:
    data = small_survey(audience={"regions": ["Banten", "36.72"]})
    data["questions"][1] = {
        "id": "q2",
        "type": "single",
        "text": "Pernah?",
        "options": [
            {"value": "yes", "label": "Ya"},
            {"value": "no", "label": "Tidak"},
        ],
    }
    text = yaml.safe_dump(data, sort_keys=False).replace("equals: ya", "equals: yes")
    (tmp_path / "s.yml").write_text(text)
    survey = load_survey_file(tmp_path / "s.yml")
    assert survey.questions[2].show_if is not None
    assert survey.questions[2].show_if.values == ("yes",)
    assert survey.audience.regions == ("36", "36.72")


def _good(tmp_path: Path, **extra: object) -> Path:
    path = tmp_path / "good.yml"
    path.write_text(yaml.safe_dump(small_survey(**extra), sort_keys=False))
    return path


def test_cli_prints_one_line_per_fault_and_stores_nothing(
    cli: Cli, tmp_path: Path, db_fingerprint: Callable[[], str]
) -> None:
    assert cli("survey", "load", str(_good(tmp_path))).exit_code == 0
    before = db_fingerprint()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "faulty.yml").write_text(FAULTY)
    dates = yaml.safe_dump(small_survey("cek-dates"), sort_keys=False) + "opens: 2026-11-31\n"
    (bad / "dates.yml").write_text(dates)
    result = cli("survey", "validate", str(bad))
    assert result.exit_code == 1
    assert_one_line_each(
        result,
        *(f"faulty.yml{fault}" for fault in FAULTS),
        f"dates.yml:{dates.count(chr(10))}: opens: '2026-11-31' is not a real date",
        "problem(s); nothing was loaded",
    )
    result = cli("survey", "load", str(bad))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert db_fingerprint() == before


def test_open_says_when_the_window_has_closed(
    cli: Cli, tmp_path: Path, db_fingerprint: Callable[[], str]
) -> None:
    path = _good(tmp_path, opens="2020-01-01", closes="2020-02-01")
    assert cli("survey", "load", str(path)).exit_code == 0
    before = db_fingerprint()
    result = cli("survey", "open", "cek")
    assert_one_line_each(result, "cek: its window closed on 2020-02-01 07:00")
    assert "is open" not in result.output
    assert db_fingerprint() == before
    assert "\tdraft\t" in cli("survey", "list").output


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"respondent,q1\np1,3\np2," + b"x" * 131_073 + b"\n", "answers.csv:3: a cell is longer"),
        (b"respondent,q1\np1,3\np2,\x004\n", "answers.csv:3: contains a NUL byte"),
        (b"respondent,q1\np1,3\np\xe92,4\n", "answers.csv:3: not UTF-8 text"),
    ],
)
def test_csv_import_refuses_an_unreadable_file_whole(
    cli: Cli,
    tmp_path: Path,
    db_fingerprint: Callable[[], str],
    data: bytes,
    expected: str,
) -> None:
    assert cli("survey", "load", str(_good(tmp_path))).exit_code == 0
    assert cli("survey", "open", "cek").exit_code == 0
    before = db_fingerprint()
    csv = tmp_path / "answers.csv"
    csv.write_bytes(data)
    result = cli("survey", "import", "cek", "--csv", str(csv))
    assert result.exit_code == 2
    assert_one_line_each(result, f"error: {csv.parent}/{expected}")
    assert len([line for line in result.output.splitlines() if line.strip()]) == 1
    assert db_fingerprint() == before

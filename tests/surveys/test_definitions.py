"""Survey YAML validation (every problem with file, question id and field) and the CLI."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bot.cli import app
from bot.surveys.schema import SurveyDefinitionError, load_survey_path, parse_survey
from tests.surveys.helpers import small_survey

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]


def problems(data: object) -> list[str]:
    with pytest.raises(SurveyDefinitionError) as exc:
        parse_survey(data, "s.yml")
    return exc.value.lines()


def test_the_shipped_pre_post_pair_is_valid() -> None:
    pre, post = sorted(load_survey_path(REPO / "dialogs/surveys"), key=lambda s: s.wave != "pre")[
        :2
    ]
    assert (pre.wave, pre.pair, post.wave, post.pair) == ("pre", post.slug, "post", pre.slug)
    assert [q.id for q in pre.questions] == [q.id for q in post.questions]
    assert 8 <= len(pre.questions) <= 10
    assert {q.type for q in pre.questions} >= {
        "likert5",
        "scale0_10",
        "yesno",
        "multi",
        "single",
        "text",
    }


def test_every_problem_is_reported_with_file_question_and_field() -> None:
    data = small_survey()
    data["slug"] = "Bad Slug"
    data["wave"] = "pre"
    data["colour"] = "red"
    data["title"] = {"id": "Judul"}
    qs = data["questions"]
    qs[0]["type"] = "likert7"
    qs[1]["text"] = {"en": "Only English"}
    qs[2]["show_if"] = {"question": "q9", "equals": "ya"}
    qs[3]["options"] = [{"value": "x", "label": "X"}]
    qs[4]["options"] = [{"value": "a b", "label": {"id": "A", "en": "A"}}]
    qs.append(
        {
            "id": "q1",
            "type": "yesno",
            "text": "Dua kali",
            "show_if": {"question": "q2", "equals": "mungkin"},
        }
    )
    found = problems(data)
    expected = [
        "s.yml: colour: unknown key",
        "s.yml: slug: 'Bad Slug': use 1-40 lowercase letters",
        "s.yml: title.en: missing",
        "s.yml: pair: a pre survey needs pair:",
        "s.yml: question q1.type: 'likert7' is not one of",
        "s.yml: question q2.text.id: missing",
        "s.yml: question q3.show_if.question: 'q9' is not an earlier question",
        "s.yml: question q4.options: text questions have fixed options",
        "s.yml: question q5.options: a single/multi question needs a list of at least 2 options",
        "s.yml: question q1.id: used by another question",
        "s.yml: question q1.show_if: 'mungkin' is not an option of q2 (ya, tidak)",
    ]
    for line in expected:
        assert any(p.startswith(line) for p in found), (line, found)
    assert problems([1, 2]) == ["s.yml: the file must be a mapping (slug:, title:, questions:…)"]
    assert any("questions: missing" in p for p in problems({**small_survey(), "questions": []}))


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    # The shipped surveys with their window moved a year ahead, so "open" means open today.
    folder = tmp_path / "surveys"
    folder.mkdir()
    later = date.today().year + 1
    for file in (REPO / "dialogs/surveys").glob("*.yml"):
        text = re.sub(r"(?m)^closes: \d{4}", f"closes: {later}", file.read_text())
        (folder / file.name).write_text(text)
    config = tmp_path / "config.yml"
    config.write_text(f"surveys:\n  dir: {folder}\n")
    monkeypatch.chdir(tmp_path)
    for name in ("BOT_TOKEN", "REDIS_URL", "TELEGRAM_API_URL"):
        monkeypatch.delenv(name, raising=False)
    return {
        "RUKUN_CONFIG": str(config),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
    }


def test_cli_validate_load_open_import_results(env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump({**small_survey(), "wave": "sometimes"}))
    result = runner.invoke(app, ["survey", "validate", str(bad)], env=env)
    assert result.exit_code == 1
    assert re.search(
        rf"{re.escape(str(bad))}:\d+: wave: 'sometimes' is not one of pre, post, single",
        result.output,
    )
    broken = tmp_path / "broken.yml"
    broken.write_text("slug: x\ntitle: [unclosed\n")
    result = runner.invoke(app, ["survey", "validate", str(broken)], env=env)
    assert result.exit_code == 1 and f"{broken}:3: not valid YAML" in result.output

    result = runner.invoke(app, ["survey", "validate"], env=env)
    assert result.exit_code == 0 and "ok  toleransi-2026-pre (9 questions)" in result.output
    result = runner.invoke(app, ["survey", "load"], env=env)
    assert result.exit_code == 0, result.output
    assert "created      toleransi-2026-post (version 1)" in result.output
    assert "unchanged" in runner.invoke(app, ["survey", "load"], env=env).output
    assert (
        runner.invoke(app, ["survey", "open", "toleransi-2026-pre"], env=env).output.strip()
        == "toleransi-2026-pre is open"
    )
    assert (
        "already open"
        in runner.invoke(app, ["survey", "open", "toleransi-2026-pre"], env=env).output
    )
    result = runner.invoke(app, ["survey", "close", "nope"], env=env)
    assert result.exit_code == 2 and "no survey with slug 'nope'" in result.output

    csv = tmp_path / "pre.csv"
    csv.write_text(
        "respondent,region,q1,q2,q3,q4,q5,q6,q7,q8,q9\n"
        + "".join(
            f"p{i},36.72,{1 + i % 5},4,4,3,{i % 11},ya,instagram|tiktok,tegur,\n" for i in range(8)
        )
        + "p99,36.72,9,4,4,3,5,tidak,,diam,\n"
    )
    result = runner.invoke(
        app, ["survey", "import", "toleransi-2026-pre", "--csv", str(csv)], env=env
    )
    assert result.exit_code == 1  # one bad row
    assert "line 10, column q1: '9' is not an option" in result.output
    assert "9 rows: 8 loaded, 0 already there, 1 rejected" in result.output
    result = runner.invoke(
        app, ["survey", "import", "toleransi-2026-pre", "--csv", str(csv)], env=env
    )
    assert "9 rows: 0 loaded, 8 already there, 1 rejected" in result.output

    listing = runner.invoke(app, ["survey", "list"], env=env).output
    assert "toleransi-2026-pre\topen\tpre\tv1\tstarted 8\tcompleted 8" in listing
    result = runner.invoke(
        app,
        ["survey", "results", "toleransi-2026-pre", "--format", "json", "--by", "province"],
        env=env,
    )
    doc = json.loads(result.stdout)
    assert doc["survey"] == "toleransi-2026-pre" and doc["completed"] == 8
    assert doc["questions"][0]["counts"] == {"1": 2, "2": 2, "3": 2, "4": 1, "5": 1}
    assert doc["breakdown"]["groups"][0]["n"] == 8
    out = tmp_path / "r.xlsx"
    result = runner.invoke(
        app,
        [
            "survey",
            "results",
            "toleransi-2026-pre",
            "--vs",
            "toleransi-2026-post",
            "--format",
            "xlsx",
            "--out",
            str(out),
        ],
        env=env,
    )
    assert result.exit_code == 0 and out.read_bytes().startswith(b"PK")
    result = runner.invoke(
        app, ["survey", "results", "toleransi-2026-pre", "--format", "csv"], env=env
    )
    assert result.stdout.startswith("survey,question,text,type,option,label,count")
    text = runner.invoke(app, ["survey", "results", "toleransi-2026-pre"], env=env).output
    assert "Selesai: 8" in text
    bad_fmt = runner.invoke(
        app, ["survey", "results", "toleransi-2026-pre", "--format", "pdf"], env=env
    )
    assert bad_fmt.exit_code == 2 and "--format must be one of" in bad_fmt.output
    bad_by = runner.invoke(
        app, ["survey", "results", "toleransi-2026-pre", "--by", "agama"], env=env
    )
    assert bad_by.exit_code == 2 and "--by must be one of province, cohort, role" in bad_by.output

"""Content items, cohort rosters, NLU data and config.yml with several faults: every fault named
with its line, and nothing stored changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import ConfigError, load_settings
from bot.content.loader import ContentFileError, parse_file
from bot.content.roster import RosterFileError, parse_roster
from bot.content.settings import DEFAULT_TOPICS
from bot.nlu.loader import NluDataError, load_data
from tests.files.conftest import Cli, assert_faults, assert_one_line_each

WIB = ZoneInfo("Asia/Jakarta")

CONTENT = """\
---
slug: Bad Slug
title: ""
topics: [toleransi, sepak-bola]
language: fr
valid_from: 2025-02-30
media: {type: audio, path: nope.png}
---
Isi <b>tidak ditutup
"""
CONTENT_FAULTS = [
    ":2: slug: 'Bad Slug': use 3-64 characters",
    ":3: title: must be a non-empty text",
    ":4: topics: unknown topic 'sepak-bola'",
    ":5: language: 'fr' is not one of id, en",
    ":6: valid_from: '2025-02-30' is not a real date",
    ":7: media.type: 'audio': use one of photo, video, document",
    ":7: media.path: nope.png: no such file",
]


def test_every_fault_of_a_content_file_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "item.md"
    path.write_text(CONTENT)
    with pytest.raises(ContentFileError) as err:
        parse_file(path, topics=DEFAULT_TOPICS, tz=WIB)
    assert_faults(err.value.lines(), str(path), CONTENT_FAULTS)


def test_content_cli_stores_nothing_from_a_bad_file(
    cli: Cli, tmp_path: Path, db_fingerprint: Callable[[], str]
) -> None:
    (tmp_path / "ok.yml").write_text("slug: ok-item\ntitle: T\nbody: Halo\n")
    assert cli("content", "load", "ok.yml").exit_code == 0
    before = db_fingerprint()
    (tmp_path / "item.md").write_text(CONTENT)
    result = cli("content", "load", "item.md")
    assert_one_line_each(result, *(f"error: item.md{fault}" for fault in CONTENT_FAULTS))
    assert db_fingerprint() == before


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"nama,hp\nSiti,0812345678\nBudi," + b"9" * 131_073 + b"\n", "roster.csv:3: a cell"),
        (b"nama,hp\nSiti,0812345678\nBu\x00di,0812\n", "roster.csv:3: contains a NUL byte"),
        (b"nama,hp\nSiti,0812345678\nBud\xefi,0812\n", "roster.csv:3: not UTF-8 text"),
        (b"nama,kota\nSiti,Lebak\n", "roster.csv:1: the header needs a 'phone' or a 'username'"),
    ],
)
def test_roster_import_refuses_an_unreadable_file_whole(
    cli: Cli,
    tmp_path: Path,
    db_fingerprint: Callable[[], str],
    data: bytes,
    expected: str,
) -> None:
    result = cli("cohorts", "add", "--name", "Sekolah Demokrasi Banten", "--region", "Banten")
    assert result.exit_code == 0, result.output
    before = db_fingerprint()
    roster = tmp_path / "roster.csv"
    roster.write_bytes(data)
    result = cli("cohorts", "import", "1", "--csv", str(roster))
    assert result.exit_code == 2
    assert_one_line_each(result, f"error: {tmp_path}/{expected}")
    assert len(result.output.strip().splitlines()) == 1
    assert db_fingerprint() == before


def test_parse_roster_names_the_source() -> None:
    with pytest.raises(RosterFileError, match=r"^r\.csv:1: no 'name' column"):
        parse_roster("telepon\n0812\n", source="r.csv")


NLU = """\
version: "3.1"
nlu:
- intent: sapa
  examples: |
    - halo
    hai
- examples: |
    - tanpa nama
- regex: nomor
  examples: |
    - (unclosed
- intent: lapor
  examples: |
    - ada [x](
intents: [sapa]
nlu: []
"""


def test_every_fault_of_an_nlu_file_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(NLU)
    (tmp_path / "also.yml").write_text('version: "3.1"\nnlu:\n- intent: x\n')
    with pytest.raises(NluDataError) as err:
        load_data(tmp_path)
    text = str(err.value)
    assert f"{tmp_path / 'also.yml'}:3: nlu.0: intent 'x' has no 'examples'" in text
    assert f"{path}:16: nlu: written twice (lines 2 and 16)" in text
    # the duplicate key stops the file before the model: fix it, and every other fault shows
    path.write_text(NLU.replace("nlu: []\n", ""))
    with pytest.raises(NluDataError) as err:
        load_data(path)
    for fault in (
        ":6: nlu.0.examples: example of intent 'sapa' must start with '- '",
        ":7: nlu.1: item needs exactly one of 'intent', 'synonym', 'lookup', 'regex'",
        ":11: nlu.2.examples: invalid regex for 'nomor'",
        ":14: nlu.3.examples: malformed entity annotation",
        ":15: intents: unknown key",
    ):
        assert f"{path}{fault}" in str(err.value), (fault, str(err.value))
    assert len(err.value.problems) == 5


CONFIG = """\
timezone: Mars/Olympus
reports:
  daily_limit: 0
flood:
  burst: 3
bot_token: 123:abc
reports:
  max_media: 3
"""


def test_config_with_two_reports_sections_names_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "config.yml"
    path.write_text(CONFIG)
    with pytest.raises(ConfigError, match=rf"{path}:7: reports: written twice \(lines 2 and 7\)"):
        load_settings(path, _env_file=None)
    path.write_text(CONFIG.replace("reports:\n  max_media: 3\n", "tiemzone: x\n"))
    with pytest.raises(ConfigError) as err:
        load_settings(path, _env_file=None)
    faults = [
        ":1: timezone: unknown time zone 'Mars/Olympus'",
        ":3: reports.daily_limit: Input should be greater than or equal to 1",
        ":5: flood.burst: unknown key (known: max_messages, mute_seconds, window_seconds)",
        ":6: bot_token: secrets and endpoints belong in the environment",
        ":7: tiemzone: unknown key",
    ]
    assert_faults(str(err.value).splitlines(), str(path), faults)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"timezone: Asia/Jakart\xe9\n", ":1: not UTF-8 text"),
        (b"admins: [1]\x00\n", ":1: contains a NUL byte"),
        (b"partners: &a [*a]\n", ":1: refused: an alias refers to the value that contains it"),
    ],
)
def test_config_bad_bytes_are_one_line(
    cli: Cli, tmp_path: Path, data: bytes, expected: str
) -> None:
    (tmp_path / "config.yml").write_bytes(data)
    result = cli("survey", "list")
    assert result.exit_code == 2
    assert_one_line_each(result, f"error: {tmp_path / 'config.yml'}{expected}")
    assert not list(tmp_path.glob("cli.db*"))

"""The shared reader (bot.fileio): safe YAML with lines, size and encoding checks, regions, dates."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest

from bot.fileio import FileError, find_region, parse_when, parse_yaml, read_csv, read_yaml
from bot.fileio import text as text_module

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_values_keep_their_lines_and_yes_stays_text() -> None:
    doc = parse_yaml("slug: x\nshow_if:\n  equals: yes\nopens: 2026-11-31\nflag: true\n", "f.yml")
    assert doc.data == {
        "slug": "x",
        "show_if": {"equals": "yes"},
        "opens": "2026-11-31",
        "flag": True,
    }
    assert doc.line(("show_if", "equals")) == 3 and doc.line(("opens",)) == 4
    assert doc.line(("show_if", "missing")) == 2  # the nearest parent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "reports: {}\nflood: {}\nreports: {}\n",
            "f.yml:3: reports: written twice (lines 1 and 3)",
        ),
        ("a:\n  b: 1\n  b: 2\n", "f.yml:3: a.b: written twice (lines 2 and 3)"),
        (BOMB, "f.yml:"),
        ("a: &a [*a]\n", "an alias refers to the value that contains it"),
        ("a: !!python/object/apply:os.system [ls]\n", "is not allowed"),
        ("a: [1\n", "f.yml:2: not valid YAML"),
        ("base: &b {x: 1}\nc:\n  <<: *b\n", "merge keys (<<) are not supported"),
    ],
)
def test_unsafe_or_ambiguous_yaml_is_refused(text: str, expected: str) -> None:
    with pytest.raises(FileError) as err:
        parse_yaml(text, "f.yml")
    assert expected in str(err.value)
    if text is BOMB:
        assert "refused: more than 100,000 values" in str(err.value)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"slug: caf\xe9\n", "f.yml:1: not UTF-8 text (byte 0xe9)"),
        (b"slug: x\nbody: a\x00b\n", "f.yml:2: contains a NUL byte"),
    ],
)
def test_bad_bytes_give_one_line_naming_the_file(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    path = tmp_path / "f.yml"
    path.write_bytes(data)
    with pytest.raises(FileError) as err:
        read_yaml(path)
    assert str(err.value) == f"{tmp_path}/{expected}" or str(err.value).startswith(
        f"{tmp_path}/{expected}"
    )
    assert "\n" not in str(err.value)


def test_size_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.yml"
    path.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(FileError, match=r"big\.yml: too large \(2,004 bytes; at most 1,000\)"):
        read_yaml(path, max_bytes=1000)
    assert text_module.MAX_YAML_BYTES == 1 << 20


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Banten", "36"),
        ("36.72", "36.72"),
        ("3672", "36.72"),
        ("Kota Bekasi", "32.75"),
        ("99.99", "unknown region code '99.99'"),
        ("36.7", "unknown region code '36.7'"),
        ("Bekasi", "ambiguous: Kabupaten Bekasi (32.16), Kota Bekasi (32.75)"),
        ("%", "unknown region"),
    ],
)
def test_regions_by_name_or_code(value: str, expected: str) -> None:
    try:
        found = find_region(value).code
    except ValueError as exc:
        found = str(exc)
    assert expected in found


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-16", "2026-11-16T00:00:00+00:00"),
        ("2026-11-16 09:00", "2026-11-16T09:00:00+00:00"),
        ("2026-11-31", "'2026-11-31' is not a real date (day is out of range for month)"),
        ("2026-02-30 10:00", "'2026-02-30 10:00' is not a real date"),
        ("kemarin", "cannot read 'kemarin' as a date"),
    ],
)
def test_dates(value: str, expected: str) -> None:
    try:
        found = parse_when(value, UTC).isoformat()
    except ValueError as exc:
        found = str(exc)
    assert found.startswith(expected), found


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a,b\n1," + b"x" * 131_073 + b"\n", "x.csv:2: a cell is longer than 131,072 characters"),
        (
            b'a,b\n1,"' + b"x" * 140_000 + b'"\n',
            "x.csv:2: a cell is longer than 131,072 characters",
        ),
        (b"a,b\n1,2\n3,\x00\n", "x.csv:3: contains a NUL byte"),
        (b"a,b\n1,\xff\n", "x.csv:2: not UTF-8 text"),
    ],
)
def test_csv_faults_are_one_line_with_the_line(data: bytes, expected: str) -> None:
    with pytest.raises(FileError) as err:
        read_csv(data, "x.csv")
    assert str(err.value).startswith(expected) and "\n" not in str(err.value)

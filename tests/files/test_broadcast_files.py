"""Broadcast files with several faults (regions, scalars, dates, content), past schedules, and
region values that must not act as SQL LIKE wildcards."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.app import build_app_services
from bot.broadcasting.loader import BroadcastFileError, read_definitions
from bot.broadcasting.segments import Segment, SegmentError
from bot.people.models import Role
from tests.files.conftest import Cli, assert_faults, assert_one_line_each
from tests.files.test_reading import BOMB

WIB_TZ = ZoneInfo("Asia/Jakarta")
FAULTY = """\
slug: pemilu-damai
message: 'Halo <b>semua'
buttons:
  - - {text: Baca, url: "ftp://x"}
segment:
  roles: [alumni, wizard]
  regions: ["Banten", "99.99", "36.7", [36, 32], "Bekasi", "3%"]
schedule: 2026-11-31 09:00
"""
FAULTS = [
    ":2: message: invalid HTML",
    ":3: buttons row 1 button 1: url must start with https://",
    ":6: segment.roles: 'wizard' is not one of everyone, citizen, alumni, partner",
    ":7: segment.regions.1: unknown region code '99.99'",
    ":7: segment.regions.2: unknown region code '36.7'",
    ":7: segment.regions.3: must be a single value, not a list",
    ":7: segment.regions.4: region 'Bekasi' is ambiguous: Kabupaten Bekasi (32.16), Kota Bekasi",
    ":7: segment.regions.5: unknown region '3%'",
    ":8: schedule: '2026-11-31 09:00' is not a real date",
]


def test_every_fault_of_a_broadcast_file_is_named_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "faulty.yml").write_text(FAULTY)
    (tmp_path / "second.yml").write_text("slug: Bad\nmesage: hi\n")
    with pytest.raises(BroadcastFileError) as err:
        read_definitions(tmp_path, tz=WIB_TZ, base_dir=tmp_path)
    lines = err.value.lines()
    faulty = str(tmp_path / "faulty.yml")
    assert_faults([line for line in lines if line.startswith(faulty)], faulty, FAULTS)
    second = str(tmp_path / "second.yml")
    assert_faults(
        [line for line in lines if line.startswith(second)],
        second,
        [":1: slug: required; lower-case", ":1: message: empty", ":2: mesage: unknown key (known"],
    )


def test_regions_by_name_are_stored_as_codes(tmp_path: Path) -> None:
    (tmp_path / "b.yml").write_text(
        'slug: b\nmessage: hi\nsegment: {regions: ["Banten", "Kota Cilegon", 32.10, 36]}\n'
    )
    (definition,) = read_definitions(tmp_path, tz=WIB_TZ)
    assert definition.segment.regions == ["36", "36.72", "32.10", "36"]


@pytest.mark.parametrize(
    "segment",
    [{"regions": [["36"]]}, {"cohorts": [{"a": 1}]}, {"roles": [["alumni"]]}],
)
def test_stored_segments_refuse_nested_values(segment: dict[str, Any]) -> None:
    with pytest.raises(SegmentError, match="must be a single text or number"):
        Segment.from_dict(segment)


def test_alias_bomb_is_refused_not_expanded(tmp_path: Path) -> None:
    (tmp_path / "bomb.yml").write_text(
        "slug: bomb\nmessage: hi\nx:\n" + _indent(BOMB) + "segment:\n  cohorts: *i\n"
    )
    with pytest.raises(BroadcastFileError, match="refused: more than 100,000 values"):
        read_definitions(tmp_path, tz=WIB_TZ)


def _indent(text: str) -> str:
    return "".join(f"  {line}\n" for line in text.splitlines())


async def test_percent_and_underscore_in_regions_match_nothing(settings: Any) -> None:
    services = build_app_services(settings)
    try:
        for uid, region in ((1, "36.72"), (2, "36.71"), (3, "32.75")):
            person = await services.people.touch(uid, first_name="W", telegram_language="id")
            await services.people.grant(person.id, Role.ALUMNI, by="test")
            await services.people.set_region(person.id, region)
        b = services.broadcasts
        assert await b.audience_count(Segment(regions=["36"])) == 2
        for wildcard in ("%", "3_", "36.7_", "_"):
            assert await b.audience_count(Segment(regions=[wildcard])) == 0, wildcard
    finally:
        await services.close()


def test_cli_reports_every_fault_and_stores_nothing(
    cli: Cli, tmp_path: Path, db_fingerprint: Callable[[], str]
) -> None:
    (tmp_path / "ok.yml").write_text("slug: ok\nmessage: Halo\n")
    assert cli("broadcast", "load", "ok.yml").exit_code == 0
    before = db_fingerprint()
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "a-good.yml").write_text("slug: good\nmessage: Halo\nsegment: {regions: [Banten]}\n")
    (folder / "faulty.yml").write_text(FAULTY)
    result = cli("broadcast", "load", str(folder))
    assert result.exit_code == 2
    assert_one_line_each(result, *(f"faulty.yml{fault}" for fault in FAULTS))
    assert db_fingerprint() == before
    assert "good" not in cli("broadcast", "list").output


def test_a_past_schedule_is_refused_unless_now(
    cli: Cli, tmp_path: Path, db_fingerprint: Callable[[], str]
) -> None:
    assert cli("broadcast", "load", "--help").exit_code == 0
    (tmp_path / "ok.yml").write_text("slug: ok\nmessage: Halo\n")
    assert cli("broadcast", "load", "ok.yml").exit_code == 0
    before = db_fingerprint()
    (tmp_path / "past.yml").write_text("slug: past\nmessage: Halo\nschedule: 2020-01-01 09:00\n")
    result = cli("broadcast", "load", "past.yml")
    assert_one_line_each(
        result,
        "past.yml:3: schedule: 2020-01-01 09:00 is in the past; change it, or load with --now",
    )
    assert db_fingerprint() == before
    result = cli("broadcast", "load", "past.yml", "--now")
    assert result.exit_code == 0, result.output
    assert "created; its schedule 2020-01-01 09:00 has passed, sending now" in result.output
    listing = cli("broadcast", "list").output
    line = next(line for line in listing.splitlines() if " past " in line)
    assert "scheduled" in line
    when = line.split("scheduled")[1].split()[0]
    assert datetime.fromisoformat(when).year == datetime.now(UTC).year

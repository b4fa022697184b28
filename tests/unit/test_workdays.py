"""Working days: lokal-id's calendar of holidays and cuti bersama, in the deployment's zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot import workdays

WIB = ZoneInfo("Asia/Jakarta")


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIB)


def test_three_working_days_skip_the_weekend() -> None:
    # Friday 4 December 2026, 14:00 WIB → Wednesday 9 December, 14:00 WIB.
    due = workdays.add_working_days(wib(2026, 12, 4, 14, 0), 3, WIB)
    assert due == wib(2026, 12, 9, 14, 0)
    assert due.tzinfo is UTC


def test_a_deadline_that_falls_on_christmas_and_cuti_bersama_moves() -> None:
    # Wednesday 23 December 2026: the 24th is cuti bersama, the 25th Christmas, then a weekend.
    due = workdays.add_working_days(wib(2026, 12, 23, 9, 30), 1, WIB)
    assert due == wib(2026, 12, 28, 9, 30)


def test_a_start_on_a_day_off_counts_from_the_next_working_morning() -> None:
    due = workdays.add_working_days(wib(2026, 12, 5, 22, 0), 1, WIB)  # a Saturday night
    assert due == wib(2026, 12, 8, 0, 0)


def test_zero_days_and_negative_days() -> None:
    start = wib(2026, 12, 2, 8, 0)
    assert workdays.add_working_days(start, 0, WIB) == start
    with pytest.raises(ValueError, match="zero or more"):
        workdays.add_working_days(start, -1, WIB)


def test_working_hours_leave_out_the_weekend() -> None:
    # Friday 18:00 → Monday 06:00: 6 h on Friday, 6 h on Monday, nothing on the weekend.
    hours = workdays.working_hours_between(wib(2026, 12, 4, 18), wib(2026, 12, 7, 6), WIB)
    assert hours == pytest.approx(12.0)
    assert workdays.working_hours_between(wib(2026, 12, 7), wib(2026, 12, 4), WIB) == 0.0


def test_a_year_without_a_calendar_counts_weekends_only() -> None:
    due = workdays.add_working_days(wib(2031, 1, 3, 10), 1, WIB)  # a Friday
    assert due == wib(2031, 1, 6, 10)
    assert workdays.is_working_day(datetime(2031, 1, 1).date())  # 1 January, unknown here

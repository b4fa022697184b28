"""Working days in the deployment's time zone: Indonesian public holidays and cuti bersama.

The calendar is lokal-id's (``is_working_day``, from the SKB 3 Menteri of each year). lokal-id
knows only the years it ships (:data:`lokal.HOLIDAY_YEARS`); for any other year a day counts as a
working day unless it is a Saturday or Sunday, and that is logged once per year, so a deployment
that outlives its calendar sees why a deadline fell on a holiday.

Two questions, asked by deadlines and by partner figures:

- :func:`add_working_days`: the same clock time ``n`` working days later (a case reported Friday
  14:00 with three working days to claim is due Wednesday 14:00, or later if a holiday falls in
  between). A start on a day off counts from the start of the next working day.
- :func:`working_hours_between`: elapsed hours that fell on working days (whole days, not office
  hours: a report is read in the evening too), for "time to claim" figures that do not punish a
  partner for a long weekend.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

import lokal

log = logging.getLogger(__name__)

_WEEKEND = (5, 6)  # Python's weekday(): Saturday, Sunday


@lru_cache(maxsize=4096)
def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day (not a weekend, public holiday or cuti bersama)."""
    if day.year not in lokal.HOLIDAY_YEARS:
        _warn_unknown_year(day.year)
        return day.weekday() not in _WEEKEND
    return bool(lokal.is_working_day(day))


@lru_cache(maxsize=64)
def _warn_unknown_year(year: int) -> None:
    log.warning(
        "no public-holiday calendar for %s (lokal-id ships %s): counting weekends only; "
        "upgrade lokal-id when the SKB for that year is out",
        year,
        ", ".join(map(str, lokal.HOLIDAY_YEARS)),
    )


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: datetime, n: int, tz: tzinfo) -> datetime:
    """The moment ``n`` working days after ``start`` (aware), at the same local clock time.

    A ``start`` on a day off counts from 00:00 of the next working day, so a report sent on
    Saturday with one working day is due Tuesday 00:00 (Monday counts whole). Returns UTC.
    """
    if n < 0:
        raise ValueError("n must be zero or more working days")
    local = start.astimezone(tz)
    day = local.date()
    clock = local.timetz().replace(tzinfo=None)
    if not is_working_day(day):
        day, clock = next_working_day(day), time(0, 0)
    for _ in range(n):
        day = next_working_day(day + timedelta(days=1))
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def working_hours_between(start: datetime, end: datetime, tz: tzinfo) -> float:
    """Hours between two aware moments that fell on working days of ``tz`` (0 if end ≤ start)."""
    if end <= start:
        return 0.0
    a, b = start.astimezone(tz), end.astimezone(tz)
    total = 0.0
    day = a.date()
    while day <= b.date():
        if is_working_day(day):
            lo = datetime.combine(day, time(0, 0), tzinfo=tz)
            hi = lo + timedelta(days=1)
            overlap = min(hi, b) - max(lo, a)
            total += max(overlap.total_seconds(), 0.0) / 3600
        day += timedelta(days=1)
    return total

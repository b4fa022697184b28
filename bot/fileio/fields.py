"""Field types shared by the file models: regions (by name or code), dates, lists of plain values."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Annotated, Any

from pydantic import BeforeValidator

from bot.geo.gazetteer import Gazetteer, Region

_CODE_LIKE = re.compile(r"^[\d.\s]+$")
_CODE = re.compile(r"^\d{2}(\.?\d{2})?$")


def find_region(value: str, gazetteer: Gazetteer | None = None) -> Region:
    """The region a Kemendagri code ("36", "36.72") or a name ("Banten", "Kota Cilegon") means.

    Raises ValueError in plain words: unknown code, unknown name, or an ambiguous name with its
    candidates ("Bekasi" is a Kota and a Kabupaten).
    """
    gazetteer = gazetteer or Gazetteer.default()
    value = value.strip()
    if not value:
        raise ValueError("empty region (write a name like Banten or a code like 36.72)")
    if _CODE_LIKE.match(value):
        region = gazetteer.get(value) if _CODE.match(value) else None
        if region is None:
            raise ValueError(
                f"unknown region code {value!r} (a province is 2 digits, e.g. 36; "
                "a kabupaten/kota is 2.2 digits, e.g. 36.72)"
            )
        return region
    found = gazetteer.resolve(value)
    if not found:
        raise ValueError(f"unknown region {value!r} (write its name or its code, e.g. 36.72)")
    if len(found) > 1:
        options = ", ".join(f"{r.name} ({r.code})" for r in found[:6])
        raise ValueError(f"region {value!r} is ambiguous: {options}; write the code instead")
    return found[0]


def scalar_text(value: Any) -> str:
    """A plain value as text; lists and mappings are refused (``[[36]]`` is not a region)."""
    if isinstance(value, dict | list | tuple | set):
        kind = "a mapping" if isinstance(value, dict) else "a list"
        raise ValueError(f"must be a single value, not {kind}")
    if isinstance(value, bool) or value is None:
        raise ValueError(f"must be a text value, not {value!r}")
    if isinstance(value, float):
        return str(getattr(value, "text", value))
    return str(value)


def one_of(value: str, choices: tuple[str, ...]) -> str:
    """``value`` if it is one of ``choices``, else ValueError naming them."""
    if value not in choices:
        raise ValueError(f"{value!r} is not one of {', '.join(choices)}")
    return value


def _region_code(value: Any) -> str:
    return find_region(scalar_text(value)).code


def _as_list(value: Any) -> Any:
    """A single value where a list is expected is a list of one."""
    if value is None:
        return []
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return [value]
    return value


#: A province or kabupaten/kota, written by name or code, stored as its code ("Banten" → "36").
RegionCode = Annotated[str, BeforeValidator(_region_code)]
#: Text that must be one plain value (a number is read as its text; a list is refused).
Scalar = Annotated[str, BeforeValidator(scalar_text)]
#: Lists where one value may be written without brackets (``roles: alumni``).
ScalarList = Annotated[list[Scalar], BeforeValidator(_as_list)]
RegionList = Annotated[list[RegionCode], BeforeValidator(_as_list)]

DATE_HELP = "use YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2026-11-16 09:00"
_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M", "%Y-%m-%d %H:%M:%S")


def parse_when(value: Any, tz: tzinfo, *, end_of_day: bool = False) -> datetime:
    """A date or date-time written in a file, as an aware datetime in UTC.

    Times without a zone are in ``tz``; a date alone is its midnight, or the next midnight with
    ``end_of_day`` (so ``valid_until: 2025-11-16`` includes that whole day). Raises ValueError in
    plain words (``'2026-11-31' is not a real date``).
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value + timedelta(days=1) if end_of_day else value, time(0, 0))
    elif isinstance(value, str) and value.strip():
        parsed = _parse_text(value.strip(), end_of_day)
    else:
        raise ValueError(f"not a date: {value!r} ({DATE_HELP})")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed.astimezone(UTC)


def _parse_text(text: str, end_of_day: bool) -> datetime:
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        try:
            day = date(*map(int, text.split("-")))
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a real date ({exc}); {DATE_HELP}") from None
        return datetime.combine(day + timedelta(days=1) if end_of_day else day, time(0, 0))
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        try:
            date(*map(int, match.groups()))
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a real date ({exc}); {DATE_HELP}") from None
    raise ValueError(f"cannot read {text!r} as a date or date-time; {DATE_HELP}")

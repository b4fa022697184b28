"""Cohort rosters from CSV (name, phone or Telegram username, region): rows and line-numbered errors."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from bot.geo.gazetteer import Gazetteer

_HEADERS = {
    "name": ("name", "nama", "nama lengkap"),
    "phone": ("phone", "telepon", "hp", "no hp", "nomor hp", "whatsapp", "wa"),
    "username": ("username", "telegram", "telegram username", "akun telegram"),
    "region": ("region", "wilayah", "kabupaten/kota", "kota", "kabupaten", "domisili"),
}
_USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


@dataclass(frozen=True, slots=True)
class RosterRow:
    line: int
    name: str
    phone: str | None
    username: str | None
    region_code: str | None


@dataclass(frozen=True, slots=True)
class RosterProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class RosterFileError(ValueError):
    """The file as a whole cannot be read (no header, missing columns)."""


def parse_roster(
    text: str, gazetteer: Gazetteer | None = None
) -> tuple[list[RosterRow], list[RosterProblem]]:
    """Good rows and problems (by line number); a bad row never stops the good ones."""
    from bot.content.cohorts import normalize_phone

    gazetteer = gazetteer or Gazetteer.default()
    sample = text[:2048]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), dialect)
    try:
        header = next(reader)
    except StopIteration as exc:
        raise RosterFileError(
            "the file is empty (expected a header: name,phone,username,region)"
        ) from exc
    columns: dict[str, int] = {}
    for index, raw in enumerate(header):
        label = raw.strip().lower()
        for field, names in _HEADERS.items():
            if label in names and field not in columns:
                columns[field] = index
    if "name" not in columns:
        raise RosterFileError(
            f"line 1: no 'name' column in the header {header!r} (expected name,phone,username,region)"
        )
    if "phone" not in columns and "username" not in columns:
        raise RosterFileError("line 1: the header needs a 'phone' or a 'username' column")

    rows: list[RosterRow] = []
    problems: list[RosterProblem] = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue

        def cell(field: str, record: list[str] = record) -> str:
            index = columns.get(field)
            return record[index].strip() if index is not None and index < len(record) else ""

        name, phone_raw, user_raw, region_raw = (
            cell("name"),
            cell("phone"),
            cell("username"),
            cell("region"),
        )
        if not name:
            problems.append(RosterProblem(line, "the name is empty"))
            continue
        if len(name) > 200:
            problems.append(RosterProblem(line, "the name is longer than 200 characters"))
            continue
        phone = normalize_phone(phone_raw) if phone_raw else None
        if phone_raw and phone is None:
            problems.append(RosterProblem(line, f"{phone_raw!r} is not a phone number"))
            continue
        username = user_raw.removeprefix("@") if user_raw else None
        if username is not None and not _USERNAME_RE.match(username):
            problems.append(RosterProblem(line, f"{user_raw!r} is not a Telegram username"))
            continue
        if phone is None and username is None:
            problems.append(RosterProblem(line, "needs a phone number or a Telegram username"))
            continue
        region_code = None
        if region_raw:
            found = resolve_region(gazetteer, region_raw)
            if isinstance(found, str):
                problems.append(RosterProblem(line, found))
                continue
            region_code = found.code
        rows.append(
            RosterRow(line, name, phone, username.lower() if username else None, region_code)
        )
    return rows, problems


def resolve_region(gazetteer: Gazetteer, value: str):  # type: ignore[no-untyped-def]
    """A region by Kemendagri code or name, or a message saying what is wrong."""
    value = value.strip()
    if re.fullmatch(r"\d{2}(\.?\d{2})?", value):
        region = gazetteer.get(value)
        return region if region is not None else f"unknown region code {value!r}"
    found = gazetteer.resolve(value)
    if len(found) == 1:
        return found[0]
    if not found:
        return f"unknown region {value!r}"
    options = ", ".join(f"{r.name} ({r.code})" for r in found[:4])
    return f"region {value!r} is ambiguous: {options}; write the code instead"

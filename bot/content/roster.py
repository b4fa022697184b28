"""Cohort rosters from CSV (name, phone or Telegram username, region): rows and line-numbered errors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.fileio import FileError, find_region, read_csv
from bot.geo.gazetteer import Gazetteer, Region

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
    text: str, gazetteer: Gazetteer | None = None, *, source: str = "roster"
) -> tuple[list[RosterRow], list[RosterProblem]]:
    """Good rows and problems (by line number); a bad row never stops the good ones.

    A file that cannot be read as a whole (a NUL byte, a cell over 131,072 characters, no
    header) raises :class:`RosterFileError` naming ``source`` and the line.
    """
    from bot.content.cohorts import normalize_phone

    gazetteer = gazetteer or Gazetteer.default()
    try:
        records = read_csv(text.encode("utf-8"), source)
    except FileError as exc:
        raise RosterFileError(str(exc)) from None
    if not records:
        raise RosterFileError(
            f"{source}: the file is empty (expected a header: name,phone,username,region)"
        )
    header = records[0][1]
    columns: dict[str, int] = {}
    for index, raw in enumerate(header):
        label = raw.strip().lower()
        for field, names in _HEADERS.items():
            if label in names and field not in columns:
                columns[field] = index
    if "name" not in columns:
        raise RosterFileError(
            f"{source}:1: no 'name' column in the header {header!r} "
            "(expected name,phone,username,region)"
        )
    if "phone" not in columns and "username" not in columns:
        raise RosterFileError(f"{source}:1: the header needs a 'phone' or a 'username' column")

    rows: list[RosterRow] = []
    problems: list[RosterProblem] = []
    for line, record in records[1:]:
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


def resolve_region(gazetteer: Gazetteer, value: str) -> Region | str:
    """A region by Kemendagri code or name, or a message saying what is wrong."""
    try:
        return find_region(value, gazetteer)
    except ValueError as exc:
        return str(exc)

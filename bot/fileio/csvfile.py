"""CSV files (survey answers, cohort rosters): read whole before anything is stored.

A file that is too large, not UTF-8, has a NUL byte or a cell over :data:`CELL_LIMIT` characters
is refused with one line naming the file and the line; the caller stores nothing.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from bot.fileio.problems import FileError
from bot.fileio.text import MAX_CSV_BYTES, decode_text

#: Python's csv module refuses longer cells; no answer or roster cell needs more.
CELL_LIMIT = 131_072


def read_csv(
    data: bytes, source: str, *, max_bytes: int = MAX_CSV_BYTES
) -> list[tuple[int, list[str]]]:
    """Every record with the line it ends on; the delimiter (``,`` ``;`` or tab) is guessed."""
    if len(data) > max_bytes:
        raise FileError.one(source, f"too large ({len(data):,} bytes; at most {max_bytes:,})")
    text = decode_text(data, source)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    records: list[tuple[int, list[str]]] = []
    try:
        for record in reader:
            if any(len(cell) > CELL_LIMIT for cell in record):
                raise FileError.one(
                    source,
                    f"a cell is longer than {CELL_LIMIT:,} characters",
                    line=reader.line_num,
                )
            records.append((reader.line_num, record))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            message = f"a cell is longer than {CELL_LIMIT:,} characters"
        else:
            message = f"not a readable CSV ({exc})"
        raise FileError.one(source, message, line=reader.line_num) from None
    return records

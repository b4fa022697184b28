"""Reading a file's bytes as text: size cap, NUL bytes and UTF-8 checked, one line per fault."""

from __future__ import annotations

from pathlib import Path

from bot.fileio.problems import FileError

#: Definition files (surveys, broadcasts, content, config) are small; 1 MiB is generous.
MAX_YAML_BYTES = 1 << 20
#: NLU training data grows with the languages and intents.
MAX_NLU_BYTES = 8 << 20
#: Survey answer imports and cohort rosters.
MAX_CSV_BYTES = 32 << 20


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes, refused when it cannot be read or is larger than ``max_bytes``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileError.one(path, f"too large ({size:,} bytes; at most {max_bytes:,})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise FileError.one(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise FileError.one(path, f"too large (more than {max_bytes:,} bytes)")
    return data


def decode_text(data: bytes, source: str | Path) -> str:
    """UTF-8 text (a byte-order mark is dropped); NUL bytes and other encodings are refused."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise FileError.one(
            source, "contains a NUL byte (is it a text file?)", line=_line_at(data, nul)
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileError.one(
            source,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            line=_line_at(data, exc.start),
        ) from exc


def read_text(path: Path, *, max_bytes: int = MAX_YAML_BYTES) -> str:
    """:func:`read_bytes` then :func:`decode_text`."""
    return decode_text(read_bytes(path, max_bytes=max_bytes), path)

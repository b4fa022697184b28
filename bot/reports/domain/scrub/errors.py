"""What every scrubber returns or raises."""

from __future__ import annotations

from dataclasses import dataclass


class UnscrubbableError(Exception):
    """A file that can carry metadata but cannot be cleaned: hold it, never send it as it is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Scrubbed:
    """The cleaned bytes and the extension they should be sent under (``heic`` becomes ``jpg``)."""

    data: bytes
    ext: str

"""What is wrong with a file: :class:`Problem` (file, line, field, message) and :class:`FileError`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One fault of a file, shown as ``file:line: field: what is wrong``."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return ": ".join(part for part in (where, self.field, self.message) if part)


class FileError(ValueError):
    """A file (or several) cannot be used; ``problems`` lists every fault found, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        if not self.problems:
            raise ValueError("FileError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def one(
        cls,
        file: str | Path,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> FileError:
        return cls([Problem(str(file), line, field, message)])

    @property
    def first(self) -> Problem:
        return self.problems[0]

    @property
    def file(self) -> str:
        return self.first.file

    @property
    def line(self) -> int | None:
        return self.first.line

    @property
    def field(self) -> str | None:
        return self.first.field

    @property
    def message(self) -> str:
        return self.first.message

    def lines(self) -> list[str]:
        """Every problem as one line of text."""
        return [str(p) for p in self.problems]


def gather(errors: Iterable[FileError]) -> list[Problem]:
    """The problems of several files, in order."""
    return [p for error in errors for p in error.problems]

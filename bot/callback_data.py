"""The base of every button's callback data: numbers in it are checked before a handler sees them.

Button data comes back from Telegram as the client sent it, so a forged press can carry
``rc:claim:99999999999999999999999``. aiogram's ``CallbackData`` turns that into a Python int of
any size, and the database refuses it (``OverflowError`` on SQLite, ``DataError`` on PostgreSQL)
deep inside a handler. :class:`Callback` refuses it at unpacking instead, where a malformed press
already goes: the filter does not match, and the press ends at the stale-button answer.

The numbers buttons carry are row ids (``INTEGER`` columns: 32-bit on PostgreSQL), indices and
day counts, so every int field must lie in the signed 32-bit range (no button carries a Telegram
id; a field that must would need its own type). A ``str`` field whose value is all digits (a
broadcast id in ``bc:stop:<id>``, a cohort in ``kn:cohort:<id>``) may be parsed by its handler,
so it must be plain ASCII digits that fit in 64 bits (``"²".isdigit()`` is true, but ``int("²")``
fails); the wider bound keeps all-digit survey slugs working.
"""

from __future__ import annotations

from typing import Any, Self

from aiogram.filters.callback_data import CallbackData
from pydantic import model_validator

#: The largest int field button data may carry (PostgreSQL ``INTEGER``).
MAX_NUMBER = 2**31 - 1
#: The largest all-digit text value (SQLite and PostgreSQL ``BIGINT``).
MAX_DIGITS_VALUE = 2**63 - 1


def number_in_range(value: int, limit: int = MAX_NUMBER) -> bool:
    return -limit - 1 <= value <= limit


def _problem(name: str, value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and not number_in_range(value):
        return f"{name} is out of range"
    if isinstance(value, str) and value.isdigit():
        if not value.isascii():
            return f"{name} has non-ASCII digits"
        if not number_in_range(int(value), MAX_DIGITS_VALUE):
            return f"{name} is out of range"
    return None


class Callback(CallbackData, prefix="_"):
    """Subclass it as aiogram's ``CallbackData`` (``class StepCb(Callback, prefix="rp")``)."""

    @classmethod
    def parse(cls, data: str) -> Self | None:
        """``unpack``, or None for data that is not (or no longer) a button of this kind: one
        from before a redeploy that changed its fields, or a forged one."""
        try:
            return cls.unpack(data)
        except (TypeError, ValueError):
            return None

    @model_validator(mode="after")
    def _numbers_fit(self) -> Callback:
        for name in type(self).model_fields:
            problem = _problem(name, getattr(self, name))
            if problem is not None:
                raise ValueError(f"{type(self).__name__}: {problem}")
        return self

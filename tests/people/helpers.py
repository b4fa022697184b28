"""Helpers around the place-of-residence question that follows a citizen's first report."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.people.service import UnknownUserError
from tests.support.harness import UserDriver, buttons


def is_region_question(message: dict[str, Any]) -> bool:
    """A message with the profile's buttons (``pf:``): the question, or what was typed for it."""
    return any(str(b.get("callback_data", "")).startswith("pf:") for b in buttons(message))


async def region_question_due(user: UserDriver) -> bool:
    """Whether sending a report now would be followed by the question (never asked, no place)."""
    people = user.h.services.people
    try:
        person = await people.get(user.id)
    except UnknownUserError:
        return True
    return person.region_code is None and not await people.region_asked(user.id)


def _confirmation(messages: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The report's confirmation (its code, with the main menu) among ``messages``."""
    for m in messages:
        if "LP-" in (m.get("text") or "") and "keyboard" in (m.get("reply_markup") or {}):
            return m
    return None


async def region_question_after(
    user: UserDriver, confirmation: dict[str, Any], timeout: float = 10.0
) -> dict[str, Any]:
    """The question that follows ``confirmation`` in the chat (waits for it)."""
    for _ in range(int(timeout / 0.05)):
        later = [
            m
            for m in await user.inbox()
            if m["message_id"] > confirmation["message_id"] and is_region_question(m)
        ]
        if later:
            return later[0]
        await asyncio.sleep(0.05)
    raise AssertionError("no place-of-residence question after the report's confirmation")


async def without_region_question(
    user: UserDriver, messages: list[dict[str, Any]], *, due: bool
) -> list[dict[str, Any]]:
    """``messages`` after pressing Kirim, minus the question a first report brings (waited for
    when ``due``, so a test's next step never mistakes it for the answer it waits for)."""
    confirmation = _confirmation(messages)
    if due and confirmation is not None:
        await region_question_after(user, confirmation)
    return [m for m in messages if not is_region_question(m)]


async def live_in(user: UserDriver, typed: str, choice: str) -> None:
    """Say where one lives through /profil: type ``typed``, press the offered ``choice``."""
    [profile] = await user.send("/profil")
    await user.press(profile, "tempat tinggal", expect=1)
    [offered] = await user.send(typed)
    await user.press(offered, choice)
    for _ in range(200):
        if "Tersimpan" in ((await user.inbox())[-1].get("text") or ""):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{choice!r} was not saved as where {user.info['first_name']} lives")

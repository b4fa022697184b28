"""Helpers of the content tests: a coordinator, a cohort, the sample content loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.content.service import ContentService
from bot.people.models import Role
from tests.support.harness import Harness, UserDriver

SAMPLES = Path(__file__).resolve().parents[2] / "broadcasts" / "content"


def content_of(harness: Harness) -> ContentService:
    return harness.services.content


async def coordinator(harness: Harness, name: str = "Koor") -> UserDriver:
    user = harness.user(name)
    await user.send("/start")
    await harness.services.people.grant(user.id, Role.COORDINATOR, by="test")
    return user


async def cohort_code(
    harness: Harness, name: str = "Sekolah Demokrasi Banten 2023"
) -> tuple[int, str]:
    cohort = await content_of(harness).add_cohort(None, name, "36")
    assert cohort.invite_code
    return cohort.id, cohort.invite_code


async def join_cohort(
    harness: Harness,
    user: UserDriver,
    code: str,
    *,
    region: str = "Cilegon",
    topics: tuple[str, ...] = ("Toleransi",),
    opt_in: bool = True,
) -> None:
    """A user opens the invite link and completes the three profile steps."""
    await user.send(f"/start a-{code}", expect=2)
    [topics_msg] = await user.send(region)
    for label in topics:
        await user.press(topics_msg, label)
    await user.press(topics_msg, "Selesai", expect=1)
    consent = await user.last()
    await user.press(consent, "Boleh" if opt_in else "Tidak usah", expect=1)


async def load_samples(harness: Harness) -> Any:
    result = await content_of(harness).load_files(SAMPLES)
    assert not result.errors, result.errors
    return result


async def soon(
    user: UserDriver, needle: str, *, message_id: int | None = None, timeout: float = 5.0
) -> dict[str, Any]:
    """The newest bot message containing ``needle`` (or that message, when given), waiting for an
    edit or a message to land."""
    import asyncio

    for _ in range(int(timeout / 0.05)):
        for message in reversed(await user.inbox()):
            if message_id is not None and message["message_id"] != message_id:
                continue
            if needle in (message.get("text") or message.get("caption") or ""):
                return message
        await asyncio.sleep(0.05)
    texts = [(m.get("text") or m.get("caption") or "")[:80] for m in await user.inbox()]
    raise AssertionError(f"no message with {needle!r}; last ones: {texts[-4:]}")

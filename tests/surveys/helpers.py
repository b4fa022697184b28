"""Shared helpers of the survey tests: a small survey definition and a loader."""

from __future__ import annotations

from typing import Any

import aiohttp

from bot.surveys.models import SurveyStatus
from bot.surveys.schema import SurveyDef, parse_survey


def small_survey(slug: str = "cek", **extra: Any) -> dict[str, Any]:
    """Five questions: likert, yes/no, multi shown only after "ya", optional text, single."""
    data: dict[str, Any] = {
        "slug": slug,
        "title": {"id": "Survei Cek", "en": "Check Survey"},
        "intro": {"id": "Lima pertanyaan singkat.", "en": "Five short questions."},
        "questions": [
            {
                "id": "q1",
                "type": "likert5",
                "text": {"id": "Saya nyaman & tenang.", "en": "I am comfortable."},
            },
            {
                "id": "q2",
                "type": "yesno",
                "text": {"id": "Pernah lihat kampanye?", "en": "Seen the campaign?"},
            },
            {
                "id": "q3",
                "type": "multi",
                "show_if": {"question": "q2", "equals": "ya"},
                "text": {"id": "Di mana?", "en": "Where?"},
                "options": [
                    {"value": "ig", "label": {"id": "Instagram", "en": "Instagram"}},
                    {"value": "wa", "label": {"id": "WhatsApp", "en": "WhatsApp"}},
                ],
            },
            {
                "id": "q4",
                "type": "text",
                "required": False,
                "text": {"id": "Saran?", "en": "Suggestions?"},
            },
            {
                "id": "q5",
                "type": "single",
                "text": {"id": "Apa yang kamu lakukan?", "en": "What would you do?"},
                "options": [
                    {"value": "diam", "label": {"id": "Diam", "en": "Nothing"}},
                    {"value": "tegur", "label": {"id": "Menegur", "en": "Speak up"}},
                ],
            },
        ],
    }
    data.update(extra)
    return data


def definition(slug: str = "cek", **extra: Any) -> SurveyDef:
    return parse_survey(small_survey(slug, **extra), f"{slug}.yml")


async def load_open(services: Any, slug: str = "cek", **extra: Any) -> None:
    await services.surveys.load(definition(slug, **extra))
    await services.surveys.set_status(slug, SurveyStatus.OPEN)


async def download(emulator_url: str, token: str, file_id: str) -> bytes:
    """Fetch a file the bot uploaded, as a client would: getFile, then /file/bot<token>/<path>."""
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{emulator_url}/bot{token}/getFile", params={"file_id": file_id}) as r:
            path = (await r.json())["result"]["file_path"]
        async with http.get(f"{emulator_url}/file/bot{token}/{path}") as r:
            assert r.status == 200
            return await r.read()


async def last_when(user: Any, check: Any, timeout: float = 5.0) -> dict[str, Any]:
    """The user's last bot message once ``check(message)`` holds (edits arrive after the answer)."""
    import asyncio

    for _ in range(int(timeout / 0.05)):
        msg = (await user.inbox())[-1]
        if check(msg):
            return msg
        await asyncio.sleep(0.05)
    raise AssertionError(f"last message never matched: {msg.get('text')!r}")


async def press_exact(
    user: Any, message: dict[str, Any], label: str, *, expect: int = 0
) -> dict[str, Any]:
    """Press the inline button whose label is exactly ``label`` (labels overlap: "Tidak setuju")."""
    from tests.support.harness import buttons

    data = next((b["callback_data"] for b in buttons(message) if b["text"] == label), None)
    assert data is not None, f"no button {label!r}"
    before = len(await user.inbox())
    answer = await user.press_data(message, data, check=True)
    if expect:
        await user.emu.wait_bot_messages(user.id, before + expect, timeout=10)
    return answer

"""The reminder job: one nudge to those who started a survey but did not finish it.

The reminder is written into the outbox in the same transaction that marks the response as
reminded, so a crash neither loses it nor sends it twice; the outbox sends it with bounded
attempts (a user who blocked the bot is marked blocked, nobody else is bothered).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Catalog
from bot.outbox.kinds import TEXT
from bot.outbox.senders import text_payload
from bot.outbox.store import Outbox
from bot.people.service import language_in, opted_out_in
from bot.surveys.keyboards import start_button
from bot.surveys.runner import SurveyRunner
from bot.surveys.service import SurveyService


async def send_reminders(
    runner: SurveyRunner,
    surveys: SurveyService,
    catalog: Catalog,
    outbox: Outbox,
    default_language: str,
) -> int:
    """Owe the due reminders (each response is reminded at most once); returns how many."""
    titles = {info.slug: info for info in await surveys.list()}

    async def owe(s: AsyncSession, user_id: int, slug: str) -> bool:
        lang = await language_in(s, user_id, default_language)
        info = titles.get(slug)
        if lang is None or info is None or await opted_out_in(s, user_id):
            return False
        t = catalog.translator(lang)
        text = t("survey-reminder", title=info.title_in(t.lang))
        payload = text_payload(text, markup=start_button(t, slug), label=f"survey {slug}")
        outbox.add(s, TEXT, user_id, payload)
        return True

    owed = await runner.due_reminders(owe)
    outbox.kick()
    return len(owed)

"""The thanks at the end of a survey, owed through the outbox in the completing transaction: a
crash right after the last answer neither loses it nor sends it twice."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import Catalog
from bot.outbox.kinds import TEXT
from bot.outbox.store import Outbox
from bot.people.service import language_in
from bot.surveys.service import SurveyInfo

Hook = Callable[[AsyncSession, int, SurveyInfo], Awaitable[None]]


def thanks_hook(catalog: Catalog, outbox: Outbox, default_language: str) -> Hook:
    """A :attr:`SurveyRunner.completion_hooks` entry that owes the respondent the thanks."""

    async def owe(s: AsyncSession, user_id: int, survey: SurveyInfo) -> None:
        # aiogram's types, imported on use: the CLI sets the surveys feature up too
        from bot.outbox.senders import text_payload
        from bot.people.keyboards import main_menu

        lang = await language_in(s, user_id, default_language)
        if lang is None:
            return
        t = catalog.translator(lang)
        thanks = survey.thanks or {}
        text = html.escape(thanks.get(lang) or thanks.get("id") or t("survey-thanks"), quote=False)
        payload = text_payload(text, markup=main_menu(t), label=f"survey {survey.slug}")
        outbox.add(s, TEXT, user_id, payload)

    return owe

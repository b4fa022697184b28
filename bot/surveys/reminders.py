"""The reminder job: one nudge to those who started a survey but did not finish it."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError

from bot.i18n import Catalog
from bot.people.service import PeopleService, UnknownUserError
from bot.surveys.keyboards import start_button
from bot.surveys.runner import SurveyRunner
from bot.surveys.service import SurveyService

log = logging.getLogger(__name__)


async def send_reminders(
    bot: Bot, runner: SurveyRunner, surveys: SurveyService, people: PeopleService, catalog: Catalog
) -> int:
    """Send the due reminders (each response is reminded at most once); returns how many."""
    sent = 0
    for user_id, slug in await runner.due_reminders():
        try:
            person = await people.get(user_id)
            info = await surveys.get(slug)
        except (UnknownUserError, LookupError):
            continue
        if person.opted_out:
            continue
        t = catalog.translator(person.language)
        try:
            await bot.send_message(
                user_id,
                t("survey-reminder", title=info.title_in(t.lang)),
                reply_markup=start_button(t, slug),
            )
            sent += 1
        except TelegramForbiddenError:
            await people.mark_blocked(user_id)
        except TelegramAPIError as exc:
            log.warning("survey reminder to %s failed: %s", user_id, exc)
    return sent

"""What alumni see of their reach: /dampak (impact) and /peringkat (the cohort leaderboard)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.content.impact import Figures
from bot.content.keyboards import BoardCb, board_keyboard
from bot.content.models import ShareChannel
from bot.content.service import ContentService
from bot.i18n import Safe, Translator
from bot.people.models import Role
from bot.people.service import Person


def _figures(t: Translator, f: Figures) -> str:
    channels = ", ".join(
        f"{t(f'content-channel-{c.value}')} {f.shares_by_channel[c.value]}"
        for c in ShareChannel
        if f.shares_by_channel.get(c.value)
    )
    return t(
        "content-impact-figures",
        shares=f.shares,
        channels=channels or "–",
        joined=f.joined,
        reports=f.reports,
        surveys=f.surveys,
    )


async def show_impact(
    message: Message, person: Person, t: Translator, content: ContentService
) -> None:
    """/dampak: the alumnus's shares, the people who joined through them, and what those people did."""
    if not (person.has(Role.ALUMNI) or person.is_coordinator):
        await message.answer(t("content-alumni-only"))
        return
    impact = await content.impact.impact(person.id)
    await message.answer(
        t(
            "content-impact",
            month=Safe(_figures(t, impact.month)),
            total=Safe(_figures(t, impact.total)),
        )
    )


async def show_leaderboard(
    message: Message, person: Person, t: Translator, content: ContentService
) -> None:
    """/peringkat: the cohort's leaderboard, by name only for those who opted in."""
    cohorts = await content.cohorts.cohorts_of(person.id)
    if not cohorts:
        await message.answer(t("content-board-no-cohort"))
        return
    cohort = cohorts[0]
    standings = await content.impact.leaderboard(cohort.id)
    shown = [s for s in standings if s.opted_in][: content.settings.leaderboard_size]
    lines = [
        t("content-board-line", rank=s.rank, name=s.name, shares=s.shares, joined=s.joined)
        for s in shown
    ]
    me = next((s for s in standings if s.user_id == person.id), None)
    parts = [t("content-board-title", cohort=cohort.name)]
    parts.append("\n".join(lines) if lines else t("content-board-empty"))
    if me is not None:
        parts.append(
            t(
                "content-board-me",
                rank=me.rank,
                total=len(standings),
                shares=me.shares,
                joined=me.joined,
            )
        )
        if not me.opted_in:
            parts.append(t("content-board-hidden"))
    markup = board_keyboard(t, me.opted_in) if me is not None else None
    await message.answer("\n\n".join(parts), reply_markup=markup)


async def board_toggle(
    query: CallbackQuery,
    callback_data: BoardCb,
    person: Person,
    t: Translator,
    content: ContentService,
) -> None:
    """Appear on (or leave) the leaderboard."""
    if await content.cohorts.profile(person.id) is None:
        await query.answer(t("content-alumni-only"), show_alert=True)
        return
    opt_in = callback_data.action == "in"
    await content.cohorts.set_leaderboard_opt_in(person.id, opt_in)
    await query.answer(t("content-lb-yes-saved" if opt_in else "content-lb-no-saved"))
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=board_keyboard(t, opt_in))


def register(router: Router) -> None:
    router.message.register(show_impact, Command("dampak", "impact"))
    router.message.register(show_leaderboard, Command("peringkat", "leaderboard"))
    router.callback_query.register(board_toggle, BoardCb.filter())

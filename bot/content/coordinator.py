"""Coordinators in the chat: cohorts (/angkatan, /angkatan_baru), invite links, stats (/statistik_konten)."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.content.cohorts import CohortInfo
from bot.content.keyboards import CohortCb, cohorts_keyboard
from bot.content.models import ShareChannel
from bot.content.roster import resolve_region
from bot.content.service import ContentService
from bot.filters import HasRole
from bot.geo.gazetteer import Gazetteer
from bot.i18n import Translator
from bot.people.deeplinks import LinkKind, start_link
from bot.people.models import Role
from bot.people.service import Person


def _region_name(code: str | None) -> str:
    region = Gazetteer.default().get(code) if code else None
    return region.name if region else "–"


def _cohort_line(t: Translator, c: CohortInfo) -> str:
    return t(
        "content-cohort-line",
        id=str(c.id),
        name=c.name,
        region=_region_name(c.region_code),
        members=c.members,
        pending=c.roster_pending,
    )


async def list_cohorts(
    message: Message, person: Person, t: Translator, content: ContentService
) -> None:
    """Cohorts with members and pending roster entries; buttons for the invite link and revoking."""
    cohorts = await content.list_cohorts(person)
    if not cohorts:
        await message.answer(t("content-cohorts-empty"))
        return
    lines = [_cohort_line(t, c) for c in cohorts[:40]]
    await message.answer(
        t("content-cohorts-title") + "\n\n" + "\n".join(lines),
        reply_markup=cohorts_keyboard(t, [c.id for c in cohorts]),
    )


async def add_cohort(
    message: Message,
    command: CommandObject,
    person: Person,
    t: Translator,
    content: ContentService,
    bot: Bot,
) -> None:
    """/angkatan_baru Name | region"""
    name, _, region_text = (command.args or "").partition("|")
    if not name.strip():
        await message.answer(t("content-cohort-add-usage"))
        return
    region_code = None
    if region_text.strip():
        found = resolve_region(Gazetteer.default(), region_text)
        if isinstance(found, str):
            await message.answer(t("content-cohort-bad-region", problem=found))
            return
        region_code = found.code
    cohort = await content.add_cohort(person, name, region_code)
    me = await bot.me()
    link = start_link(me.username or "", LinkKind.ALUMNI_INVITE, cohort.invite_code or "")
    await message.answer(t("content-cohort-added", name=cohort.name, link=link))


async def cohort_action(
    query: CallbackQuery,
    callback_data: CohortCb,
    person: Person,
    t: Translator,
    content: ContentService,
    bot: Bot,
) -> None:
    """The invite link of a cohort, or revoke its codes and make a new one."""
    code = await content.invite_code(
        person, callback_data.cohort, renew=callback_data.action == "revoke"
    )
    cohort = await content.cohorts.get(callback_data.cohort)
    await query.answer()
    me = await bot.me()
    link = start_link(me.username or "", LinkKind.ALUMNI_INVITE, code)
    key = "content-cohort-renewed" if callback_data.action == "revoke" else "content-cohort-invite"
    await bot.send_message(query.from_user.id, t(key, name=cohort.name, link=link))


async def show_stats(
    message: Message, person: Person, t: Translator, content: ContentService
) -> None:
    """Per item and per cohort: shares by channel and referred joins."""
    rows = await content.stats(person)
    items = sorted(
        (r for r in rows if r.kind == "item"), key=lambda r: (-r.shares, -r.joined, r.key)
    )[:10]
    cohorts = sorted(
        (r for r in rows if r.kind == "cohort"), key=lambda r: (-r.shares, -r.joined, r.key)
    )[:10]

    def fmt(r):  # type: ignore[no-untyped-def]
        channels = ", ".join(
            f"{t(f'content-channel-{c.value}')} {r.shares_by_channel[c.value]}"
            for c in ShareChannel
            if r.shares_by_channel.get(c.value)
        )
        return t(
            "content-stats-line",
            title=r.title[:60],
            shares=r.shares,
            channels=channels or "–",
            joined=r.joined,
        )

    parts = [t("content-stats-items")]
    parts.append("\n".join(fmt(r) for r in items) if items else t("content-stats-none"))
    parts.append(t("content-stats-cohorts"))
    parts.append("\n".join(fmt(r) for r in cohorts) if cohorts else t("content-stats-none"))
    await message.answer("\n\n".join(parts))


def register(router: Router) -> None:
    coordinator = HasRole(Role.COORDINATOR)
    router.message.register(list_cohorts, Command("angkatan"), coordinator)
    router.message.register(add_cohort, Command("angkatan_baru"), coordinator)
    router.message.register(show_stats, Command("statistik_konten"), coordinator)
    router.callback_query.register(cohort_action, CohortCb.filter())

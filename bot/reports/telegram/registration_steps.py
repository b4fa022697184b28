"""The steps of a partner's registration from its group, as one table: each button's action, the
steps it is valid in, and what it does (name → places → categories → summary → saved).

A step gets a :class:`Press` and returns the panel to show in place of the pressed message, or
None when it sent what it had to say; a refusal is a :class:`RegistrationError`, which the
dispatcher answers as an alert in the coordinator's language.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Chat, InlineKeyboardMarkup, Message

from bot.errors import UserError
from bot.geo.gazetteer import Gazetteer
from bot.i18n import Safe, Translator
from bot.people.deeplinks import LinkKind, start_link
from bot.people.service import Person
from bot.reports.domain.categories import CATEGORIES
from bot.reports.domain.partners import INVITE_DAYS, PartnerNameTakenError, PartnerService
from bot.reports.domain.routing import PartnerInfo
from bot.reports.telegram import registration_keyboards as kb

log = logging.getLogger("bot.reports")

Act = kb.Act
Panel = tuple[str, InlineKeyboardMarkup | None]


class RegistrationError(UserError):
    """A press that cannot be carried out; the coordinator is told why."""

    key = "partners-expired"


class Registering(StatesGroup):
    """The steps of a registration; ``typing_name`` and ``searching`` take one typed reply."""

    name = State()
    typing_name = State()
    regions = State()
    searching = State()
    categories = State()
    summary = State()


R = Registering


@dataclass
class Press:
    """A coordinator's press on a registration panel, and what the steps need to answer it."""

    message: Message
    person: Person
    t: Translator
    state: FSMContext
    partners: PartnerService
    bot: Bot
    value: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.data.get("name") or "")

    @property
    def regions(self) -> list[str]:
        return list(self.data.get("regions") or [])

    @property
    def categories(self) -> list[str]:
        return list(self.data.get("categories") or [])

    @property
    def who(self) -> Safe:
        return kb.mention(self.person.id, self.person.first_name)


def valid_name(name: str) -> bool:
    return 2 <= len(name.strip()) <= 128


async def name_problem(partners: PartnerService, name: str, chat_id: int) -> str | None:
    """The catalogue key of what is wrong with a partner name for this chat, or None."""
    if not valid_name(name):
        return "partners-name-bad"
    wanted = name.strip().casefold()
    for p in await partners.list_partners(active_only=True):
        if p.name.casefold() == wanted and p.chat_id != chat_id:
            return "partners-name-taken"
    return None


async def begin(
    chat: Chat, person: Person, t: Translator, state: FSMContext, partners: PartnerService
) -> tuple[str, InlineKeyboardMarkup]:
    """The first panel: the partner's details when the group is one, else the name step."""
    partner = await partners.for_chat(chat.id)
    if partner is not None:
        await state.clear()
        scope = kb.scope(t, partner.regions, partner.categories)
        return t("partners-existing", partner=partner.name, **scope), kb.existing_kb(t)
    name = (chat.title or "").strip()[:128]
    await state.set_state(R.name)
    await state.set_data({"name": name, "regions": [], "categories": []})
    who = kb.mention(person.id, person.first_name)
    return t("partners-name-ask", mention=who, name=name), kb.name_kb(t)


async def send_invite(
    message: Message, t: Translator, partners: PartnerService, partner: PartnerInfo, bot: Bot
) -> None:
    """A fresh invite link (``/start p-<code>``) for the partner's members, as text and button."""
    code = await partners.create_invite(partner.id)
    link = start_link((await bot.me()).username or "", LinkKind.PARTNER_INVITE, code)
    text = t("partners-invite", partner=partner.name, days=INVITE_DAYS, link=link)
    await message.answer(text, reply_markup=kb.invite_kb(t, link))


# -- the steps ------------------------------------------------------------------------------------
async def _start(p: Press) -> Panel | None:
    text, markup = await begin(p.message.chat, p.person, p.t, p.state, p.partners)
    await p.message.answer(text, reply_markup=markup)  # the greeting stays as it is
    return None


async def _partner_or_begin(p: Press) -> PartnerInfo | Panel:
    if (partner := await p.partners.for_chat(p.message.chat.id)) is not None:
        return partner
    return await begin(p.message.chat, p.person, p.t, p.state, p.partners)


async def _change(p: Press) -> Panel | None:
    """An existing partner's places and categories, prefilled (its name stays)."""
    partner = await _partner_or_begin(p)
    if not isinstance(partner, PartnerInfo):
        return partner
    await p.state.set_state(R.regions)
    regions, categories = list(partner.regions), list(partner.categories)
    await p.state.set_data({"name": partner.name, "regions": regions, "categories": categories})
    return kb.regions_panel(p.t, partner.name, regions)


async def _invite(p: Press) -> Panel | None:
    partner = await _partner_or_begin(p)
    if not isinstance(partner, PartnerInfo):
        return partner
    await send_invite(p.message, p.t, p.partners, partner, p.bot)
    return None


async def _cancel(p: Press) -> Panel | None:
    await p.state.clear()
    return p.t("partners-cancelled"), None


async def _name_ok(p: Press) -> Panel | None:
    problem = await name_problem(p.partners, p.name, p.message.chat.id)
    if problem is not None:
        raise RegistrationError(problem, name=p.name)
    await p.state.set_state(R.regions)
    return kb.regions_panel(p.t, p.name, p.regions)


async def _ask(p: Press, state: State, key: str) -> Panel | None:
    """A typed answer: a force-reply mentioning the coordinator, so only they get the box."""
    await p.state.set_state(state)
    await p.message.answer(p.t(key, mention=p.who), reply_markup=kb.force_reply())
    return None


async def _provinces(p: Press) -> Panel | None:
    return p.t("partners-provinces"), kb.provinces_kb(p.t)


async def _toggle_region(p: Press, code: str, *, add: bool = True) -> Panel | None:
    if code != kb.NATIONAL and Gazetteer.default().get(code) is None:
        raise RegistrationError()
    regions = p.regions
    if code in regions:
        regions.remove(code)
    elif add:
        regions.append(code)
    await p.state.set_state(R.regions)
    await p.state.update_data(regions=regions)
    return kb.regions_panel(p.t, p.name, regions)


async def _regions(p: Press) -> Panel | None:
    await p.state.set_state(R.regions)
    return kb.regions_panel(p.t, p.name, p.regions)


async def _regions_done(p: Press) -> Panel | None:
    if not p.regions:
        raise RegistrationError("partners-need-region")
    await p.state.set_state(R.categories)
    return kb.categories_panel(p.t, p.name, p.categories)


async def _toggle_category(p: Press, category: str) -> Panel | None:
    """``*`` (all) clears the others; a single one clears "all"."""
    chosen = p.categories
    if category == kb.ALL:
        chosen = [] if kb.ALL in chosen else [kb.ALL]
    elif category in CATEGORIES:
        rest = [c for c in chosen if c != kb.ALL]
        chosen = [c for c in rest if c != category] if category in rest else [*rest, category]
    else:
        raise RegistrationError()
    await p.state.update_data(categories=chosen)
    return kb.categories_panel(p.t, p.name, chosen)


async def _categories_done(p: Press) -> Panel | None:
    if not p.categories:
        raise RegistrationError("partners-need-category")
    await p.state.set_state(R.summary)
    scope = kb.scope(p.t, p.regions, p.categories)
    return p.t("partners-summary", mention=p.who, partner=p.name, **scope), kb.summary_kb(p.t)


async def _save(p: Press) -> Panel | None:
    """Store the partner for this group (the chat id is the pressed message's, never the
    button's) and offer its members the invite link."""
    try:
        partner = await p.partners.add(
            name=p.name,
            chat_id=p.message.chat.id,
            regions=p.regions,
            categories=p.categories,
            source="chat",
            own_chat_only=True,
        )
    except PartnerNameTakenError:  # another group took the name meanwhile
        await p.state.set_state(R.name)
        return p.t("partners-name-taken", name=p.name), kb.name_kb(p.t)
    await p.state.clear()
    log.info("partner %s registered from its group", partner.id)
    scope = kb.scope(p.t, partner.regions, partner.categories)
    await p.message.edit_text(p.t("partners-saved", partner=partner.name, **scope))
    await send_invite(p.message, p.t, p.partners, partner, p.bot)
    return None


Step = Callable[[Press], Awaitable[Panel | None]]
PLACES = (R.regions, R.searching)
ANY: tuple[State, ...] = ()

#: Each action: what it does and the steps it is valid in (``ANY``: whatever step, or none).
STEPS: dict[Act, tuple[Step, tuple[State, ...]]] = {
    Act.START: (_start, ANY),
    Act.CHANGE: (_change, ANY),
    Act.INVITE: (_invite, ANY),
    Act.CANCEL: (_cancel, ANY),
    Act.NAME_OK: (_name_ok, (R.name, R.typing_name)),
    Act.NAME_TYPE: (
        lambda p: _ask(p, R.typing_name, "partners-name-prompt"),
        (R.name, R.typing_name),
    ),
    Act.SEARCH: (lambda p: _ask(p, R.searching, "partners-search-prompt"), PLACES),
    Act.PROVINCES: (_provinces, PLACES),
    Act.ADD: (lambda p: _toggle_region(p, p.value), PLACES),
    Act.DROP: (lambda p: _toggle_region(p, p.value, add=False), PLACES),
    Act.NATIONAL: (lambda p: _toggle_region(p, kb.NATIONAL), PLACES),
    Act.REGIONS: (_regions, (*PLACES, R.categories, R.summary)),
    Act.REGIONS_DONE: (_regions_done, PLACES),
    Act.CATEGORY: (lambda p: _toggle_category(p, p.value), (R.categories,)),
    Act.ALL_CATEGORIES: (lambda p: _toggle_category(p, kb.ALL), (R.categories,)),
    Act.CATEGORIES_DONE: (_categories_done, (R.categories,)),
    Act.SAVE: (_save, (R.summary,)),
}


def step_for(act: str, current: str | None) -> Step:
    """The step a press runs; :class:`RegistrationError` when unknown or not valid now."""
    try:
        step, valid = STEPS[Act(act)]
    except ValueError:
        raise RegistrationError() from None
    if valid and current not in {s.state for s in valid}:
        raise RegistrationError()
    return step

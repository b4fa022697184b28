"""Where a citizen lives, asked once, and /profil: what the bot knows about the person.

After a citizen's first report the bot asks, once and skippably, whether they live in the
report's kabupaten/kota (:func:`ask_region_once`, called by the wizard's last step). The question
is owed through the outbox in the transaction that records it was asked, so it comes after the
report's confirmation and never twice. /profil shows the name (as Telegram gives it), language,
place of residence and roles, and lets the person change or clear the place and the language.
The place of residence feeds broadcast segments and survey breakdowns; it is never shown to
partners (a report's card shows the report's place, never where the reporter lives).
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, User

from bot.callback_data import Callback
from bot.geo.gazetteer import Gazetteer, Region
from bot.i18n import Translator
from bot.outbox.kinds import TEXT
from bot.outbox.senders import text_payload
from bot.outbox.store import Outbox
from bot.people.models import Role
from bot.people.router import choose_language
from bot.people.service import PeopleService, Person

#: Candidates offered for a typed place (as the report wizard's place step).
MAX_CHOICES = 6


class ProfileCb(Callback, prefix="pf"):
    #: set (value: a kabupaten/kota code), change, skip, cancel, clear, lang
    action: str
    value: str = ""


class ProfileStates(StatesGroup):
    region = State()  # typing the kabupaten/kota


def kabkota(code: str | None) -> Region | None:
    """The kabupaten/kota of ``code`` (None for a province, an unknown code or nothing)."""
    region = Gazetteer.default().get(code or "")
    return region if region is not None and region.kind != "provinsi" else None


def region_label(region: Region) -> str:
    return f"{region.name}, {region.province_name}"


def _btn(text: str, action: str, value: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=ProfileCb(action=action, value=value).pack()
    )


def question_kb(t: Translator, region: Region | None) -> InlineKeyboardMarkup:
    if region is None:
        rows = [[_btn(t("profile-btn-type"), "change")], [_btn(t("profile-btn-skip"), "skip")]]
    else:
        rows = [
            [_btn(t("profile-btn-yes"), "set", region.code)],
            [_btn(t("profile-btn-change"), "change"), _btn(t("profile-btn-skip"), "skip")],
        ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def choices_kb(t: Translator, regions: list[Region]) -> InlineKeyboardMarkup:
    rows = [[_btn(region_label(r), "set", r.code)] for r in regions[:MAX_CHOICES]]
    rows.append([_btn(t("profile-btn-cancel"), "cancel")])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def profile_kb(t: Translator, person: Person) -> InlineKeyboardMarkup:
    if person.region_code:
        rows = [
            [_btn(t("profile-btn-region-change"), "change")],
            [_btn(t("profile-btn-region-clear"), "clear")],
        ]
    else:
        rows = [[_btn(t("profile-btn-region-set"), "change")]]
    rows.append([_btn(t("profile-btn-language"), "lang")])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def profile_text(t: Translator, person: Person, user: User | None) -> str:
    name = user.full_name if user is not None else person.first_name
    if user is not None and user.username:
        name += f" (@{user.username})"
    region = Gazetteer.default().get(person.region_code or "")
    place = region_label(region) if region is not None else t("profile-region-none")
    roles = ", ".join(t(f"profile-role-{r.value}") for r in Role if r in person.roles)
    return "\n".join(
        [
            t("profile-title"),
            "",
            t("profile-name", name=name),
            t("profile-language", language=t(f"language-name-{person.language}")),
            t("profile-region", place=place),
            t("profile-roles", roles=roles),
            "",
            t("profile-privacy"),
        ]
    )


async def ask_region_once(
    message: Message,
    person: Person,
    t: Translator,
    *,
    region_code: str | None,
    people: PeopleService,
    outbox: Outbox,
) -> bool:
    """After a report: ask where the citizen lives, offering the report's kabupaten/kota.

    Asked at most once per person (and never when the place is known); the question is owed in
    the transaction that records it, after the report's confirmation. True when it was asked.
    """
    if message.chat.type != "private" or person.region_code:
        return False
    region = kabkota(region_code)
    if region is None:
        text = t("profile-region-ask-open")
    else:
        text = t("profile-region-ask", place=region_label(region))
    payload = text_payload(text, markup=question_kb(t, region), label="profile-region")
    async with people.db.transaction() as s:
        if not await people.claim_region_question(s, person.id):
            return False
        outbox.add(s, TEXT, message.chat.id, payload)
    return True


# --- handlers


async def show_profile(message: Message, person: Person, t: Translator) -> None:
    """/profil: what the bot knows, with buttons to change it (in the private chat only)."""
    if message.chat.type != "private":
        await message.answer(t("profile-private-only"))
        return
    await message.answer(
        profile_text(t, person, message.from_user), reply_markup=profile_kb(t, person)
    )


async def _edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=markup)


async def _done(query: CallbackQuery, state: FSMContext, text: str) -> None:
    if await state.get_state() == ProfileStates.region.state:
        await state.clear()
    await _edit(query, text, None)


async def on_set(
    query: CallbackQuery,
    callback_data: ProfileCb,
    state: FSMContext,
    t: Translator,
    person: Person,
    people: PeopleService,
) -> None:
    """[Ya] or an offered place: stored as where the person lives."""
    region = kabkota(callback_data.value)
    if region is None:  # a forged or outdated button
        await query.answer(t("profile-bad-choice"), show_alert=True)
        return
    await people.set_region(person.id, region.code)
    await query.answer()
    await _done(query, state, t("profile-region-saved", place=region_label(region)))


async def on_change(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    """[Bukan, ganti] / [Ubah]: the place is typed next."""
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
        await state.set_state(ProfileStates.region)
        await query.message.answer(
            t("profile-region-type"),
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[[_btn(t("profile-btn-cancel"), "cancel")]]
            ),
        )


async def on_skip(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    """[Lewati]: nothing stored; the question was asked, so it never comes again."""
    await query.answer()
    await _done(query, state, t("profile-region-skipped"))


async def on_cancel(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await query.answer()
    await _done(query, state, t("profile-region-kept"))


async def on_clear(
    query: CallbackQuery, t: Translator, person: Person, people: PeopleService
) -> None:
    """[Hapus tempat tinggal]: forgotten; the profile is shown again without it."""
    await people.set_region(person.id, None)
    await query.answer(t("profile-region-cleared"))
    fresh = await people.get(person.id)
    await _edit(query, profile_text(t, fresh, query.from_user), profile_kb(t, fresh))


async def on_language(query: CallbackQuery, t: Translator) -> None:
    """[Ganti bahasa]: /bahasa's picker."""
    await query.answer()
    if isinstance(query.message, Message):
        await choose_language(query.message, t)


MENU_KEYS = ("menu-report", "menu-content", "menu-survey", "menu-status", "menu-help")


async def on_region_text(message: Message, state: FSMContext, t: Translator) -> None:
    """A typed place: kabupaten/kota candidates to press, suggestions, or what is wrong.
    A main-menu button leaves the step and does what it says."""
    if any(message.text in t.all_languages(key) for key in MENU_KEYS):
        await state.clear()
        raise SkipHandler
    name = (message.text or "").strip()[:100]
    gaz = Gazetteer.default()
    found = gaz.resolve(name)
    places = [r for r in found if r.kind != "provinsi"]
    if places:
        key = "profile-region-one" if len(places) == 1 else "profile-region-several"
        text = t(key, place=region_label(places[0]))
        await message.answer(text, reply_markup=choices_kb(t, places))
        return
    if found:  # only a province: its kabupaten/kota are too many to offer
        await message.answer(t("profile-region-province", name=found[0].name))
        return
    suggestions = [r for r in gaz.suggest(name, limit=10) if r.kind != "provinsi"]
    if suggestions:
        await message.answer(
            t("profile-region-suggest", name=name), reply_markup=choices_kb(t, suggestions)
        )
        return
    await message.answer(t("profile-region-not-found", name=name))


def register(router: Router) -> None:
    """Add /profil and the place-of-residence buttons and step to the people router."""
    router.message.register(show_profile, Command("profil", "profile"))
    router.callback_query.register(on_set, ProfileCb.filter(F.action == "set"))
    router.callback_query.register(on_change, ProfileCb.filter(F.action == "change"))
    router.callback_query.register(on_skip, ProfileCb.filter(F.action == "skip"))
    router.callback_query.register(on_cancel, ProfileCb.filter(F.action == "cancel"))
    router.callback_query.register(on_clear, ProfileCb.filter(F.action == "clear"))
    router.callback_query.register(on_language, ProfileCb.filter(F.action == "lang"))
    router.message.register(
        on_region_text, StateFilter(ProfileStates.region), F.text, ~F.text.startswith("/")
    )

"""/siaran's steps: the wizard's states, what the draft in the FSM data means, each step's prompt.

State table (every step has Back and Cancel buttons):
    message  --text/media-->  buttons  --next-->  segment  --next-->  [preview] when
    message  --item--> list of recent content items --an item--> buttons (its text, media, buttons)
    buttons  --url--> url --"Teks | https://…"--> buttons;  buttons --survey--> open surveys --> buttons
    segment  --regions--> regions;  segment --cohorts/topics/surveys--> choices (toggles) --back--> segment
    when --now--> confirm;  when --later--> datetime --"16-11-2025 09:00"--> confirm
    confirm --confirm--> created and scheduled; the progress message follows in the chat.

The draft lives in the FSM data: ``text``, ``media``, ``buttons``, ``title``/``source`` (from a
content item), the segment's lists (``roles``, ``languages``, ``regions``, ``cohorts``, ``topics``,
``surveys_completed``, ``surveys_not_completed``), ``labels`` (``"cohorts:5"`` → the name shown),
``at``/``at_text``.
"""

from __future__ import annotations

from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message

from bot.broadcasting import keyboards as kb
from bot.broadcasting.segments import REGISTERED_KEYS, Segment, SegmentFilters
from bot.broadcasting.service import BroadcastService
from bot.broadcasting.sources import ComposeSources
from bot.i18n import Safe, Translator


class BroadcastCompose(StatesGroup):
    """The wizard's steps (named apart from the content feature's ``Compose`` states: aiogram
    names a state ``<group class>:<state>``, so two groups called ``Compose`` would collide)."""

    message = State()
    buttons = State()
    url = State()
    segment = State()
    regions = State()
    when = State()
    datetime = State()
    confirm = State()


Compose = BroadcastCompose

BACK = {
    Compose.message.state: Compose.message,  # from the list of content items
    Compose.buttons.state: Compose.message,
    Compose.url.state: Compose.buttons,
    Compose.segment.state: Compose.buttons,
    Compose.regions.state: Compose.segment,
    Compose.when.state: Compose.segment,
    Compose.datetime.state: Compose.when,
    Compose.confirm.state: Compose.when,
}


def segment_of(data: dict[str, Any]) -> Segment:
    return Segment(
        roles=list(data.get("roles", [])),
        languages=list(data.get("languages", [])),
        regions=list(data.get("regions", [])),
        **{key: list(data.get(key, [])) for key in REGISTERED_KEYS},
    )


async def segment_text(t: Translator, data: dict[str, Any], broadcasts: BroadcastService) -> str:
    """The segment so far and its audience count now."""
    segment = segment_of(data)
    everyone = t("broadcast-everyone")
    labels = data.get("labels", {})
    more = "".join(
        "\n"
        + t(
            f"broadcast-segment-{key.replace('_', '-')}",
            values=", ".join(labels.get(f"{key}:{v}", v) for v in getattr(segment, key)),
        )
        for key in REGISTERED_KEYS
        if getattr(segment, key)
    )
    return t(
        "broadcast-ask-segment",
        roles=", ".join(t(f"broadcast-role-{r}") for r in segment.roles) or everyone,
        languages=", ".join(t(f"language-name-{c}") for c in segment.languages) or everyone,
        regions=", ".join(segment.regions) or everyone,
        more=Safe(more),
        count=await broadcasts.audience_count(segment),
    )


async def ask(
    step: State,
    message: Message,
    state: FSMContext,
    t: Translator,
    broadcasts: BroadcastService,
    filters: SegmentFilters,
    sources: ComposeSources,
) -> None:
    """Move to ``step`` and send its prompt."""
    await state.set_state(step)
    data = await state.get_data()
    if step == Compose.message:
        await message.answer(
            t("broadcast-ask-message"), reply_markup=kb.message_menu(t, sources.has_items)
        )
    elif step == Compose.buttons:
        labels = ", ".join(b["text"] for row in data.get("buttons", []) for b in row)
        await message.answer(
            t("broadcast-ask-buttons", buttons=labels or t("broadcast-no-buttons")),
            reply_markup=kb.buttons_menu(t, bool(labels), sources.has_surveys),
        )
    elif step == Compose.url:
        await message.answer(t("broadcast-ask-url"), reply_markup=kb.back_cancel(t))
    elif step == Compose.segment:
        await message.answer(
            await segment_text(t, data, broadcasts),
            reply_markup=kb.segment_menu(
                t, data.get("roles", []), data.get("languages", []), filters.choice_keys()
            ),
        )
    elif step == Compose.regions:
        await message.answer(t("broadcast-ask-regions"), reply_markup=kb.back_cancel(t))
    elif step == Compose.when:
        await message.answer(t("broadcast-ask-when"), reply_markup=kb.when_menu(t))
    elif step == Compose.datetime:
        await message.answer(t("broadcast-ask-datetime"), reply_markup=kb.back_cancel(t))
    elif step == Compose.confirm:
        count = await broadcasts.audience_count(segment_of(data))
        when = (
            t("broadcast-when-at", at=data["at_text"])
            if data.get("at")
            else t("broadcast-when-now")
        )
        await message.answer(
            t("broadcast-confirm", count=count, when=Safe(when)), reply_markup=kb.confirm_menu(t)
        )

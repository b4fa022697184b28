"""/siaran's router, and the controls around the wizard: start, refusals, ⏹ stop.

The wizard itself: :mod:`bot.broadcasting.compose` (states and prompts),
:mod:`bot.broadcasting.compose_input` (what the coordinator types) and
:mod:`bot.broadcasting.compose_buttons` (its buttons).
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.broadcasting.compose import Compose, ask
from bot.broadcasting.compose_buttons import on_button
from bot.broadcasting.compose_input import (
    got_datetime,
    got_message,
    got_regions,
    got_url_button,
)
from bot.broadcasting.keyboards import BcCb
from bot.broadcasting.segments import SegmentFilters
from bot.broadcasting.service import BroadcastService
from bot.broadcasting.sources import ComposeSources
from bot.filters import HasRole
from bot.i18n import Translator
from bot.people.models import Role


async def start(
    message: Message,
    state: FSMContext,
    t: Translator,
    broadcasts: BroadcastService,
    segment_filters: SegmentFilters,
    broadcast_sources: ComposeSources,
) -> None:
    """/siaran: begin a new broadcast."""
    await state.clear()
    await ask(Compose.message, message, state, t, broadcasts, segment_filters, broadcast_sources)


async def not_allowed(message: Message, t: Translator) -> None:
    """/siaran from someone who is not a coordinator."""
    await message.answer(t("not-allowed"))


async def on_stop(
    query: CallbackQuery, callback_data: BcCb, t: Translator, broadcasts: BroadcastService
) -> None:
    """Stop a scheduled or sending broadcast (coordinators only; checked by the filter)."""
    if not callback_data.value.isdigit():
        await query.answer(t("broadcast-expired"), show_alert=True)
        return
    broadcast_id = int(callback_data.value)
    await broadcasts.cancel(broadcast_id)  # NotStoppableError: an alert from the error handler
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(t("broadcast-stopped", id=broadcast_id))


async def stale(query: CallbackQuery, t: Translator) -> None:
    """A broadcast button pressed by someone who may not use it."""
    await query.answer(t("not-allowed"), show_alert=True)


def create_broadcast_router() -> Router:
    router = Router(name="broadcasting")
    coordinator = HasRole(Role.COORDINATOR)
    router.message.register(start, Command("siaran", "broadcast"), coordinator)
    router.message.register(not_allowed, Command("siaran", "broadcast"))
    router.message.register(got_message, Compose.message, coordinator)
    router.message.register(got_url_button, Compose.url, F.text, coordinator)
    router.message.register(got_regions, Compose.regions, F.text, coordinator)
    router.message.register(got_datetime, Compose.datetime, F.text, coordinator)
    router.callback_query.register(on_stop, BcCb.filter(F.action == "stop"), coordinator)
    router.callback_query.register(on_button, BcCb.filter(), coordinator, StateFilter("*"))
    router.callback_query.register(stale, BcCb.filter())
    return router

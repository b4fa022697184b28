"""The wizard's last step: the repeat check, storing the report, and telling partners."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.i18n import Translator
from bot.people.keyboards import main_menu
from bot.people.profile import ask_region_once
from bot.people.service import Person
from bot.reports.domain.errors import ReportError
from bot.reports.domain.pii import draft_kinds, mask_draft
from bot.reports.domain.service import ReportService
from bot.reports.flows.core import ReportFlows
from bot.reports.telegram import keyboards as kb
from bot.reports.telegram.states import ReportForm
from bot.reports.telegram.steps import drop_buttons, load, message_of, save, show_step
from bot.reports.telegram.wizard import next_step


async def on_send(
    query: CallbackQuery,
    state: FSMContext,
    t: Translator,
    person: Person,
    reports: ReportService,
    settings: Settings,
    report_flows: ReportFlows,
) -> None:
    """Send: an anonymous story with a NIK, phone or e-mail is shown back first; then the
    repeat check."""
    await query.answer()
    await drop_buttons(query)
    draft = await load(state)
    missing = draft.missing()
    if missing:
        await message_of(query).answer(t("report-error-incomplete"))
        await show_step(next_step(draft), message_of(query), state, t, draft, settings)
        return
    if draft.anonymous and not draft.identifiers_checked:
        kinds = draft_kinds(draft)
        if kinds:
            await state.set_state(ReportForm.privacy)
            await message_of(query).answer(
                t("report-pii-ask", items=", ".join(t(f"report-pii-{k.lower()}") for k in kinds)),
                reply_markup=kb.yes_no_kb(
                    t, kb.StepAction.PRIVACY, "report-pii-mask", "report-pii-keep"
                ),
            )
            return
    await _check_repeat_then_submit(
        message_of(query), state, t, person, reports, settings, report_flows
    )


async def on_privacy(
    query: CallbackQuery,
    callback_data: kb.StepCb,
    state: FSMContext,
    t: Translator,
    person: Person,
    reports: ReportService,
    settings: Settings,
    report_flows: ReportFlows,
) -> None:
    """Mask the identifiers (or keep them, the reporter's choice), then go on sending."""
    await query.answer()
    await drop_buttons(query)
    draft = await load(state)
    if callback_data.value == "y":
        mask_draft(draft, t("report-pii-placeholder"))
        await message_of(query).answer(t("report-pii-masked"))
    draft.identifiers_checked = True
    await save(state, draft)
    await _check_repeat_then_submit(
        message_of(query), state, t, person, reports, settings, report_flows
    )


async def _check_repeat_then_submit(
    message: Message,
    state: FSMContext,
    t: Translator,
    person: Person,
    reports: ReportService,
    settings: Settings,
    report_flows: ReportFlows,
) -> None:
    """Ask whether a similar recent report is the same incident, else submit."""
    draft = await load(state)
    if not draft.duplicate_checked:
        draft.duplicate_checked = True
        await save(state, draft)
        earlier = await reports.intake.find_duplicate(person.id, draft)
        if earlier is not None:
            await state.update_data(duplicate_of=earlier.id)
            await state.set_state(ReportForm.duplicate)
            await message.answer(
                t("report-duplicate-ask", code=earlier.code),
                reply_markup=kb.yes_no_kb(
                    t, kb.StepAction.DUPLICATE, "report-duplicate-yes", "report-duplicate-no"
                ),
            )
            return
    await submit(message, state, t, person, reports, settings, report_flows, None)


async def on_duplicate(
    query: CallbackQuery,
    callback_data: kb.StepCb,
    state: FSMContext,
    t: Translator,
    person: Person,
    reports: ReportService,
    settings: Settings,
    report_flows: ReportFlows,
) -> None:
    """The same incident → linked to the earlier report; another one → a new report."""
    await query.answer()
    await drop_buttons(query)
    data = await state.get_data()
    same = callback_data.value == "y" and data.get("duplicate_of")
    await submit(
        message_of(query),
        state,
        t,
        person,
        reports,
        settings,
        report_flows,
        int(data["duplicate_of"]) if same else None,
    )


async def submit(
    message: Message,
    state: FSMContext,
    t: Translator,
    person: Person,
    reports: ReportService,
    settings: Settings,
    report_flows: ReportFlows,
    duplicate_of: int | None,
) -> None:
    """Store the report; its confirmation and the partners' cards are owed in the same
    transaction (the outbox sends them), so a crash loses neither."""
    draft = await load(state)
    try:
        await report_flows.submit(person, t, draft, duplicate_of=duplicate_of)
    except ReportError as exc:
        await message.answer(exc.text(t), reply_markup=main_menu(t))
        if exc.key == "report-error-daily-limit":
            await state.clear()
        return
    await state.clear()
    await ask_region_once(  # once, after the first report: "do you live in <the report's place>?"
        message,
        person,
        t,
        region_code=draft.region_code,
        people=reports.people,
        outbox=report_flows.outbox,
    )

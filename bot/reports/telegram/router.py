"""The reports router: the citizen's wizard and /status, partner cards and relay, /laporan.

Public entry points for other features (the NLU's free-text routing): :func:`begin_report` and
:func:`show_status`.
"""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, Filter, StateFilter
from aiogram.types import Message

from bot.config import Settings
from bot.filters import HasRole, MenuButton
from bot.i18n import Translator
from bot.people.keyboards import main_menu
from bot.people.models import Role
from bot.people.service import Person
from bot.reports.domain.categories import category_key
from bot.reports.domain.service import ReportService
from bot.reports.telegram import (
    coordinator,
    intake,
    intake_answers,
    intake_media,
    intake_place,
    partner_flow,
    partner_prompts,
    registration,
    reporter_answers,
    sending,
    verdict,
)
from bot.reports.telegram.cards import local, place_label, status_label
from bot.reports.telegram.keyboards import CardCb, DashCb, ForwardCb, ReplyCb, StepAction, StepCb
from bot.reports.telegram.states import PartnerInput, ReporterInput, ReportForm
from bot.reports.telegram.steps import begin_report
from bot.reports.telegram.wizard import YES_NO_STEPS

__all__ = ["begin_report", "create_router", "show_status"]

MENU_KEYS = ("menu-report", "menu-content", "menu-survey", "menu-status", "menu-help")


class PlainText(Filter):
    """Text that is neither a command nor a main-menu button (those keep their meaning)."""

    async def __call__(self, message: Message, t: Translator) -> bool:
        text = message.text
        if text is None or text.startswith("/"):
            return False
        return not any(text in t.all_languages(key) for key in MENU_KEYS)


async def show_status(
    message: Message,
    t: Translator,
    person: Person,
    reports: ReportService,
    settings: Settings | None = None,
) -> None:
    """/status: the user's reports with their status and last update."""
    mine = await reports.intake.mine(person.id)
    if not mine:
        await message.answer(t("report-status-none"), reply_markup=main_menu(t))
        return
    tz = (settings or reports.app_settings).tz
    lines = [t("report-status-title")]
    for r in mine:
        lines.append(
            t(
                "report-status-line",
                code=r.code,
                category=t(category_key(r.category)),
                place=place_label(r.region_code),
                status=status_label(t, r.status),
                updated=local(r.updated_at, tz),
            )
        )
    await message.answer("\n\n".join(lines), reply_markup=main_menu(t))


def _step(state: Any, action: StepAction) -> tuple[Any, ...]:
    return (StateFilter(state), StepCb.filter(F.action == action))


def create_router() -> Router:
    """Filters read top to bottom: entry points, wizard steps, partner and coordinator actions."""
    router = Router(name="reports")
    private = F.chat.type == "private"
    m, c = router.message, router.callback_query

    m.register(intake.start, Command("lapor", "report"), private)
    m.register(intake.start, MenuButton("menu-report"), private)
    m.register(show_status, Command("status"), private)
    m.register(show_status, MenuButton("menu-status"), private)
    m.register(coordinator.show_dashboard, Command("laporan"), HasRole(Role.COORDINATOR))

    # the wizard
    c.register(intake.resume, *_step(ReportForm.resume, StepAction.RESUME))
    c.register(intake.on_back, *_step(ReportForm, StepAction.BACK))
    c.register(intake.on_cancel, *_step(ReportForm, StepAction.CANCEL))
    m.register(
        intake_answers.on_description, StateFilter(ReportForm.description), PlainText(), private
    )
    m.register(intake.not_text, StateFilter(ReportForm.description), ~F.text, private)
    c.register(intake_answers.on_category, *_step(ReportForm.category, StepAction.CATEGORY))
    m.register(
        intake_place.on_place_text,
        StateFilter(ReportForm.place, ReportForm.place_choose),
        PlainText(),
        private,
    )
    c.register(intake_place.on_place, *_step(ReportForm.place_choose, StepAction.PLACE))
    c.register(intake_place.on_retype, *_step(ReportForm.place_choose, StepAction.RETYPE))
    m.register(intake_place.on_pin, StateFilter(ReportForm.pin), F.location, private)
    c.register(intake_place.on_pin_skip, *_step(ReportForm.pin, StepAction.PIN_SKIP))
    c.register(intake_answers.on_when, *_step(ReportForm.when, StepAction.WHEN))
    m.register(intake_answers.on_date, StateFilter(ReportForm.date), PlainText(), private)
    for yes_no in YES_NO_STEPS:  # danger, identity, contact: one handler, the table's rules
        assert yes_no.yes_no is not None
        c.register(intake_answers.on_yes_no, *_step(yes_no.state, yes_no.yes_no.action))
    m.register(intake_media.on_evidence, StateFilter(ReportForm.evidence), ~F.text, private)
    c.register(intake_media.on_evidence_done, *_step(ReportForm.evidence, StepAction.EVIDENCE_DONE))
    c.register(sending.on_send, *_step(ReportForm.summary, StepAction.SEND))
    c.register(sending.on_privacy, *_step(ReportForm.privacy, StepAction.PRIVACY))
    c.register(sending.on_duplicate, *_step(ReportForm.duplicate, StepAction.DUPLICATE))
    m.register(intake.use_buttons, StateFilter(ReportForm), PlainText(), private)
    m.register(intake.not_text, StateFilter(ReportForm.place, ReportForm.date), ~F.text, private)

    # partners and the relay
    c.register(partner_flow.on_card, CardCb.filter())
    c.register(partner_flow.on_forward, ForwardCb.filter())
    typing = StateFilter(PartnerInput.question, PartnerInput.resolve, PartnerInput.reject)
    m.register(partner_prompts.on_partner_text, typing, F.text, ~F.text.startswith("/"))
    c.register(partner_prompts.on_outcome_button, partner_prompts.OutcomeCb.filter())
    answers = reporter_answers
    c.register(answers.on_reply_button, ReplyCb.filter(), F.message.chat.type == "private")
    m.register(answers.on_reporter_answer, StateFilter(ReporterInput.answer), PlainText(), private)
    m.register(answers.on_reporter_non_text, StateFilter(ReporterInput.answer), ~F.text, private)
    c.register(answers.on_which, answers.WhichCb.filter(), StateFilter(ReporterInput.which))
    c.register(answers.on_reopen, answers.ReopenCb.filter())
    c.register(verdict.on_verdict, verdict.VerdictCb.filter(), F.message.chat.type == "private")

    # coordinators
    c.register(coordinator.on_dash, DashCb.filter())

    # partners registering from their group, /id
    registration.register(router)
    return router

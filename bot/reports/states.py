"""Conversation states of reports, readable in one place.

The citizen's wizard (:class:`ReportForm`) goes through :data:`STEPS` in order; ``place_choose``,
``date``, ``privacy`` and ``duplicate`` are sub-steps of ``place``, ``when`` and ``summary``. Partners type
questions and notes in :class:`PartnerInput` (in their group), reporters answer in
:class:`ReporterInput`.
"""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup

from bot.reports.drafts import Draft


class ReportForm(StatesGroup):
    description = State()
    category = State()
    place = State()
    place_choose = State()
    pin = State()
    when = State()
    date = State()
    danger = State()
    evidence = State()
    identity = State()
    contact = State()
    summary = State()
    duplicate = State()
    privacy = State()
    resume = State()


class PartnerInput(StatesGroup):
    question = State()
    resolve = State()
    reject = State()
    #: The outcome or reason is shown back with Kirim/Ubah.
    confirm = State()


class ReporterInput(StatesGroup):
    answer = State()
    #: Several questions were pending: which report the typed text answers.
    which = State()


STEPS = (
    "description",
    "category",
    "place",
    "pin",
    "when",
    "danger",
    "evidence",
    "identity",
    "contact",
    "summary",
)
SUB_STEPS = {
    "place_choose": "place",
    "date": "when",
    "duplicate": "summary",
    "privacy": "summary",
    "resume": None,
}


def step_of(state_name: str | None) -> str | None:
    """The wizard step a stored state belongs to ("ReportForm:date" → "when")."""
    if not state_name or not state_name.startswith("ReportForm:"):
        return None
    name = state_name.split(":", 1)[1]
    return SUB_STEPS.get(name, name) if name in SUB_STEPS else name


def answered(draft: Draft, step: str) -> bool:
    return {
        "description": bool(draft.description),
        "category": bool(draft.category),
        "place": bool(draft.region_code),
        "pin": draft.pin_done,
        "when": bool(draft.when_choice),
        "danger": draft.urgent is not None,
        "evidence": draft.evidence_done,
        "identity": draft.anonymous is not None,
        "contact": draft.contact_ok is not None,
        "summary": False,
    }[step]


def next_step(draft: Draft, after: str | None = None) -> str:
    """The first unanswered step after ``after`` (from the start when None)."""
    start = 0 if after is None else STEPS.index(after) + 1
    for step in STEPS[start:]:
        if not answered(draft, step):
            return step
    return "summary"


def previous_step(step: str) -> str | None:
    i = STEPS.index(step)
    return STEPS[i - 1] if i > 0 else None

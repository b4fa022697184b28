"""The citizen's wizard as one table: each step's state, its question, when it counts as
answered, and (for the yes/no steps) what an answer does to the draft.

``show_step`` (:mod:`bot.reports.telegram.steps`) asks a step's :attr:`Step.prompt`; the one generic
yes/no handler (:func:`bot.reports.telegram.intake_answers.on_yes_no`) applies :attr:`Step.yes_no`; the
router registers it for every yes/no step of the table. Sub-states (a choice among places, a date,
the privacy and repeat checks before sending) belong to their step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from aiogram.fsm.state import State
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from bot.nlu.text import normalize_text
from bot.reports.domain.categories import CATEGORIES, Confidentiality, category_key
from bot.reports.domain.drafts import Draft
from bot.reports.settings import ReportsSettings
from bot.reports.telegram import keyboards as kb
from bot.reports.telegram.cards import excerpt, summary_text
from bot.reports.telegram.keyboards import StepAction, StepCb
from bot.reports.telegram.states import ReportForm


@dataclass(frozen=True, slots=True)
class Prompt:
    text: str
    markup: InlineKeyboardMarkup


@dataclass(frozen=True, slots=True)
class Option:
    """One button of a :class:`YesNo` question: its value, its label, and the typed words
    (after :func:`bot.nlu.text.normalize_text`) that name it too."""

    value: str
    key: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class YesNo:
    """A question answered with a button (yes/no; the identity step has a third, rahasia) or by
    typing what a button says ("tidak", "rahasia")."""

    action: StepAction
    options: tuple[Option, ...]
    #: Apply the answer to the draft; returns the key of a message to send at once, if any.
    apply: Callable[[Draft, str], str | None]

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def typed(self, t: Translator, text: str) -> Option | None:
        """The option a typed answer names: a button's label, or one of its words (alone, or
        in a short answer that names no other option: "rahasia saja"); None when unclear."""
        typed = normalize_text(text)
        if not typed:
            return None
        for o in self.options:
            labels = {normalize_text(label) for label in t.all_languages(o.key)}
            if typed in labels or typed in o.words:
                return o
        tokens = set(typed.split())
        if len(tokens) > 4:
            return None
        named = [o for o in self.options if tokens & {w for w in o.words if " " not in w}]
        return named[0] if len(named) == 1 else None


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    state: State
    answered: Callable[[Draft], bool]
    #: The question; None where the step asks in its own way (the place: typed or chosen).
    prompt: Callable[[Translator, Draft, ReportsSettings], Prompt] | None = None
    yes_no: YesNo | None = None
    #: Sub-states of the step; Kembali from one asks the step itself again when True.
    subs: dict[str | None, bool] = field(default_factory=dict)


def _yes_no_prompt(
    key: str, yes_no: YesNo
) -> Callable[[Translator, Draft, ReportsSettings], Prompt]:
    def prompt(t: Translator, _draft: Draft, _limits: ReportsSettings) -> Prompt:
        rows = [
            [
                InlineKeyboardButton(
                    text=t(o.key), callback_data=StepCb(action=yes_no.action, value=o.value).pack()
                )
            ]
            for o in yes_no.options
        ]
        return Prompt(t(key), kb.with_nav(t, rows))

    return prompt


def _description(t: Translator, draft: Draft, _limits: ReportsSettings) -> Prompt:
    text = t("report-ask-description")
    if draft.description:
        text = t("report-desc-kept", excerpt=excerpt(draft.description)) + "\n" + text
    return Prompt(text, kb.with_nav(t, [], back=False))


def _category(t: Translator, draft: Draft, _limits: ReportsSettings) -> Prompt:
    """The NLU's guess to confirm; or, when its two best were close, those two first."""
    choices = [c for c in draft.category_choices if c in CATEGORIES]
    if draft.category is None and len(choices) == 2:
        first, second = (t(category_key(c)) for c in choices)
        text = t("report-choose-category-two", first=first, second=second)
        return Prompt(text, kb.category_choices_kb(t, choices))
    guess = draft.category or draft.category_guess
    if guess in CATEGORIES:
        text = t("report-confirm-category", category=t(category_key(guess)))
    else:
        text = t("report-ask-category")
    return Prompt(text, kb.categories_kb(t, guess))


def _danger(draft: Draft, value: str) -> str | None:
    draft.urgent = value == "y"
    return "report-emergency" if draft.urgent else None


#: The identity step's buttons: y/n as before the third level (a button sent before a redeploy
#: still means what it said), r for rahasia.
IDENTITY_LEVELS = {
    "y": Confidentiality.IDENTIFIED,
    "n": Confidentiality.ANONYMOUS,
    "r": Confidentiality.RAHASIA,
}


def _identity(draft: Draft, value: str) -> str | None:
    draft.set_confidentiality(IDENTITY_LEVELS[value])
    return "report-rahasia-chosen" if draft.level is Confidentiality.RAHASIA else None


def _contact(draft: Draft, value: str) -> str | None:
    draft.contact_ok = value == "y"
    return None


_YES = ("ya", "iya", "y", "yes", "boleh", "ada", "betul", "benar")
_NO = ("tidak", "no", "n", "bukan", "jangan", "tidak ada", "tidak boleh")

DANGER = YesNo(
    StepAction.DANGER,
    (Option("y", "report-danger-yes", _YES), Option("n", "report-danger-no", _NO)),
    _danger,
)
IDENTITY = YesNo(
    StepAction.IDENTITY,
    (
        Option("y", "report-identity-share", ("boleh", "ya", "iya", "yes", "tampilkan", "nama")),
        Option(
            "n",
            "report-identity-anonymous",
            ("tidak", "no", "jangan", "anonim", "anonymous", "anonimus", "tidak boleh"),
        ),
        Option("r", "report-identity-rahasia", ("rahasia", "confidential", "rahasiakan")),
    ),
    _identity,
)
CONTACT = YesNo(
    StepAction.CONTACT,
    (Option("y", "report-contact-yes", _YES), Option("n", "report-contact-no", _NO)),
    _contact,
)

STEPS: tuple[Step, ...] = (
    Step("description", ReportForm.description, lambda d: bool(d.description), _description),
    Step("category", ReportForm.category, lambda d: bool(d.category), _category),
    Step(
        "place",
        ReportForm.place,
        lambda d: bool(d.region_code),
        subs={ReportForm.place_choose.state: False},
    ),
    Step(
        "pin",
        ReportForm.pin,
        lambda d: d.pin_done,
        lambda t, d, lim: Prompt(t("report-ask-pin"), kb.skip_kb(t, StepAction.PIN_SKIP)),
    ),
    Step(
        "when",
        ReportForm.when,
        lambda d: bool(d.when_choice),
        lambda t, d, lim: Prompt(t("report-ask-when"), kb.when_kb(t)),
        subs={ReportForm.date.state: True},
    ),
    Step(
        "danger",
        ReportForm.danger,
        lambda d: d.urgent is not None,
        _yes_no_prompt("report-ask-danger", DANGER),
        DANGER,
    ),
    Step(
        "evidence",
        ReportForm.evidence,
        lambda d: d.evidence_done,
        lambda t, d, lim: Prompt(
            t("report-ask-evidence", max=lim.max_media),
            kb.skip_kb(t, StepAction.EVIDENCE_DONE, "report-btn-done"),
        ),
    ),
    Step(
        "identity",
        ReportForm.identity,
        lambda d: d.anonymous is not None,
        _yes_no_prompt("report-ask-identity", IDENTITY),
        IDENTITY,
    ),
    Step(
        "contact",
        ReportForm.contact,
        lambda d: d.contact_ok is not None,
        _yes_no_prompt("report-ask-contact", CONTACT),
        CONTACT,
    ),
    Step(
        "summary",
        ReportForm.summary,
        lambda d: False,
        lambda t, d, lim: Prompt(summary_text(t, d), kb.summary_kb(t)),
        subs={ReportForm.duplicate.state: False, ReportForm.privacy.state: False},
    ),
)
BY_NAME = {s.name: s for s in STEPS}
NAMES = tuple(s.name for s in STEPS)


def step(name: str) -> Step:
    return BY_NAME[name]


def step_of(state_name: str | None) -> str | None:
    """The wizard step a stored state belongs to ("ReportForm:date" → "when"); None outside the
    wizard's steps (and for the resume question)."""
    if state_name is None:
        return None
    for s in STEPS:
        if state_name == s.state.state or state_name in s.subs:
            return s.name
    return None


def answered(draft: Draft, name: str) -> bool:
    return BY_NAME[name].answered(draft)


def next_step(draft: Draft, after: str | None = None) -> str:
    """The first unanswered step after ``after`` (from the start when None)."""
    start = 0 if after is None else NAMES.index(after) + 1
    for s in STEPS[start:]:
        if not s.answered(draft):
            return s.name
    return "summary"


def back_from(state_name: str | None) -> str:
    """Where Kembali goes: the step before, or the step itself from some of its sub-states."""
    name = step_of(state_name) or "description"
    if BY_NAME[name].subs.get(state_name or ""):
        return name
    i = NAMES.index(name)
    return NAMES[i - 1] if i > 0 else "description"


YES_NO_STEPS = tuple(s for s in STEPS if s.yes_no is not None)

"""Taking a survey: one question at a time, answers stored as given, resume, Back, ``show_if``.

Where a respondent is lives in the database (``survey_responses.position``), so leaving, a restart
or a redeploy loses nothing. Every call re-checks that the response belongs to the person.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from difflib import SequenceMatcher

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.db import Database
from bot.nlu.text import normalize_text
from bot.people.service import PeopleService, Person
from bot.surveys.audience import cohorts_of, in_audience, snapshot
from bot.surveys.models import ResponseSource, SurveyAnswer, SurveyParticipant, SurveyResponse
from bot.surveys.schema import Question
from bot.surveys.service import (
    SurveyError,
    SurveyInfo,
    SurveyService,
    respondent_key,
    telegram_ref,
)

TEXT_ANSWER_LIMIT = 2000


class SurveyClosedError(SurveyError):
    """The survey is not open now."""

    key = "survey-closed"


class NotInAudienceError(SurveyError):
    """The survey is for another audience."""

    key = "survey-not-in-audience"


class AlreadyCompletedError(SurveyError):
    """One response per person per survey."""

    key = "survey-already-done"


class StaleAnswerError(SurveyError):
    """A button of an earlier question, another person's response or a forged press."""


class AnswerInvalidError(SurveyError):
    """An answer the question does not accept (empty required, too long…)."""

    key = "survey-choose-one"


@dataclass(frozen=True)
class Step:
    """What the respondent sees next: a question, or the end."""

    survey: SurveyInfo
    response_id: int
    question: Question | None
    index: int = 0  # 0-based position in the version's questions
    total: int = 0
    selected: frozenset[str] = field(default_factory=frozenset)
    resumed: bool = False
    #: Set on completion: whose activity to record (after the transaction has committed).
    completed_by: int | None = None

    @property
    def done(self) -> bool:
        return self.question is None

    @property
    def first(self) -> bool:
        return self.index == 0


#: Typed words that mean the yes/no options (after slang is normalised: "gak", "tdk" → "tidak").
YES_NO_WORDS = {
    "ya": ("ya", "iya", "y", "yes", "yup", "yep", "betul", "benar", "pernah", "sudah"),
    "tidak": ("tidak", "no", "n", "nope", "belum", "bukan", "nggak", "never"),
}
#: How close a typed word must be to an option's label to be taken for it (typos).
FUZZY_RATIO = 0.8


def _plain(text: str) -> str:
    return " ".join(normalize_text(text).split())


def match_option(question: Question, text: str) -> int | None:
    """The option of a choice question a typed answer names, or None when it names none.

    Case, accents, slang ("gak" → "tidak") and small typos ("stuju" → "Setuju") are forgiven;
    an answer that fits two options equally well names none of them.
    """
    typed = _plain(text)
    if not typed:
        return None
    names: list[tuple[int, str]] = []
    for i, opt in enumerate(question.options):
        names.extend((i, _plain(label)) for label in opt.label.values())
        names.append((i, _plain(opt.value)))
        if question.type == "yesno":
            names.extend((i, w) for w in YES_NO_WORDS.get(opt.value, ()))
    exact = {i for i, name in names if name == typed}
    if len(exact) == 1:
        return exact.pop()
    if exact:
        return None
    scores: dict[int, float] = {}
    for i, name in names:
        ratio = SequenceMatcher(None, typed, name).ratio()
        scores[i] = max(scores.get(i, 0.0), ratio)
    ranked = sorted(scores.items(), key=lambda x: -x[1])
    if ranked[0][1] < FUZZY_RATIO or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def visible(question: Question, answers: dict[str, set[str]]) -> bool:
    cond = question.show_if
    return cond is None or bool(answers.get(cond.question, set()) & set(cond.values))


def next_index(
    questions: tuple[Question, ...], after: int, answers: dict[str, set[str]]
) -> int | None:
    for j in range(after + 1, len(questions)):
        if visible(questions[j], answers):
            return j
    return None


def previous_index(
    questions: tuple[Question, ...], before: int, answers: dict[str, set[str]]
) -> int | None:
    for j in range(before - 1, -1, -1):
        if visible(questions[j], answers):
            return j
    return None


class SurveyRunner:
    """The respondent's side of surveys."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        people: PeopleService,
        surveys: SurveyService,
        *,
        reminder_hours: float = 24.0,
    ) -> None:
        self.db = db
        self.clock = clock
        self.people = people
        self.surveys = surveys
        self.reminder_hours = reminder_hours
        #: ``hook(s, user_id, survey)`` in the transaction that completes a response: what the
        #: completion owes (the thanks, through the outbox).
        self.completion_hooks: list[
            Callable[[AsyncSession, int, SurveyInfo], Awaitable[None]]
        ] = []

    # --- listing and starting

    async def available(self, person: Person) -> list[tuple[SurveyInfo, bool]]:
        """Open surveys this person may take and has not completed: (survey, in progress)."""
        now = self.clock.now()
        out = []
        async with self.db.session() as s:
            cohorts = await cohorts_of(s, person.id)
            for info in await self.surveys.list(s):
                if not info.takeable(now) or not in_audience(person, info.audience, cohorts):
                    continue
                response = await self._response_of(s, info, person.id)
                if response is not None and response.completed_at is not None:
                    continue
                out.append((info, response is not None))
        return out

    async def _response_of(
        self, s: AsyncSession, info: SurveyInfo, user_id: int
    ) -> SurveyResponse | None:
        key = respondent_key(info.salt, telegram_ref(user_id))
        return await s.scalar(
            select(SurveyResponse).where(
                SurveyResponse.survey_id == info.id, SurveyResponse.respondent_key == key
            )
        )

    async def start(self, slug: str, person: Person) -> Step:
        """Begin (or resume) a survey; refused when closed, not for this person, or done."""
        info = await self.surveys.get(slug)
        if not info.takeable(self.clock.now()):
            raise SurveyClosedError(slug)
        async with self.db.transaction() as s:
            response = await self._response_of(s, info, person.id)
            if response is not None:
                if response.completed_at is not None:
                    raise AlreadyCompletedError(slug)
                step = await self._step(s, info, response)
                return Step(**{**step.__dict__, "resumed": True})
            cohorts = await cohorts_of(s, person.id)
            if not in_audience(person, info.audience, cohorts):
                raise NotInAudienceError(slug)
            snap = snapshot(person, cohorts)
            response = SurveyResponse(
                survey_id=info.id,
                version_id=info.version_id,
                respondent_key=respondent_key(info.salt, telegram_ref(person.id)),
                user_id=person.id,
                source=ResponseSource.BOT.value,
                region_code=snap.region_code,
                province=snap.province,
                cohort=snap.cohort,
                role=snap.role,
                position=info.questions[0].id,
                started_at=self.clock.now(),
            )
            s.add(response)
            await s.flush()
            return await self._step(s, info, response)

    # --- moving through the questions

    async def _load(
        self, s: AsyncSession, response_id: int, person: Person
    ) -> tuple[SurveyInfo, SurveyResponse]:
        response = await s.get(SurveyResponse, response_id)
        if response is None or response.completed_at is not None:
            raise StaleAnswerError("no such response in progress")
        info = await self.surveys.get_by_id(response.survey_id, s)
        if response.respondent_key != respondent_key(info.salt, telegram_ref(person.id)):
            raise StaleAnswerError("not this person's response")
        if not info.takeable(self.clock.now()):
            raise SurveyClosedError(info.slug)
        if response.version_id != info.version_id:
            questions = await self.surveys.version_questions(response.version_id, s)
            info = SurveyInfo(
                **{**info.__dict__, "questions": questions, "version_id": response.version_id}
            )
        return info, response

    async def _answers(self, s: AsyncSession, response_id: int) -> dict[str, set[str]]:
        rows = await s.execute(
            select(SurveyAnswer.question_id, SurveyAnswer.value).where(
                SurveyAnswer.response_id == response_id
            )
        )
        out: dict[str, set[str]] = {}
        for qid, value in rows.all():
            out.setdefault(qid, set()).add(value if value is not None else "")
        return out

    async def _step(self, s: AsyncSession, info: SurveyInfo, response: SurveyResponse) -> Step:
        ids = [q.id for q in info.questions]
        index = ids.index(response.position) if response.position in ids else 0
        answers = await self._answers(s, response.id)
        return Step(
            survey=info,
            response_id=response.id,
            question=info.questions[index],
            index=index,
            total=len(info.questions),
            selected=frozenset(answers.get(info.questions[index].id, set())),
        )

    def _current(self, info: SurveyInfo, response: SurveyResponse, q_index: int) -> Question:
        """The question being answered; a button of any other question is stale."""
        if (
            not 0 <= q_index < len(info.questions)
            or info.questions[q_index].id != response.position
        ):
            raise StaleAnswerError("not the current question")
        return info.questions[q_index]

    async def current(self, response_id: int, person: Person) -> Step:
        async with self.db.session() as s:
            info, response = await self._load(s, response_id, person)
            return await self._step(s, info, response)

    async def _store(
        self,
        s: AsyncSession,
        response: SurveyResponse,
        question: Question,
        values: list[tuple[str | None, float | None, str | None]],
    ) -> None:
        await s.execute(
            delete(SurveyAnswer).where(
                SurveyAnswer.response_id == response.id, SurveyAnswer.question_id == question.id
            )
        )
        now = self.clock.now()
        for value, num, text in values:
            s.add(
                SurveyAnswer(
                    response_id=response.id,
                    survey_id=response.survey_id,
                    question_id=question.id,
                    value=value,
                    num=num,
                    text=text,
                    answered_at=now,
                )
            )
        await s.flush()

    async def _advance(
        self, s: AsyncSession, info: SurveyInfo, response: SurveyResponse, index: int
    ) -> Step:
        answers = await self._answers(s, response.id)
        nxt = next_index(info.questions, index, answers)
        if nxt is not None:
            response.position = info.questions[nxt].id
            return await self._step(s, info, response)
        return await self._complete(s, info, response, answers)

    async def _complete(
        self,
        s: AsyncSession,
        info: SurveyInfo,
        response: SurveyResponse,
        answers: dict[str, set[str]],
    ) -> Step:
        hidden = [q.id for q in info.questions if not visible(q, answers)]
        if hidden:  # answers left behind after Back changed an earlier answer
            await s.execute(
                delete(SurveyAnswer).where(
                    SurveyAnswer.response_id == response.id, SurveyAnswer.question_id.in_(hidden)
                )
            )
        user_id = response.user_id
        response.completed_at = self.clock.now()
        response.position = None
        if info.anonymous:
            response.user_id = None  # finished anonymous answers are linked to no one
        if user_id is not None:
            s.add(SurveyParticipant(survey_id=response.survey_id, user_id=user_id))
            for hook in self.completion_hooks:
                await hook(s, user_id, info)
        await s.flush()
        return Step(
            survey=info,
            response_id=response.id,
            question=None,
            total=len(info.questions),
            completed_by=user_id,
        )

    async def _finish(self, step: Step) -> Step:
        if step.completed_by is not None:
            await self.people.record_activity(step.completed_by, "survey_completed")
        return step

    async def choose(self, response_id: int, person: Person, q_index: int, option: int) -> Step:
        """A choice button (likert5, single, scale0_10, yesno): store it and go on."""
        async with self.db.transaction() as s:
            info, response = await self._load(s, response_id, person)
            question = self._current(info, response, q_index)
            if question.type in ("multi", "text") or not 0 <= option < len(question.options):
                raise StaleAnswerError("not an option of this question")
            opt = question.options[option]
            await self._store(s, response, question, [(opt.value, opt.num, None)])
            step = await self._advance(s, info, response, q_index)
        return await self._finish(step)

    async def toggle(self, response_id: int, person: Person, q_index: int, option: int) -> Step:
        """Tick or untick one option of a ``multi`` question (stored at once)."""
        async with self.db.transaction() as s:
            info, response = await self._load(s, response_id, person)
            question = self._current(info, response, q_index)
            if question.type != "multi" or not 0 <= option < len(question.options):
                raise StaleAnswerError("not an option of this question")
            chosen = (await self._answers(s, response.id)).get(question.id, set())
            chosen ^= {question.options[option].value}
            await self._store(s, response, question, [(v, None, None) for v in sorted(chosen)])
            return await self._step(s, info, response)

    async def next(self, response_id: int, person: Person, q_index: int) -> Step:
        """Done with a ``multi`` question."""
        async with self.db.transaction() as s:
            info, response = await self._load(s, response_id, person)
            question = self._current(info, response, q_index)
            if question.type != "multi":
                raise StaleAnswerError("not a multiple-choice question")
            chosen = (await self._answers(s, response.id)).get(question.id, set())
            if question.required and not chosen:
                raise AnswerInvalidError("choose at least one")
            step = await self._advance(s, info, response, q_index)
        return await self._finish(step)

    async def skip(self, response_id: int, person: Person, q_index: int) -> Step:
        """Leave an optional question unanswered."""
        async with self.db.transaction() as s:
            info, response = await self._load(s, response_id, person)
            question = self._current(info, response, q_index)
            if question.required:
                raise StaleAnswerError("this question is required")
            await self._store(s, response, question, [])
            step = await self._advance(s, info, response, q_index)
        return await self._finish(step)

    async def answer_text(self, response_id: int, person: Person, text: str) -> Step:
        """Free text for the current ``text`` question."""
        text = text.strip()
        if not text:
            raise AnswerInvalidError("empty")
        if len(text) > TEXT_ANSWER_LIMIT:
            raise AnswerInvalidError("too long")
        async with self.db.transaction() as s:
            info, response = await self._load(s, response_id, person)
            ids = [q.id for q in info.questions]
            index = ids.index(response.position) if response.position in ids else -1
            if index < 0 or info.questions[index].type != "text":
                raise StaleAnswerError("the current question is not a text question")
            await self._store(s, response, info.questions[index], [(None, None, text)])
            step = await self._advance(s, info, response, index)
        return await self._finish(step)

    async def back(self, response_id: int, person: Person, q_index: int) -> Step:
        """Go to the previous question shown (its answer is kept until replaced)."""
        async with self.db.transaction() as s:
            info, response = await self._load(s, response_id, person)
            self._current(info, response, q_index)
            answers = await self._answers(s, response.id)
            prev = previous_index(info.questions, q_index, answers)
            if prev is not None:
                response.position = info.questions[prev].id
            return await self._step(s, info, response)

    # --- reminders

    async def due_reminders(
        self, owe: Callable[[AsyncSession, int, str], Awaitable[bool]] | None = None
    ) -> list[tuple[int, str]]:
        """(user id, slug) of unfinished responses started ``reminder_hours`` ago; marks them.

        Each response is reminded at most once: ``owe(s, user_id, slug)`` writes the reminder
        into the outbox in the same transaction as the mark (False: nothing owed to this user).
        """
        if not self.reminder_hours:
            return []
        now = self.clock.now()
        cutoff = now - timedelta(hours=self.reminder_hours)
        open_slugs = {i.id: i.slug for i in await self.surveys.list() if i.takeable(now)}
        if not open_slugs:
            return []
        async with self.db.transaction() as s:
            rows = (
                await s.scalars(
                    select(SurveyResponse)
                    .where(
                        SurveyResponse.survey_id.in_(list(open_slugs)),
                        SurveyResponse.completed_at.is_(None),
                        SurveyResponse.reminded_at.is_(None),
                        SurveyResponse.user_id.is_not(None),
                        SurveyResponse.started_at <= cutoff,
                    )
                    .limit(500)
                )
            ).all()
            out = []
            for r in rows:
                r.reminded_at = now
                assert r.user_id is not None
                if owe is None or await owe(s, r.user_id, open_slugs[r.survey_id]):
                    out.append((r.user_id, open_slugs[r.survey_id]))
            return out

    async def detach_user(self, user_id: int) -> None:
        """Erase hook: responses stay for the statistics, linked to no one."""
        from sqlalchemy import update

        async with self.db.transaction() as s:
            await s.execute(
                update(SurveyResponse).where(SurveyResponse.user_id == user_id).values(user_id=None)
            )

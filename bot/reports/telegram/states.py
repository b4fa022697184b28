"""Conversation states of reports, readable in one place.

The citizen's wizard (:class:`ReportForm`) goes through the steps of :mod:`bot.reports.telegram.wizard`
in order; ``place_choose``, ``date``, ``privacy`` and ``duplicate`` are sub-states of ``place``,
``when`` and ``summary``; ``resume`` asks whether to continue an unfinished draft. Partners type
questions and notes in :class:`PartnerInput` (in their group), reporters answer in
:class:`ReporterInput`.
"""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


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

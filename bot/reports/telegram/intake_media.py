"""The wizard's evidence step: photos, videos, documents and voice notes.

Each file is appended as its own row (``ReportService.add_draft_media``), not into the draft's
JSON, so the photos of an album, which arrive as parallel updates, are all kept.
"""

from __future__ import annotations

from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.i18n import Translator
from bot.people.service import Person
from bot.reports.domain.service import ReportService
from bot.reports.telegram import keyboards as kb
from bot.reports.telegram.steps import advance, drop_buttons, load, message_of


async def on_evidence(
    message: Message, t: Translator, settings: Settings, person: Person, reports: ReportService
) -> None:
    """A photo, video, document or voice note (file id and caption kept, up to the limits)."""
    limits = settings.reports
    media: Any
    if message.photo:
        kind, media = "photo", message.photo[-1]
    elif message.video:
        kind, media = "video", message.video
    elif message.document:
        kind, media = "document", message.document
    elif message.voice:
        kind, media = "voice", message.voice
    else:
        await message.answer(t("report-media-unsupported"))
        return
    count = await reports.evidence.add_draft_media(
        person.id,
        kind,
        media.file_id,
        media.file_size,
        max_count=limits.max_media,
        max_bytes=int(limits.max_media_mb * 1024 * 1024),
        caption=(message.caption or "").strip() or None,
    )
    await message.answer(
        t("report-media-added", count=count, max=limits.max_media),
        reply_markup=kb.skip_kb(t, kb.StepAction.EVIDENCE_DONE, "report-btn-done"),
    )


async def on_evidence_done(
    query: CallbackQuery,
    state: FSMContext,
    t: Translator,
    settings: Settings,
    person: Person,
    reports: ReportService,
) -> None:
    """No more evidence: the draft keeps a copy of the list for the summary."""
    await query.answer()
    await drop_buttons(query)
    draft = await load(state)
    stored = await reports.evidence.draft_media(person.id)
    known = {m.file_id for m in stored}
    draft.media = stored + [m for m in draft.media if m.file_id not in known]
    draft.evidence_done = True
    await advance("evidence", message_of(query), state, t, draft, settings)

"""Evidence of a report being written, kept as rows rather than in the draft's JSON.

The photos of an album arrive as separate messages handled in parallel: a read-modify-write of the
draft would lose some. Each file is appended with one INSERT whose position is computed in the
statement; the (user, position) key makes a concurrent duplicate fail, and it is simply retried.
"""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.reports.domain.context import ReportContext
from bot.reports.domain.drafts import DraftError, Media
from bot.reports.domain.errors import log
from bot.reports.domain.models import ReportDraftMedia

ATTEMPTS = 20


class EvidenceService:
    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx

    async def add_draft_media(
        self,
        user_id: int,
        kind: str,
        file_id: str,
        file_size: int | None,
        *,
        max_count: int,
        max_bytes: int,
        caption: str | None = None,
    ) -> int:
        """Append one file (and what the reporter wrote under it) to the user's draft; returns
        how many the draft now has."""
        if file_size is not None and file_size > max_bytes:
            raise DraftError("report-media-too-big", max_mb=max_bytes // (1024 * 1024))
        table = ReportDraftMedia
        position = (
            select(func.coalesce(func.max(table.position), 0) + 1)
            .where(table.user_id == user_id)
            .scalar_subquery()
        )
        for _ in range(ATTEMPTS):
            try:
                async with self.ctx.db.transaction() as s:
                    # a write first: SQLite takes its write lock here, before any read
                    await s.execute(
                        insert(table).values(
                            user_id=user_id,
                            position=position,
                            kind=kind,
                            file_id=file_id,
                            file_size=file_size,
                            caption=caption or None,
                            added_at=self.ctx.clock.now(),
                        )
                    )
                    count = int(
                        await s.scalar(
                            select(func.count()).select_from(table).where(table.user_id == user_id)
                        )
                        or 0
                    )
                    if count > max_count:
                        raise DraftError("report-media-too-many", max=max_count)
                return count
            except IntegrityError:
                continue  # another file of the same album took this position: next one
        log.warning("draft evidence not stored after %d attempts", ATTEMPTS)
        raise DraftError("report-media-retry")

    async def draft_media(self, user_id: int) -> list[Media]:
        async with self.ctx.db.session() as s:
            return await self.in_draft(s, user_id)

    async def clear_draft_media(self, user_id: int) -> None:
        async with self.ctx.db.transaction() as s:
            await s.execute(delete(ReportDraftMedia).where(ReportDraftMedia.user_id == user_id))

    @staticmethod
    async def in_draft(s: AsyncSession, user_id: int) -> list[Media]:
        rows = await s.scalars(
            select(ReportDraftMedia)
            .where(ReportDraftMedia.user_id == user_id)
            .order_by(ReportDraftMedia.position)
        )
        return [Media(r.kind, r.file_id, r.file_size, r.caption) for r in rows.all()]

    async def take_from_draft(
        self, s: AsyncSession, user_id: int, also: list[Media], max_count: int
    ) -> list[Media]:
        """The draft's evidence (rows, and any kept in an older draft's JSON), removed from it.

        A caption comes from the draft's copy when it has the file: the reporter may have asked
        for its identifiers to be masked after the row was stored.
        """
        media = await self.in_draft(s, user_id)
        copies = {m.file_id: m for m in also}
        media = [
            Media(m.kind, m.file_id, m.file_size, copies[m.file_id].caption)
            if m.file_id in copies
            else m
            for m in media
        ]
        seen = {m.file_id for m in media}
        media += [m for m in also if m.file_id not in seen]
        await s.execute(delete(ReportDraftMedia).where(ReportDraftMedia.user_id == user_id))
        return media[:max_count]

"""A report being written: the wizard's data, kept in the conversation storage after every step.

The storage is durable (SQL, or Redis), so a user who leaves, or a bot restart, loses nothing.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from bot.errors import UserError
from bot.reports.domain.categories import CATEGORIES, WHEN_CHOICES, Confidentiality

MIN_DESCRIPTION = 20
#: One Telegram message: a story sent in one message is always kept whole.
MAX_DESCRIPTION = 4096
#: A story at least this long may go on in the next message (Telegram sends a longer text as
#: several messages of up to 4,096); :meth:`Draft.continue_story` adds them, up to MAX_STORY.
SPLIT_AT = MAX_DESCRIPTION - 300
MAX_STORY = 3 * MAX_DESCRIPTION
_DATE_RE = re.compile(r"^\s*(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})\s*$")
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class DraftError(UserError, ValueError):
    """Input the wizard cannot accept; ``key`` names the catalogue message, ``params`` its values."""


@dataclass
class Media:
    kind: str
    file_id: str
    file_size: int | None = None
    caption: str | None = None


@dataclass
class Draft:
    """Everything the reporter has told so far."""

    description: str | None = None
    category: str | None = None
    category_guess: str | None = None
    #: Two categories the NLU found close (best first): offered as the first buttons.
    category_choices: list[str] = field(default_factory=list)
    region_code: str | None = None
    region_candidates: list[str] = field(default_factory=list)
    latitude: float | None = None
    longitude: float | None = None
    when_choice: str | None = None
    occurred_on: str | None = None  # ISO date
    urgent: bool | None = None
    media: list[Media] = field(default_factory=list)
    anonymous: bool | None = None
    #: identified / anonymous / rahasia (None: not asked yet; a draft from before the levels
    #: reads its ``anonymous``); set with :meth:`set_confidentiality`, which keeps both in step.
    confidentiality: str | None = None
    contact_ok: bool | None = None
    pin_done: bool = False
    evidence_done: bool = False
    duplicate_checked: bool = False
    identifiers_checked: bool = False
    #: The last part of the story filled a message: the next text may be more of it.
    story_open: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Draft:
        data = dict(data or {})
        media = [Media(**m) for m in data.pop("media", []) or []]
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(media=media, **known)

    def set_description(self, text: str) -> None:
        text = text.strip()
        if len(text) < MIN_DESCRIPTION:
            raise DraftError("report-desc-too-short", min=MIN_DESCRIPTION)
        if len(text) > MAX_DESCRIPTION:
            raise DraftError("report-desc-too-long", max=MAX_DESCRIPTION, length=len(text))
        self.description = text
        self.story_open = len(text) >= SPLIT_AT

    def continue_story(self, text: str) -> None:
        """The next part of a story Telegram split into several messages."""
        text = text.strip()
        if len(self.description or "") + 1 + len(text) > MAX_STORY:
            self.story_open = False
            raise DraftError("report-story-full", max=MAX_STORY)
        self.description = f"{self.description or ''} {text}".strip()
        self.story_open = len(text) >= SPLIT_AT

    def set_category(self, category: str) -> None:
        if category not in CATEGORIES:
            raise DraftError("report-bad-choice")
        self.category = category

    def set_location(self, latitude: float, longitude: float) -> None:
        """A pin, rounded to two decimals (about 1 km) so an exact home is never stored."""
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise DraftError("report-bad-choice")
        self.latitude = round(latitude, 2)
        self.longitude = round(longitude, 2)

    def set_when(self, choice: str, today: date) -> None:
        if choice not in WHEN_CHOICES:
            raise DraftError("report-bad-choice")
        self.when_choice = choice
        if choice == "today":
            self.occurred_on = today.isoformat()
        elif choice == "yesterday":
            self.occurred_on = (today - timedelta(days=1)).isoformat()
        else:
            self.occurred_on = None

    def set_date(self, text: str, today: date) -> None:
        """A date typed as 17-08-2025, 17/08/2025 or 2025-08-17; not in the future."""
        m = _DATE_RE.match(text)
        iso = _ISO_RE.match(text)
        try:
            if m:
                day = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            elif iso:
                day = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
            else:
                raise DraftError("report-date-invalid")
        except ValueError as exc:
            raise DraftError("report-date-invalid") from exc
        if day > today:
            raise DraftError("report-date-future")
        if day.year < today.year - 20:
            raise DraftError("report-date-invalid")
        self.when_choice = "earlier"
        self.occurred_on = day.isoformat()

    def add_media(
        self, kind: str, file_id: str, file_size: int | None, *, max_count: int, max_bytes: int
    ) -> None:
        if len(self.media) >= max_count:
            raise DraftError("report-media-too-many", max=max_count)
        if file_size is not None and file_size > max_bytes:
            raise DraftError("report-media-too-big", max_mb=max_bytes // (1024 * 1024))
        self.media.append(Media(kind, file_id, file_size))

    def set_confidentiality(self, level: Confidentiality | str) -> None:
        """Who may read the report (rahasia: only the partner that claims it, and admins)."""
        try:
            chosen = Confidentiality(level)
        except ValueError as exc:
            raise DraftError("report-bad-choice") from exc
        self.confidentiality = chosen.value
        self.anonymous = chosen.anonymous

    @property
    def level(self) -> Confidentiality:
        """The chosen level (anonymous until the identity step is answered)."""
        return Confidentiality.of(self.confidentiality, anonymous=self.anonymous is not False)

    def missing(self) -> list[str]:
        """The steps still to answer, in order."""
        steps = []
        if not self.description:
            steps.append("description")
        if not self.category:
            steps.append("category")
        if not self.region_code:
            steps.append("place")
        if not self.when_choice:
            steps.append("when")
        if self.urgent is None:
            steps.append("danger")
        if self.anonymous is None or self.contact_ok is None:
            steps.append("identity")
        return steps


def today_in(now: datetime, tz: Any) -> date:
    return now.astimezone(tz).date()

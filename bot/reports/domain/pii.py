"""Personal identifiers in what an anonymous reporter wrote: NIK, phone numbers, e-mail addresses.

Detection is lokal-id's Samaran (Indonesian PII rules). The reporter is asked before such a story,
or a caption under their evidence, goes out; masking replaces each identifier with a neutral
placeholder. No aiogram here.
"""

from __future__ import annotations

from dataclasses import dataclass

from lokal.samaran import PiiType, detect_pii

from bot.reports.domain.drafts import Draft

#: What an anonymous story is checked for: the identifiers that name a person on their own.
IDENTIFIER_TYPES: tuple[PiiType, ...] = ("NIK", "PHONE", "EMAIL")


@dataclass(frozen=True, slots=True)
class Identifier:
    kind: str  # one of IDENTIFIER_TYPES
    start: int
    end: int


def identifiers_in(text: str) -> list[Identifier]:
    """The NIKs, phone numbers and e-mail addresses in ``text``, in order."""
    if not text:
        return []
    found = detect_pii(text, types=IDENTIFIER_TYPES)
    return [Identifier(m.type, m.start, m.end) for m in sorted(found, key=lambda m: m.start)]


def kinds_in(text: str) -> list[str]:
    """The kinds found, each once, in the order of :data:`IDENTIFIER_TYPES`."""
    present = {i.kind for i in identifiers_in(text)}
    return [k for k in IDENTIFIER_TYPES if k in present]


def mask_identifiers(text: str, placeholder: str) -> str:
    """``text`` with every identifier replaced by ``placeholder`` (e.g. "[disamarkan]")."""
    out = text
    for ident in reversed(identifiers_in(text)):
        out = out[: ident.start] + placeholder + out[ident.end :]
    return out


def draft_texts(draft: Draft) -> list[str]:
    """What a partner will read of the draft: the story and every caption under the evidence."""
    return [draft.description or "", *(m.caption or "" for m in draft.media)]


def draft_kinds(draft: Draft) -> list[str]:
    """The kinds of identifier in the story or in any caption, each once (see :func:`kinds_in`)."""
    present = {k for text in draft_texts(draft) for k in kinds_in(text)}
    return [k for k in IDENTIFIER_TYPES if k in present]


def mask_draft(draft: Draft, placeholder: str) -> None:
    """Mask the identifiers of the story and of every caption (the reporter agreed to it)."""
    draft.description = mask_identifiers(draft.description or "", placeholder)
    for m in draft.media:
        if m.caption:
            m.caption = mask_identifiers(m.caption, placeholder)

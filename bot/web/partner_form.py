"""The partner form of the settings page, checked field by field in the reader's language.

The partner service checks again (and keeps the CLI's English messages); here each mistake is
said in the page's language, naming the field, so a coordinator knows what to fix. Nothing is
stored unless every field is right.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.geo.gazetteer import Gazetteer
from bot.reports.domain.categories import CATEGORIES

_CODE_LIKE = re.compile(r"^[\d.\s]+$")
_CODE = re.compile(r"^\d{2}(\.?\d{2})?$")

Translate = Callable[..., str]


@dataclass
class PartnerForm:
    """What was typed (kept to fill the form again) and, when all is right, the clean values."""

    name: str
    chat_id_text: str
    regions_text: str
    categories_text: str
    chat_id: int = 0
    regions: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    #: field name → what is wrong with it, in the reader's language
    problems: dict[str, str] = field(default_factory=dict)


def split_list(value: str) -> list[str]:
    return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]


def check_partner_form(
    form: Mapping[str, Any], t: Translate, gazetteer: Gazetteer | None = None
) -> PartnerForm:
    gazetteer = gazetteer or Gazetteer.default()
    out = PartnerForm(
        name=str(form.get("name", "")).strip(),
        chat_id_text=str(form.get("chat_id", "")).strip(),
        regions_text=str(form.get("regions", "")).strip(),
        categories_text=str(form.get("categories", "")).strip(),
    )
    if not 2 <= len(out.name) <= 128:
        out.problems["name"] = t("web-admin-bad-name", length=len(out.name))
    try:
        out.chat_id = int(out.chat_id_text)
    except ValueError:
        out.problems["chat_id"] = t("web-admin-bad-chat")
    regions = split_list(out.regions_text)
    if not regions:
        out.problems["regions"] = t("web-admin-no-regions")
    for raw in regions:
        code, problem = _region(raw, t, gazetteer)
        if problem:
            out.problems.setdefault("regions", problem)
        elif code not in out.regions:
            out.regions.append(code)
    categories = split_list(out.categories_text) or ["*"]
    for raw in categories:
        if raw != "*" and raw not in CATEGORIES:
            out.problems.setdefault(
                "categories", t("web-admin-bad-category", value=raw, known=", ".join(CATEGORIES))
            )
        elif raw not in out.categories:
            out.categories.append(raw)
    return out


def _region(raw: str, t: Translate, gazetteer: Gazetteer) -> tuple[str, str | None]:
    """The region's code, or what is wrong with ``raw``."""
    if raw == "*":
        return raw, None
    if _CODE_LIKE.match(raw):
        region = gazetteer.get(raw) if _CODE.match(raw) else None
        if region is None:
            return "", t("web-admin-bad-region-code", value=raw)
        return region.code, None
    found = gazetteer.resolve(raw)
    if not found:
        return "", t("web-admin-bad-region", value=raw)
    if len(found) > 1:
        options = ", ".join(f"{r.name} ({r.code})" for r in found[:6])
        return "", t("web-admin-ambiguous-region", value=raw, options=options)
    return found[0].code, None

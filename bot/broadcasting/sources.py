"""What other features offer the /siaran composer besides segment choices: a content item as the
message, and a "take the survey" button.

``services.broadcast_sources`` (a :class:`ComposeSources`) is made once by the broadcasting feature's
setup, like ``services.segment_filters``. The content feature registers :meth:`ComposeSources.items`,
the surveys feature :meth:`ComposeSources.surveys`; the composer shows a choice only when someone
registered it. Plain Python (no aiogram).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.broadcasting.segments import Choice


@dataclass(frozen=True)
class ItemMessage:
    """A broadcast's message taken from another feature's item (text, media, buttons)."""

    text: str
    media: dict[str, Any] | None
    buttons: list[list[dict[str, Any]]]
    title: str | None = None
    source: str | None = None


#: ``async (limit) -> [Choice]``: recent items (value = the item's id as text).
ItemLister = Callable[[int], Awaitable[list[Choice]]]
#: ``async (value, t) -> ItemMessage | None``: the message of one item (None if it is gone);
#: ``t`` is the coordinator's :class:`bot.i18n.Translator` (for the labels of its buttons).
ItemBuilder = Callable[[str, Any], Awaitable[ItemMessage | None]]
#: ``async (t) -> [Choice]``: the surveys that can be taken now (value = slug).
SurveyLister = Callable[[Any], Awaitable[list[Choice]]]
#: ``(slug) -> callback_data`` of the button that starts that survey.
SurveyButton = Callable[[str], str]


class ComposeSources:
    """Registry of the composer's optional sources; every part is optional."""

    def __init__(self) -> None:
        self.list_items: ItemLister | None = None
        self.item_message: ItemBuilder | None = None
        self.list_surveys: SurveyLister | None = None
        self.survey_button: SurveyButton | None = None

    def items(self, list_items: ItemLister, item_message: ItemBuilder) -> None:
        """Offer "pick a content item" as the message."""
        self.list_items, self.item_message = list_items, item_message

    def surveys(self, list_surveys: SurveyLister, survey_button: SurveyButton) -> None:
        """Offer a "take the survey" button."""
        self.list_surveys, self.survey_button = list_surveys, survey_button

    @property
    def has_items(self) -> bool:
        return self.list_items is not None and self.item_message is not None

    @property
    def has_surveys(self) -> bool:
        return self.list_surveys is not None and self.survey_button is not None

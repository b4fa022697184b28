"""Filters shared by the features' routers."""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.types import Message

from bot.i18n import Translator
from bot.people.models import Role
from bot.people.service import Person


class MenuButton(Filter):
    """A press of a reply-keyboard button, recognised in any language."""

    def __init__(self, key: str) -> None:
        self.key = key

    async def __call__(self, message: Message, t: Translator) -> bool:
        return message.text is not None and message.text in t.all_languages(self.key)


class HasRole(Filter):
    """The user holds one of the roles (admins pass every coordinator check)."""

    def __init__(self, *roles: Role) -> None:
        self.roles = set(roles)
        if Role.COORDINATOR in self.roles:
            self.roles.add(Role.ADMIN)

    async def __call__(self, event: Any, person: Person | None = None) -> bool:
        return person is not None and bool(person.roles & self.roles)

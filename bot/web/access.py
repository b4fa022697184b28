"""Who is looking at the dashboard, and what they may see (checked on the server, every request).

Coordinators and admins see every case; a partner member sees the cases routed to (or claimed
by) their partners, nothing else. Anyone else may not sign in.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.people.service import UnknownUserError
from bot.reports.domain.workflow import Actor
from bot.services import Services


class NoAccessError(Exception):
    """This user may not use the dashboard (not a coordinator, not a partner member)."""


class NotVisibleError(Exception):
    """The case does not exist or is not this viewer's to see: answered 404 either way."""


@dataclass(frozen=True, slots=True)
class Viewer:
    user_id: int
    first_name: str
    language: str
    coordinator: bool
    partner_ids: frozenset[int]

    def actor(self, partner_id: int | None) -> Actor:
        """The reports service's actor for this viewer acting on a case of ``partner_id``."""
        if self.coordinator:
            return Actor(self.user_id, None, True)
        return Actor(self.user_id, partner_id, False)


async def viewer_for(services: Services, user_id: int) -> Viewer:
    """The viewer for a signed-in user id, or :class:`NoAccessError`."""
    try:
        person = await services.people.get(user_id)
    except UnknownUserError:
        raise NoAccessError(user_id) from None
    partner_ids = frozenset(await services.reports.partners.memberships(user_id))
    if not person.is_coordinator and not partner_ids:
        raise NoAccessError(user_id)
    return Viewer(person.id, person.first_name, person.language, person.is_coordinator, partner_ids)


async def acting_partner(services: Services, viewer: Viewer, report_id: int) -> int | None:
    """The partner the viewer sees this case as (None for a coordinator), or NotVisibleError."""
    if viewer.coordinator:
        return None
    routes = await services.reports.routes(report_id)
    mine = sorted(
        r.partner_id
        for r in routes
        if r.partner_id is not None and r.partner_id in viewer.partner_ids
    )
    if mine:
        return mine[0]
    raise NotVisibleError(report_id)

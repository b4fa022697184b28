"""The reports feature's wiring: services, the partner-invite deep link, erase hook, sweeper."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.reports.settings import ReportsSettings
from bot.services import Feature, Services, Task

if TYPE_CHECKING:
    from aiogram import Bot, Router

    from bot.i18n import Translator
    from bot.people.service import Person
    from bot.reports.domain.service import ReportService


def build_reports(services: Services) -> ReportService:
    """The report service of these services (also used by the CLI)."""
    from bot.reports.domain.partners import PartnerService
    from bot.reports.domain.service import ReportService

    settings = services.settings
    partners = PartnerService(
        services.db, services.clock, services.people, settings.reports.partners
    )
    return ReportService(
        services.db,
        services.clock,
        settings.reports,
        partners,
        services.people,
        tz=settings.tz,
        app_settings=settings,
    )


def setup(services: Services) -> None:
    from bot.people.deeplinks import LinkKind
    from bot.reports.kinds import CARD, EVIDENCE, REFRESH, TOPIC_CLOSE

    reports = build_reports(services)
    services.reports = reports

    # made on first use: the flows and senders need aiogram, and a CLI command must not pay for
    # it (issue 12); the bot and the worker make them when they start
    def flows() -> Any:
        from bot.reports.flows.core import ReportFlows

        return ReportFlows(reports, services.outbox, services.catalog, services.settings)

    services.provide("report_flows", flows)

    def sender(kind: str) -> Any:
        def make() -> Any:
            from bot.reports.flows import outgoing, topics

            t = services.catalog.translator(services.settings.default_language)
            return {
                CARD: lambda: outgoing.CardSender(reports, t, services.report_flows),
                REFRESH: lambda: outgoing.RefreshSender(reports, t),
                EVIDENCE: lambda: outgoing.EvidenceSender(reports, t, services.report_flows),
                TOPIC_CLOSE: lambda: topics.TopicCloseSender(reports),
            }[kind]()

        return make

    for kind in (CARD, REFRESH, EVIDENCE, TOPIC_CLOSE):
        services.outbox.register(kind, sender(kind))

    async def partner_invite(code: str, *, person: Person, t: Translator, **_: Any) -> str | None:
        """``/start p-<code>``: join the partner; None for an unknown or expired code."""
        partner = await reports.partners.accept_invite(code, person.id)
        if partner is None:
            return None
        return t("report-partner-joined", partner=partner.name)

    services.deeplinks.register(LinkKind.PARTNER_INVITE, partner_invite)
    services.people.erase_hooks.append(reports.privacy.detach_reporter)


def create_router() -> Router:
    from bot.reports.telegram.router import create_router

    return create_router()


def background(services: Services, bot: Bot) -> list[Task]:
    from bot.reports.flows.sweeper import background

    return background(services, bot)


FEATURE = Feature(
    "reports",
    setup=setup,
    create_router=create_router,
    background=background,
    cli={"partners": "bot.reports.cli:partners_app", "reports": "bot.reports.cli:reports_app"},
    settings=("reports", ReportsSettings),
    models="bot.reports.domain.models",
)

"""The browser tests' tools: Debian's Chromium through Playwright, signed initData, sample cases.

Nothing here downloads a browser: Playwright drives /usr/bin/chromium (``apt-get install
chromium``, done by scripts/install-test-services.sh).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from bot.people.models import Role
from bot.web.auth import sign_init_data
from tests.reports.helpers import CILEGON, COORD_CHAT, draft, open_groups, settle_outbox
from tests.support.harness import TOKEN, Harness, UserDriver

CHROMIUM = os.environ.get("RUKUN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

JOGJA_GROUP = -1001234567895
JOGJA = {"name": "LBH Yogyakarta", "chat_id": JOGJA_GROUP, "regions": ["34"], "categories": ["*"]}

#: An anonymous reporter whose identity must never reach a page.
SECRET_NAME = "Kartikasari"
SECRET_USERNAME = "kartika_rahasia"
SECRET_ID = 777000123


def chromium_or_skip() -> str:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing, but CI must run the browser tests")
        pytest.skip("Chromium is not installed (scripts/install-test-services.sh installs it)")
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    return CHROMIUM


def init_data(user: dict[str, Any], auth_date: int, *, token: str = TOKEN) -> str:
    """initData as Telegram signs it for a Mini App opened by ``user``."""
    fields = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(user, separators=(",", ":"), ensure_ascii=False),
        "auth_date": str(auth_date),
    }
    fields["hash"] = sign_init_data(fields, token)
    return urlencode(fields)


def mini_app_url(url: str, data: str) -> str:
    """The URL Telegram opens: the page, with initData in the fragment."""
    return f"{url}#tgWebAppData={quote(data, safe='')}&tgWebAppVersion=8.0&tgWebAppPlatform=ios"


@dataclass
class Network:
    """A coordinator, a member of each of two partners, and cases through the real services."""

    coordinator: UserDriver
    cilegon_member: UserDriver
    jogja_member: UserDriver
    cases: dict[str, Any]


async def build_network(h: Harness) -> Network:
    await open_groups(h, CILEGON["chat_id"], JOGJA_GROUP, COORD_CHAT)
    coordinator = h.user("Ratna")
    cilegon_member = h.user("Agus")
    jogja_member = h.user("Wulan")
    for u in (coordinator, cilegon_member, jogja_member):
        await u.send("/start")
    await h.services.people.grant(coordinator.id, Role.COORDINATOR, by="test")
    partners = {p.name: p.id for p in await h.services.reports.partners.list_partners()}
    await h.services.reports.partners.add_member(partners[CILEGON["name"]], cilegon_member.id)
    await h.services.reports.partners.add_member(partners[JOGJA["name"]], jogja_member.id)

    secret = h.user("Kartikasari", user_id=SECRET_ID, username=SECRET_USERNAME)
    open_name = h.user("Budiman")
    cases = {
        "cilegon": await submit(h, secret, region="36.72", text="Gereja di Cilegon disegel."),
        "cilegon_hate": await submit(
            h, secret, region="36.72", category="ujaran_kebencian", text="Spanduk kebencian."
        ),
        "jogja": await submit(
            h,
            open_name,
            region="34.71",
            text="Pengajian dibubarkan.",
            category="pembubaran_ibadah",
            anonymous=False,
        ),
    }
    return Network(coordinator, cilegon_member, jogja_member, cases)


async def submit(h: Harness, user: UserDriver, **kwargs: Any) -> Any:
    """A report submitted as the wizard's last step does (the reports' flows)."""
    await user.send("/start")
    person = await h.services.people.get(user.id)
    t = h.services.catalog.translator(person.language)
    done = await h.services.report_flows.submit(person, t, draft(**kwargs))
    await settle_outbox(h)
    return done.report

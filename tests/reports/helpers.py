"""Helpers of the reports tests: partner groups, driving the wizard, reading cards."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.people.helpers import region_question_due, without_region_question
from tests.support.harness import Harness, UserDriver, text_of

CILEGON_GROUP = -1001234567890
BANTEN_GROUP = -1001234567891
NATIONAL_GROUP = -1001234567892
COORD_CHAT = -1009999999999

CILEGON = {
    "name": "FKUB Kota Cilegon",
    "chat_id": CILEGON_GROUP,
    "regions": ["36.72"],
    "categories": ["*"],
}
BANTEN = {"name": "LBH Banten", "chat_id": BANTEN_GROUP, "regions": ["36"], "categories": ["*"]}
NATIONAL = {
    "name": "Setara Institute",
    "chat_id": NATIONAL_GROUP,
    "regions": ["*"],
    "categories": ["*"],
}

STORY = "Gereja kami di Cilegon disegel satpol pp pagi tadi, padahal izin sudah lengkap."


def settings_with(*partners: dict[str, Any], **extra: Any) -> dict[str, Any]:
    reports = {"partners": list(partners), **extra.pop("reports", {})}
    flood = {"max_messages": 200, "window_seconds": 10, "mute_seconds": 1}
    return {"coordinators_chat_id": COORD_CHAT, "reports": reports, "flood": flood, **extra}


async def open_groups(h: Harness, *chat_ids: int) -> None:
    for chat_id in chat_ids:
        await h.emu.register_chat(h.group(f"group {chat_id}", chat_id))


async def file_report(
    user: UserDriver,
    text: str = STORY,
    *,
    place: str = "Cilegon",
    category: str = "Rumah ibadah",
    danger: bool = False,
    anonymous: bool = True,
    contact: bool = True,
    photos: int = 0,
    album: int = 0,
    documents: tuple[dict[str, Any], ...] = (),
    captions: tuple[str, ...] = (),
    album_captions: tuple[str, ...] = (),
    send: bool = True,
) -> list[dict[str, Any]]:
    """Drive the whole wizard; returns the bot's last messages (the confirmation when sent).

    ``captions``: one photo per caption, sent one by one; ``album_captions``: an album whose
    photos carry these captions (with ``album``: that many photos without).
    """
    intro, _ask = await user.send("/lapor", expect=2)
    assert "Lapor insiden" in intro["text"] or "Report" in intro["text"]
    [cat] = await user.send(text)
    if "Maksudnya" in (cat.get("text") or "") or "Ada beberapa" in cat["text"]:
        # the description named a place: confirm it after the category
        pass
    [nxt] = await _press(user, cat, category)
    if "Maksudnya" not in nxt["text"] and "beberapa" not in nxt["text"]:
        [nxt] = await user.send(place)
    [pin] = await _press(user, nxt, place)
    [when] = await _press(user, pin, "Lewati")
    [danger_q] = await _press(user, when, "Hari ini")
    if danger:
        _emergency, evidence = await _press(user, danger_q, "Ya", expect=2)
    else:
        [evidence] = await _press(user, danger_q, "Tidak")
    last = evidence
    for _ in range(photos):
        [last] = await user.send(photo=True)
    for document in documents:
        [last] = await user.send(document=document)
    for caption in captions:
        [last] = await user.send(photo=True, caption=caption)
    under: tuple[str | None, ...] = album_captions or (None,) * album
    if under:
        # an album: the photos arrive at once, as parallel updates
        before = len(await user.inbox())
        await asyncio.gather(
            *(user.emu.send_message(user.info, photo=True, caption=c) for c in under)
        )
        await user.emu.wait_bot_messages(user.id, before + len(under))
        last = [m for m in await user.inbox() if m.get("reply_markup")][-1]
    [identity] = await _press(user, last, "Selesai")
    [contact_q] = await _press(user, identity, "Tidak, aku" if anonymous else "Boleh")
    [summary] = await _press(user, contact_q, "Boleh" if contact else "Jangan")
    if not send:
        return [summary]
    due = await region_question_due(user)  # a first report is followed by "where do you live?"
    return await without_region_question(user, await _press(user, summary, "Kirim"), due=due)


async def _press(
    user: UserDriver, msg: dict[str, Any], label: str, expect: int = 1
) -> list[dict[str, Any]]:
    before = len(await user.inbox())
    await user.press(msg, label, expect=expect)
    return (await user.inbox())[before:]


async def last_text(user: UserDriver, chat_id: int | None = None) -> str:
    return text_of([await user.last(chat_id)])


def draft(
    region: str = "36.72",
    category: str = "rumah_ibadah",
    *,
    urgent: bool = False,
    text: str = STORY,
    anonymous: bool = True,
) -> Any:
    from bot.reports.domain.drafts import Draft

    return Draft(
        description=text,
        category=category,
        region_code=region,
        when_choice="today",
        urgent=urgent,
        anonymous=anonymous,
        contact_ok=True,
        pin_done=True,
        evidence_done=True,
    )


async def settle_outbox(h: Harness, timeout: float = 10.0) -> None:
    """Wait until the bot's outbox has sent everything that is due (cards, notifications).

    Sends through a dispatcher of its own too, for tests that run without background jobs (two
    dispatchers share the work safely: a claim is atomic).
    """
    import asyncio

    from bot.outbox.feature import dispatcher

    outbox = h.services.outbox
    own = dispatcher(h.services, h.runtime.bot)  # type: ignore[union-attr]
    for _ in range(int(timeout / 0.05)):
        await own.drain()
        counts = await outbox.counts()
        if not counts.get("pending") and not counts.get("sending"):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the outbox did not settle: {await outbox.counts()}")


async def quick_report(
    h: Harness, user: UserDriver, *, kicked: int = 0, kicked_chat: int | None = None, **kwargs: Any
) -> Any:
    """Submit a report through the flows, as the wizard's last step does, and wait until its
    cards (and the reporter's confirmation) went out.

    ``kicked``: the next that many cards to a group fail as in a group the bot was removed from
    (403); ``kicked_chat`` names the group (default: Cilegon's).
    """
    await user.send("/start")
    if kicked:
        await h.emu.fail_next(
            kicked,
            error_code=403,
            description="Forbidden: bot was kicked from the supergroup chat",
            method="sendMessage",
            chat_id=kicked_chat or CILEGON_GROUP,
        )
    person = await h.services.people.get(user.id)
    t = h.services.catalog.translator(person.language)
    done = await h.services.report_flows.submit(person, t, draft(**kwargs))
    await settle_outbox(h)
    return done.report

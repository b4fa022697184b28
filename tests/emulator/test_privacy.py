"""Privacy mode: in groups a real aiogram Bot receives only what Telegram would deliver."""

from __future__ import annotations

from typing import Any

import pytest
from aiogram import Bot
from aiogram.types import ChatMemberAdministrator, ChatMemberMember, Update

from bot.emulator import EmulatorClient, EmulatorError

from .conftest import BOT_ID

pytestmark = pytest.mark.asyncio

BUDI = {"id": 1002, "first_name": "Budi", "username": "budi_rt"}


async def drain(tg: Bot) -> list[Update]:
    """Every pending update, confirmed so the next call sees only newer ones."""
    updates = await tg.get_updates(timeout=0)
    if updates:
        await tg.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    return updates


async def heard(tg: Bot) -> list[str]:
    """Texts of the message updates the bot received since the last call."""
    return [u.message.text or "" for u in await drain(tg) if u.message is not None]


async def test_privacy_is_on_by_default_and_switchable(tg: Bot, client: EmulatorClient) -> None:
    assert await client.privacy() is True
    assert (await tg.get_me()).can_read_all_group_messages is False
    await client.set_privacy(False)
    assert await client.privacy() is False
    assert (await tg.get_me()).can_read_all_group_messages is True


async def test_plain_group_text_is_stored_but_not_delivered(
    tg: Bot, client: EmulatorClient, user: dict[str, Any], group: dict[str, Any]
) -> None:
    await client.send_message(user, "halo semua", chat=group)
    await client.send_message(user, "halo bot", chat=None)  # private chat: always delivered
    assert await heard(tg) == ["halo bot"]
    stored = await client.messages(group["id"])
    assert [m["text"] for m in stored] == ["halo semua"]
    assert not await client.pending_updates()


async def test_commands_meant_for_the_bot_are_delivered(
    tg: Bot, client: EmulatorClient, user: dict[str, Any], group: dict[str, Any]
) -> None:
    for text in (
        "/laporan",
        "/laporan@rukun_test_bot minggu ini",
        "/laporan@Rukun_Test_Bot",
        "/laporan@other_bot",
        "lihat /laporan",
    ):
        await client.send_message(user, text, chat=group)
    assert await heard(tg) == [
        "/laporan",
        "/laporan@rukun_test_bot minggu ini",
        "/laporan@Rukun_Test_Bot",
    ]


async def test_mentions_and_replies_to_the_bot_are_delivered(
    tg: Bot, client: EmulatorClient, user: dict[str, Any], group: dict[str, Any]
) -> None:
    await client.register_chat(group, members=[user, BUDI])
    card = await tg.send_message(group["id"], "Kartu laporan")
    await client.send_message(user, "tolong @rukun_test_bot", chat=group)
    await client.send_message(user, "kata @budi_rt", chat=group)
    other = await client.send_message(BUDI, "saya di sini", chat=group)
    await client.send_message(user, "balas ke bot", chat=group, reply_to_message_id=card.message_id)
    await client.send_message(
        user, "balas ke Budi", chat=group, reply_to_message_id=other["message_id"]
    )
    updates = await drain(tg)
    assert [u.message.text for u in updates if u.message] == [
        "tolong @rukun_test_bot",
        "balas ke bot",
    ]
    mention = updates[0].message
    assert mention is not None and mention.entities is not None
    assert [(e.type, e.offset, e.length) for e in mention.entities] == [("mention", 7, 15)]
    reply = updates[1].message
    assert reply is not None and reply.reply_to_message is not None
    assert reply.reply_to_message.from_user is not None
    assert reply.reply_to_message.from_user.id == BOT_ID


async def test_service_messages_and_my_chat_member_are_delivered(
    tg: Bot, client: EmulatorClient, user: dict[str, Any], group: dict[str, Any]
) -> None:
    changed = await client.set_bot_member(group, "member", by=user)
    assert changed["old_chat_member"]["status"] == "left"
    await client.add_members(group, [BUDI], by=user)
    await client.send_message(BUDI, "terima kasih", chat=group)
    updates = await drain(tg)
    assert len(updates) == 3
    member = updates[0].my_chat_member
    assert (
        member is not None and member.chat.id == group["id"] and member.from_user.id == user["id"]
    )
    assert isinstance(member.new_chat_member, ChatMemberMember)
    assert member.new_chat_member.user.id == BOT_ID
    joined_bot, joined_budi = updates[1].message, updates[2].message
    assert joined_bot is not None and joined_bot.new_chat_members is not None
    assert [u.id for u in joined_bot.new_chat_members] == [BOT_ID]
    assert joined_budi is not None and joined_budi.new_chat_members is not None
    assert [u.id for u in joined_budi.new_chat_members] == [BUDI["id"]]


async def test_an_administrator_hears_everything(
    tg: Bot, client: EmulatorClient, user: dict[str, Any], group: dict[str, Any]
) -> None:
    await client.register_chat(group, bot_status="administrator")
    await client.send_message(user, "semua terdengar", chat=group)
    assert await heard(tg) == ["semua terdengar"]
    assert not await drain(tg)  # registering is set-up: no my_chat_member was queued
    admin = await tg.get_chat_member(group["id"], BOT_ID)
    assert isinstance(admin, ChatMemberAdministrator) and admin.can_manage_topics

    demoted = await client.set_bot_member(group, "member", by=user)
    assert demoted["old_chat_member"]["status"] == "administrator"
    assert len(await drain(tg)) == 1  # my_chat_member only: the bot did not join anew
    await client.send_message(user, "tidak terdengar", chat=group)
    assert await heard(tg) == []
    assert isinstance(await tg.get_chat_member(group["id"], BOT_ID), ChatMemberMember)


async def test_privacy_off_hears_every_group_message(
    tg: Bot, client: EmulatorClient, user: dict[str, Any], group: dict[str, Any]
) -> None:
    await client.set_privacy(False)
    await client.send_message(user, "halo semua", chat=group)
    assert await heard(tg) == ["halo semua"]


async def test_membership_refusals(
    client: EmulatorClient, user: dict[str, Any], group: dict[str, Any]
) -> None:
    with pytest.raises(EmulatorError, match="bot status must be one of"):
        await client.set_bot_member(group, "owner", by=user)
    with pytest.raises(EmulatorError, match="unknown administrator rights"):
        await client.register_chat(group, bot_status="administrator", bot_rights={"can_fly": True})
    with pytest.raises(EmulatorError, match="can only change in a group"):
        await client.set_bot_member({"id": user["id"], "type": "private"}, "member", by=user)

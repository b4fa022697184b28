"""Forum topics: a real aiogram Bot creates, uses, closes, edits and deletes topics."""

from __future__ import annotations

from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InputMediaPhoto, ReplyParameters

from bot.emulator import EmulatorClient, EmulatorError

from .conftest import BOT_ID

pytestmark = pytest.mark.asyncio

FORUM = {"id": -100700, "type": "supergroup", "title": "Mitra FKUB", "is_forum": True}
JPEG = b"\xff\xd8\xff\xe0" + b"0" * 64


@pytest.fixture
async def forum(client: EmulatorClient, user: dict[str, Any]) -> dict[str, Any]:
    return await client.register_chat(FORUM, members=[user])


async def test_create_topic_and_send_into_it(
    tg: Bot, client: EmulatorClient, forum: dict[str, Any]
) -> None:
    topic = await tg.create_forum_topic(forum["id"], "LP-2026-000001 Cilegon", icon_color=16766590)
    assert (topic.name, topic.icon_color) == ("LP-2026-000001 Cilegon", 16766590)
    thread = topic.message_thread_id
    card = await tg.send_message(forum["id"], "Kartu laporan", message_thread_id=thread)
    assert (card.message_thread_id, card.is_topic_message) == (thread, True)
    photo = await tg.send_photo(
        forum["id"], BufferedInputFile(JPEG, "a.jpg"), caption="bukti", message_thread_id=thread
    )
    album = await tg.send_media_group(
        forum["id"],
        [InputMediaPhoto(media=BufferedInputFile(JPEG, f"{i}.jpg")) for i in range(2)],
        message_thread_id=thread,
    )
    assert photo.message_thread_id == thread
    assert {m.message_thread_id for m in album} == {thread}
    reply = await tg.send_message(
        forum["id"], "Tanggapan", reply_parameters=ReplyParameters(message_id=card.message_id)
    )
    assert reply.message_thread_id == thread  # a reply lands in the topic of what it answers
    general = await tg.send_message(forum["id"], "Umum")
    assert general.message_thread_id is None and not general.is_topic_message

    [listed] = await client.topics(forum["id"])
    assert listed == {
        "message_thread_id": thread,
        "name": "LP-2026-000001 Cilegon",
        "icon_color": 16766590,
        "is_closed": False,
        "creator_id": BOT_ID,
    }
    in_topic = await client.topic_messages(forum["id"], thread)
    assert in_topic[0]["message_id"] == thread
    assert in_topic[0]["forum_topic_created"] == {
        "name": "LP-2026-000001 Cilegon",
        "icon_color": 16766590,
    }
    assert [m.get("text") or m.get("caption") for m in in_topic[1:]] == [
        "Kartu laporan",
        "bukti",
        None,
        None,
        "Tanggapan",
    ]


async def test_topic_parameters_are_validated(
    tg: Bot, client: EmulatorClient, forum: dict[str, Any], user: dict[str, Any]
) -> None:
    with pytest.raises(TelegramBadRequest, match="title must be non-empty"):
        await tg.create_forum_topic(forum["id"], "   ")
    with pytest.raises(TelegramBadRequest, match="invalid icon color"):
        await tg.create_forum_topic(forum["id"], "Kasus", icon_color=123)
    long_name = await tg.create_forum_topic(forum["id"], "x" * 200)
    assert long_name.name == "x" * 128  # Telegram cuts a topic name at 128 characters
    assert long_name.icon_color == 7322096  # the default colour

    plain = {"id": -100701, "type": "supergroup", "title": "Tanpa topik"}
    await client.register_chat(plain)
    with pytest.raises(TelegramBadRequest, match="the chat is not a forum"):
        await tg.create_forum_topic(plain["id"], "Kasus")
    with pytest.raises(TelegramBadRequest, match="the chat is not a forum"):
        await tg.close_forum_topic(plain["id"], 1)
    await client.register_users(user)
    with pytest.raises(TelegramBadRequest, match="the chat is not a forum"):
        await tg.create_forum_topic(user["id"], "Kasus")
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await tg.send_message(plain["id"], "x", message_thread_id=5)


async def test_closed_unknown_and_reopened_topics(
    tg: Bot, client: EmulatorClient, forum: dict[str, Any]
) -> None:
    thread = (await tg.create_forum_topic(forum["id"], "Kasus")).message_thread_id
    assert await tg.close_forum_topic(forum["id"], thread)
    with pytest.raises(TelegramBadRequest, match="TOPIC_CLOSED"):
        await tg.send_message(forum["id"], "masih ada?", message_thread_id=thread)
    with pytest.raises(TelegramBadRequest, match="TOPIC_CLOSED"):
        await tg.send_photo(forum["id"], BufferedInputFile(JPEG, "a.jpg"), message_thread_id=thread)
    with pytest.raises(TelegramBadRequest, match="TOPIC_NOT_MODIFIED"):
        await tg.close_forum_topic(forum["id"], thread)
    assert (await client.topics(forum["id"]))[0]["is_closed"] is True
    assert await tg.reopen_forum_topic(forum["id"], thread)
    with pytest.raises(TelegramBadRequest, match="TOPIC_NOT_MODIFIED"):
        await tg.reopen_forum_topic(forum["id"], thread)
    await tg.send_message(forum["id"], "dibuka lagi", message_thread_id=thread)
    kinds = [
        next(
            k
            for k in ("forum_topic_created", "forum_topic_closed", "forum_topic_reopened", "text")
            if k in m
        )
        for m in await client.topic_messages(forum["id"], thread)
    ]
    assert kinds == ["forum_topic_created", "forum_topic_closed", "forum_topic_reopened", "text"]

    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await tg.send_message(forum["id"], "x", message_thread_id=thread + 100)
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await tg.close_forum_topic(forum["id"], thread + 100)


async def test_edit_and_delete_topic(
    tg: Bot, client: EmulatorClient, forum: dict[str, Any]
) -> None:
    thread = (await tg.create_forum_topic(forum["id"], "Kasus baru")).message_thread_id
    card = await tg.send_message(forum["id"], "Kartu", message_thread_id=thread)
    assert await tg.edit_forum_topic(forum["id"], thread, name="Kasus selesai")
    assert (await client.topics(forum["id"]))[0]["name"] == "Kasus selesai"
    with pytest.raises(TelegramBadRequest, match="TOPIC_NOT_MODIFIED"):
        await tg.edit_forum_topic(forum["id"], thread, name="Kasus selesai")
    edited = (await client.topic_messages(forum["id"], thread))[-1]
    assert edited["forum_topic_edited"] == {"name": "Kasus selesai"}

    assert await tg.delete_forum_topic(forum["id"], thread)
    assert await client.topics(forum["id"]) == []
    gone = await client.topic_messages(forum["id"], thread)
    assert all(m["deleted"] for m in gone) and card.message_id in [m["message_id"] for m in gone]
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await tg.send_message(forum["id"], "x", message_thread_id=thread)
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await tg.delete_forum_topic(forum["id"], thread)


async def test_topic_rights(
    tg: Bot, client: EmulatorClient, forum: dict[str, Any], user: dict[str, Any]
) -> None:
    own = (await tg.create_forum_topic(forum["id"], "Milik bot")).message_thread_id
    theirs = (await client.create_topic(user, forum, "Milik warga"))["message_thread_id"]
    await client.set_bot_member(
        forum, "administrator", by=user, rights={"can_manage_topics": False}
    )
    with pytest.raises(TelegramBadRequest, match="not enough rights to create a topic"):
        await tg.create_forum_topic(forum["id"], "Kasus")
    assert await tg.close_forum_topic(forum["id"], own)  # the creator may close its own topic
    with pytest.raises(TelegramBadRequest, match="not enough rights to close or open the topic"):
        await tg.close_forum_topic(forum["id"], theirs)
    with pytest.raises(TelegramBadRequest, match="not enough rights to edit the topic"):
        await tg.edit_forum_topic(forum["id"], theirs, name="Baru")
    assert await tg.delete_forum_topic(forum["id"], theirs)  # can_delete_messages is still on

    await client.register_chat(FORUM, bot_status="member")
    with pytest.raises(TelegramBadRequest, match="not enough rights to create a topic"):
        await tg.create_forum_topic(forum["id"], "Kasus")


async def test_users_post_into_topics_and_create_them(
    tg: Bot, client: EmulatorClient, forum: dict[str, Any], user: dict[str, Any]
) -> None:
    created = await client.create_topic(user, forum, "Pertanyaan warga", icon_color=9367192)
    thread = created["message_thread_id"]
    await client.send_message(user, "/laporan", chat=forum, message_thread_id=thread)
    await client.send_message(
        user, "obrolan biasa", chat=forum, message_thread_id=thread
    )  # privacy
    updates = await tg.get_updates(timeout=0)
    assert len(updates) == 2
    service, command = updates[0].message, updates[1].message
    assert service is not None and service.forum_topic_created is not None
    assert (service.forum_topic_created.name, service.message_thread_id) == (
        "Pertanyaan warga",
        thread,
    )
    assert command is not None and command.text == "/laporan"
    assert (command.message_thread_id, command.is_topic_message) == (thread, True)

    bot_msg = await tg.send_message(forum["id"], "Silakan", message_thread_id=thread)
    answer = await client.send_message(
        user, "jawaban", chat=forum, reply_to_message_id=bot_msg.message_id
    )
    assert answer["message_thread_id"] == thread  # a reply stays in the topic

    await tg.close_forum_topic(forum["id"], thread)
    with pytest.raises(EmulatorError, match="TOPIC_CLOSED"):
        await client.send_message(user, "halo?", chat=forum, message_thread_id=thread)
    with pytest.raises(EmulatorError, match="message thread not found"):
        await client.send_message(user, "halo?", chat=forum, message_thread_id=4242)
    with pytest.raises(EmulatorError, match="the chat is not a forum"):
        await client.create_topic(user, {"id": -100702, "type": "supergroup"}, "x")
    with pytest.raises(EmulatorError, match="message thread not found"):
        await client.topic_messages(forum["id"], 4242)

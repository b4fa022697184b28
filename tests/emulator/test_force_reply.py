"""Selective force-reply: who gets the reply box of a bot message, and answering in it."""

from __future__ import annotations

from typing import Any

import pytest
from aiogram import Bot
from aiogram.types import (
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageEntity,
    ReplyParameters,
    User,
)

from bot.emulator import EmulatorClient, EmulatorError

from .conftest import BOT_ID

pytestmark = pytest.mark.asyncio

BUDI = {"id": 1002, "first_name": "Budi", "username": "budi_rt"}
ANI = {"id": 1003, "first_name": "Ani"}
SELECTIVE = ForceReply(force_reply=True, selective=True)


@pytest.fixture
async def members(
    client: EmulatorClient, user: dict[str, Any], group: dict[str, Any]
) -> list[dict[str, Any]]:
    await client.register_chat(group, members=[user, BUDI, ANI])
    return [user, BUDI, ANI]


async def test_selective_box_goes_to_mentioned_users_and_the_replied_sender(
    tg: Bot, client: EmulatorClient, members: list[dict[str, Any]], group: dict[str, Any]
) -> None:
    siti, budi, ani = members
    card = await client.send_message(budi, "/laporan", chat=group)
    prompt = await tg.send_message(
        group["id"],
        'Tulis hasilnya, @siti dan <a href="tg://user?id=1003">Ani</a>',
        parse_mode="HTML",
        reply_markup=SELECTIVE,
        reply_parameters=ReplyParameters(message_id=card["message_id"]),
    )
    assert [(e.type, e.offset, e.length) for e in prompt.entities or []] == [
        ("mention", 16, 5),
        ("text_mention", 26, 3),
    ]
    text_mention = (prompt.entities or [])[1]
    assert text_mention.user is not None and text_mention.user.id == ani["id"]
    targets = await client.force_reply_targets(group["id"], prompt.message_id)
    assert sorted(targets) == [siti["id"], budi["id"], ani["id"]]

    only_budi = await tg.send_message(
        group["id"],
        "Balas di sini",
        reply_markup=SELECTIVE,
        reply_parameters=ReplyParameters(message_id=card["message_id"]),
    )
    assert await client.force_reply_targets(group["id"], only_budi.message_id) == [budi["id"]]
    with pytest.raises(EmulatorError, match="does not see the reply box"):
        await client.answer_force_reply(siti, group["id"], only_budi.message_id, "hasil")


async def test_selective_without_mention_or_reply_shows_nobody(
    tg: Bot, client: EmulatorClient, members: list[dict[str, Any]], group: dict[str, Any]
) -> None:
    prompt = await tg.send_message(group["id"], "Tulis hasilnya", reply_markup=SELECTIVE)
    box = await client.reply_box(group["id"], prompt.message_id)
    assert box == {"selective": True, "everyone": False, "user_ids": []}
    for member in members:
        with pytest.raises(EmulatorError, match="shown to nobody"):
            await client.answer_force_reply(member, group["id"], prompt.message_id, "hasil")


async def test_answer_in_the_box_is_a_reply_the_bot_hears_with_privacy_on(
    tg: Bot, client: EmulatorClient, members: list[dict[str, Any]], group: dict[str, Any]
) -> None:
    siti = members[0]
    assert await client.privacy() is True
    prompt = await tg.send_message(
        group["id"],
        "Alasan penolakan, @siti?",
        reply_markup=ForceReply(force_reply=True, selective=True, input_field_placeholder="..."),
    )
    sent = await client.answer_force_reply(siti, group["id"], prompt.message_id, "Di luar wilayah")
    assert sent["reply_to_message"]["message_id"] == prompt.message_id
    [update] = await tg.get_updates(timeout=0)
    assert update.message is not None and update.message.text == "Di luar wilayah"
    replied = update.message.reply_to_message
    assert replied is not None and replied.from_user is not None
    assert (replied.message_id, replied.from_user.id) == (prompt.message_id, BOT_ID)


async def test_non_selective_box_is_for_everyone(
    tg: Bot, client: EmulatorClient, members: list[dict[str, Any]], group: dict[str, Any]
) -> None:
    prompt = await tg.send_message(
        group["id"], "Siapa saja boleh menjawab", reply_markup=ForceReply(force_reply=True)
    )
    box = await client.reply_box(group["id"], prompt.message_id)
    assert box["everyone"] is True and box["selective"] is False
    assert sorted(box["user_ids"]) == sorted(m["id"] for m in members)
    stranger = {"id": 1999, "first_name": "Tamu"}
    answer = await client.answer_force_reply(stranger, group["id"], prompt.message_id, "saya")
    assert answer["from"]["id"] == stranger["id"]


async def test_selective_in_a_private_chat_shows_the_user(
    tg: Bot, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.register_users(user)
    prompt = await tg.send_message(user["id"], "Ceritakan kejadiannya", reply_markup=SELECTIVE)
    assert await client.force_reply_targets(user["id"], prompt.message_id) == [user["id"]]
    answer = await client.answer_force_reply(user, user["id"], prompt.message_id, "Kemarin")
    assert answer["chat"]["id"] == user["id"]


async def test_unknown_usernames_and_explicit_entities(
    tg: Bot, client: EmulatorClient, members: list[dict[str, Any]], group: dict[str, Any]
) -> None:
    budi = members[1]
    prompt = await tg.send_message(
        group["id"],
        "@orang_asing dan Budi",
        entities=[
            MessageEntity(
                type="text_mention",
                offset=16,
                length=4,
                user=User(id=budi["id"], is_bot=False, first_name="Budi"),
            ),
        ],
        reply_markup=SELECTIVE,
    )
    assert await client.force_reply_targets(group["id"], prompt.message_id) == [budi["id"]]


async def test_refusals_for_messages_without_a_reply_box(
    tg: Bot, client: EmulatorClient, members: list[dict[str, Any]], group: dict[str, Any]
) -> None:
    siti = members[0]
    plain = await tg.send_message(
        group["id"],
        "Pilih",
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="Ya", callback_data="ya")]]
        ),
    )
    with pytest.raises(EmulatorError, match="has no force_reply markup"):
        await client.force_reply_targets(group["id"], plain.message_id)
    own = await client.send_message(siti, "pesan warga", chat=group)
    with pytest.raises(EmulatorError, match=r"bot message \d+ not found"):
        await client.answer_force_reply(siti, group["id"], own["message_id"], "x")
    with pytest.raises(EmulatorError, match="bot message 999 not found"):
        await client.reply_box(group["id"], 999)
    prompt = await tg.send_message(group["id"], "@siti tulis", reply_markup=SELECTIVE)
    await tg.delete_message(group["id"], prompt.message_id)
    with pytest.raises(EmulatorError, match="not found"):
        await client.answer_force_reply(siti, group["id"], prompt.message_id, "terlambat")

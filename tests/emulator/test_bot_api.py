"""A real aiogram Bot against the emulator: sending, editing, files, commands, errors."""

from __future__ import annotations

from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramNotFound
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.emulator import EmulatorClient

from .conftest import BOT_ID

pytestmark = pytest.mark.asyncio


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=d, callback_data=d) for d in data]]
    )


async def test_get_me(tg: Bot) -> None:
    me = await tg.get_me()
    assert (me.id, me.username, me.is_bot) == (BOT_ID, "rukun_test_bot", True)


async def test_send_html_with_keyboard_edit_delete(
    tg: Bot, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.send_message(user, "/start")
    sent = await tg.send_message(
        user["id"], "<b>Halo</b> Siti", parse_mode="HTML", reply_markup=keyboard("a", "b")
    )
    assert sent.text == "Halo Siti"
    assert sent.entities is not None and sent.entities[0].type == "bold"
    assert sent.message_id == 2  # the user's /start was message 1 of this chat
    assert (
        sent.reply_markup is not None and sent.from_user is not None and sent.from_user.id == BOT_ID
    )

    edited = await tg.edit_message_text(
        "Baru", chat_id=user["id"], message_id=sent.message_id, reply_markup=keyboard("c")
    )
    assert isinstance(edited, object) and getattr(edited, "text", None) == "Baru"
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await tg.edit_message_text(
            "Baru", chat_id=user["id"], message_id=sent.message_id, reply_markup=keyboard("c")
        )
    await tg.edit_message_reply_markup(chat_id=user["id"], message_id=sent.message_id)

    [stored] = await client.bot_messages(user["id"])
    assert stored["text"] == "Baru" and "reply_markup" not in stored
    assert [e["previous"].get("text") for e in stored["edits"]] == ["Halo Siti", "Baru"]
    assert stored["edits"][0]["method"] == "editMessageText"

    assert await tg.delete_message(user["id"], sent.message_id)
    [stored] = await client.bot_messages(user["id"])
    assert stored["deleted"] is True
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await tg.delete_message(user["id"], sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await tg.edit_message_text("x", chat_id=user["id"], message_id=999)


async def test_reply_keyboard_is_stored_but_not_returned(
    tg: Bot, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.register_users(user)
    markup = ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text="Ya"), KeyboardButton(text="Tidak")]]
    )
    sent = await tg.send_message(user["id"], "Pilih", reply_markup=markup)
    assert sent.reply_markup is None
    [stored] = await client.bot_messages(user["id"])
    assert stored["reply_markup"]["keyboard"][0][1]["text"] == "Tidak"


async def test_copy_and_forward(
    tg: Bot, client: EmulatorClient, user: dict[str, Any], group: dict[str, Any]
) -> None:
    original = await client.send_message(user, "laporan banjir", chat=group)
    copied = await tg.copy_message(
        user["id"], from_chat_id=group["id"], message_id=original["message_id"]
    )
    forwarded = await tg.forward_message(
        user["id"], from_chat_id=group["id"], message_id=original["message_id"]
    )
    assert forwarded.forward_origin is not None
    messages = await client.bot_messages(user["id"])
    assert [m["message_id"] for m in messages] == [copied.message_id, forwarded.message_id]
    assert [m["text"] for m in messages] == ["laporan banjir", "laporan banjir"]
    bot_copy = await tg.copy_message(
        group["id"], from_chat_id=user["id"], message_id=copied.message_id
    )
    assert bot_copy.message_id == original["message_id"] + 1
    with pytest.raises(TelegramBadRequest, match="message to copy not found"):
        await tg.copy_message(user["id"], from_chat_id=group["id"], message_id=77)


async def test_photo_upload_resend_and_download(
    tg: Bot, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.register_users(user)
    first = await tg.send_photo(
        user["id"],
        BufferedInputFile(b"JPEGDATA", "peta.jpg"),
        caption="<i>Peta</i>",
        parse_mode="HTML",
    )
    assert first.photo and first.caption == "Peta"
    file_id = first.photo[-1].file_id
    again = await tg.send_photo(user["id"], file_id)
    assert again.photo and again.photo[-1].file_id == file_id
    document = await tg.send_document(user["id"], BufferedInputFile(b"a,b\n1,2\n", "data.csv"))
    assert document.document and document.document.file_name == "data.csv"
    info = await tg.get_file(document.document.file_id)
    downloaded = await tg.download_file(info.file_path)  # type: ignore[arg-type]
    assert downloaded is not None and downloaded.read() == b"a,b\n1,2\n"
    with pytest.raises(TelegramBadRequest, match="wrong file identifier/HTTP URL specified"):
        await tg.send_photo(user["id"], "no-such-file-id")
    album = await tg.send_media_group(
        user["id"], [InputMediaPhoto(media=file_id), InputMediaPhoto(media=file_id)]
    )
    assert len(album) == 2 and album[0].media_group_id == album[1].media_group_id
    stats = await client.stats()
    assert stats["sent"] == 4 and stats["by_method"]["sendMediaGroup"] == 1


async def test_commands_per_scope_and_language(tg: Bot, client: EmulatorClient) -> None:
    await tg.set_my_commands([BotCommand(command="start", description="Mulai")])
    await tg.set_my_commands([BotCommand(command="start", description="Start")], language_code="en")
    await tg.set_my_commands(
        [BotCommand(command="lapor", description="Lapor")], scope=BotCommandScopeAllGroupChats()
    )
    assert [c.command for c in await tg.get_my_commands(scope=BotCommandScopeAllGroupChats())] == [
        "lapor"
    ]
    assert (await tg.get_my_commands(language_code="en"))[0].description == "Start"
    stored = await client.my_commands()
    assert {(s["scope"]["type"], s["language_code"]) for s in stored} == {
        ("default", ""),
        ("default", "en"),
        ("all_group_chats", ""),
    }
    await tg.delete_my_commands(language_code="en")
    assert await tg.get_my_commands(language_code="en") == []
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await tg.set_my_commands([BotCommand(command="Bad-Command", description="x")])


@pytest.mark.parametrize(
    ("text", "description"),
    [
        (
            "Halo <foo>x</foo>",
            'can\'t parse entities: Unsupported start tag "foo" at byte offset 5',
        ),
        ("<b>tebal", "can't parse entities: Can't find end tag corresponding to start tag \"b\""),
        ("Tom & Jerry", "can't parse entities: Unescaped"),
        ("x" * 4097, "message is too long"),
        ("<b> </b>", "message text is empty"),
    ],
)
async def test_text_validation(
    tg: Bot, client: EmulatorClient, user: dict[str, Any], text: str, description: str
) -> None:
    await client.register_users(user)
    with pytest.raises(TelegramBadRequest) as info:
        await tg.send_message(user["id"], text, parse_mode="HTML")
    assert info.value.message.startswith(f"Bad Request: {description}")
    assert await client.bot_messages(user["id"]) == []


async def test_max_length_in_utf16_after_parsing(
    tg: Bot, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.register_users(user)
    await tg.send_message(user["id"], "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await tg.send_photo(user["id"], BufferedInputFile(b"x", "a.jpg"), caption="y" * 1025)


async def test_keyboard_validation(tg: Bot, client: EmulatorClient, user: dict[str, Any]) -> None:
    await client.register_users(user)
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await tg.send_message(user["id"], "x", reply_markup=keyboard("é" * 32 + "a"))  # 65 bytes
    await tg.send_message(user["id"], "x", reply_markup=keyboard("é" * 32))  # 64 bytes is fine
    with pytest.raises(TelegramBadRequest, match="BUTTONS_TOO_MUCH"):
        await tg.send_message(user["id"], "x", reply_markup=keyboard(*[str(i) for i in range(9)]))
    too_many = InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text="b", callback_data=f"{r}.{c}") for c in range(5)]
            for r in range(21)
        ]
    )
    with pytest.raises(TelegramBadRequest, match="BUTTONS_TOO_MUCH"):
        await tg.send_message(user["id"], "x", reply_markup=too_many)


async def test_raw_keyboard_errors(
    emu_url: str, client: EmulatorClient, user: dict[str, Any]
) -> None:
    import aiohttp

    await client.register_users(user)
    url = f"{emu_url}/bot42:EMU-test_token/SENDMESSAGE"
    cases = [
        ({"inline_keyboard": [[{"text": "only text"}]]}, "Text buttons are unallowed"),
        (
            {"inline_keyboard": [[{"text": "t", "url": "https://x.org", "callback_data": "d"}]]},
            "exactly one",
        ),
        (
            {"inline_keyboard": {"a": 1}},
            'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array',
        ),
        ({"bogus": True}, "can't parse reply keyboard markup JSON object"),
    ]
    async with aiohttp.ClientSession() as http:
        for markup, expected in cases:
            payload = {"chat_id": user["id"], "text": "x", "reply_markup": markup}
            async with http.post(url, json=payload) as resp:
                body = await resp.json()
            assert resp.status == 400 and body["ok"] is False and body["error_code"] == 400
            assert expected in body["description"]
        async with http.get(url, params={"chat_id": str(user["id"]), "text": "via query"}) as resp:
            assert (await resp.json())["result"]["text"] == "via query"
        async with http.post(url, data={"chat_id": str(user["id"]), "text": "urlencoded"}) as resp:
            message = (await resp.json())["result"]
            assert message["text"] == "urlencoded"
        payload = {
            "chat_id": user["id"],
            "text": "balas",
            "reply_to_message_id": message["message_id"],
        }
        async with http.post(url, json=payload) as resp:
            assert (await resp.json())["result"]["reply_to_message"]["text"] == "urlencoded"
        payload = {"chat_id": user["id"], "text": "x", "reply_parameters": {"message_id": 999}}
        async with http.post(url, json=payload) as resp:
            assert (await resp.json())[
                "description"
            ] == "Bad Request: message to be replied not found"


async def test_chat_not_found_unknown_method_bad_token(tg: Bot, emu_url: str) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: chat not found"):
        await tg.send_message(555, "siapa?")
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await tg.get_chat(-1009)

    from aiogram.methods import TelegramMethod

    class Bogus(TelegramMethod[bool]):
        __returning__ = bool
        __api_method__ = "bogusMethod"

    with pytest.raises(TelegramNotFound):
        await tg(Bogus())
    import aiohttp

    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{emu_url}/botnot-a-token/getMe") as resp,
    ):
        assert resp.status == 401
        assert await resp.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_get_chat_and_chat_action(
    tg: Bot, client: EmulatorClient, user: dict[str, Any], group: dict[str, Any]
) -> None:
    await client.register_chat(group, members=[user])
    chat = await tg.get_chat(group["id"])
    assert chat.title == "RT 05" and chat.type == "supergroup"
    assert await tg.send_chat_action(user["id"], "typing")
    assert await tg.set_chat_menu_button()

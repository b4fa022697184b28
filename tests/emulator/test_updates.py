"""Updates: getUpdates semantics, user actions, callback/inline answers, webhook delivery."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramConflictError
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from aiohttp import web

from bot.emulator import EmulatorClient, EmulatorError

pytestmark = pytest.mark.asyncio


async def test_message_update_shape(
    tg: Bot, client: EmulatorClient, user: dict[str, Any], group: dict[str, Any]
) -> None:
    await client.send_message(user, "/start@rukun_test_bot hi /help")
    await client.send_message(user, caption="foto", photo=True)
    await client.send_message(user, location={"latitude": -6.2, "longitude": 106.8})
    await client.send_message(
        user, document={"file_name": "a.pdf", "mime_type": "application/pdf", "file_size": 10}
    )
    await client.send_message(
        user, "@rukun_test_bot di grup", chat=group
    )  # privacy mode: a mention
    updates = await tg.get_updates()
    assert [u.update_id for u in updates] == [1, 2, 3, 4, 5]
    first = updates[0].message
    assert first is not None and first.from_user is not None and first.from_user.username == "siti"
    assert [(e.type, e.offset, e.length) for e in first.entities or []] == [
        ("bot_command", 0, 21),
        ("bot_command", 25, 5),
    ]
    assert updates[1].message and updates[1].message.photo and updates[1].message.caption == "foto"
    assert (
        updates[2].message
        and updates[2].message.location
        and updates[2].message.location.latitude == -6.2
    )
    assert (
        updates[3].message
        and updates[3].message.document
        and updates[3].message.document.file_name == "a.pdf"
    )
    in_group = updates[4].message
    assert (
        in_group is not None
        and in_group.chat.id == group["id"]
        and in_group.chat.type == "supergroup"
    )
    photo_file = await tg.get_file(updates[1].message.photo[-1].file_id)
    assert photo_file.file_path


async def test_get_updates_offset_limit_and_long_poll(
    tg: Bot, client: EmulatorClient, user: dict[str, Any]
) -> None:
    for text in ("a", "b", "c"):
        await client.send_message(user, text)
    assert [u.message.text for u in await tg.get_updates(limit=2)] == ["a", "b"]  # type: ignore[union-attr]
    assert [u.update_id for u in await tg.get_updates(offset=3)] == [3]
    assert len(await client.pending_updates()) == 1
    assert await tg.get_updates(offset=4, timeout=0) == []

    poll = asyncio.create_task(tg.get_updates(offset=4, timeout=10))
    await asyncio.sleep(0.1)
    assert not poll.done()
    await client.send_message(user, "d")
    updates = await asyncio.wait_for(poll, 5)
    assert [u.message.text for u in updates] == ["d"]  # type: ignore[union-attr]


async def test_cancelled_long_poll_does_not_lose_updates(
    tg: Bot, client: EmulatorClient, user: dict[str, Any]
) -> None:
    poll = asyncio.create_task(tg.get_updates(timeout=10))
    await asyncio.sleep(0.1)
    poll.cancel()
    with pytest.raises(asyncio.CancelledError):
        await poll
    await client.send_message(user, "masih ada")
    updates = await tg.get_updates(timeout=2)
    assert [u.message.text for u in updates] == ["masih ada"]  # type: ignore[union-attr]


async def test_callback_query_and_answer(
    tg: Bot, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.register_users(user)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Ya", callback_data="yes")]]
    )
    sent = await tg.send_message(user["id"], "Setuju?", reply_markup=markup)
    with pytest.raises(EmulatorError, match="no button"):
        await client.press_button(user, sent.message_id, "no")
    query_id = await client.press_button(user, sent.message_id, "yes")
    forged = await client.press_button(user, 999, "anything", check=False)
    [update, forged_update] = await tg.get_updates()
    query = update.callback_query
    assert query is not None and query.id == query_id and query.data == "yes"
    assert query.message is not None and query.message.message_id == sent.message_id
    assert forged_update.callback_query and forged_update.callback_query.id == forged
    assert await tg.answer_callback_query(query_id, text="Terima kasih", show_alert=True)
    answer = await client.callback_answer(query_id)
    assert answer["text"] == "Terima kasih" and answer["show_alert"] is True
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await tg.answer_callback_query(query_id)
    with pytest.raises(TelegramBadRequest):
        await tg.answer_callback_query(forged, text="x" * 201)
    with pytest.raises(TimeoutError):
        await client.callback_answer(forged, timeout=0.1)


async def test_inline_query_and_answer(
    tg: Bot, client: EmulatorClient, user: dict[str, Any]
) -> None:
    query_id = await client.inline_query(user, "banjir")
    [update] = await tg.get_updates()
    assert (
        update.inline_query
        and update.inline_query.query == "banjir"
        and update.inline_query.offset == ""
    )

    def article(result_id: str) -> InlineQueryResultArticle:
        return InlineQueryResultArticle(
            id=result_id,
            title="t",
            input_message_content=InputTextMessageContent(
                message_text="<b>x</b>", parse_mode="HTML"
            ),
        )

    with pytest.raises(TelegramBadRequest, match="RESULT_ID_DUPLICATE"):
        await tg.answer_inline_query(query_id, [article("1"), article("1")])
    with pytest.raises(TelegramBadRequest, match="RESULT_ID_INVALID"):
        await tg.answer_inline_query(query_id, [article("x" * 65)])
    with pytest.raises(TelegramBadRequest, match="RESULTS_TOO_MUCH"):
        await tg.answer_inline_query(query_id, [article(str(i)) for i in range(51)])
    await tg.answer_inline_query(query_id, [article("1"), article("2")], cache_time=0)
    answer = await client.inline_answer(query_id)
    assert [r["id"] for r in answer["results"]] == ["1", "2"]
    await client.choose_inline_result(user, "2", "banjir", inline_message_id="IM1")
    [chosen] = await tg.get_updates(offset=update.update_id + 1)
    assert chosen.chosen_inline_result and chosen.chosen_inline_result.result_id == "2"
    assert await tg.edit_message_text("diubah", inline_message_id="IM1") is True


async def test_push_raw_update(tg: Bot, client: EmulatorClient) -> None:
    edited = {
        "message_id": 1,
        "date": 0,
        "edit_date": 1,
        "text": "ralat",
        "chat": {"id": 5, "type": "private", "first_name": "A"},
    }
    update_id = await client.push_update({"edited_message": edited})
    [update] = await tg.get_updates()
    assert update.update_id == update_id and update.edited_message is not None


async def test_webhook_delivery(tg: Bot, client: EmulatorClient, user: dict[str, Any]) -> None:
    received: list[tuple[str | None, dict[str, Any]]] = []
    failures = {"left": 1}

    async def hook(request: web.Request) -> web.Response:
        if failures["left"]:
            failures["left"] -= 1
            return web.Response(status=500)
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        if len(received) == 2:  # answer with a method in the webhook response
            return web.json_response(
                {"method": "sendMessage", "chat_id": user["id"], "text": "dari webhook"}
            )
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        await client.send_message(user, "sebelum")  # pending, dropped below
        assert await tg.set_webhook(
            f"http://127.0.0.1:{port}/hook", secret_token="s3cret", drop_pending_updates=True
        )
        info = await tg.get_webhook_info()
        assert info.url.endswith("/hook") and info.pending_update_count == 0
        with pytest.raises(
            TelegramConflictError, match="can't use getUpdates method while webhook is active"
        ):
            await tg.get_updates()
        await client.send_message(user, "satu")
        await client.send_message(user, "dua")
        for _ in range(100):
            if len(received) == 2:
                break
            await asyncio.sleep(0.05)
        assert [(secret, body["message"]["text"]) for secret, body in received] == [
            ("s3cret", "satu"),
            ("s3cret", "dua"),
        ]
        [reply] = await client.wait_bot_messages(user["id"], 1)
        assert reply["text"] == "dari webhook"
        assert (
            await tg.get_webhook_info()
        ).last_error_message is not None  # the first attempt failed
        assert await tg.delete_webhook()
        await client.send_message(user, "polling lagi")
        assert [u.message.text for u in await tg.get_updates()] == ["polling lagi"]  # type: ignore[union-attr]
    finally:
        await runner.cleanup()


async def test_wait_bot_messages_timeout_lists_messages(
    tg: Bot, client: EmulatorClient, user: dict[str, Any]
) -> None:
    await client.register_users(user)
    await tg.send_message(user["id"], "satu-satunya")
    with pytest.raises(TimeoutError, match="found 1: #1: 'satu-satunya'"):
        await client.wait_bot_messages(user["id"], 2, timeout=0.2)


async def test_reset(tg: Bot, client: EmulatorClient, user: dict[str, Any]) -> None:
    await client.send_message(user, "x")
    await client.reset()
    assert await tg.get_updates() == []
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await tg.send_message(user["id"], "y")

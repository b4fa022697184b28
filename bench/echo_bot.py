"""A bare aiogram 3 echo bot in webhook mode: the yardstick of bench/webhook.py.

    python bench/echo_bot.py --api http://127.0.0.1:PORT --token T --port P

/start → a greeting with a reply keyboard; other text → echoed; a button press → answered and its
message edited (as Rukun's handlers do). aiogram's defaults (memory FSM storage, HTML parse mode),
``SimpleRequestHandler`` with ``handle_in_background=False`` (the POST returns once handled, as in
Rukun), nothing else.
"""

from __future__ import annotations

import argparse
import os

from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import CommandStart
from aiogram.types import CallbackQuery, KeyboardButton, Message, ReplyKeyboardMarkup
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

PATH = "/telegram/webhook"
MENU = ReplyKeyboardMarkup(
    keyboard=[[KeyboardButton(text="Lapor"), KeyboardButton(text="Bantuan")]], resize_keyboard=True
)


def create_dispatcher() -> Dispatcher:
    dp = Dispatcher()

    @dp.message(CommandStart())
    async def start(message: Message) -> None:
        name = message.from_user.first_name if message.from_user else ""
        await message.answer(f"Halo, {name}!", reply_markup=MENU)

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    @dp.callback_query()
    async def press(query: CallbackQuery) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            try:
                await query.message.edit_text("Data Anda tetap tersimpan.")
            except TelegramBadRequest:  # pressed again: "message is not modified"
                pass

    return dp


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--api", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    session = AiohttpSession(api=TelegramAPIServer.from_base(args.api))
    bot = Bot(args.token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    dp = create_dispatcher()

    async def on_startup(bot: Bot) -> None:
        await bot.set_webhook(f"http://127.0.0.1:{args.port}{PATH}")

    dp.startup.register(on_startup)
    app = web.Application()
    SimpleRequestHandler(dp, bot, handle_in_background=False).register(app, path=PATH)

    async def health(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    app.router.add_get("/healthz", health)
    setup_application(app, dp, bot=bot)
    reuse = os.environ.get("RUKUN_WEBHOOK_REUSE_PORT", "") not in ("", "0")
    web.run_app(app, host="127.0.0.1", port=args.port, reuse_port=reuse or None, print=None)


if __name__ == "__main__":
    main()

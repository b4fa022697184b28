"""The broadcast's hot send: one message encoded once, each recipient adds only its chat id.

A broadcast sends the same method (``sendMessage``, or ``sendPhoto``/``sendVideo``/
``sendDocument`` with a file id) to every recipient. Going through ``bot.send_message`` builds a
pydantic method, dumps and encodes every field, and validates Telegram's answer into a full
``Message`` for each recipient: about a quarter of a millisecond of CPU per message, most of the
worker's budget at 1000 msg/s. ``PreparedSend`` asks aiogram to encode the fields once (the
session's own ``prepare_value``, so bot defaults such as the HTML parse mode apply exactly as for
any other send) and then, per recipient:

- passes an unvalidated copy of the method with that chat id through the session's request
  middlewares, so anything installed on ``bot.session`` still sees every send;
- posts the pre-encoded body with the session's own aiohttp client, URL and timeout;
- reads only ``result.message_id`` from a successful answer. Anything else — an error status, an
  answer that is not JSON or has no message id — is handed to the session's ``check_response``,
  so the caller gets exactly aiogram's exceptions (``TelegramRetryAfter``,
  ``TelegramForbiddenError``, ``ClientDecodeError``…) and network faults are aiogram's
  ``TelegramNetworkError``, as on the ordinary path.

A send that carries a file to upload cannot be prepared (``prepare`` returns None); the engine
sends it the ordinary way and prepares the rest with the file id Telegram gave back.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods.base import TelegramMethod
from aiohttp import ClientError, ClientTimeout
from aiohttp.payload import BytesPayload

_FORM = "application/x-www-form-urlencoded"


class PreparedSend:
    """One broadcast's method, encoded once; ``send(chat_id)`` returns the message id."""

    def __init__(self, bot: Bot, method: TelegramMethod[Any], body: bytes) -> None:
        session = bot.session
        assert isinstance(session, AiohttpSession)
        self.bot = bot
        self.session = session
        self.method = method
        self.url = session.api.api_url(token=bot.token, method=method.__api_method__)
        self.body = body
        self.timeout = ClientTimeout(total=session.timeout)  # as aiogram's make_request
        self._chain: Any = None
        self._chain_of: tuple[Any, ...] = ()

    async def send(self, chat_id: int) -> int:
        method = self.method.model_copy(update={"chat_id": chat_id})  # no validation
        message_id: Any = await self._middlewares()(self.bot, method)
        return int(message_id)

    def _middlewares(self) -> Any:
        """The session's request middlewares around this send, built again only when they
        change (aiogram's ``wrap_middlewares`` per message cost ~6% of the worker's CPU)."""
        installed = tuple(self.session.middleware[:])
        if self._chain is None or installed != self._chain_of:
            self._chain = self.session.middleware.wrap_middlewares(self._request)
            self._chain_of = installed
        return self._chain

    async def _request(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        session = self.session
        http = await session.create_session()
        body = BytesPayload(
            b"%s&chat_id=%d" % (self.body, method.chat_id),  # type: ignore[attr-defined]
            content_type=_FORM,
        )
        try:
            async with http.post(self.url, data=body, timeout=self.timeout) as resp:
                raw = await resp.read()
                status = resp.status
        except TimeoutError as exc:
            raise TelegramNetworkError(method=method, message="Request timeout error") from exc
        except ClientError as exc:
            raise TelegramNetworkError(
                method=method, message=f"{type(exc).__name__}: {exc}"
            ) from exc
        if status == 200:
            message_id = _message_id(session, raw)
            if message_id is not None:
                return message_id
        # an error, or an answer this reader does not understand: aiogram reads it and raises
        text = raw.decode("utf-8", errors="replace")
        message: Any = session.check_response(bot, method, status, text).result
        return message.message_id


def _message_id(session: AiohttpSession, raw: bytes) -> int | None:
    try:
        data = session.json_loads(raw)
        if data.get("ok") is True:
            message_id = data["result"]["message_id"]
            if type(message_id) is int:
                return message_id
    except Exception:  # check_response says what is wrong with it
        return None
    return None


def prepare(bot: Bot, method: TelegramMethod[Any]) -> PreparedSend | None:
    """``method`` (its ``chat_id`` left out) encoded by aiogram once, or None when it cannot be:
    a file to upload, or a session that is not aiogram's aiohttp one."""
    session = bot.session
    if not isinstance(session, AiohttpSession):
        return None
    files: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    for key, value in method.model_dump(warnings=False).items():
        if key == "chat_id":
            continue
        prepared = session.prepare_value(value, bot=bot, files=files)
        if prepared:  # as aiogram's build_form_data: empty values are not sent
            fields[key] = prepared
    if files:
        return None
    # encoded as aiohttp's FormData encodes a form without files
    body = urlencode(list(fields.items()), doseq=True, encoding="utf-8").encode()
    return PreparedSend(bot, method, body)

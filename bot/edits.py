"""Bot API answers that mean "already done": treated as success for every call the bot makes.

An update redelivered after a crash (a survey tick, a wizard step) repeats an edit that was
already made, and Telegram refuses it with ``Bad Request: message is not modified``; a press
answered twice gets ``query is too old … or query ID is invalid``. Neither is a fault: the
message already shows what the handler wanted, the toast is gone. :class:`AlreadyDone`, a request
middleware on the bot's session, turns these refusals into ``True`` (what Telegram returns for an
edit it carries out on an inline message), so the handler goes on with what is left to do.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageCaption,
    EditMessageMedia,
    EditMessageReplyMarkup,
    EditMessageText,
    Response,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType

log = logging.getLogger(__name__)

EDITS = (EditMessageText, EditMessageCaption, EditMessageReplyMarkup, EditMessageMedia)
NOT_MODIFIED = "message is not modified"
QUERY_TOO_OLD = "query is too old"


def already_done(method: TelegramMethod[Any], exc: TelegramBadRequest) -> bool:
    text = exc.message.lower()
    if isinstance(method, EDITS):
        return NOT_MODIFIED in text
    return isinstance(method, AnswerCallbackQuery) and QUERY_TOO_OLD in text


class AlreadyDone(BaseRequestMiddleware):
    """Install with ``bot.session.middleware(AlreadyDone())``."""

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramBadRequest as exc:
            if not already_done(method, exc):
                raise
            log.info("%s: %s (already done)", method.__api_method__, exc.message)
            # the chain passes the call's result along (``BaseSession.make_request`` returns
            # ``response.result``, whatever the annotations say)
            done: Any = True
            return cast(Response[TelegramType], done)

"""Method registry and the single code path that executes a Bot API call.

Method modules register handlers with :func:`api_method`; both the HTTP
route and webhook replies go through :func:`execute`, which applies failure
injection, the call log and the counters.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from .errors import ApiError
from .limits import DropConnection, chat_of
from .params import Params
from .state import BotState, EmulatorState

TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")


@dataclass
class Call:
    """One Bot API call being executed."""

    emu: EmulatorState
    bot: BotState
    params: Params
    method: str


Handler = Callable[[Call], Awaitable[Any]]
METHODS: dict[str, tuple[str, Handler]] = {}


def api_method(*names: str) -> Callable[[Handler], Handler]:
    """Register a handler under one or more (case-insensitive) method names."""

    def register(handler: Handler) -> Handler:
        for name in names:
            METHODS[name.lower()] = (name, handler)
        return handler

    return register


async def execute(emu: EmulatorState, bot: BotState, method: str, raw: dict[str, Any]) -> Any:
    """Run ``method`` for ``bot``; returns the result or raises :class:`ApiError`.

    :class:`DropConnection` propagates for injected network failures.
    """
    entry = METHODS.get(method.lower())
    name = entry[0] if entry else method
    params = Params(raw)
    try:
        if entry is None:
            raise ApiError(404, "Not Found")
        try:
            bot.failures.check(name, chat_of(raw))
        except (ApiError, DropConnection):
            bot.stats.injected_failures += 1
            raise
        result = await entry[1](Call(emu, bot, params, name))
    except ApiError as exc:
        if exc.error_code == 429:
            bot.stats.rate_limited += 1
        elif exc.error_code == 403:
            bot.stats.forbidden += 1
        bot.log_call(name, params.loggable(), (exc.error_code, exc.description))
        raise
    except DropConnection:
        bot.log_call(name, params.loggable(), (0, "connection dropped"))
        raise
    bot.log_call(name, params.loggable(), None)
    return result

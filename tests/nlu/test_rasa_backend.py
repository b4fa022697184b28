"""Rasa backend against a fake HTTP server: success, timeout, bad answers -> fallback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from pydantic import ValidationError

from bot.nlu.engine import Engine
from bot.nlu.service import NluService
from bot.nlu.settings import NluSettings

RASA_OK = {
    "text": "gereja di Solo disegel",
    "intent": {"name": "lapor_insiden", "confidence": 0.97},
    "intent_ranking": [{"name": "lapor_insiden", "confidence": 0.97}],
    "entities": [
        {
            "entity": "lokasi",
            "start": 10,
            "end": 14,
            "value": "33.72",
            "extractor": "DIETClassifier",
        }
    ],
    "response_selector": {
        "lapor_insiden": {
            "response": {"intent_response_key": "lapor_insiden/rumah_ibadah", "confidence": 0.9}
        }
    },
}


@pytest.fixture
async def fake_rasa() -> AsyncIterator[dict[str, Any]]:
    state: dict[str, Any] = {"mode": "ok", "calls": 0}

    async def handler(request: web.Request) -> web.StreamResponse:
        state["calls"] += 1
        body = await request.json()
        if state["mode"] == "slow":
            await asyncio.sleep(1.0)
        if state["mode"] == "garbage":
            return web.Response(text="<html>oops</html>")
        if state["mode"] == "bad_shape":
            return web.json_response({"intent": "lapor_insiden"})
        if state["mode"] == "error":
            return web.Response(status=500)
        return web.json_response({**RASA_OK, "text": body["text"]})

    app = web.Application()
    app.router.add_post("/model/parse", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    state["url"] = f"http://127.0.0.1:{port}"
    yield state
    await runner.cleanup()


def make_service(url: str, engine: Engine) -> NluService:
    settings = NluSettings(backend="rasa", rasa_url=url, rasa_timeout_seconds=0.3, cache_dir=None)
    return NluService(settings, engine=engine)


async def test_rasa_success(fake_rasa: dict[str, Any], nlu_engine: Engine) -> None:
    service = make_service(fake_rasa["url"], nlu_engine)
    try:
        res = await service.parse("gereja di Solo disegel")
    finally:
        await service.aclose()
    assert res.backend == "rasa"
    assert (res.intent, res.confidence) == ("lapor_insiden", 0.97)
    assert (res.category, res.category_confidence) == ("rumah_ibadah", 0.9)
    [place] = res.places
    assert place.region is not None
    assert (place.code, place.region.name, place.value) == ("33.72", "Kota Surakarta", "Solo")


@pytest.mark.parametrize("mode", ["slow", "garbage", "bad_shape", "error"])
async def test_rasa_failure_falls_back(
    fake_rasa: dict[str, Any], nlu_engine: Engine, mode: str
) -> None:
    fake_rasa["mode"] = mode
    service = make_service(fake_rasa["url"], nlu_engine)
    try:
        res = await service.parse("ada pengajian dibubarin di sampang")
    finally:
        await service.aclose()
    assert fake_rasa["calls"] == 1
    assert res.backend == "builtin" and res.fallback_reason
    assert res.intent == "lapor_insiden"
    assert res.category == "pembubaran_ibadah"
    assert res.places[0].code == "35.27"


async def test_rasa_unreachable_falls_back(nlu_engine: Engine) -> None:
    service = make_service("http://127.0.0.1:9", nlu_engine)
    try:
        res = await service.parse("halo")
    finally:
        await service.aclose()
    assert res.backend == "builtin" and res.intent == "sapa"


async def test_low_confidence_rasa_has_no_intent(
    fake_rasa: dict[str, Any], nlu_engine: Engine
) -> None:
    RASA_LOW = {**RASA_OK, "intent": {"name": "nlu_fallback", "confidence": 0.3}}
    service = make_service(fake_rasa["url"], nlu_engine)
    res = service.from_rasa_answer("hmm", RASA_LOW)
    assert res.intent is None and res.category is None


def test_settings_validation() -> None:
    with pytest.raises(ValidationError, match=r"requires nlu\.rasa_url"):
        NluSettings(backend="rasa")
    with pytest.raises(ValidationError):
        NluSettings(confidence_threshold=1.5)
    with pytest.raises(ValidationError):
        NluSettings(rasa_timeout_seconds=0)
    assert NluSettings().backend == "builtin"

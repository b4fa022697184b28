"""Async client for a Rasa server's ``POST /model/parse`` with a short timeout."""

from __future__ import annotations

from typing import Any

import aiohttp


class RasaError(RuntimeError):
    """The Rasa server failed, timed out or answered something unusable."""


class RasaClient:
    """Minimal client; one ``aiohttp`` session reused across calls."""

    def __init__(self, base_url: str, timeout_seconds: float = 2.0) -> None:
        self.url = base_url.rstrip("/") + "/model/parse"
        self.timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    async def parse(self, text: str) -> dict[str, Any]:
        """Rasa's parse result for ``text``; raises :class:`RasaError` on any failure."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        try:
            async with self._session.post(self.url, json={"text": text}) as resp:
                if resp.status != 200:
                    raise RasaError(f"Rasa answered HTTP {resp.status}")
                answer = await resp.json(content_type=None)
        except TimeoutError as exc:
            raise RasaError("Rasa timed out") from exc
        except (aiohttp.ClientError, ValueError) as exc:
            raise RasaError(f"Rasa request failed: {exc}") from exc
        validate_answer(answer)
        return answer

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None


def validate_answer(answer: Any) -> None:
    """Raise :class:`RasaError` unless ``answer`` looks like a ``/model/parse`` result."""
    if not isinstance(answer, dict):
        raise RasaError("Rasa answer is not a JSON object")
    intent = answer.get("intent")
    if not isinstance(intent, dict) or not isinstance(intent.get("confidence", None), int | float):
        raise RasaError("Rasa answer has no intent with a confidence")
    if intent.get("name") is not None and not isinstance(intent["name"], str):
        raise RasaError("Rasa intent name is not a string")
    entities = answer.get("entities", [])
    if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
        raise RasaError("Rasa entities are not a list of objects")
    ranking = answer.get("intent_ranking", [])
    if not isinstance(ranking, list):
        raise RasaError("Rasa intent_ranking is not a list")

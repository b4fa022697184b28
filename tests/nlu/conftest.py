"""NLU fixtures: the engine is trained once per test session (about 1.5 s)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlu.engine import Engine
from bot.nlu.loader import load_data
from bot.nlu.service import NluService
from bot.nlu.settings import NluSettings

DATA_DIR = Path(__file__).resolve().parents[2] / "nlu_data"


@pytest.fixture(scope="session")
def nlu_engine() -> Engine:
    return Engine.from_data(load_data(DATA_DIR))


@pytest.fixture(scope="session")
def nlu_service(nlu_engine: Engine) -> NluService:
    return NluService(NluSettings(data_dir=DATA_DIR, cache_dir=None), engine=nlu_engine)

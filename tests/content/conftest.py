"""Content tests act faster than a person: flood control is relaxed so it never mutes them."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"flood": {"max_messages": 1000}}

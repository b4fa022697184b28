"""Survey tests press many buttons quickly: lift flood control so it does not get in the way."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"flood": {"max_messages": 200}}

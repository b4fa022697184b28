"""Parametrisations shared by the test modules."""

import pytest

#: Run the test on SQLite and on PostgreSQL + Redis.
both_backends = pytest.mark.parametrize(
    "backend",
    ["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.redis])],
    indirect=True,
)

"""Shared fixtures: a real SQLite registry in a temp folder, the demo catalog, a fixed clock."""

from __future__ import annotations

import pytest

from asc_widgets.core import DemoCatalog, FixedClock, Registry, StoreDraft

# A real PostgreSQL server for tests marked `both_backends` (see tests/postgres_server.py).
pytest_plugins = ["postgres_server"]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock("2025-03-01T12:00:00+00:00")


@pytest.fixture
def database_url(request, tmp_path) -> str:
    """A SQLite file; a fresh PostgreSQL database when a `both_backends` test asks for one."""
    if getattr(request, "param", "sqlite") == "postgresql":
        return request.getfixturevalue("postgresql_url")
    return f"sqlite:///{tmp_path / 'registry.sqlite3'}"


@pytest.fixture
def registry(database_url, clock):
    reg = Registry(database_url, clock=clock, actor="tester")
    yield reg
    reg.close()


@pytest.fixture(scope="session")
def catalog() -> DemoCatalog:
    return DemoCatalog()


@pytest.fixture
def draft() -> StoreDraft:
    return StoreDraft(website="base", email="ops@example.com", name="Amazon Store USA",
                      marketplace="US", id_type="UPC", attribute="upc")

"""Shared fixtures, registered once for the whole suite: a real SQLite registry in a temp folder,
the demo catalog, a fixed clock, ``make_store``, and the Amazon sandbox's fixtures
(``sandbox_server``, ``amazon_settings``, ``connector``...: see sandbox_plugin.py).
Shared helpers that are not fixtures live in tests/helpers.py."""

from __future__ import annotations

import logging

import pytest

from asc_widgets.core import DemoCatalog, FixedClock, Registry, StoreDraft

# The sandbox and listing fixtures, and a real PostgreSQL server for tests marked
# `both_backends` (see tests/postgres_server.py).
pytest_plugins = ["sandbox_plugin", "listing_plugin", "postgres_server"]

# The seed's example name for the US store; other marketplaces: "Amazon Store <code>".
STORE_NAMES = {"US": "Amazon Store USA"}


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


@pytest.fixture
def make_store(registry, catalog):
    """make_store(name=None, website="base", marketplace="US", ...) -> a saved store (through
    core's Registry.add_store, as the form does)."""

    def make(name: str | None = None, *, website: str = "base", marketplace: str = "US",
             email: str = "ops@example.com", id_type: str = "UPC", attribute: str = "upc"):
        name = name or STORE_NAMES.get(marketplace, f"Amazon Store {marketplace}")
        return registry.add_store(StoreDraft(website=website, email=email, name=name,
                                             marketplace=marketplace, id_type=id_type,
                                             attribute=attribute), catalog)

    return make


@pytest.fixture(autouse=True)
def app_log_handlers():
    """build_app adds the app's log file handler (once per process): every test starts
    without the one an earlier test's app added."""
    logger = logging.getLogger("asc_widgets")
    before = list(logger.handlers)
    yield
    for handler in set(logger.handlers) - set(before):
        logger.removeHandler(handler)
        handler.close()

"""Fixtures for the Amazon sandbox and client tests, as a pytest plugin.

The root tests/conftest.py registers it once for the whole suite.
Fixtures: ``sandbox_clock`` (a FixedClock),
``sandbox_state_path``, ``sandbox_server`` (the sandbox on a free 127.0.0.1 port in a background
thread, stopped afterwards), ``amazon_settings`` (client settings for it: short timeouts, tiny
backoff, 2 retries) and ``amazon_transport``.
"""

from __future__ import annotations

import pytest
from sandbox_fixtures import APP_URL, SANDBOX_START

from asc_widgets.core.amazon import AmazonClient, AmazonSettings, RequestsTransport
from asc_widgets.core.authorization import Connector
from asc_widgets.core.clock import FixedClock
from asc_widgets.core.secrets import SecretBox, generate_key
from asc_widgets.sandbox import SandboxServer


@pytest.fixture
def sandbox_clock() -> FixedClock:
    return FixedClock(SANDBOX_START)


@pytest.fixture
def sandbox_state_path(tmp_path):
    return tmp_path / "amazon-sandbox.json"


@pytest.fixture
def sandbox_server(sandbox_state_path, sandbox_clock):
    with SandboxServer(sandbox_state_path, clock=sandbox_clock) as server:
        yield server


@pytest.fixture
def amazon_settings(sandbox_server) -> AmazonSettings:
    return sandbox_server.settings(APP_URL, timeout=(1.0, 2.0), retries=2,
                                   backoff_factor=0.01)


@pytest.fixture
def amazon_transport(amazon_settings):
    with RequestsTransport.from_settings(amazon_settings) as transport:
        yield transport


@pytest.fixture
def issued():
    """Every token the sandbox issued to `connector` in the test (to scan outputs for)."""
    return []


@pytest.fixture
def connector(registry, amazon_settings, amazon_transport, sandbox_clock, issued):
    """A Connector on the sandbox that records the tokens its code exchanges yield."""
    client = AmazonClient(amazon_settings, amazon_transport, clock=sandbox_clock)
    real_exchange = client.exchange_code

    def recording_exchange(*args, **kwargs):
        tokens = real_exchange(*args, **kwargs)
        issued.extend([tokens.refresh_token.reveal(), tokens.access_token.reveal()])
        return tokens

    client.exchange_code = recording_exchange
    return Connector(registry, client, SecretBox(generate_key()))

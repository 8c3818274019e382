"""OAuth and the sandbox under hostile or broken input: cross-site control requests, pending
states that pile up, LWA answers without a usable refresh token, rotated refresh tokens, and
the x-amz-date header. Each checks the clear answer and that nothing saved changed."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sandbox_fixtures import APP_URL, ConsentBrowser

from asc_widgets.core import StoreDraft, StoreStatus
from asc_widgets.core.amazon import AmazonClient, AmazonError, RequestsTransport
from asc_widgets.core.authorization import REFRESH_TOKEN, ConnectError, Connector, user_message
from asc_widgets.core.registry.repository import AUTH_STATE_TTL
from asc_widgets.core.secrets import SecretBox, generate_key
from asc_widgets.sandbox import SandboxConfig, SandboxServer


@pytest.fixture
def clock(sandbox_clock):
    return sandbox_clock


@pytest.fixture
def store(registry, catalog):
    return registry.add_store(StoreDraft(website="base", email="ops@example.com",
                                         name="Amazon Store USA", marketplace="US",
                                         id_type="UPC", attribute="upc"), catalog)


def seller_central(consent: str) -> str:
    """Sign in, tick, Next, Continue: the address Seller Central sends the browser back to."""
    browser = ConsentBrowser(consent)
    browser.sign_in("seller@example.com")
    if "asc-sandbox-otp" in browser.text:
        browser.verify()
    browser.tick_and_next()
    browser.continue_()
    assert browser.response.status_code == 302, browser.text
    return browser.location


# ---- sandbox controls ------------------------------------------------------------------

@pytest.mark.parametrize("headers, body", [
    ({"Content-Type": "text/plain", "Origin": "https://evil.example.net"}, '{"seconds": 9e6}'),
    ({"Content-Type": "text/plain"}, '{"seconds": 9e6}'),
    ({"Content-Type": "application/x-www-form-urlencoded"}, "seconds=9000000"),
    ({"Content-Type": "application/json", "Origin": "https://evil.example.net"},
     '{"seconds": 9e6}'),
    ({"Content-Type": "application/json", "Origin": "null"}, '{"seconds": 9e6}'),
])
def test_cross_site_control_requests_are_refused_and_change_nothing(sandbox_server, headers,
                                                                    body):
    before = sandbox_server.sandbox.summary()
    for action in ("advance", "rotate-secret", "reset"):
        response = requests.post(f"{sandbox_server.urls.control}/{action}", data=body,
                                 headers=headers, timeout=5)
        assert response.status_code in (400, 403), (action, response.status_code)
    assert sandbox_server.sandbox.summary() == before


def test_a_same_origin_json_control_request_still_works(sandbox_server):
    origin = f"http://{urlsplit(sandbox_server.urls.control).netloc}"
    response = requests.post(f"{sandbox_server.urls.control}/advance", json={"seconds": 60},
                             headers={"Origin": origin}, timeout=5)
    assert response.status_code == 200
    assert sandbox_server.sandbox.summary()["clock_offset"] == 60


# ---- pending authorization states ---------------------------------------------------------

def test_pending_states_are_purged_after_they_expire(connector, registry, store, sandbox_clock):
    urls = [connector.start(store.id) for _ in range(50)]
    assert registry.pending_auth_states() == 50
    sandbox_clock.advance(seconds=AUTH_STATE_TTL.total_seconds() + 60)
    late = parse_qs(urlsplit(urls[0]).query)["state"][0]
    # Within the kept window a late answer still gets the precise message...
    with pytest.raises(ConnectError) as caught:
        connector.complete(f"state={late}&selling_partner_id=A1SBXDEMONA0001"
                           "&spapi_oauth_code=x")
    assert caught.value.key == "auth.state_expired"
    sandbox_clock.advance(minutes=10)
    connector.start(store.id)  # any new flow sweeps the old states away
    assert registry.pending_auth_states() == 1
    assert registry.get_store(store.id) == store


# ---- LWA answers without a usable refresh token ------------------------------------------

@pytest.mark.parametrize("kind", ["no_refresh_token", "null_refresh_token",
                                  "numeric_refresh_token"])
def test_an_unusable_refresh_token_is_amazon_answered_unexpectedly(
        connector, registry, store, sandbox_server, kind):
    location = seller_central(connector.start(store.id))
    sandbox_server.sandbox.fail_next(1, kind, "token")
    with pytest.raises(AmazonError) as caught:
        connector.complete(location)
    assert caught.value.code == "malformed_response"
    assert user_message(caught.value).startswith("Amazon answered unexpectedly (HTTP 200)")
    assert user_message(caught.value, "zh-CN") != user_message(caught.value)
    assert registry.get_store(store.id) == store
    assert registry.get_secret(store.id, REFRESH_TOKEN) is None
    failed = registry.events(store.id)[-1]
    assert failed.kind == "failed" and failed.details["reason"] == "malformed_response"


def test_sandbox_malformed_token_faults_apply_to_the_token_service_only(sandbox_server):
    with pytest.raises(ValueError, match="token service only"):
        sandbox_server.sandbox.fail_next(1, "null_refresh_token", "spapi")


# ---- rotated refresh tokens --------------------------------------------------------------

def test_a_rotated_refresh_token_is_stored_on_check(registry, store, sandbox_state_path,
                                                    sandbox_clock):
    config = SandboxConfig(rotate_refresh_tokens=True)
    with SandboxServer(sandbox_state_path, clock=sandbox_clock, config=config) as server, \
            RequestsTransport.from_settings(server.settings(APP_URL)) as transport:
        client = AmazonClient(server.settings(APP_URL), transport, clock=sandbox_clock)
        connector = Connector(registry, client, SecretBox(generate_key()))
        connector.complete(seller_central(connector.start(store.id)))
        first = connector.box.decrypt(registry.get_secret(store.id, REFRESH_TOKEN))
        assert connector.check(store.id).status is StoreStatus.ACTIVE
        second = connector.box.decrypt(registry.get_secret(store.id, REFRESH_TOKEN))
        assert second != first  # the new token is kept: the old one stopped working
        assert connector.check(store.id).status is StoreStatus.ACTIVE
        assert registry.get_store(store.id).status is StoreStatus.ACTIVE


# ---- x-amz-date ----------------------------------------------------------------------------

class RecordingTransport:
    """The real HTTP transport, keeping each request it sent."""

    def __init__(self, inner):
        self.inner, self.sent = inner, []

    def send(self, request):
        self.sent.append(request)
        return self.inner.send(request)


def test_sp_api_requests_carry_x_amz_date(amazon_settings, amazon_transport, registry, store,
                                          sandbox_clock):
    recording = RecordingTransport(amazon_transport)
    connector = Connector(registry, AmazonClient(amazon_settings, recording,
                                                 clock=sandbox_clock), SecretBox(generate_key()))
    connector.complete(seller_central(connector.start(store.id)))
    spapi = [r for r in recording.sent if r.api == "spapi"]
    assert spapi and all(dict(r.headers)["x-amz-date"] == "20260301T120000Z" for r in spapi)
    sandbox_clock.advance(hours=1, seconds=5)
    connector.check(store.id)
    assert dict(recording.sent[-1].headers)["x-amz-date"] == "20260301T130005Z"

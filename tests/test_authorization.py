"""Connecting, renewing, checking and disconnecting stores against the sandbox over HTTP."""

import logging
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sandbox_fixtures import APP_URL, ConsentBrowser, authorize

from asc_widgets.core import StoreStatus, authorizations_table, stores_table
from asc_widgets.core.amazon import (
    AmazonClient,
    AuthorizationNotGranted,
    InvalidClient,
    MarketplaceNotAuthorized,
    WrongRegionOrRevoked,
)
from asc_widgets.core.authorization import ConnectError, user_message
from asc_widgets.core.registry import schema

# Connecting stores writes states, tokens and history: on both registry backends.
pytestmark = pytest.mark.both_backends


@pytest.fixture
def clock(sandbox_clock):
    """The registry (tests/conftest.py) and the sandbox share one clock."""
    return sandbox_clock


def consent(connector, store_id, **kwargs):
    url = connector.start(store_id)
    state = parse_qs(urlsplit(url).query)["state"][0]
    return url, state


def run_consent(url, email="seller@example.com"):
    browser = ConsentBrowser(url)
    browser.sign_in(email)
    if "asc-sandbox-otp" in browser.text:
        browser.verify()
    browser.tick_and_next()
    browser.continue_()
    return browser.location


def test_connect_saves_seller_dates_and_an_encrypted_token(make_store, connector, registry, catalog,
                                                           sandbox_clock, issued, tmp_path):
    store = make_store()
    url, state = consent(connector, store.id)
    assert url.startswith(connector.client.settings.seller_central_url(store.market))
    assert parse_qs(urlsplit(url).query)["redirect_uri"] == [APP_URL]
    result = connector.complete(run_consent(url))
    saved = result.store
    assert saved.status is StoreStatus.ACTIVE and saved.seller_id
    assert saved.authorized_at == sandbox_clock.now()
    assert saved.expires_at == sandbox_clock.now() + timedelta(days=365)
    assert result.message().startswith(f"The store 'Amazon Store USA' is connected to Amazon "
                                       f"seller {saved.seller_id}.")
    ciphertext = registry.get_secret(store.id, "refresh_token")
    assert connector.box.decrypt(ciphertext) == issued[0]
    assert [e.kind for e in registry.events(store.id)] == ["created", "connected"]
    with registry.engine.connect() as conn:  # no table holds a token in the clear
        raw = repr([conn.execute(table.select()).all()
                    for table in schema.metadata.sorted_tables]).encode()
    if registry.engine.dialect.name == "sqlite":  # nor the file's bytes
        raw += (tmp_path / "registry.sqlite3").read_bytes()
        raw += (tmp_path / "registry.sqlite3-wal").read_bytes()
    assert issued and not any(token.encode() in raw for token in issued)


def test_the_returned_state_is_single_use(make_store, connector, registry, catalog):
    store = make_store()
    url, _ = consent(connector, store.id)
    redirect = run_consent(url)
    connector.complete(redirect)
    with pytest.raises(ConnectError) as info:
        connector.complete(redirect)
    assert info.value.key == "auth.state_reused"
    assert "already used" in user_message(info.value)


def test_unknown_expired_and_other_store_states_are_refused(make_store, connector, registry,
                                                            catalog,
                                                            sandbox_clock):
    store = make_store()
    other = make_store(marketplace="CA", website="us_store")
    with pytest.raises(ConnectError, match="unknown state"):
        connector.complete("?state=forged&selling_partner_id=A1&spapi_oauth_code=x")
    url, _ = consent(connector, store.id)
    with pytest.raises(ConnectError, match="belongs to another store"):
        connector.complete(run_consent(url), store_id=other.id)
    url, _ = consent(connector, store.id)
    redirect = run_consent(url)
    sandbox_clock.advance(minutes=11)
    with pytest.raises(ConnectError, match="longer than 10 minutes"):
        connector.complete(redirect)
    assert registry.get_store(store.id).status is StoreStatus.NOT_CONNECTED


def test_cancel_at_seller_central_connects_nothing(make_store, connector, registry, catalog):
    store = make_store()
    url, _ = consent(connector, store.id)
    browser = ConsentBrowser(url)
    browser.sign_in()
    browser.cancel()
    with pytest.raises(AuthorizationNotGranted) as info:
        connector.complete(browser.location)
    assert info.value.message().startswith("The authorization was not granted")
    assert registry.get_store(store.id).status is StoreStatus.NOT_CONNECTED
    assert registry.events(store.id)[-1].kind == "failed"


def test_wrong_region_account_leaves_the_store_not_connected(make_store, connector, registry,
                                                             catalog):
    store = make_store()  # US store, but the UK-only seller signs in
    url, _ = consent(connector, store.id)
    with pytest.raises(MarketplaceNotAuthorized) as info:
        connector.complete(run_consent(url, email="uk-seller@example.com"))
    assert "United States" in info.value.message()
    assert registry.get_store(store.id).status is StoreStatus.NOT_CONNECTED
    assert registry.get_secret(store.id, "refresh_token") is None
    failed = registry.events(store.id)[-1]
    assert failed.kind == "failed" and failed.details["error"] == "MarketplaceNotAuthorized"


def test_uk_store_connects_with_the_uk_seller(make_store, connector, registry, catalog):
    store = make_store(marketplace="UK", website="uk_store")
    url, _ = consent(connector, store.id)
    assert "/sellercentral/UK/" in url
    assert connector.complete(run_consent(url, "uk-seller@example.com")).store.status is \
        StoreStatus.ACTIVE


def test_a_rotated_client_secret_is_explained(make_store, connector, registry, catalog,
                                              sandbox_server):
    store = make_store()
    url, _ = consent(connector, store.id)
    redirect = run_consent(url)
    sandbox_server.sandbox.rotate_client_secret()
    with pytest.raises(InvalidClient) as info:
        connector.complete(redirect)
    assert "180 days" in info.value.message()
    assert registry.get_store(store.id).status is StoreStatus.NOT_CONNECTED


def test_retryable_failures_are_retried_then_succeed(make_store, connector, registry, catalog,
                                                     sandbox_server):
    store = make_store()
    url, _ = consent(connector, store.id)
    redirect = run_consent(url)
    sandbox_server.sandbox.fail_next(1, kind="server_error", target="token")
    assert connector.complete(redirect).store.status is StoreStatus.ACTIVE


def test_the_same_seller_cannot_connect_twice_to_one_marketplace(make_store, connector, registry,
                                                                 catalog):
    first = make_store()
    second = make_store(marketplace="US", website="us_store", name="Second US")
    connector.complete(run_consent(consent(connector, first.id)[0]))
    from asc_widgets.core import SellerAlreadyConnected
    with pytest.raises(SellerAlreadyConnected, match="already connected to the store"):
        connector.complete(run_consent(consent(connector, second.id)[0]))
    assert registry.get_store(second.id).status is StoreStatus.NOT_CONNECTED


def test_renewal_replaces_the_token_and_extends_expiry(make_store, connector, registry, catalog,
                                                       sandbox_clock, sandbox_server, issued):
    store = make_store()
    connector.complete(run_consent(consent(connector, store.id)[0]))
    sandbox_clock.advance(days=340)
    table = authorizations_table(registry.list_stores(), sandbox_clock.now())
    assert table["state"].tolist() == ["Expiring"] and table["days left"].tolist() == [25]
    result = connector.complete(run_consent(consent(connector, store.id)[0]))
    assert result.renewed and "renewed until" in result.message()
    assert result.store.expires_at == sandbox_clock.now() + timedelta(days=365)
    assert connector.box.decrypt(registry.get_secret(store.id, "refresh_token")) == issued[2]
    assert issued[2] != issued[0]
    assert registry.events(store.id)[-1].kind == "renewed"


def test_expired_authorization_shows_expired_then_check_marks_revoked(make_store,
        connector, registry, catalog, sandbox_clock, sandbox_server):
    store = make_store()
    seller = connector.complete(run_consent(consent(connector, store.id)[0])).store.seller_id
    assert connector.check(store.id).status is StoreStatus.ACTIVE
    sandbox_server.sandbox.revoke(seller)
    checked = connector.check(store.id)
    assert checked.status is StoreStatus.REVOKED
    assert authorizations_table([checked], sandbox_clock.now())["state"].item() == "Revoked"
    # Reconnecting a revoked store makes it active again.
    assert connector.complete(run_consent(consent(connector, store.id)[0])).store.status is \
        StoreStatus.ACTIVE
    sandbox_clock.advance(days=366)
    assert authorizations_table(registry.list_stores(),
                                sandbox_clock.now())["state"].item() == "Expired"


def test_disconnect_forgets_the_token_and_says_where_to_remove_the_app(make_store, connector,
                                                                       registry,
                                                                       catalog):
    store = make_store()
    connector.complete(run_consent(consent(connector, store.id)[0]))
    result = connector.disconnect(store.id)
    assert result.store.status is StoreStatus.NOT_CONNECTED and result.store.seller_id is None
    assert registry.get_secret(store.id, "refresh_token") is None
    assert "Manage Your Apps" in result.message()
    assert result.manage_apps_url.endswith("/sellercentral/US/apps/manage")


def test_a_pasted_url_completes_the_same_way(make_store, connector, registry, catalog):
    store = make_store()
    redirect = run_consent(consent(connector, store.id)[0])
    pasted = f"  {redirect}#fragment-the-browser-added  "
    assert connector.complete(pasted).store.status is StoreStatus.ACTIVE


def test_no_secret_leaks_anywhere_after_a_full_flow(make_store, connector, registry, catalog,
                                                    issued,
                                                    caplog, sandbox_server, amazon_settings):
    caplog.set_level(logging.DEBUG)
    store = make_store()
    connector.complete(run_consent(consent(connector, store.id)[0]))
    connector.check(store.id)
    errors = []
    redirect = run_consent(consent(connector, store.id)[0])
    sandbox_server.sandbox.rotate_client_secret()
    for attempt in (redirect, redirect):
        try:
            connector.complete(attempt)
        except Exception as exc:  # noqa: BLE001 - collected to scan their texts
            errors.append(exc)
    assert len(errors) == 2
    secrets = [*issued, amazon_settings.client_secret.reveal()]
    code = parse_qs(urlsplit(redirect).query)["spapi_oauth_code"][0]
    secrets.append(code)
    surfaces = [
        repr(registry.events()), stores_table(registry.list_stores()).to_string(),
        authorizations_table(registry.list_stores(), registry.clock.now()).to_string(),
        caplog.text, repr(connector), repr(connector.client), repr(amazon_settings),
        *[str(e) for e in errors], *[repr(e) for e in errors],
        *[user_message(e) for e in errors], *[user_message(e, "zh-CN") for e in errors],
    ]
    for secret in secrets:
        assert secret and all(secret not in text for text in surfaces), secret[:6]


def test_without_a_wrong_region_403_the_sellers_api_is_still_mapped(amazon_settings,
                                                                    amazon_transport):
    redirect = authorize(amazon_settings, "UK", email="uk-seller@example.com")
    client = AmazonClient(amazon_settings, amazon_transport)
    code = parse_qs(urlsplit(redirect).query)["spapi_oauth_code"][0]
    tokens = client.exchange_code(code)
    with pytest.raises(WrongRegionOrRevoked):
        client.participations(tokens.access_token, "US")  # EU token on the NA endpoint


def test_a_crash_between_exchange_and_save_leaves_a_retryable_store(make_store, connector, registry,
                                                                   catalog, monkeypatch):
    store = make_store()
    redirect = run_consent(consent(connector, store.id)[0])
    real_transition = registry.transition

    def crash(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(registry, "transition", crash)
    with pytest.raises(RuntimeError):
        connector.complete(redirect)
    monkeypatch.setattr(registry, "transition", real_transition)
    assert registry.get_store(store.id).status is StoreStatus.NOT_CONNECTED
    assert registry.get_secret(store.id, "refresh_token") is None
    # The user clicks Connect store again and finishes.
    assert connector.complete(run_consent(consent(connector, store.id)[0])).store.status is \
        StoreStatus.ACTIVE


def test_check_leaves_the_store_alone_on_passing_trouble_and_restores_after_errors(make_store,
        connector, registry, catalog, sandbox_server):
    from asc_widgets.core.amazon import RateLimited

    store = make_store()
    connector.complete(run_consent(consent(connector, store.id)[0]))
    sandbox_server.sandbox.fail_next(5, kind="rate_limit", target="all")
    with pytest.raises(RateLimited):
        connector.check(store.id)
    assert registry.get_store(store.id).status is StoreStatus.ACTIVE
    sandbox_server.sandbox.clear_faults()
    registry.transition(store.id, "fail", last_error="amazon.error.unexpected")
    restored = connector.check(store.id)
    assert restored.status is StoreStatus.ACTIVE and restored.last_error is None
    assert registry.events(store.id)[-1].kind == "restored"


def test_checking_a_revoked_store_again_keeps_it_revoked(make_store, connector, registry, catalog,
                                                         sandbox_server):
    store = make_store()
    seller = connector.complete(run_consent(consent(connector, store.id)[0])).store.seller_id
    sandbox_server.sandbox.revoke(seller)
    assert connector.check(store.id).status is StoreStatus.REVOKED
    assert connector.check(store.id).status is StoreStatus.REVOKED
    assert [e.kind for e in registry.events(store.id)].count("revoked") == 1

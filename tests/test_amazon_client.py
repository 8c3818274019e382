"""The Amazon client against the sandbox over real HTTP on 127.0.0.1."""

import logging
import threading
import time

import pytest
import requests
from sandbox_fixtures import APP_URL, authorize

from asc_widgets.core.amazon import (
    AmazonClient,
    AmazonError,
    AmazonTimeout,
    AmazonUnavailable,
    BadRequest,
    CodeExpired,
    InvalidClient,
    MarketplaceNotAuthorized,
    RateLimited,
    RequestsTransport,
    Revoked,
    TokenSet,
    UnauthorizedClient,
    WrongRegionOrRevoked,
    exchange_code,
    get_marketplace_participations,
    parse_callback,
    refresh,
    verify_connection,
)
from asc_widgets.sandbox import SandboxServer


def _connect(settings, transport, marketplace="US", email="seller@example.com", clock=None):
    callback = parse_callback(authorize(settings, marketplace, "st", email)).require("st")
    return callback, exchange_code(callback.code, settings, transport, clock=clock)


def test_code_exchange_gives_tokens_hidden_everywhere(amazon_settings, amazon_transport,
                                                      sandbox_clock, caplog):
    caplog.set_level(logging.DEBUG)
    callback, tokens = _connect(amazon_settings, amazon_transport, clock=sandbox_clock)
    assert callback.selling_partner_id == "A1SBXDEMONA0001"
    assert isinstance(tokens, TokenSet)
    access, refresh_token = tokens.access_token.reveal(), tokens.refresh_token.reveal()
    assert access.startswith("Atza|") and refresh_token.startswith("Atzr|")
    assert len(refresh_token) <= 2048
    assert tokens.token_type == "bearer" and tokens.expires_in == 3600
    assert tokens.obtained_at == sandbox_clock.now()
    assert (tokens.expires_at - tokens.obtained_at).total_seconds() == 3600
    assert not tokens.is_expired(sandbox_clock.now())
    for text in (repr(tokens), str(tokens), f"{tokens.access_token}", str(callback),
                 caplog.text):
        assert access not in text and refresh_token not in text
        assert callback.code.reveal() not in text
    assert "getMarketplaceParticipations" not in caplog.text  # (only token calls so far)
    assert "authorization_code" in caplog.text  # the transport logs calls, not secrets
    with pytest.raises(TypeError):
        import pickle

        pickle.dumps(tokens)


def test_reused_code_is_code_expired(amazon_settings, amazon_transport):
    callback, _ = _connect(amazon_settings, amazon_transport)
    with pytest.raises(CodeExpired) as info:
        exchange_code(callback.code, amazon_settings, amazon_transport)
    err = info.value
    assert err.status == 400 and err.code == "invalid_grant"
    assert callback.code.reveal() not in str(err)
    assert "Connect store" in err.message("en")
    assert "连接商店" in err.message("zh-CN") and "过期" in err.message("zh-CN")


def test_code_expires_after_five_minutes_of_sandbox_time(sandbox_server, amazon_settings,
                                                         amazon_transport):
    callback = parse_callback(authorize(amazon_settings, state="s")).require("s")
    sandbox_server.sandbox.advance(minutes=5, seconds=1)
    with pytest.raises(CodeExpired):
        exchange_code(callback.code, amazon_settings, amazon_transport)


def test_code_still_valid_just_before_five_minutes(sandbox_server, amazon_settings,
                                                   amazon_transport):
    callback = parse_callback(authorize(amazon_settings, state="s")).require("s")
    sandbox_server.sandbox.advance(minutes=4, seconds=59)
    assert exchange_code(callback.code, amazon_settings, amazon_transport).refresh_token


def test_wrong_redirect_uri_on_exchange_is_invalid_grant(amazon_settings, amazon_transport):
    callback = parse_callback(authorize(amazon_settings, state="s")).require("s")
    with pytest.raises(CodeExpired):
        exchange_code(callback.code, amazon_settings, amazon_transport,
                      redirect_uri="http://127.0.0.1:9/other/")


def test_wrong_client_secret_is_invalid_client(sandbox_server, amazon_settings,
                                               amazon_transport):
    code, _ = sandbox_server.sandbox.grant_code(redirect_uri=APP_URL)
    bad = amazon_settings.with_(client_secret="amzn1.oa2-cs.v1.wrong")
    with pytest.raises(InvalidClient) as info:
        exchange_code(code, bad, amazon_transport)
    assert info.value.status == 401 and info.value.code == "invalid_client"
    assert "180 days" in info.value.message()
    assert "amzn1.oa2-cs.v1.wrong" not in str(info.value) + repr(bad)
    assert sandbox_server.sandbox.calls("token") == 1  # a 401 is not retried


def test_rotated_secret_makes_old_one_invalid(sandbox_server, amazon_settings,
                                              amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport)
    new_secret = sandbox_server.sandbox.rotate_client_secret()
    with pytest.raises(InvalidClient):
        refresh(tokens.refresh_token, amazon_settings, amazon_transport)
    fresh = refresh(tokens.refresh_token, amazon_settings.with_(client_secret=new_secret),
                    amazon_transport)
    assert fresh.access_token != tokens.access_token


def test_unauthorized_client(sandbox_server, amazon_settings, amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport)
    sandbox_server.sandbox.block_app()
    with pytest.raises(UnauthorizedClient):
        refresh(tokens.refresh_token, amazon_settings, amazon_transport)


def test_refresh_gives_a_new_access_token_and_keeps_refresh_token(amazon_settings,
                                                                   amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport)
    fresh = refresh(tokens.refresh_token, amazon_settings, amazon_transport)
    assert fresh.access_token.reveal().startswith("Atza|")
    assert fresh.access_token != tokens.access_token
    assert fresh.refresh_token == tokens.refresh_token


def test_revoke_gives_invalid_grant_on_refresh_and_403_on_api(sandbox_server, amazon_settings,
                                                              amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport)
    assert sandbox_server.sandbox.revoke("seller@example.com") == 1
    with pytest.raises(Revoked) as info:
        refresh(tokens.refresh_token, amazon_settings, amazon_transport)
    assert info.value.code == "invalid_grant" and "revoked" in info.value.description
    assert "Renew authorization" in info.value.message()
    with pytest.raises(WrongRegionOrRevoked) as info:
        get_marketplace_participations(tokens.access_token, "US", amazon_settings,
                                       amazon_transport)
    assert info.value.status == 403 and info.value.code == "Unauthorized"
    # Re-authorizing after a revocation works and yields a new refresh token.
    _, again = _connect(amazon_settings, amazon_transport)
    assert again.refresh_token != tokens.refresh_token
    assert verify_connection(again.refresh_token, "US", amazon_settings, amazon_transport)


def test_authorization_lapses_after_a_year(sandbox_server, amazon_settings, amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport)
    sandbox_server.sandbox.advance(days=364)
    assert refresh(tokens.refresh_token, amazon_settings, amazon_transport).access_token
    sandbox_server.sandbox.advance(days=2)
    with pytest.raises(Revoked):
        refresh(tokens.refresh_token, amazon_settings, amazon_transport)


def test_participations_ignore_unknown_marketplace_ids(sandbox_server, amazon_settings,
                                                       amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport)
    raw = requests.get(amazon_settings.spapi_endpoint("NA")
                       + "/sellers/v1/marketplaceParticipations",
                       headers={"x-amz-access-token": tokens.access_token.reveal()}, timeout=5)
    raw_ids = [p["marketplace"]["id"] for p in raw.json()["payload"]]
    assert "A2ZV50J4W1RKNI" in raw_ids and len(raw_ids) == 4
    participations = get_marketplace_participations(tokens.access_token, "NA",
                                                    amazon_settings, amazon_transport)
    assert [p.marketplace.code for p in participations] == ["US", "CA", "MX"]
    us = participations[0]
    assert us.marketplace.marketplace_id == "ATVPDKIKX0DER" and us.currency == "USD"
    assert us.is_participating and not us.has_suspended_listings
    assert us.store_name == "Sandbox Demo Store"


def test_uk_seller_participates_in_gb(amazon_settings, amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport, "UK", "uk-seller@example.com")
    participations = get_marketplace_participations(tokens.access_token, "UK",
                                                    amazon_settings, amazon_transport)
    assert [(p.marketplace.code, p.country_code) for p in participations] == [("UK", "GB")]
    assert verify_connection(tokens.refresh_token, "UK", amazon_settings,
                             amazon_transport).participation.currency == "GBP"


def test_token_of_other_region_gets_403(amazon_settings, amazon_transport):
    _, na = _connect(amazon_settings, amazon_transport, "MX")  # Mexico grants North America
    assert get_marketplace_participations(na.access_token, "US", amazon_settings,
                                          amazon_transport)
    with pytest.raises(WrongRegionOrRevoked) as info:
        get_marketplace_participations(na.access_token, "UK", amazon_settings,
                                       amazon_transport)
    assert info.value.status == 403
    assert "region" in info.value.message()
    _, eu = _connect(amazon_settings, amazon_transport, "UK", "uk-seller@example.com")
    with pytest.raises(WrongRegionOrRevoked):
        get_marketplace_participations(eu.access_token, "NA", amazon_settings,
                                       amazon_transport)


def test_verify_refuses_store_marketplace_the_seller_does_not_sell_in(amazon_settings,
                                                                      amazon_transport):
    # The UK seller signs in through the US Seller Central: NA authorization, no NA market.
    _, tokens = _connect(amazon_settings, amazon_transport, "US", "uk-seller@example.com")
    with pytest.raises(MarketplaceNotAuthorized) as info:
        verify_connection(tokens.refresh_token, "US", amazon_settings, amazon_transport)
    assert "United States" in info.value.message()
    # and the NA seller's token does not make a UK store active either (403, wrong region)
    _, na = _connect(amazon_settings, amazon_transport, "US")
    with pytest.raises(WrongRegionOrRevoked):
        verify_connection(na.refresh_token, "UK", amazon_settings, amazon_transport)


def test_expired_access_token_gets_403(sandbox_server, amazon_settings, amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport)
    sandbox_server.sandbox.advance(hours=1, seconds=1)
    with pytest.raises(WrongRegionOrRevoked) as info:
        get_marketplace_participations(tokens.access_token, "US", amazon_settings,
                                       amazon_transport)
    assert "expired" in info.value.description


def test_token_post_retried_after_server_errors_then_succeeds(sandbox_server, amazon_settings,
                                                              amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport)
    before = sandbox_server.sandbox.calls("token")
    sandbox_server.sandbox.fail_next(1, "server_error", "token")
    sandbox_server.sandbox.fail_next(1, "unavailable", "token")
    fresh = refresh(tokens.refresh_token, amazon_settings, amazon_transport)
    assert fresh.access_token.reveal().startswith("Atza|")
    assert sandbox_server.sandbox.calls("token") - before == 3


def test_code_exchange_retried_after_500(sandbox_server, amazon_settings, amazon_transport):
    code, _ = sandbox_server.sandbox.grant_code(redirect_uri=APP_URL)
    sandbox_server.sandbox.fail_next(2, "server_error", "token")
    assert exchange_code(code, amazon_settings, amazon_transport).refresh_token
    assert sandbox_server.sandbox.calls("token") == 3


def test_retries_give_up_with_amazon_unavailable(sandbox_server, amazon_settings,
                                                 amazon_transport):
    code, _ = sandbox_server.sandbox.grant_code(redirect_uri=APP_URL)
    sandbox_server.sandbox.fail_next(5, "server_error", "token")
    with pytest.raises(AmazonUnavailable) as info:
        exchange_code(code, amazon_settings, amazon_transport)
    assert info.value.status == 500 and info.value.code == "server_error"
    assert sandbox_server.sandbox.calls("token") == 1 + amazon_settings.retries
    assert "try again" in info.value.message()


def test_no_retry_on_400(sandbox_server, amazon_settings, amazon_transport):
    with pytest.raises(CodeExpired):
        exchange_code("ANnotacode", amazon_settings, amazon_transport)
    assert sandbox_server.sandbox.calls("token") == 1


def test_rate_limit_429_is_mapped_and_not_retried(sandbox_server, amazon_settings,
                                                  amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport)
    sandbox_server.sandbox.fail_next(1, "rate_limit", "spapi")
    with pytest.raises(RateLimited) as info:
        get_marketplace_participations(tokens.access_token, "US", amazon_settings,
                                       amazon_transport)
    assert info.value.status == 429 and info.value.code == "QuotaExceeded"
    assert "few minutes" in info.value.message()
    assert sandbox_server.sandbox.calls("spapi") == 1
    sandbox_server.sandbox.fail_next(1, "rate_limit", "token")
    with pytest.raises(RateLimited):
        refresh(tokens.refresh_token, amazon_settings, amazon_transport)


def test_sellers_api_burst_limit(sandbox_server, amazon_settings, amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport)
    for _ in range(15):
        get_marketplace_participations(tokens.access_token, "US", amazon_settings,
                                       amazon_transport)
    with pytest.raises(RateLimited):
        get_marketplace_participations(tokens.access_token, "US", amazon_settings,
                                       amazon_transport)
    sandbox_server.sandbox.advance(seconds=63)  # 0.016/s refills one call in ~62.5 s
    assert get_marketplace_participations(tokens.access_token, "US", amazon_settings,
                                          amazon_transport)


def test_get_retried_after_5xx_then_succeeds(sandbox_server, amazon_settings,
                                             amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport)
    sandbox_server.sandbox.fail_next(2, "server_error", "spapi")
    participations = get_marketplace_participations(tokens.access_token, "US",
                                                    amazon_settings, amazon_transport)
    assert len(participations) == 3
    assert sandbox_server.sandbox.calls("spapi") == 3


def test_get_gives_up_after_retries(sandbox_server, amazon_settings, amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport)
    sandbox_server.sandbox.fail_next(10, "unavailable", "spapi")
    with pytest.raises(AmazonUnavailable) as info:
        get_marketplace_participations(tokens.access_token, "US", amazon_settings,
                                       amazon_transport)
    assert info.value.status == 503
    assert sandbox_server.sandbox.calls("spapi") == 1 + amazon_settings.retries


def test_get_timeout_is_retried(sandbox_server, amazon_settings):
    settings = amazon_settings.with_(timeout=(1.0, 0.3))
    with RequestsTransport.from_settings(settings) as transport:
        _, tokens = _connect(settings, transport)
        sandbox_server.sandbox.fail_next(1, "timeout", "spapi", delay=1.0)
        started = time.monotonic()
        assert get_marketplace_participations(tokens.access_token, "US", settings, transport)
        assert time.monotonic() - started < 1.0  # did not wait for the slow answer
        assert sandbox_server.sandbox.calls("spapi") == 2


def test_code_exchange_timeout_is_not_repeated(sandbox_server, amazon_settings):
    settings = amazon_settings.with_(timeout=(1.0, 0.3))
    code, _ = sandbox_server.sandbox.grant_code(redirect_uri=APP_URL)
    sandbox_server.sandbox.fail_next(1, "timeout", "token", delay=1.0)
    with RequestsTransport.from_settings(settings) as transport:
        started = time.monotonic()
        with pytest.raises(AmazonTimeout) as info:
            exchange_code(code, settings, transport)
        assert time.monotonic() - started < 0.9
        assert info.value.code == "timeout" and "in time" in info.value.message()
        assert sandbox_server.sandbox.calls("token") == 1  # the single-use code is not re-sent
        # (the sandbox answered nothing, so the code is still unused)
        assert exchange_code(code, settings, transport).refresh_token


def test_refresh_timeout_is_retried(sandbox_server, amazon_settings, amazon_transport):
    _, tokens = _connect(amazon_settings, amazon_transport)
    settings = amazon_settings.with_(timeout=(1.0, 0.3))
    sandbox_server.sandbox.fail_next(1, "timeout", "token", delay=1.0)
    with RequestsTransport.from_settings(settings) as transport:
        assert refresh(tokens.refresh_token, settings, transport).access_token
    assert sandbox_server.sandbox.calls("token") == 3  # exchange + timed out + retried


def test_connection_refused_is_unavailable_after_retries(amazon_settings):
    dead = amazon_settings.with_(token_url="http://127.0.0.1:9/auth/o2/token")
    sleeps = []
    with RequestsTransport.from_settings(dead, sleep=sleeps.append) as transport, \
            pytest.raises(AmazonUnavailable) as info:
        refresh("Atzr|x", dead, transport)
    assert info.value.code == "network_error"
    assert not isinstance(info.value, AmazonTimeout)
    assert sleeps == []  # connection failures are retried by urllib3, not the body loop


def test_bad_requests_map_to_bad_request(sandbox_server, amazon_settings):
    token_url = amazon_settings.token_url
    base = {"client_id": amazon_settings.client_id,
            "client_secret": amazon_settings.client_secret.reveal()}
    cases = [
        ({**base}, 400, "invalid_request"),
        ({**base, "grant_type": "password"}, 400, "unsupported_grant_type"),
        ({**base, "grant_type": "authorization_code"}, 400, "invalid_request"),
        ({**base, "grant_type": "refresh_token"}, 400, "invalid_request"),
        ({"grant_type": "refresh_token", "refresh_token": "Atzr|x"}, 401, "invalid_client"),
    ]
    for form, status, error in cases:
        response = requests.post(token_url, data=form, timeout=5)
        assert response.status_code == status
        assert response.json()["error"] == error
        assert set(response.json()) == {"error", "error_description"}
    from asc_widgets.core.amazon.errors import error_from_response

    err = error_from_response("lwa", "refresh_token", 400,
                              {"error": "unsupported_grant_type", "error_description": "x"})
    assert isinstance(err, BadRequest) and "unsupported_grant_type" in err.message()


def test_exact_lwa_error_bodies(sandbox_server, amazon_settings):
    form = {"grant_type": "refresh_token", "refresh_token": "Atzr|nope",
            "client_id": amazon_settings.client_id,
            "client_secret": amazon_settings.client_secret.reveal()}
    response = requests.post(amazon_settings.token_url, data=form, timeout=5)
    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_grant",
        "error_description": "The request has an invalid grant parameter : refresh_token. "
                             "User may have revoked or didn't grant the permission."}
    assert response.headers["Cache-Control"] == "no-store"
    form = {**form, "grant_type": "authorization_code", "code": "ANx"}
    assert requests.post(amazon_settings.token_url, data=form, timeout=5).json() == {
        "error": "invalid_grant",
        "error_description": "The request has an invalid grant parameter : code"}
    form["client_secret"] = "nope"
    response = requests.post(amazon_settings.token_url, data=form, timeout=5)
    assert response.status_code == 401
    assert response.json() == {"error": "invalid_client",
                               "error_description": "Client authentication failed"}


def test_client_secret_in_basic_auth_is_accepted(sandbox_server, amazon_settings):
    code, _ = sandbox_server.sandbox.grant_code()
    response = requests.post(amazon_settings.token_url,
                             data={"grant_type": "authorization_code", "code": code},
                             auth=(amazon_settings.client_id,
                                   amazon_settings.client_secret.reveal()), timeout=5)
    assert response.status_code == 200 and response.json()["token_type"] == "bearer"


def test_missing_access_token_gets_403(amazon_settings):
    response = requests.get(amazon_settings.spapi_endpoint("NA")
                            + "/sellers/v1/marketplaceParticipations", timeout=5)
    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "Unauthorized"
    assert response.headers.get("x-amzn-RequestId")


def test_state_survives_a_sandbox_restart(sandbox_state_path, sandbox_clock):
    with SandboxServer(sandbox_state_path, clock=sandbox_clock) as first:
        settings = first.settings(APP_URL, backoff_factor=0.01)
        callback = parse_callback(authorize(settings, state="s")).require("s")
        tokens = exchange_code(callback.code, settings)
        other_code, _ = first.sandbox.grant_code(redirect_uri=APP_URL)
        first.sandbox.advance(minutes=2)
        first.sandbox.revoke("uk-seller@example.com")
    with SandboxServer(sandbox_state_path, clock=sandbox_clock) as second:
        settings = second.settings(APP_URL, backoff_factor=0.01)
        assert (second.sandbox.now() - sandbox_clock.now()).total_seconds() == 120
        assert refresh(tokens.refresh_token, settings).access_token  # token known
        with pytest.raises(CodeExpired):  # used code stays used
            exchange_code(callback.code, settings)
        assert exchange_code(other_code, settings).refresh_token  # unused code still valid
        assert get_marketplace_participations(tokens.access_token, "US", settings)


def test_concurrent_exchanges_of_one_code_succeed_once(sandbox_server, amazon_settings):
    code, _ = sandbox_server.sandbox.grant_code(redirect_uri=APP_URL)
    results = []

    def attempt():
        try:
            results.append(exchange_code(code, amazon_settings))
        except AmazonError as exc:
            results.append(exc)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(isinstance(r, TokenSet) for r in results) == 1
    assert sum(isinstance(r, CodeExpired) for r in results) == 7


def test_amazon_client_bundles_the_calls(sandbox_server, amazon_settings, amazon_transport,
                                         sandbox_clock):
    client = AmazonClient(amazon_settings, amazon_transport, sandbox_clock)
    assert "secret" not in repr(client)
    url = client.consent_url("US", "st")
    assert url.startswith(sandbox_server.urls.consent("US") + "?")
    code, seller_id = sandbox_server.sandbox.grant_code(redirect_uri=APP_URL)
    tokens = client.exchange_code(code)
    assert tokens.obtained_at == sandbox_clock.now()
    verification = client.verify(tokens.refresh_token, "MX")
    assert verification.participation.marketplace.code == "MX"
    assert {p.marketplace.code for p in verification.participations} == {"US", "CA", "MX"}
    assert client.refresh(tokens.refresh_token).access_token
    assert len(client.participations(tokens.access_token, "CA")) == 3

"""The Commerce REST client against the fake store over real HTTP: endpoints, credentials,
errors, retries, timeouts, connection reuse, and secrets kept out of messages and logs."""

from __future__ import annotations

import logging
import socket
import time
import traceback

import pytest
import requests
from commerce_fake import OAUTH, TOKEN, FakeCommerce
from requests_oauthlib import OAuth1

from asc_widgets.core.commerce import (
    BearerToken,
    CommerceAuthError,
    CommerceClient,
    CommerceConfig,
    CommerceConfigError,
    CommerceHTTPError,
    CommerceNetworkError,
    CommerceResponseError,
    OAuth1Credentials,
    fill_placeholders,
)
from asc_widgets.core.commerce.auth import redact

SECRETS = [TOKEN, *OAUTH.values()]
PERMISSIONS = ("Magento_Backend::store", "Magento_Catalog::attributes_attributes",
               "Magento_Catalog::products")


@pytest.fixture
def fake():
    with FakeCommerce() as server:
        yield server


def client_for(fake: FakeCommerce, kind: str = "bearer", **overrides: object) -> CommerceClient:
    settings = {"backoff": 0.001, "retries": 3, **overrides}
    return CommerceClient(CommerceConfig.from_env(fake.env(kind), **settings))


def assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


# --- endpoints -----------------------------------------------------------------------------

def test_websites_and_store_views_without_the_admin_rows(fake: FakeCommerce) -> None:
    client = client_for(fake)
    assert [(w["id"], w["code"]) for w in client.websites()] == [(1, "base"), (2, "us_store")]
    assert [(s["id"], s["code"], s["website_id"]) for s in client.store_views()] == [
        (1, "default", 1), (2, "us_en", 2)]


def test_product_attributes_are_paged_sorted_and_trimmed(fake: FakeCommerce) -> None:
    attributes = client_for(fake, page_size=4).product_attributes()
    assert [a["attribute_code"] for a in attributes] == [
        "name", "sku", "description", "price", "color", "upc", "ean", "amazon_asin",
        "amazon_condition"]
    assert set(attributes[0]) == {"attribute_id", "attribute_code", "frontend_input",
                                  "backend_type", "default_frontend_label", "is_user_defined"}
    queries = [r.query for r in fake.requests]
    assert [q["searchCriteria[currentPage]"] for q in queries] == ["1", "2", "3"]
    assert all(q["searchCriteria[sortOrders][0][field]"] == "attribute_id" for q in queries)


def test_store_code_selects_the_store_view_scope(fake: FakeCommerce) -> None:
    client = CommerceClient(CommerceConfig.from_env(
        fake.env(ASC_COMMERCE_STORE_CODE="default")))
    client.websites()
    assert fake.requests[-1].path == "/rest/default/V1/store/websites"


# --- credentials ---------------------------------------------------------------------------

def test_bearer_token_is_sent_as_bearer(fake: FakeCommerce) -> None:
    client_for(fake).websites()
    assert fake.requests[-1].auth == "bearer"


def test_oauth1_requests_are_signed_with_hmac_sha256(fake: FakeCommerce) -> None:
    fake.auth = "oauth1"  # the fake checks the HMAC-SHA256 signature over the query too
    client = client_for(fake, "oauth1", page_size=5)
    assert len(client.product_attributes()) == 9
    assert {r.auth for r in fake.requests} == {"oauth1"}


def test_the_fake_refuses_other_signature_methods(fake: FakeCommerce) -> None:
    fake.auth = "oauth1"
    sha1 = OAuth1(OAUTH["consumer_key"], OAUTH["consumer_secret"], OAUTH["access_token"],
                  OAUTH["access_token_secret"])  # requests-oauthlib's default: HMAC-SHA1
    assert requests.get(f"{fake.url}/rest/V1/store/websites", auth=sha1).status_code == 401


def test_wrong_oauth_secret_is_refused_with_advice(fake: FakeCommerce) -> None:
    fake.auth = "oauth1"
    env = fake.env("oauth1", ASC_COMMERCE_ACCESS_TOKEN_SECRET="not-the-secret")
    client = CommerceClient(CommerceConfig.from_env(env))
    with pytest.raises(CommerceAuthError) as caught:
        client.websites()
    message = str(caught.value)
    assert "OAuth 1.0a credentials are wrong" in message
    assert all(p in message for p in PERMISSIONS)


def test_401_explains_both_causes_and_names_the_permissions(fake: FakeCommerce) -> None:
    fake.bearer_enabled = False  # 2.4.4+ default: integration tokens are not bearer tokens
    with pytest.raises(CommerceAuthError) as caught:
        client_for(fake).websites()
    error = caught.value
    assert error.status == 401
    assert error.magento_message == ("The consumer isn't authorized to access "
                                     "Magento_Backend::store.")
    message = str(error)
    assert "%resources" not in message and "Magento_Backend::store." in message
    assert "lacks a permission" in message
    assert "2.4.4" in message and "oauth/consumer/enable_integration_as_bearer" in message
    assert all(p in message for p in PERMISSIONS)
    chinese = error.message("zh-CN")
    assert "oauth/consumer/enable_integration_as_bearer" in chinese and "权限" in chinese


def test_401_for_one_missing_permission_names_that_resource(fake: FakeCommerce) -> None:
    fake.permissions = frozenset({"Magento_Backend::store",
                                  "Magento_Catalog::attributes_attributes"})
    client = client_for(fake)
    assert len(client.websites()) == 2
    with pytest.raises(CommerceAuthError, match="access Magento_Catalog::products"):
        next(client.product_pages(["upc"]))


# --- errors --------------------------------------------------------------------------------

def test_search_criteria_is_required_and_the_message_filled_in(fake: FakeCommerce) -> None:
    with pytest.raises(CommerceHTTPError) as caught:
        client_for(fake).get("products")
    assert caught.value.status == 400
    assert caught.value.magento_message == '"searchCriteria" is required. Enter and try again.'
    assert str(caught.value) == ('Adobe Commerce answered 400 to products: "searchCriteria" is '
                                 'required. Enter and try again.')


def test_unknown_route_is_a_404_with_advice(fake: FakeCommerce) -> None:
    with pytest.raises(CommerceHTTPError) as caught:
        client_for(fake).get("no/such/route")
    assert caught.value.status == 404
    assert "Request does not match any route." in str(caught.value)
    assert "ASC_COMMERCE_URL" in str(caught.value)


@pytest.mark.parametrize(("message", "parameters", "expected"), [
    ("The consumer isn't authorized to access %resources.",
     {"resources": "Magento_Catalog::products"},
     "The consumer isn't authorized to access Magento_Catalog::products."),
    ('"%fieldName" is required.', {"fieldName": "searchCriteria"}, '"searchCriteria" is required.'),
    ("%1 of %2 items, %10th", list("abcdefghij"), "a of b items, jth"),
    ("No such entity with %fieldName = %fieldValue",
     {"fieldName": "sku", "fieldValue": "X-1"}, "No such entity with sku = X-1"),
    ("Value %1 and %2", {"0": "zero", "1": "one"}, "Value zero and one"),
    ("Attributes %1", [["a", "b"]], "Attributes a, b"),
    ("Nothing to fill %name", None, "Nothing to fill %name"),
    ("Unknown %other stays", {"name": "x"}, "Unknown %other stays"),
])
def test_fill_placeholders(message: str, parameters: object, expected: str) -> None:
    assert fill_placeholders(message, parameters) == expected


def test_non_json_answer_is_reported() -> None:
    response = requests.Response()
    response.status_code = 200
    response.headers["Content-Type"] = "text/html"
    response._content = b"<html>Sign in</html>"
    client = CommerceClient(CommerceConfig("https://shop.example.com", BearerToken(TOKEN)))
    with pytest.raises(CommerceResponseError, match="something other than JSON .*text/html"):
        client._decode("store/websites", response)


# --- retries, timeouts, connections --------------------------------------------------------

def test_429_then_success_is_retried(fake: FakeCommerce) -> None:
    fake.fail("store/websites", 429, retry_after="0")
    assert len(client_for(fake).websites()) == 2
    assert [r.path for r in fake.requests] == ["/rest/V1/store/websites"] * 2


def test_503_is_retried_with_backoff_until_it_succeeds(fake: FakeCommerce) -> None:
    fake.fail("store/websites", 503, 502, 504)
    assert len(client_for(fake, retries=3).websites()) == 2
    assert len(fake.requests) == 4


def test_503_past_the_retries_says_the_store_is_busy(fake: FakeCommerce) -> None:
    fake.fail("store/websites", *([503] * 10))
    with pytest.raises(CommerceHTTPError) as caught:
        client_for(fake, retries=2).websites()
    assert caught.value.status == 503
    assert len(fake.requests) == 3
    assert "answered 503 to store/websites 3 times in a row" in str(caught.value)
    assert caught.value.magento_message == "Service Unavailable"  # the proxy's HTML is not shown


def test_backoff_grows_between_retries(fake: FakeCommerce) -> None:
    fake.fail("store/websites", 503, 503, 503)
    started = time.perf_counter()
    client_for(fake, retries=3, backoff=0.05).websites()
    # urllib3 waits 0, then backoff * 2, then backoff * 4 (jitter-free): 0.3 s in all.
    assert 0.25 <= time.perf_counter() - started < 5


def test_dropped_connection_is_retried(fake: FakeCommerce) -> None:
    fake.fail("store/websites", "drop")
    assert len(client_for(fake).websites()) == 2


def test_connection_refused_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again when the block ends: nobody listens
    env = {"ASC_COMMERCE_URL": f"http://127.0.0.1:{port}", "ASC_COMMERCE_TOKEN": TOKEN}
    client = CommerceClient(CommerceConfig.from_env(env, retries=1, backoff=0.001))
    with pytest.raises(CommerceNetworkError) as caught:
        client.websites()
    message = str(caught.value)
    assert f"Cannot reach Adobe Commerce at http://127.0.0.1:{port} (2 attempts)" in message
    assert "refused" in message.lower()
    assert_no_secret("".join(traceback.format_exception(caught.value)))


def test_slow_store_times_out_after_the_retries(fake: FakeCommerce) -> None:
    fake.delay = 1.0
    client = client_for(fake, retries=1, timeout=(1.0, 0.2))
    started = time.perf_counter()
    with pytest.raises(CommerceNetworkError) as caught:
        client.websites()
    assert time.perf_counter() - started < 1.5
    assert "did not answer within 0.2 seconds (2 attempts)" in str(caught.value)
    assert len(fake.requests) == 2


def test_one_connection_is_reused(fake: FakeCommerce) -> None:
    client = client_for(fake, page_size=3)
    client.websites()
    client.store_views()
    client.product_attributes()
    assert len(fake.requests) == 5
    assert fake.connections == 1


# --- secrets -------------------------------------------------------------------------------

def test_secrets_stay_out_of_reprs_errors_and_logs(fake: FakeCommerce,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    texts = []
    for kind, auth in (("bearer", "bearer"), ("oauth1", "oauth1")):
        fake.auth = auth
        fake.bearer_enabled = True
        client = client_for(fake, kind)
        client.websites()
        next(client.product_pages(["upc"]))
        texts += [repr(client), repr(client.config), str(client.config),
                  repr(client.config.credentials), repr(client._auth)]
        fake.bearer_enabled = False
        fake.permissions = frozenset()
        with pytest.raises(CommerceAuthError) as caught:
            client.websites()
        texts += [str(caught.value), repr(caught.value), caught.value.message("zh-CN"),
                  "".join(traceback.format_exception(caught.value))]
        fake.permissions = FakeCommerce().permissions
    texts.append(caplog.text)
    assert "oauth_signature" in caplog.text  # the OAuth debug logs were produced, masked
    for text in texts:
        assert_no_secret(text)
    assert redact(f"Bearer {TOKEN}") == "Bearer ***"


def test_credentials_reprs_are_masked() -> None:
    assert repr(BearerToken("abcdef")) == "BearerToken(token=***)"
    text = repr(OAuth1Credentials("key-1234", "secret-1", "token-12", "secret-2"))
    assert not any(v in text for v in ("key-1234", "secret-1", "token-12", "secret-2"))
    assert text.count("***") == 4


# --- configuration -------------------------------------------------------------------------

@pytest.mark.parametrize(("env", "names"), [
    ({}, ["ASC_COMMERCE_URL"]),
    ({"ASC_COMMERCE_URL": "https://shop.example.com"}, ["ASC_COMMERCE_TOKEN"]),
    ({"ASC_COMMERCE_URL": "https://shop.example.com", "ASC_COMMERCE_CONSUMER_KEY": "key1"},
     ["ASC_COMMERCE_CONSUMER_SECRET", "ASC_COMMERCE_ACCESS_TOKEN",
      "ASC_COMMERCE_ACCESS_TOKEN_SECRET"]),
    ({"ASC_COMMERCE_URL": "shop.example.com", "ASC_COMMERCE_TOKEN": "t0k3n"},
     ["ASC_COMMERCE_URL"]),
    ({"ASC_COMMERCE_URL": "https://shop.example.com", "ASC_COMMERCE_TOKEN": "t0k3n",
      "ASC_COMMERCE_PAGE_SIZE": "lots"}, ["ASC_COMMERCE_PAGE_SIZE"]),
])
def test_configuration_errors_name_the_variable(env: dict[str, str], names: list[str]) -> None:
    with pytest.raises(CommerceConfigError) as caught:
        CommerceConfig.from_env(env)
    for name in names:
        assert name in str(caught.value)
        assert name in caught.value.message("zh-CN")


def test_configuration_from_environment() -> None:
    bearer = CommerceConfig.from_env({"ASC_COMMERCE_URL": "https://shop.example.com/rest/V1/",
                                      "ASC_COMMERCE_TOKEN": " t0k3n ",
                                      "ASC_COMMERCE_PAGE_SIZE": "150"})
    assert (bearer.base_url, bearer.auth_kind, bearer.page_size) == (
        "https://shop.example.com", "bearer", 150)
    assert bearer.credentials == BearerToken("t0k3n")
    assert bearer.rest_url("products") == "https://shop.example.com/rest/V1/products"
    oauth = CommerceConfig.from_env({
        "ASC_COMMERCE_URL": "https://shop.example.com/rest/de_de/V1",
        "ASC_COMMERCE_TOKEN": "ignored-when-oauth-is-set",
        **{f"ASC_COMMERCE_{k.upper()}": v for k, v in OAUTH.items()}})
    assert oauth.auth_kind == "oauth1" and oauth.store_code == "de_de"
    assert oauth.rest_url("store/websites") == "https://shop.example.com/rest/de_de/V1/store/websites"

"""consent_url and parse_callback: pure functions, no HTTP."""

from urllib.parse import parse_qs, urlsplit

import pytest

from asc_widgets.core.amazon import (
    AmazonSettings,
    AuthorizationNotGranted,
    InvalidCallback,
    consent_url,
    new_state,
    parse_callback,
    states_match,
)
from asc_widgets.core.marketplaces import get_marketplace

LIVE = {
    "ASC_AMAZON": "live",
    "ASC_LWA_CLIENT_ID": "amzn1.application-oa2-client.0123456789abcdef",
    "ASC_LWA_CLIENT_SECRET": "secret",
    "ASC_SPAPI_APP_ID": "amzn1.sellerapps.app.11111111-2222-4333-8444-555555555555",
    "ASC_REDIRECT_URI": "https://commerce.example.com/asc/?tab=connect",
    "ASC_SPAPI_DRAFT": "true",
}


def _split(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", parse_qs(parts.query)


@pytest.mark.parametrize("code,host", [
    ("US", "https://sellercentral.amazon.com"),
    ("CA", "https://sellercentral.amazon.ca"),
    ("MX", "https://sellercentral.amazon.com.mx"),
    ("UK", "https://sellercentral-europe.amazon.com"),
])
def test_consent_url_per_marketplace(code, host):
    settings = AmazonSettings.from_env(LIVE)
    base, query = _split(consent_url(code, "s t&ate", settings))
    assert base == host + "/apps/authorize/consent"
    assert query == {"application_id": [settings.app_id], "state": ["s t&ate"],
                     "redirect_uri": ["https://commerce.example.com/asc/?tab=connect"],
                     "version": ["beta"]}


def test_published_app_has_no_version_and_redirect_is_optional():
    settings = AmazonSettings.from_env({**LIVE, "ASC_SPAPI_DRAFT": "false"})
    _, query = _split(consent_url(get_marketplace("gb"), "st", settings))
    assert "version" not in query
    _, query = _split(consent_url("US", "st", settings.with_(redirect_uri=None)))
    assert set(query) == {"application_id", "state"}


def test_consent_url_needs_state_and_known_marketplace():
    settings = AmazonSettings.from_env({})
    with pytest.raises(ValueError):
        consent_url("US", "", settings)
    with pytest.raises(KeyError):
        consent_url("DE", "st", settings)


def test_parse_full_url_ignores_mws_auth_token():
    cb = parse_callback("https://app.example.com/?state=abc&selling_partner_id=A1XYZSELLER01"
                        "&mws_auth_token=amzn.mws.old&spapi_oauth_code=ANcode123#frag")
    assert cb.state == "abc" and cb.selling_partner_id == "A1XYZSELLER01"
    assert cb.code.reveal() == "ANcode123" and cb.granted and cb.error is None
    assert "mws" not in repr(cb) and "ANcode123" not in repr(cb) + str(cb)
    assert cb.require("abc") is cb


@pytest.mark.parametrize("value", [
    "?state=abc&selling_partner_id=A1&spapi_oauth_code=ANx",
    "state=abc&selling_partner_id=A1&spapi_oauth_code=ANx",
    {"state": "abc", "selling_partner_id": "A1", "spapi_oauth_code": "ANx"},
    {"state": ["abc"], "selling_partner_id": ["A1"], "spapi_oauth_code": ["ANx", "ANx"]},
])
def test_parse_query_forms(value):
    cb = parse_callback(value)
    assert (cb.state, cb.selling_partner_id, cb.code.reveal()) == ("abc", "A1", "ANx")


def test_cancel_without_code_is_not_granted():
    cb = parse_callback("state=abc")
    assert not cb.granted
    with pytest.raises(AuthorizationNotGranted) as info:
        cb.require("abc")
    assert info.value.code == "no_code"
    assert "Connect store" in info.value.message()


def test_error_parameter_means_not_granted_even_with_code():
    cb = parse_callback("state=abc&error=access_denied&spapi_oauth_code=ANx")
    assert not cb.granted
    with pytest.raises(AuthorizationNotGranted) as info:
        cb.require("abc")
    assert info.value.code == "access_denied"


def test_state_mismatch_is_checked_first():
    cb = parse_callback("state=evil&selling_partner_id=A1&spapi_oauth_code=ANx")
    with pytest.raises(InvalidCallback) as info:
        cb.require("abc")
    assert info.value.code == "state_mismatch"
    with pytest.raises(InvalidCallback):
        parse_callback("selling_partner_id=A1&spapi_oauth_code=ANx").require("abc")
    with pytest.raises(InvalidCallback):
        cb.require(None)


def test_granted_without_seller_id_is_invalid():
    with pytest.raises(InvalidCallback) as info:
        parse_callback("state=abc&spapi_oauth_code=ANx").require("abc")
    assert info.value.code == "missing_selling_partner_id"


def test_conflicting_duplicates_are_refused():
    with pytest.raises(InvalidCallback):
        parse_callback("state=a&state=b&spapi_oauth_code=ANx")


def test_empty_input_gives_nothing():
    cb = parse_callback("")
    assert (cb.state, cb.code, cb.selling_partner_id, cb.granted) == (None, None, None, False)


def test_new_state_is_unique_and_compared_safely():
    a, b = new_state(), new_state()
    assert a != b and len(a) >= 40
    assert states_match(a, a) and not states_match(a, b)
    assert not states_match(None, None) and not states_match("", "")

"""AmazonSettings.from_env: the sandbox by default, Amazon with ASC_AMAZON=live."""

import pytest

from asc_widgets.core.amazon import AmazonConfigError, AmazonSettings, sandbox_urls
from asc_widgets.core.amazon.settings import SANDBOX_CLIENT_SECRET

LIVE = {
    "ASC_AMAZON": "live",
    "ASC_LWA_CLIENT_ID": "amzn1.application-oa2-client.0123456789abcdef",
    "ASC_LWA_CLIENT_SECRET": "amzn1.oa2-cs.v1.live-secret-value",
    "ASC_SPAPI_APP_ID": "amzn1.sp.solution.11111111-2222-4333-8444-555555555555",
    "ASC_REDIRECT_URI": "https://commerce.example.com/asc/",
    "ASC_SPAPI_DRAFT": "false",
}


def test_sandbox_is_the_default_and_lives_under_the_app_url():
    settings = AmazonSettings.from_env({}, "http://127.0.0.1:8866")
    assert settings.mode == "sandbox" and settings.draft is True
    root = "http://127.0.0.1:8866/amazon-sandbox/"
    assert settings.token_url == root + "auth/o2/token"
    assert settings.spapi_endpoint("NA") == root + "spapi/na"
    assert settings.spapi_endpoint("UK") == root + "spapi/eu"  # a marketplace finds its region
    assert settings.seller_central_url("CA") == root + "sellercentral/CA"
    assert settings.redirect_uri == "http://127.0.0.1:8866/"
    assert settings.client_id == "amzn1.application-oa2-client.sandbox"
    assert settings.client_secret.reveal() == SANDBOX_CLIENT_SECRET


def test_app_url_from_env_and_port_default():
    assert AmazonSettings.from_env({"ASC_PORT": "9000"}).redirect_uri == "http://127.0.0.1:9000/"
    env = {"ASC_APP_URL": "https://asc.example.com/tools/"}
    settings = AmazonSettings.from_env(env)
    assert settings.token_url == "https://asc.example.com/tools/amazon-sandbox/auth/o2/token"


def test_sandbox_url_override_points_at_a_standalone_sandbox():
    env = {"ASC_SANDBOX_URL": "http://127.0.0.1:8877/amazon-sandbox"}
    settings = AmazonSettings.from_env(env, "http://127.0.0.1:8866/")
    assert settings.token_url == "http://127.0.0.1:8877/amazon-sandbox/auth/o2/token"
    assert settings.redirect_uri == "http://127.0.0.1:8866/"
    assert sandbox_urls("http://127.0.0.1:8877/").token_url == settings.token_url


def test_secret_never_in_repr():
    for settings in (AmazonSettings.from_env({}), AmazonSettings.from_env(LIVE)):
        text = repr(settings) + str(settings)
        assert settings.client_secret.reveal() not in text
        assert "client_secret" not in text
        assert str(settings.client_secret) == "**********"


def test_live_uses_amazon_hosts():
    settings = AmazonSettings.from_env(LIVE, "https://ignored.example.com/")
    assert settings.mode == "live" and settings.draft is False
    assert settings.token_url == "https://api.amazon.com/auth/o2/token"
    assert settings.spapi_endpoint("US") == "https://sellingpartnerapi-na.amazon.com"
    assert settings.spapi_endpoint("UK") == "https://sellingpartnerapi-eu.amazon.com"
    assert settings.seller_central_url("MX") == "https://sellercentral.amazon.com.mx"
    assert settings.seller_central_url("UK") == "https://sellercentral-europe.amazon.com"
    assert settings.redirect_uri == "https://commerce.example.com/asc/"
    assert settings.client_secret.reveal() == "amzn1.oa2-cs.v1.live-secret-value"


def test_live_names_every_missing_variable_without_values():
    env = {"ASC_AMAZON": "live", "ASC_LWA_CLIENT_ID": "amzn1.application-oa2-client.x"}
    with pytest.raises(AmazonConfigError) as info:
        AmazonSettings.from_env(env)
    assert info.value.names == ["ASC_LWA_CLIENT_SECRET", "ASC_SPAPI_APP_ID",
                                "ASC_REDIRECT_URI", "ASC_SPAPI_DRAFT"]
    assert "amzn1.application-oa2-client.x" not in str(info.value)
    assert "ASC_SPAPI_DRAFT" in info.value.message("zh-CN")


def test_overrides_per_region_and_marketplace():
    env = {**LIVE,
           "ASC_LWA_TOKEN_URL": "https://lwa.test/auth/o2/token",
           "ASC_SPAPI_ENDPOINT": "https://sandbox.sellingpartnerapi-na.amazon.com",
           "ASC_SPAPI_ENDPOINT_EU": "https://sandbox.sellingpartnerapi-eu.amazon.com/",
           "ASC_SELLER_CENTRAL_URL_GB": "https://sellercentral.amazon.co.uk",
           "ASC_SELLER_CENTRAL_URL_CA": "https://ca.test"}
    settings = AmazonSettings.from_env(env)
    assert settings.token_url == "https://lwa.test/auth/o2/token"
    assert settings.spapi_endpoint("NA") == "https://sandbox.sellingpartnerapi-na.amazon.com"
    assert settings.spapi_endpoint("EU") == "https://sandbox.sellingpartnerapi-eu.amazon.com"
    assert settings.seller_central_url("UK") == "https://sellercentral.amazon.co.uk"
    assert settings.seller_central_url("CA") == "https://ca.test"
    assert settings.seller_central_url("US") == "https://sellercentral.amazon.com"
    single = AmazonSettings.from_env({**LIVE, "ASC_SELLER_CENTRAL_URL": "https://sc.test"})
    assert {single.seller_central_url(c) for c in ("US", "CA", "MX", "UK")} == {"https://sc.test"}


@pytest.mark.parametrize("value,expected", [("true", True), ("1", True), ("Yes", True),
                                            ("off", False), ("0", False)])
def test_draft_flag(value, expected):
    assert AmazonSettings.from_env({**LIVE, "ASC_SPAPI_DRAFT": value}).draft is expected


@pytest.mark.parametrize("name,value", [
    ("ASC_SPAPI_DRAFT", "maybe"),
    ("ASC_SPAPI_APP_ID", "amzn1.sellerapps.app.not-a-uuid"),
    ("ASC_REDIRECT_URI", "https://commerce.example.com/cb#done"),
    ("ASC_REDIRECT_URI", "commerce.example.com/cb"),
    ("ASC_LWA_TOKEN_URL", "ftp://lwa.test/"),
    ("ASC_AMAZON_TIMEOUT", "soon"),
])
def test_invalid_values_are_refused_by_name(name, value):
    with pytest.raises(AmazonConfigError) as info:
        AmazonSettings.from_env({**LIVE, name: value})
    assert info.value.names == [name]


def test_unknown_mode_is_refused():
    with pytest.raises(AmazonConfigError) as info:
        AmazonSettings.from_env({"ASC_AMAZON": "prod"})
    assert info.value.names == ["ASC_AMAZON"]


def test_timeout_and_retries_from_env():
    settings = AmazonSettings.from_env({"ASC_AMAZON_TIMEOUT": "7.5", "ASC_AMAZON_RETRIES": "1"})
    assert settings.timeout == (5.0, 7.5) and settings.retries == 1


def test_sandbox_mode_accepts_credential_overrides():
    env = {"ASC_LWA_CLIENT_SECRET": "other-secret", "ASC_SPAPI_DRAFT": "no"}
    settings = AmazonSettings.from_env(env)
    assert settings.client_secret.reveal() == "other-secret" and settings.draft is False

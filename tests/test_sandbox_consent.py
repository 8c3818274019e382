"""The sandbox's Seller Central consent pages, driven over HTTP with requests."""

from urllib.parse import parse_qs, urlencode, urlsplit

import requests
from sandbox_fixtures import APP_URL, ConsentBrowser, authorize

from asc_widgets.core.amazon import consent_url, parse_callback
from asc_widgets.sandbox import SandboxConfig, SandboxServer


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_full_consent_flow_with_wrong_password_and_code_then_redirect(amazon_settings):
    browser = ConsentBrowser(consent_url("US", "state-abc", amazon_settings))
    assert browser.response.status_code == 200
    assert browser.response.headers["Referrer-Policy"] == "no-referrer"
    assert "Sign in" in browser.text and 'id="asc-sandbox-email"' in browser.text
    assert browser.flow

    browser.sign_in(password="wrong")
    assert browser.response.status_code == 200
    assert "password is incorrect" in browser.error()
    assert 'value="seller@example.com"' in browser.text  # the login is kept for the retry

    browser.sign_in()
    assert 'id="asc-sandbox-otp"' in browser.text and browser.error() is None
    browser.verify("000000")
    assert "code you entered is not valid" in browser.error()
    browser.verify()
    assert "Amazon Marketplace Web Service" in browser.text
    assert "I understand..." in browser.text

    browser.tick_and_next(tick=False)  # Next without the tick is refused
    assert "I understand..." in browser.error()
    assert 'id="asc-sandbox-next"' in browser.text
    browser.tick_and_next()
    assert "You are almost done" in browser.text
    assert 'id="asc-sandbox-continue"' in browser.text

    browser.continue_()
    assert browser.response.status_code == 302
    assert browser.response.headers["Referrer-Policy"] == "no-referrer"
    location = browser.location
    assert location.startswith(APP_URL + "?")
    query = _query(location)
    assert query["state"] == ["state-abc"]
    assert query["selling_partner_id"] == ["A1SBXDEMONA0001"]
    assert query["spapi_oauth_code"][0].startswith("AN")
    assert "error" not in query

    # The flow is over: replaying Continue does not mint a second code.
    again = browser.continue_()
    assert again.status_code == 400 and "asc-sandbox-error" in again.text


def test_cancel_returns_access_denied_without_code(amazon_settings):
    browser = ConsentBrowser(consent_url("CA", "state-cancel", amazon_settings))
    browser.sign_in()
    browser.verify()
    browser.cancel()
    assert browser.response.status_code == 302
    query = _query(browser.location)
    assert query["state"] == ["state-cancel"]
    assert query["error"] == ["access_denied"]
    assert "spapi_oauth_code" not in query and "selling_partner_id" not in query
    callback = parse_callback(browser.location)
    assert not callback.granted


def test_cancel_on_sign_in_page_also_denies(amazon_settings):
    browser = ConsentBrowser(consent_url("US", "s", amazon_settings))
    browser.cancel()
    assert _query(browser.location)["error"] == ["access_denied"]


def test_uk_seller_has_no_two_step_and_gets_eu_authorization(amazon_settings):
    browser = ConsentBrowser(consent_url("UK", "uk-state", amazon_settings))
    browser.sign_in("UK-Seller@Example.com")  # email is case-insensitive
    assert 'id="asc-sandbox-understand"' in browser.text  # straight to the consent page
    assert "Europe" in browser.text
    browser.tick_and_next()
    browser.continue_()
    assert _query(browser.location)["selling_partner_id"] == ["A1SBXDEMOUK0001"]


def test_phone_number_signs_in_too(amazon_settings):
    browser = ConsentBrowser(consent_url("MX", "s", amazon_settings))
    browser.sign_in("+1 (555) 0100")
    assert 'id="asc-sandbox-otp"' in browser.text


def test_redirect_keeps_existing_query_of_redirect_uri(sandbox_server):
    settings = sandbox_server.settings("http://127.0.0.1:9/app/?lang=zh-CN")
    location = authorize(settings, state="st")
    query = _query(location)
    assert query["lang"] == ["zh-CN"] and query["state"] == ["st"]


def test_draft_app_without_version_gets_md1000(amazon_settings):
    url = consent_url("US", "s", amazon_settings.with_(draft=False))
    assert "version=" not in url
    response = requests.get(url, timeout=5)
    assert response.status_code == 400
    assert "MD1000" in response.text and "version=beta" in response.text
    assert "asc-sandbox-email" not in response.text


def test_published_app_needs_no_version(tmp_path):
    with SandboxServer(tmp_path / "s.json", config=SandboxConfig(draft=False)) as server:
        settings = server.settings(draft=False)
        assert "asc-sandbox-email" in ConsentBrowser(consent_url("US", "s", settings)).text


def test_redirect_uri_with_fragment_gets_md5110(sandbox_server, amazon_settings):
    base = sandbox_server.urls.consent("US")
    params = {"application_id": amazon_settings.app_id, "state": "s", "version": "beta",
              "redirect_uri": "https://app.example.com/cb#frag"}
    response = requests.get(f"{base}?{urlencode(params)}", timeout=5)
    assert response.status_code == 400 and "MD5110" in response.text


def test_bad_or_unknown_application_id_is_refused(sandbox_server, amazon_settings):
    base = sandbox_server.urls.consent("US")
    for app_id in ("", "not-an-app", "amzn1.sellerapps.app.00000000-0000-4000-8000-000000000000"):
        params = {"application_id": app_id, "state": "s", "version": "beta",
                  "redirect_uri": APP_URL}
        response = requests.get(f"{base}?{urlencode(params)}", timeout=5)
        assert response.status_code == 400 and "MD9100" in response.text


def test_missing_state_and_non_http_redirect_are_refused(sandbox_server, amazon_settings):
    base = sandbox_server.urls.consent("US")
    good = {"application_id": amazon_settings.app_id, "state": "s", "version": "beta",
            "redirect_uri": APP_URL}
    no_state = {k: v for k, v in good.items() if k != "state"}
    assert "MD9200" in requests.get(f"{base}?{urlencode(no_state)}", timeout=5).text
    js = {**good, "redirect_uri": "javascript:alert(1)"}
    assert "MD5101" in requests.get(f"{base}?{urlencode(js)}", timeout=5).text
    no_redirect = {k: v for k, v in good.items() if k != "redirect_uri"}
    # Without a redirect_uri the app's registered one is used (amazon_settings registered it).
    assert "asc-sandbox-email" in requests.get(f"{base}?{urlencode(no_redirect)}",
                                               timeout=5).text


def test_without_a_registered_redirect_uri_every_consent_is_refused(tmp_path):
    with SandboxServer(tmp_path / "s.json") as server:
        settings = server.settings("http://127.0.0.1:9/app/", register=False)
        base = server.urls.consent("US")
        for params in ({"redirect_uri": "https://evil.example.net/"}, {}):
            query = {"application_id": settings.app_id, "state": "s", "version": "beta",
                     **params}
            response = requests.get(f"{base}?{urlencode(query)}", timeout=5)
            assert response.status_code == 400 and "MD5101" in response.text
            assert "spapi_oauth_code" not in response.headers.get("Location", "")


def test_registered_redirect_uris_are_enforced(tmp_path):
    config = SandboxConfig(redirect_uris=("https://app.example.com/",))
    with SandboxServer(tmp_path / "s.json", config=config) as server:
        other = server.settings("https://evil.example.net/", register=False)
        response = requests.get(consent_url("US", "s", other), timeout=5)
        assert response.status_code == 400 and "MD5101" in response.text
        registered = server.settings("https://app.example.com/")
        assert ConsentBrowser(consent_url("US", "s", registered)).flow


def test_echoed_text_is_escaped(amazon_settings):
    browser = ConsentBrowser(consent_url("US", "s", amazon_settings))
    browser.sign_in('"><script>alert(1)</script>', "x")
    assert "<script>alert(1)</script>" not in browser.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in browser.text
    assert "default-src 'none'" in browser.response.headers["Content-Security-Policy"]


def test_unknown_flow_and_other_marketplace_are_refused(sandbox_server, amazon_settings):
    browser = ConsentBrowser(consent_url("US", "s", amazon_settings))
    forged = requests.post(sandbox_server.urls.consent("US"),
                           data={"flow": "forged", "action": "signin"}, timeout=5)
    assert forged.status_code == 400 and "expired" in forged.text
    elsewhere = requests.post(sandbox_server.urls.consent("UK"),
                              data={"flow": browser.flow, "action": "signin",
                                    "email": "seller@example.com", "password": "sandbox"},
                              timeout=5)
    assert elsewhere.status_code == 400


def test_out_of_step_submission_shows_current_step(amazon_settings):
    browser = ConsentBrowser(consent_url("US", "s", amazon_settings))
    browser.continue_()  # jumping ahead
    assert "out of date" in browser.error()
    assert 'id="asc-sandbox-email"' in browser.text


def test_flow_expires_with_the_sandbox_clock(sandbox_server, amazon_settings):
    browser = ConsentBrowser(consent_url("US", "s", amazon_settings))
    sandbox_server.sandbox.advance(hours=2)
    browser.sign_in()
    assert browser.response.status_code == 400 and "expired" in browser.text


def test_index_and_seller_central_home(sandbox_server):
    index = requests.get(sandbox_server.urls.root, timeout=5)
    assert index.status_code == 200 and "seller@example.com" in index.text
    home = requests.get(sandbox_server.urls.seller_central("UK"), timeout=5)
    assert home.status_code == 200 and "United Kingdom" in home.text
    assert requests.get(sandbox_server.root + "amazon-sandbox/sellercentral/DE",
                        timeout=5).status_code == 404

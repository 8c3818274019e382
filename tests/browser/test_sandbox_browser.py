"""The consent pages in headless Chromium (Playwright), ending with a real code exchange.

Uses the browser suite's one Chromium (tests/browser/conftest.py): Playwright's sync API
allows one instance per thread.
"""

import pytest
from helpers import pass_two_step, sign_in

from asc_widgets.core.amazon import consent_url, exchange_code, parse_callback

pytestmark = [pytest.mark.browser]


@pytest.fixture
def page(browser, tabs):
    """A page of its own (no app): screenshot on failure and closing as every browser page."""
    tabs.append(browser.new_page())
    return tabs[-1]


def test_consent_pages_in_chromium(page, sandbox_server):
    # The redirect lands on the sandbox's own index page, so the browser can load it.
    settings = sandbox_server.settings(sandbox_server.urls.root, backoff_factor=0.01)
    page.goto(consent_url("US", "browser-state", settings))
    assert page.title().startswith("Sign in")
    sign_in(page, password="not-the-password")
    assert "incorrect" in page.inner_text(".asc-sandbox-error")
    assert page.input_value("#asc-sandbox-email") == "seller@example.com"
    sign_in(page)
    pass_two_step(page)
    assert page.inner_text("h1") == "Amazon Marketplace Web Service"

    page.click("#asc-sandbox-next")  # without the tick
    assert "I understand..." in page.inner_text(".asc-sandbox-error")
    page.check("#asc-sandbox-understand")
    page.click("#asc-sandbox-next")
    assert page.inner_text("h1") == "You are almost done"

    page.click("#asc-sandbox-continue")
    page.wait_for_url(sandbox_server.urls.root + "?*")
    callback = parse_callback(page.url).require("browser-state")
    assert callback.selling_partner_id == "A1SBXDEMONA0001"
    assert exchange_code(callback.code, settings).refresh_token


def test_cancel_in_chromium(page, sandbox_server):
    settings = sandbox_server.settings(sandbox_server.urls.root)
    page.goto(consent_url("UK", "cancel-state", settings))
    sign_in(page, "uk-seller@example.com")
    page.click("#asc-sandbox-cancel")
    page.wait_for_url(sandbox_server.urls.root + "?*")
    callback = parse_callback(page.url)
    assert callback.error == "access_denied" and not callback.granted
    assert callback.state == "cancel-state"

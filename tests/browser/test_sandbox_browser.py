"""The consent pages in headless Chromium (Playwright), ending with a real code exchange.

Uses the browser suite's one Chromium (tests/browser/conftest.py): Playwright's sync API
allows one instance per thread.
"""

from pathlib import Path

import pytest

from asc_widgets.core.amazon import consent_url, exchange_code, parse_callback

pytest_plugins = ["conftest_sandbox"]

pytestmark = [pytest.mark.browser]


@pytest.fixture
def page(browser):
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


def _screenshot_on_failure(page, name):
    folder = Path("test-artifacts")
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_consent_pages_in_chromium(page, sandbox_server):
    # The redirect lands on the sandbox's own index page, so the browser can load it.
    settings = sandbox_server.settings(sandbox_server.urls.root, backoff_factor=0.01)
    try:
        page.goto(consent_url("US", "browser-state", settings))
        assert page.title().startswith("Sign in")
        page.fill("#asc-sandbox-email", "seller@example.com")
        page.fill("#asc-sandbox-password", "not-the-password")
        page.click("#asc-sandbox-signin")
        assert "incorrect" in page.inner_text(".asc-sandbox-error")
        assert page.input_value("#asc-sandbox-email") == "seller@example.com"
        page.fill("#asc-sandbox-password", "sandbox")
        page.click("#asc-sandbox-signin")

        page.fill("#asc-sandbox-otp", "123456")
        page.click("#asc-sandbox-otp-signin")
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
    except Exception:
        _screenshot_on_failure(page, "sandbox-consent")
        raise


def test_cancel_in_chromium(page, sandbox_server):
    settings = sandbox_server.settings(sandbox_server.urls.root)
    page.goto(consent_url("UK", "cancel-state", settings))
    page.fill("#asc-sandbox-email", "uk-seller@example.com")
    page.fill("#asc-sandbox-password", "sandbox")
    page.click("#asc-sandbox-signin")
    page.click("#asc-sandbox-cancel")
    page.wait_for_url(sandbox_server.urls.root + "?*")
    callback = parse_callback(page.url)
    assert callback.error == "access_denied" and not callback.granted
    assert callback.state == "cancel-state"

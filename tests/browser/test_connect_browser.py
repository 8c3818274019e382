"""Connecting a store to Seller Central in Chromium, as a person does it: Connect store, the
link opens the (sandbox) Seller Central in a new tab, sign in, two-step code, "I understand...",
Next, Continue, and that tab lands on the app with the confirmation. Also: a wrong password,
Cancel at Seller Central, and the same landing address opened again (refused).

Every page is a kernel start (a few seconds): the flows share pages where they can.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import card, pass_two_step, seed, sign_in

from asc_widgets.core import StoreStatus
from asc_widgets.widgets.common import local_time

pytestmark = pytest.mark.browser

PAGE_READY_MS = 90_000
US_SELLER = "A1SBXDEMONA0001"


def open_seller_central(page, tabs):
    """Click the panel's link: Seller Central opens in a new tab."""
    link = page.locator(".asc-connect-panel a.asc-consent-link")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener noreferrer"
    with page.context.expect_page() as new_tab:
        link.click()
    tab = new_tab.value
    tabs.append(tab)
    tab.wait_for_selector("#asc-sandbox-email")
    return tab


def wait_for_app(tab):
    tab.wait_for_selector(".asc-add-store", timeout=PAGE_READY_MS)


def test_connect_through_seller_central_then_the_landing_cannot_be_replayed(
        open_app, registry, catalog, tabs, screenshot_dir):
    seed(registry, catalog)
    page = open_app()
    usa = card(page, "Amazon Store USA")
    usa.locator(".asc-connect-store").click()
    panel = page.locator(".asc-connect-panel")
    panel.wait_for(state="visible")
    assert "primary user's credentials" in panel.inner_text()
    assert page.locator(".asc-paste-url input").get_attribute("placeholder") == \
        "Paste the address your browser landed on"
    page.screenshot(path=screenshot_dir / "connect-panel.png")

    tab = open_seller_central(page, tabs)
    sign_in(tab, password="not-the-password")
    tab.locator("#asc-sandbox-error", has_text="password is incorrect").wait_for()
    sign_in(tab)
    pass_two_step(tab)
    tab.check("#asc-sandbox-understand")
    tab.click("#asc-sandbox-next")
    tab.locator("#asc-sandbox-almost-done").wait_for()
    with tab.expect_response(lambda r: "spapi_oauth_code" in r.url
                             and r.request.resource_type == "document") as landed:
        tab.click("#asc-sandbox-continue")

    # The tab lands on the app's own URL: the app finishes and confirms.
    wait_for_app(tab)
    landing = landed.value.url
    assert set(parse_qs(urlsplit(landing).query)) >= {"state", "selling_partner_id",
                                                       "spapi_oauth_code"}
    # The one-time code never leaves as a Referer, and leaves the address bar and history.
    assert landed.value.headers.get("referrer-policy") == "no-referrer"
    message = tab.locator(".asc-message")
    message.locator("text=is connected to Amazon seller").wait_for()
    assert US_SELLER in message.inner_text()
    tab.wait_for_function("() => !window.location.search.includes('spapi_oauth_code')")
    assert urlsplit(tab.url).query == "" and "state=" not in tab.url
    store = registry.find_store("Amazon Store USA")
    assert store.status is StoreStatus.ACTIVE and store.seller_id == US_SELLER
    card(tab, "Amazon Store USA").locator(".asc-view-store").click()
    auth = tab.locator(".asc-dash-auth")
    auth.locator(f"text={US_SELLER}").wait_for()
    assert local_time(store.expires_at) in auth.inner_text()
    assert "365" in auth.inner_text()
    assert store.expires_at.date().isoformat() in message.inner_text()
    tab.set_viewport_size({"width": 1280, "height": 1250})
    tab.screenshot(path=screenshot_dir / "connected-dashboard.png")

    # The first tab: closing the panel re-reads the registry.
    page.click(".asc-connect-close")
    usa.locator(".asc-view-store").wait_for()

    # The same landing address again (reload, history, a shared link): refused, in Chinese
    # with ?lang=zh-CN alongside.
    replay = open_app(f"lang=zh-CN&{urlsplit(landing).query}")
    replay.locator(".asc-message", has_text="此授权回复已被使用").wait_for()
    assert [e.kind for e in registry.events(store.id)] == ["created", "connected"]
    assert "查看商店" in card(replay, "Amazon Store USA").inner_text()


def test_cancel_at_seller_central_says_the_authorization_was_not_granted(open_app, registry,
                                                                         catalog, tabs):
    seed(registry, catalog)
    page = open_app()
    card(page, "Amazon Store USA").locator(".asc-connect-store").click()
    page.locator(".asc-connect-panel").wait_for(state="visible")
    tab = open_seller_central(page, tabs)
    sign_in(tab)
    pass_two_step(tab)
    tab.locator("#asc-sandbox-understand").wait_for()
    tab.click("#asc-sandbox-cancel")
    wait_for_app(tab)
    tab.locator(".asc-message", has_text="The authorization was not granted").wait_for()
    assert card(tab, "Amazon Store USA").locator(".asc-connect-store").is_visible()
    assert registry.find_store("Amazon Store USA").status is StoreStatus.NOT_CONNECTED
    assert registry.events(registry.find_store("Amazon Store USA").id)[-1].kind == "failed"

"""The kit served to a team by a real JupyterHub (deploy/jupyterhub/jupyterhub_config.py) on
127.0.0.1: the dummy authenticator, the local process spawner, the registry on the test suite's
PostgreSQL server. In Chromium: an anonymous visit is sent to the login page; an operator
signs in, adds a store and connects it through the sandbox service (Seller Central sends the
tab back through the landing service to the operator's app); a viewer signs in, sees the
connected store and cannot change it (the buttons say why); the history names the operator.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from helpers import card, fill_form, pass_two_step, sign_in
from hub_server import PROXY, start_hub

from asc_widgets.core import Registry, StoreStatus
from asc_widgets.core.people import NotPermitted, Person

pytestmark = pytest.mark.browser

SERVER_START_MS = 180_000  # sign-in, the person's server start and a kernel, on 2 busy cores
US_SELLER = "A1SBXDEMONA0001"
WHY = "only members of the 'asc-operators' group can change stores"


@pytest.fixture(scope="module")
def team_hub(tmp_path_factory, postgres_server):
    if not PROXY.exists():
        pytest.fail(f"no {PROXY}: `make hub-proxy` installs it", pytrace=False)
    database_url = postgres_server.new_database()
    hub = start_hub(tmp_path_factory.mktemp("hub"), operators=["alice"],
                    ASC_DATABASE_URL=database_url)
    try:
        yield hub, database_url
    finally:
        hub.stop()


def hub_sign_in(page, hub_url: str, name: str) -> None:
    """The Hub's login page: any password passes the dummy authenticator."""
    page.goto(f"{hub_url}hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", "any-password")
    page.click("#login_submit")
    page.wait_for_selector(".asc-add-store", timeout=SERVER_START_MS)


def test_a_team_signs_in_operators_connect_and_viewers_only_look(team_hub, browser, tabs):
    hub, database_url = team_hub
    operator = browser.new_context(viewport={"width": 1280, "height": 900})
    viewer = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        # Anonymous: the app is behind the Hub's sign-in.
        page = operator.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{hub.url}user/alice/voila/render/onboarding_app.ipynb")
        assert urlsplit(page.url).path == "/hub/login"
        assert page.locator("#login_submit").is_visible()

        # The operator signs in and lands on the app, which lets her change stores.
        hub_sign_in(page, hub.url, "alice")
        assert "/user/alice/voila/render/onboarding_app.ipynb" in page.url
        assert page.locator(".asc-read-only-note").count() == 0
        page.click(".asc-add-store")
        page.locator(".asc-checklist-modal").wait_for(state="visible")
        page.click(".asc-checklist-continue")
        page.wait_for_selector(".asc-store-form", state="visible")
        fill_form(page, website="base", email="ops@example.com", name="Amazon Store USA",
                  marketplace="US", id_type="UPC", attribute="UPC (upc)")
        page.wait_for_selector(".asc-connect:not([disabled])")
        page.click(".asc-connect")
        card(page, "Amazon Store USA").wait_for()

        # Connect through the sandbox service; Seller Central sends the tab to the landing
        # service, which finishes through core and sends it back to alice's app.
        card(page, "Amazon Store USA").locator(".asc-connect-store").click()
        link = page.locator(".asc-connect-panel a.asc-consent-link")
        assert "/services/asc-sandbox/" in link.get_attribute("href")
        with page.context.expect_page() as new_tab:
            link.click()
        tab = new_tab.value
        tabs.append(tab)
        tab.set_default_timeout(60_000)
        tab.wait_for_selector("#asc-sandbox-email")
        sign_in(tab)
        pass_two_step(tab)
        tab.check("#asc-sandbox-understand")
        tab.click("#asc-sandbox-next")
        tab.locator("#asc-sandbox-almost-done").wait_for()
        with tab.expect_request(lambda r: "/services/asc-landing/?" in r.url
                                and "spapi_oauth_code" in r.url):
            tab.click("#asc-sandbox-continue")
        tab.wait_for_selector(".asc-add-store", timeout=SERVER_START_MS)
        assert "/user/alice/voila/render/onboarding_app.ipynb" in tab.url
        message = tab.locator(".asc-message")
        message.locator("text=is connected to Amazon seller").wait_for()
        assert US_SELLER in message.inner_text()

        # The viewer signs in: sees the connected store, cannot change it, is told why.
        bob = viewer.new_page()
        bob.set_default_timeout(60_000)
        hub_sign_in(bob, hub.url, "bob")
        note = bob.locator(".asc-read-only-note")
        note.wait_for()
        assert "signed in as bob" in note.inner_text() and WHY in note.inner_text()
        usa = card(bob, "Amazon Store USA")
        assert "Active" in usa.inner_text()
        add = bob.locator(".asc-add-store")
        assert add.is_disabled() and WHY in add.get_attribute("title")
        usa.locator(".asc-action").click()
        delete = usa.locator(".asc-delete")
        assert delete.is_disabled() and WHY in delete.get_attribute("title")
        usa.locator(".asc-view-store").click()
        bob.wait_for_selector(".asc-dashboard", state="visible")
        disconnect = bob.locator(".asc-disconnect")
        assert disconnect.is_disabled() and WHY in disconnect.get_attribute("title")
        history = bob.locator(".asc-dash-history").inner_text()
        assert "alice" in history and "bob" not in history
    finally:
        operator.close()
        viewer.close()

    # Core itself refuses the viewer, and the log names the operator for every change.
    as_bob = Registry(database_url, person=Person("bob", frozenset(), operator=False))
    try:
        store = as_bob.find_store("Amazon Store USA")
        assert store.status is StoreStatus.ACTIVE and store.seller_id == US_SELLER
        with pytest.raises(NotPermitted):
            as_bob.delete_store(store.id)
        assert [(e.kind, e.actor) for e in as_bob.events(store.id)] == [
            ("created", "alice"), ("connected", "alice")]
    finally:
        as_bob.close()

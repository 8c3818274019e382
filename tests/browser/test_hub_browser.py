"""The kit served to a team by a real JupyterHub (deploy/jupyterhub/jupyterhub_config.py) on
127.0.0.1: the dummy authenticator, the local process spawner, the registry on the test suite's
PostgreSQL server. In Chromium: an anonymous visit is sent to the login page; an operator
signs in, adds a store and connects it through the sandbox service (Seller Central sends the
tab back through the landing service to the operator's app); a viewer signs in, sees the
connected store and cannot change it (the buttons say why), and core refuses a change asked
with the Hub credentials of the viewer's own server; the history names the operator. Two
operators adding the same store at once: one wins, the other is told. Each person's server
serves the app from a preheated kernel that answers its visitor's language and shows the
stores as they are when the visitor comes.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from helpers import card, fill_form, pass_two_step, sign_in
from hub_server import PROXY, server_environment, start_hub

from asc_widgets.core import DemoCatalog, Registry, StoreDraft, StoreStatus
from asc_widgets.core.people import NotPermitted, Person, acting_person

pytestmark = pytest.mark.browser

SERVER_START_MS = 180_000  # sign-in, the person's server start and a kernel, on 2 busy cores
US_SELLER = "A1SBXDEMONA0001"
WHY = "only members of the 'asc-operators' group can change stores"


@pytest.fixture(scope="module")
def team_hub(tmp_path_factory, postgres_server):
    if not PROXY.exists():
        pytest.fail(f"no {PROXY}: `make hub-proxy` installs it", pytrace=False)
    database_url = postgres_server.new_database()
    hub = start_hub(tmp_path_factory.mktemp("hub"), operators=["alice", "carol"],
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


def signed_in_page(browser, hub_url: str, name: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    hub_sign_in(page, hub_url, name)
    return context, page


def kernel_of(page) -> str:
    """The kernel serving this Voila page (its page config names it)."""
    return page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")


def kernels_of(page, hub_url: str, person: str) -> set[str]:
    """The kernels running in the person's server (its REST API, as the signed-in person)."""
    answer = page.request.get(f"{hub_url}user/{person}/api/kernels")
    assert answer.ok, answer.status
    return {kernel["id"] for kernel in answer.json()}


def wait_until_waiting_for_a_visitor(hub, person: str, kernels: set[str]) -> str:
    """The pooled kernel that has run the app notebook and now waits for its visitor: it has
    asked its server for the visitor's request (Voila's request-info socket, in the log)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        log = hub.log.read_text(errors="replace")
        for kernel in kernels:
            if f"/user/{person}/voila/query/{kernel}" in log:
                return kernel
        time.sleep(0.5)
    raise AssertionError(f"no kernel of {person} waits for a visitor: {kernels}")


def open_form(page) -> None:
    page.click(".asc-add-store")
    page.wait_for_selector(".asc-store-form", state="visible")


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

    # Core itself refuses the viewer: the person and groups come from the Hub, asked with the
    # credentials the Hub issued to bob's server; the log names the operator for every change.
    bob_as_the_hub_says = acting_person(server_environment(hub, "bob"))
    assert bob_as_the_hub_says == Person("bob", frozenset(), operator=False)
    alice_as_the_hub_says = acting_person(server_environment(hub, "alice"))
    assert alice_as_the_hub_says.operator and "asc-operators" in alice_as_the_hub_says.groups
    as_bob = Registry(database_url, person=bob_as_the_hub_says)
    try:
        store = as_bob.find_store("Amazon Store USA")
        assert store.status is StoreStatus.ACTIVE and store.seller_id == US_SELLER
        with pytest.raises(NotPermitted):
            as_bob.delete_store(store.id)
        assert [(e.kind, e.actor) for e in as_bob.events(store.id)] == [
            ("created", "alice"), ("connected", "alice")]
    finally:
        as_bob.close()


def test_two_operators_adding_the_same_store_at_once_one_wins_the_other_is_told(team_hub,
                                                                                browser):
    hub, database_url = team_hub
    contexts, pages = [], []
    try:
        for name in ("alice", "carol"):
            context, page = signed_in_page(browser, hub.url, name)
            contexts.append(context)
            pages.append(page)
            open_form(page)
            fill_form(page, website="us_store", email=f"{name}@example.com",
                      name="Amazon Store Canada", marketplace="CA", id_type="EAN",
                      attribute="EAN (ean)")
            page.wait_for_selector(".asc-connect:not([disabled])")
        # Both save within milliseconds: each kernel's core checks the rules under the
        # registry's write lock, so the second sees the first's store.
        for page in pages:
            page.evaluate("document.querySelector('.asc-connect').click()")
        outcomes = {}
        for name, page in zip(("alice", "carol"), pages, strict=True):
            added = page.locator(".asc-message", has_text="was added")
            refused = page.locator(".asc-error-name", has_text="already exists")
            added.or_(refused).first.wait_for()
            outcomes[name] = "added" if added.count() else "refused"
        assert sorted(outcomes.values()) == ["added", "refused"], outcomes
        winner = next(name for name, outcome in outcomes.items() if outcome == "added")
        loser_page = pages[1 - ["alice", "carol"].index(winner)]
        # The one told keeps what they typed, and is told what to do.
        assert loser_page.locator(".asc-store-form").is_visible()
        assert loser_page.locator(".asc-field-name input").input_value() == "Amazon Store Canada"
        assert "Choose a different name" in loser_page.locator(".asc-error-name").inner_text()
        card(pages[0] if winner == "alice" else pages[1], "Amazon Store Canada").wait_for()
    finally:
        for context in contexts:
            context.close()

    registry = Registry(database_url, person=Person("reader", operator=False))
    try:
        canada = [s for s in registry.list_stores() if s.name == "Amazon Store Canada"]
        assert len(canada) == 1 and canada[0].email == f"{winner}@example.com"
        assert [(e.kind, e.actor) for e in registry.events(canada[0].id)] == [
            ("created", winner)]
    finally:
        registry.close()


def test_a_preheated_kernel_serves_its_visitor(team_hub, browser):
    """A person's server keeps a kernel that has run the app before they ask: a new tab is
    served by it, in the language the tab asked for, with a store added while it waited."""
    hub, database_url = team_hub
    context, page = signed_in_page(browser, hub.url, "dave")
    try:
        first = kernel_of(page)
        others = set()
        deadline = time.monotonic() + 120
        while not others and time.monotonic() < deadline:  # the pool refills after a visit
            others = kernels_of(page, hub.url, "dave") - {first}
            time.sleep(0.5)
        waiting = wait_until_waiting_for_a_visitor(hub, "dave", others)

        added = Registry(database_url, actor="someone-else")
        try:
            added.add_store(StoreDraft(website="uk_store", email="uk@example.com",
                                       name="Amazon Store UK", marketplace="UK",
                                       id_type="EAN", attribute="ean"), DemoCatalog())
        finally:
            added.close()

        tab = context.new_page()
        tab.set_default_timeout(60_000)
        tab.goto(f"{hub.url}user/dave/voila/render/onboarding_app.ipynb?lang=zh")
        tab.wait_for_selector(".asc-add-store", timeout=SERVER_START_MS)
        assert kernel_of(tab) == waiting
        assert tab.locator(".asc-add-store").inner_text() == "添加 Amazon 商店"
        card(tab, "Amazon Store UK").wait_for()
    finally:
        context.close()

"""Connect store / Renew authorization / Check connection / Disconnect in the app, without a
browser, against the local Amazon sandbox over HTTP: the connect panel, the pasted address,
the landing on the app's own URL, core's refusals and messages, Chinese, and no secret in any
widget."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import ipywidgets as w
import pytest
from helpers import (
    US_SELLER,
    click_connect,
    consent_url_of,
    english_words,
    landing_query,
    seller_central,
    walk_widgets,
    widget_texts,
)
from ipywidgets.widgets import widget as widget_module
from sandbox_fixtures import APP_URL

from asc_widgets.app import OnboardingApp, build_app, is_landing
from asc_widgets.core import DemoCatalog, StoreStatus
from asc_widgets.widgets.common import text_of


@pytest.fixture
def clock(sandbox_clock):
    """The registry (tests/conftest.py) and the sandbox share one clock."""
    return sandbox_clock


@pytest.fixture
def catalog():
    return DemoCatalog(product_count=100)


@pytest.fixture
def store(make_store, registry, catalog):
    return make_store()


@pytest.fixture
def app(registry, catalog, connector, store):
    return OnboardingApp(registry, catalog, connector=lambda: connector)


def land(registry, catalog, connector, query, lang="en"):
    """A new page (a new kernel) opened on the address Seller Central redirected to."""
    return OnboardingApp(registry, catalog, connector=lambda: connector, query=query, lang=lang)


def code_of(location: str) -> str:
    return parse_qs(urlsplit(location).query)["spapi_oauth_code"][0]


# ---- the panel ------------------------------------------------------------------------------
def test_connect_store_opens_the_panel_with_a_new_tab_link_to_the_consent_page(app, store,
                                                                              amazon_settings):
    url = click_connect(app)
    panel = app.connect_panel
    assert url.startswith(amazon_settings.seller_central_url("US") + "/apps/authorize/consent?")
    params = parse_qs(urlsplit(url).query)
    assert params["redirect_uri"] == [APP_URL] and params["state"][0]
    link = panel.link.value
    assert 'target="_blank"' in link and 'rel="noopener noreferrer"' in link
    assert "&amp;state=" in link  # the URL is escaped in the HTML
    assert "Continue to Seller Central" in text_of(panel.link)
    assert text_of(panel.title) == "Connect 'Amazon Store USA' to Amazon Seller Central"
    steps = text_of(panel.steps)
    assert "primary user's credentials" in steps and "phone number" in steps
    assert "new tab" in steps and "I understand..." in steps and "10 minutes" in steps
    assert panel.paste.placeholder == "Paste the address your browser landed on"
    assert "asc-paste-url" in panel.paste._dom_classes
    assert "asc-complete" in panel.complete_button._dom_classes
    assert "asc-connect-panel" in panel.widget._dom_classes
    assert panel.complete_button.disabled
    panel.paste.value = "  "
    assert panel.complete_button.disabled
    # Close: nothing changed, the panel is gone.
    panel.close_button.click()
    assert not app.connect_modal.is_open and app.connect_panel.link.value == ""
    assert app.registry.get_store(store.id).status is StoreStatus.NOT_CONNECTED


def test_pasting_the_landed_address_connects_the_store(app, store, registry):
    location = seller_central(click_connect(app))
    panel = app.connect_panel
    panel.paste.value = f"  {location}  "
    assert not panel.complete_button.disabled
    panel.complete_button.click()
    assert panel.paste.value == ""  # the code is not kept
    assert not app.connect_modal.is_open
    assert app.feedback.kind == "success"
    assert app.feedback.text.startswith(
        f"The store 'Amazon Store USA' is connected to Amazon seller {US_SELLER}.")
    card = app.stores.card_for("Amazon Store USA")
    assert card.main_button.description == "View Store" and "Active" in card.text
    assert registry.get_store(store.id).seller_id == US_SELLER


def test_a_pasted_address_that_is_not_an_answer_says_so_and_closes(app):
    click_connect(app)
    app.connect_panel.paste.value = "https://example.com/some/page"
    app.connect_panel.complete_button.click()
    assert app.feedback.kind == "error"
    assert "not a complete answer from Seller Central" in app.feedback.text
    assert not app.connect_modal.is_open and app.connect_panel.paste.value == ""


def test_an_answer_for_another_store_is_refused(make_store, app, registry, catalog):
    make_store(name="Amazon Store Canada", website="us_store", marketplace="CA")
    app.refresh()
    location = seller_central(click_connect(app, "Amazon Store USA"))
    click_connect(app, "Amazon Store Canada")
    app.connect_panel.paste.value = location
    app.connect_panel.complete_button.click()
    assert "belongs to another store" in app.feedback.text
    assert {s.status for s in registry.list_stores()} == {StoreStatus.NOT_CONNECTED}


# ---- the landing on the app's own URL ---------------------------------------------------------
def test_the_landing_connects_and_the_home_page_confirms(app, registry, catalog, connector,
                                                         store):
    query = landing_query(seller_central(click_connect(app)))
    assert is_landing(query) and not is_landing("lang=zh-CN") and not is_landing("")
    page = land(registry, catalog, connector, query)
    assert page.view == "stores"
    assert page.feedback.kind == "success"
    assert f"connected to Amazon seller {US_SELLER}" in page.feedback.text
    assert "valid until 2027-03-01" in page.feedback.text
    assert page.stores.card_for("Amazon Store USA").main_button.description == "View Store"
    assert registry.get_store(store.id).status is StoreStatus.ACTIVE


def test_a_replayed_landing_shows_the_refusal_and_connects_nothing_twice(app, registry,
                                                                         catalog, connector,
                                                                         store):
    query = landing_query(seller_central(click_connect(app)))
    land(registry, catalog, connector, query)
    again = land(registry, catalog, connector, query)
    assert again.feedback.kind == "error"
    assert again.feedback.text == ("This authorization answer was already used. Click Connect "
                                   "store to start again.")
    assert [e.kind for e in registry.events(store.id)] == ["created", "connected"]
    assert again.stores.card_for("Amazon Store USA").main_button.description == "View Store"


def test_unknown_and_expired_states_are_refused(app, registry, catalog, connector, store,
                                                sandbox_clock):
    forged = land(registry, catalog, connector,
                  "state=forged&selling_partner_id=A1&spapi_oauth_code=x")
    assert "unknown state" in forged.feedback.text
    query = landing_query(seller_central(click_connect(app)))
    sandbox_clock.advance(minutes=11)
    late = land(registry, catalog, connector, query)
    assert "longer than 10 minutes" in late.feedback.text
    assert registry.get_store(store.id).status is StoreStatus.NOT_CONNECTED


def test_cancel_at_seller_central_says_the_authorization_was_not_granted(app, registry,
                                                                         catalog, connector,
                                                                         store):
    location = seller_central(click_connect(app), cancel=True)
    assert "error=access_denied" in location
    page = land(registry, catalog, connector, landing_query(location))
    assert page.feedback.kind == "error"
    assert page.feedback.text.startswith("The authorization was not granted in Seller Central")
    assert "did not grant" not in page.feedback.text  # Amazon's description is not echoed
    assert page.stores.card_for("Amazon Store USA").main_button.description == "Connect store"
    assert registry.get_store(store.id).status is StoreStatus.NOT_CONNECTED


def test_the_wrong_regions_seller_is_explained(app, registry, catalog, connector, store):
    location = seller_central(click_connect(app), email="uk-seller@example.com")
    page = land(registry, catalog, connector, landing_query(location))
    assert page.feedback.kind == "error"
    assert "does not sell in United States" in page.feedback.text
    assert registry.get_store(store.id).status is StoreStatus.NOT_CONNECTED
    assert registry.get_secret(store.id, "refresh_token") is None


def test_the_same_seller_for_a_second_store_of_the_marketplace_is_refused(make_store,
        app, registry, catalog, connector):
    make_store(name="Second US", website="us_store")
    app.refresh()
    land(registry, catalog, connector, landing_query(seller_central(click_connect(app))))
    app.refresh()
    page = land(registry, catalog, connector,
                landing_query(seller_central(click_connect(app, "Second US"))))
    assert "already connected to the store 'Amazon Store USA'" in page.feedback.text
    assert registry.find_store("Second US").status is StoreStatus.NOT_CONNECTED


def test_a_rotated_client_secret_is_explained(app, registry, catalog, connector,
                                              sandbox_server):
    query = landing_query(seller_central(click_connect(app)))
    sandbox_server.sandbox.rotate_client_secret()
    page = land(registry, catalog, connector, query)
    assert "180 days" in page.feedback.text


# ---- renewal, check, disconnect ---------------------------------------------------------------
def connected(app, registry, catalog, connector):
    land(registry, catalog, connector, landing_query(seller_central(click_connect(app))))
    app.refresh()
    return app.stores.card_for("Amazon Store USA")


def test_renewal_is_offered_from_30_days_before_expiry_and_extends_it(
        app, registry, catalog, connector, store, sandbox_clock):
    card = connected(app, registry, catalog, connector)
    assert card.renew_button.layout.display == "none"
    sandbox_clock.advance(days=340)
    app.refresh()
    assert "Authorization expires in 25 days" in card.text
    assert card.renew_button.layout.display != "none"
    assert card.renew_button.description == "Renew authorization"
    card.renew_button.click()
    panel = app.connect_panel
    assert text_of(panel.title) == "Renew the authorization of 'Amazon Store USA'"
    assert f"Sign in as the seller already connected ({US_SELLER})" in text_of(panel.steps)
    page = land(registry, catalog, connector, landing_query(seller_central(
        consent_url_of(app))))
    assert page.feedback.text == ("The authorization of 'Amazon Store USA' is renewed until "
                                  "2028-02-04.")
    renewed = registry.get_store(store.id)
    assert renewed.expires_at == sandbox_clock.now() + timedelta(days=365)
    assert registry.events(store.id)[-1].kind == "renewed"
    page.refresh()
    assert page.stores.card_for("Amazon Store USA").renew_button.layout.display == "none"


def test_the_dashboard_shows_the_authorization_and_renews(app, registry, catalog, connector,
                                                          store, sandbox_clock):
    connected(app, registry, catalog, connector).main_button.click()
    assert app.view == "dashboard"
    dash = app.dashboard
    auth = text_of(dash.auth)
    assert US_SELLER in auth and "Days left365" in auth and "Active" in auth
    assert "2027-03-01" in auth
    assert dash.renew_button.description == "Renew authorization"
    assert dash.connect_button.layout.display == "none"
    sandbox_clock.advance(days=366)
    dash.refresh()
    assert "Authorization expired: renew it to keep selling." in text_of(dash.auth)
    assert "Expired" in text_of(dash.auth)
    dash.renew_button.click()
    assert app.connect_modal.is_open
    assert "Renew the authorization" in text_of(app.connect_panel.title)
    assert "Connected" in text_of(dash.history)
    assert f"Seller ID: {US_SELLER}" in text_of(dash.history)


def test_check_connection_then_a_revoked_authorization_marks_the_store_revoked(
        app, registry, catalog, connector, store, sandbox_server):
    connected(app, registry, catalog, connector).main_button.click()
    dash = app.dashboard
    dash.check_button.click()
    assert app.feedback.kind == "success"
    assert app.feedback.text == ("The connection of 'Amazon Store USA' works: Amazon accepted "
                                 "the authorization for 🇺🇸 United States.")
    sandbox_server.sandbox.revoke(US_SELLER)
    dash.check_button.click()
    assert registry.get_store(store.id).status is StoreStatus.REVOKED
    assert app.feedback.kind == "error"
    assert app.feedback.text.startswith("Amazon no longer accepts this store's authorization")
    auth = text_of(dash.auth)
    assert "Revoked" in auth and "Click Renew authorization to connect the store again" in auth
    assert "Last error: Amazon no longer accepts" in auth
    assert "amazon.error" not in auth  # the message, not its key
    assert dash.check_button.layout.display == "none"
    app.show_stores()
    card = app.stores.card_for("Amazon Store USA")
    assert card.renew_button.layout.display != "none" and "Revoked" in card.text


def test_check_when_amazon_is_down_changes_nothing_and_says_so(app, registry, catalog,
                                                               connector, store,
                                                               sandbox_server):
    connected(app, registry, catalog, connector).main_button.click()
    sandbox_server.sandbox.fail_next(5, kind="server_error", target="token")
    app.dashboard.check_button.click()
    assert app.feedback.kind == "error"
    assert "try again in a few minutes" in app.feedback.text
    assert registry.get_store(store.id).status is StoreStatus.ACTIVE


def test_disconnect_asks_first_then_says_where_to_remove_the_app(app, registry, catalog,
                                                                 connector, store,
                                                                 amazon_settings):
    connected(app, registry, catalog, connector).main_button.click()
    dash = app.dashboard
    dash.disconnect_button.click()
    assert dash.confirm.is_open
    assert text_of(dash.confirm.title) == "Disconnect 'Amazon Store USA' from Amazon?"
    assert "Manage Your Apps" in text_of(dash.confirm.body)
    dash.confirm.keep_button.click()
    assert not dash.confirm.is_open
    assert registry.get_store(store.id).status is StoreStatus.ACTIVE
    dash.disconnect_button.click()
    dash.confirm.confirm_button.click()
    assert not dash.confirm.is_open
    assert registry.get_store(store.id).status is StoreStatus.NOT_CONNECTED
    assert registry.get_secret(store.id, "refresh_token") is None
    manage = amazon_settings.seller_central_url("US") + "/apps/manage"
    assert app.feedback.kind == "success"
    assert "Manage Your Apps" in app.feedback.text and manage in app.feedback.text
    # The dashboard now offers Connect store only.
    assert dash.connect_button.layout.display != "none"
    for button in (dash.renew_button, dash.check_button, dash.disconnect_button):
        assert button.layout.display == "none"
    assert "Not connected" in text_of(dash.auth)
    dash.connect_button.click()
    assert app.connect_modal.is_open
    assert text_of(app.connect_panel.title).startswith("Connect 'Amazon Store USA'")


def test_a_refused_disconnect_shows_cores_transition_message(app, registry, catalog,
                                                             connector, store):
    connected(app, registry, catalog, connector).main_button.click()
    connector.disconnect(store.id)  # another kernel got there first
    app.dashboard.disconnect_button.click()
    app.dashboard.confirm.confirm_button.click()
    assert app.feedback.kind == "error"
    assert app.feedback.text == ("Cannot disconnect the store 'Amazon Store USA' while it is "
                                 "Not connected.")
    assert app.dashboard.connect_button.layout.display != "none"  # re-read after the refusal


def test_without_a_connector_the_dashboard_buttons_say_it_is_not_set_up(registry, catalog,
                                                                        store):
    now = registry.clock.now()
    registry.transition(store.id, "connect", seller_id="A1", authorized_at=now,
                        expires_at=now + timedelta(days=100))
    app = OnboardingApp(registry, catalog)
    app.open_dashboard(store.id)
    app.dashboard.check_button.click()
    assert "needs the Amazon connection" in app.feedback.text
    app.dashboard.disconnect_button.click()
    app.dashboard.confirm.confirm_button.click()
    assert "needs the Amazon connection" in app.feedback.text
    assert registry.get_store(store.id).status is StoreStatus.ACTIVE


# ---- the app's wiring -------------------------------------------------------------------------
def test_the_connect_hook_stays_replaceable(registry, catalog, connector, store):
    seen = []
    app = OnboardingApp(registry, catalog, connector=lambda: connector, on_connect=seen.append)
    app.stores.card_for("Amazon Store USA").main_button.click()
    assert [s.id for s in seen] == [store.id] and not app.connect_modal.is_open


def test_build_app_builds_the_real_connector_lazily_and_lands_from_query_string(tmp_path):
    env = {"ASC_HOME": str(tmp_path / "home"), "ASC_PORT": "8999",
           "QUERY_STRING": "lang=zh-CN&state=forged&selling_partner_id=A1&spapi_oauth_code=x"}
    app = build_app({**env, "QUERY_STRING": "lang=zh-CN"})
    try:
        assert app._connector is None  # nothing Amazon built for a plain page open
        assert app.connector.client.settings.redirect_uri == "http://127.0.0.1:8999/"
        assert app.connector.client.settings.mode == "sandbox"
    finally:
        app.registry.close()
    landed = build_app(env)
    try:
        assert landed.lang == "zh-CN"
        assert landed.feedback.kind == "error"
        assert landed.feedback.text == ("此授权回复不是从这里发起的（未知状态）。"
                                        "请单击“连接商店”重新开始。")
    finally:
        landed.registry.close()
    explicit = build_app({"ASC_HOME": str(tmp_path / "home")}, query="?lang=zh-CN")
    try:
        assert explicit.lang == "zh-CN" and explicit.feedback.kind is None
    finally:
        explicit.registry.close()


# ---- Chinese ----------------------------------------------------------------------------------
SELLER_CENTRAL_LABELS = {"Amazon Marketplace Web Service", "I understand...", "Next",
                         "You are almost done", "Continue"}


def test_the_connect_flow_speaks_chinese(registry, catalog, connector, store, sandbox_server):
    app = OnboardingApp(registry, catalog, connector=lambda: connector, lang="zh-CN")
    card = app.stores.card_for("Amazon Store USA")
    assert card.main_button.description == "连接商店"
    url = click_connect(app)
    panel = app.connect_panel
    assert text_of(panel.title) == "将“Amazon Store USA”连接到 Amazon Seller Central"
    assert "主要用户的凭据" in text_of(panel.steps)
    assert "前往 Seller Central" in text_of(panel.link)
    assert panel.paste.placeholder == "粘贴浏览器最终打开的地址"
    assert panel.complete_button.description == "完成"
    data = {"Amazon Store USA", url, "US", "JupyterLab", "Main Website (base)", "base", "UPC",
            "upc", "UPC (upc)", "ops@example.com", "tester", US_SELLER} | SELLER_CENTRAL_LABELS
    assert english_words(widget_texts(app.widget), data) == set()
    page = land(registry, catalog, connector, landing_query(seller_central(url)), lang="zh-CN")
    assert page.feedback.text.startswith(f"商店“Amazon Store USA”已连接到 Amazon 卖家 {US_SELLER}")
    page.stores.card_for("Amazon Store USA").main_button.click()
    dash = page.dashboard
    assert (dash.renew_button.description, dash.check_button.description,
            dash.disconnect_button.description) == ("续订授权", "检查连接", "断开连接")
    dash.check_button.click()
    assert page.feedback.text.startswith("“Amazon Store USA”的连接正常")
    dash.disconnect_button.click()
    assert text_of(dash.confirm.title) == "断开“Amazon Store USA”与 Amazon 的连接？"
    assert english_words(widget_texts(page.widget), data) == set()
    dash.confirm.confirm_button.click()
    assert "管理您的应用" in page.feedback.text


# ---- no secret in any widget ------------------------------------------------------------------
def every_widget_state() -> str:
    """What the kernel could send to the browser: the state of every live widget."""
    states = []
    for widget in list(widget_module._instances.values()):
        try:
            state = widget.get_state()
        except Exception:  # noqa: BLE001 - a closed widget has nothing to send
            continue
        states.append(json.dumps(state, default=str, ensure_ascii=False))
    return "\n".join(states)


def tree_texts(root: w.Widget) -> str:
    """Every string attribute a tree's widgets hold, raw (HTML kept)."""
    return "\n".join(value for widget in walk_widgets(root)
                     for value in (getattr(widget, name, None) for name in
                                   ("value", "description", "placeholder", "tooltip"))
                     if isinstance(value, str))


def test_no_token_code_or_client_secret_reaches_any_widget(app, registry, catalog, connector,
                                                           store, issued, amazon_settings,
                                                           amazon_transport, sandbox_server,
                                                           monkeypatch):
    codes, pages, snapshots = [], [app], []
    real_send = amazon_transport.send

    def recording_send(request):  # every token the sandbox hands out, refreshes included
        response = real_send(request)
        body = response.json()
        if isinstance(body, dict):
            issued.extend(body[k] for k in ("access_token", "refresh_token") if body.get(k))
        return response

    monkeypatch.setattr(amazon_transport, "send", recording_send)

    def snapshot():
        snapshots.append(every_widget_state())
        snapshots.extend(tree_texts(page.widget) for page in pages)
        snapshots.extend(page.feedback.text for page in pages)

    # Connect by pasting the landed address.
    location = seller_central(click_connect(app))
    codes.append(code_of(location))
    snapshot()
    app.connect_panel.paste.value = location
    app.connect_panel.complete_button.click()
    snapshot()
    # Renew through the landing, then replay it (refused), then a failing exchange.
    app.stores.card_for("Amazon Store USA").main_button.click()
    app.dashboard.renew_button.click()
    location = seller_central(consent_url_of(app))
    codes.append(code_of(location))
    pages.append(land(registry, catalog, connector, landing_query(location)))
    pages.append(land(registry, catalog, connector, landing_query(location)))
    snapshot()
    app.connect_panel.close_button.click()
    app.dashboard.renew_button.click()
    location = seller_central(consent_url_of(app))
    codes.append(code_of(location))
    sandbox_server.sandbox.rotate_client_secret()
    pages.append(land(registry, catalog, connector, landing_query(location)))
    snapshot()
    # Check (refreshes the token), revoke, check, disconnect.
    sandbox_server.sandbox.rotate_client_secret(amazon_settings.client_secret.reveal())
    app.connect_panel.close_button.click()
    app.dashboard.check_button.click()
    sandbox_server.sandbox.revoke(US_SELLER)
    app.dashboard.check_button.click()
    app.dashboard.disconnect_button.click()
    app.dashboard.confirm.confirm_button.click()
    snapshot()
    assert "renewed until" in pages[1].feedback.text
    assert "already used" in pages[2].feedback.text
    assert "180 days" in pages[3].feedback.text
    assert "Manage Your Apps" in app.feedback.text
    secrets = [*issued, *codes, amazon_settings.client_secret.reveal()]
    assert len(set(issued)) >= 5 and len(codes) == 3
    for secret in secrets:
        assert secret and all(secret not in text for text in snapshots), secret[:6]


def test_a_plain_page_open_builds_nothing_of_amazon_and_still_explains_a_stored_error(
        tmp_path):
    """In a fresh process, as in a Voila kernel: build_app imports neither the Connector, the
    HTTP stack nor pandas/numpy (loaded with the first table or profile), and a stored error
    still shows as core's message, not as its key."""
    script = textwrap.dedent("""
        import sys
        from datetime import timedelta
        from asc_widgets.app import build_app
        from asc_widgets.core import DemoCatalog, StoreDraft
        from asc_widgets.widgets.common import text_of

        app = build_app(query="")
        heavy = [m for m in ("asc_widgets.core.authorization", "asc_widgets.core.amazon",
                             "requests", "cryptography", "pandas", "numpy")
                 if m in sys.modules]
        assert heavy == [], heavy
        reg = app.registry
        store = reg.add_store(StoreDraft(website="base", email="a@example.com", name="S",
                                         marketplace="US", id_type="UPC", attribute="upc"),
                              DemoCatalog())
        now = reg.clock.now()
        reg.transition(store.id, "connect", seller_id="A1", authorized_at=now,
                       expires_at=now + timedelta(days=100))
        reg.transition(store.id, "revoke", last_error="amazon.error.revoked")
        app.open_dashboard(store.id)
        print(text_of(app.dashboard.auth))
    """)
    env = {**os.environ, "ASC_HOME": str(tmp_path / "home")}
    env.pop("QUERY_STRING", None)
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Last error: Amazon no longer accepts this store's authorization" in done.stdout


def test_the_landing_page_speaks_the_language_the_flow_started_in(registry, catalog, connector,
                                                                  store):
    started = OnboardingApp(registry, catalog, connector=lambda: connector, lang="zh-CN")
    query = landing_query(seller_central(click_connect(started)))
    assert "lang" not in parse_qs(query)  # Seller Central's redirect carries no language
    page = land(registry, catalog, connector, query)
    assert page.lang == "zh-CN"
    assert page.feedback.text.startswith("商店“Amazon Store USA”已连接到 Amazon 卖家")
    again = land(registry, catalog, connector, query)  # refused before the state is known
    assert again.lang == "en" and "already used" in again.feedback.text


def test_an_explicit_language_in_the_address_wins(registry, catalog, connector, store):
    started = OnboardingApp(registry, catalog, connector=lambda: connector, lang="zh-CN")
    query = landing_query(seller_central(click_connect(started)))
    page = land(registry, catalog, connector, query + "&lang=en")
    assert page.lang == "en" and "is connected to Amazon seller" in page.feedback.text


def test_a_failure_after_the_state_is_accepted_is_told_in_the_starting_language(
        registry, catalog, connector, store):
    started = OnboardingApp(registry, catalog, connector=lambda: connector, lang="zh-CN")
    query = landing_query(seller_central(click_connect(started), "uk-seller@example.com"))
    page = land(registry, catalog, connector, query)
    assert page.lang == "zh-CN" and page.feedback.kind == "error"
    assert "美国" in page.feedback.text

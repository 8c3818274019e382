"""The store dashboard (View Store): details, authorization, history, settings, next step."""

from __future__ import annotations

import pytest
from helpers import connected_uk_store

from asc_widgets.core import DemoCatalog, StoreDraft
from asc_widgets.widgets import StoreDashboard
from asc_widgets.widgets.common import text_of


@pytest.fixture
def catalog():
    return DemoCatalog(product_count=100)


@pytest.fixture
def store(registry, catalog):
    return connected_uk_store(registry, catalog, days_left=20)


@pytest.fixture
def dashboard(registry, catalog, store):
    dash = StoreDashboard(registry, catalog)
    dash.show(store.id)
    return dash


def test_details_mapping_and_status(dashboard):
    assert "Amazon Store UK" in text_of(dashboard.title)
    details = text_of(dashboard.details)
    for expected in ("UK Store (uk_store)", "🇬🇧 United Kingdom", "Active", "uk@example.com"):
        assert expected in details
    mapping = text_of(dashboard.mapping)
    assert "Product ID on the Amazon market" in mapping and "EAN (ean)" in mapping


def test_authorization_with_days_left_and_state(dashboard):
    auth = text_of(dashboard.auth)
    assert "A3SELLER0UK" in auth
    assert "Days left20" in auth
    assert "Expiring" in auth  # 20 days left: inside the 30-day renewal warning


def test_history_lists_the_stores_events_newest_first(dashboard):
    history = text_of(dashboard.history)
    assert history.index("Connected") < history.index("Store added")
    assert "tester" in history


def test_settings_save_through_the_registry(dashboard, registry):
    dashboard.blocks["name"].control.value = "Amazon Store Britain"
    dashboard.blocks["email"].control.value = "team@example.com"
    dashboard.save_button.click()
    store = registry.get_store(dashboard.store.id)
    assert (store.name, store.email) == ("Amazon Store Britain", "team@example.com")
    assert dashboard.feedback.text == "The settings of the store 'Amazon Store Britain' were saved."
    assert "Amazon Store Britain" in text_of(dashboard.title)
    assert "New Store Name: Amazon Store UK → Amazon Store Britain" in text_of(dashboard.history)


def test_settings_show_cores_messages(dashboard, registry, catalog):
    registry.add_store(StoreDraft(website="base", email="a@example.com", name="Other Store",
                                  marketplace="US", id_type="UPC", attribute="upc"), catalog)
    dashboard.blocks["name"].control.value = "other store"
    dashboard.blocks["email"].control.value = "nope"
    dashboard.save_button.click()
    assert "already exists" in dashboard.blocks["name"].message
    assert "is not a valid email address" in dashboard.blocks["email"].message
    assert registry.get_store(dashboard.store.id).name == "Amazon Store UK"
    assert dashboard.feedback.kind == "error"


def test_saving_unchanged_settings_says_so(dashboard):
    dashboard.save_button.click()
    assert dashboard.feedback.kind == "info"


def test_the_next_step_points_to_listing_rules(dashboard):
    assert "Continue to create listing rules" in text_of(dashboard.next_step)


def test_back_calls_the_app(dashboard):
    calls = []
    dashboard.on_back = lambda: calls.append(True)
    dashboard.back_button.click()
    assert calls == [True]


def test_user_text_is_escaped(registry, catalog):
    store = registry.add_store(StoreDraft(website="base", email="a@example.com",
                                          name="<script>alert(1)</script>", marketplace="US",
                                          id_type="UPC", attribute="upc"), catalog)
    dash = StoreDashboard(registry, catalog)
    dash.show(store.id)
    for widget in (dash.title, dash.details, dash.history):
        assert "<script>" not in widget.value
    assert "<script>alert(1)</script>" in text_of(dash.title)


def test_chinese(registry, catalog, store):
    dash = StoreDashboard(registry, catalog, lang="zh-CN")
    dash.show(store.id)
    assert "卖家 ID" in text_of(dash.auth) and "即将过期" in text_of(dash.auth)
    assert "继续创建刊登规则" in text_of(dash.next_step)
    assert "已连接" in text_of(dash.history)


def test_a_reused_store_id_does_not_inherit_the_deleted_stores_history(registry, catalog, store):
    registry.delete_store(store.id)
    again = registry.add_store(StoreDraft(website="uk_store", email="uk@example.com",
                                          name="Amazon Store UK 2", marketplace="UK",
                                          id_type="EAN", attribute="ean"), catalog)
    dash = StoreDashboard(registry, catalog)
    dash.show(again.id)
    history = text_of(dash.history)
    assert "Store deleted" not in history and "Connected" not in history
    assert "Store added" in history

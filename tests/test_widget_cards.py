"""The Amazon Stores cards and their actions, without a browser."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from asc_widgets.core import DemoCatalog, Registry, StoreDraft
from asc_widgets.core.status import STATUS_COLOURS
from asc_widgets.widgets import Feedback, StoreList
from asc_widgets.widgets.common import text_of


@pytest.fixture
def catalog():
    return DemoCatalog(product_count=100)


def connect(registry, store, days=200):
    now = registry.clock.now()
    return registry.transition(store.id, "connect", seller_id="A1SELLER", authorized_at=now,
                               expires_at=now + timedelta(days=days))


def test_no_store_says_how_to_add_one(registry, catalog):
    stores = StoreList(registry, catalog=catalog)
    assert stores.cards == {}
    assert "Add Amazon Store" in stores.empty.value


def test_a_card_shows_name_website_marketplace_status_and_times(make_store, registry, catalog):
    make_store()
    stores = StoreList(registry, catalog=catalog)
    card = stores.card_for("Amazon Store USA")
    text = card.text
    for expected in ("Amazon Store USA", "Main Website (base)", "🇺🇸 United States",
                     "Not connected", "Last Updated", "Created"):
        assert expected in text
    assert STATUS_COLOURS["not_connected"] in card.head.value
    assert card.main_button.description == "Connect store"
    assert "asc-connect-store" in card.main_button._dom_classes


def test_times_are_shown_in_local_time(make_store, registry, catalog, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        make_store()
        card = StoreList(registry, catalog=catalog).card_for("Amazon Store USA")
        assert "2025-03-01 20:00" in card.text  # 12:00 UTC
    finally:
        monkeypatch.undo()
        time.tzset()


def test_connect_store_calls_the_apps_hook_with_the_store(make_store, registry, catalog):
    store = make_store()
    calls = []
    stores = StoreList(registry, catalog=catalog, on_connect=calls.append)
    stores.card_for("Amazon Store USA").main_button.click()
    assert [s.id for s in calls] == [store.id]


def test_a_connected_store_offers_view_store(make_store, registry, catalog):
    store = connect(registry, make_store())
    viewed = []
    stores = StoreList(registry, catalog=catalog, on_view=viewed.append)
    card = stores.card_for("Amazon Store USA")
    assert card.main_button.description == "View Store"
    assert "asc-view-store" in card.main_button._dom_classes
    assert "Active" in card.text
    card.main_button.click()
    assert [s.id for s in viewed] == [store.id]


def test_a_refused_action_shows_cores_transition_message(make_store, registry, catalog):
    make_store()
    stores = StoreList(registry, catalog=catalog)
    stores.card_for("Amazon Store USA").activate_button.click()
    assert stores.feedback.kind == "error"
    assert stores.feedback.text == ("Cannot activate the store 'Amazon Store USA' while it is "
                                    "Not connected.")


def test_deactivate_then_activate(make_store, registry, catalog):
    connect(registry, make_store())
    stores = StoreList(registry, catalog=catalog)
    card = stores.card_for("Amazon Store USA")
    card.action_button.click()
    assert card.menu_open
    card.deactivate_button.click()
    assert not card.menu_open
    assert registry.find_store("Amazon Store USA").status.value == "inactive"
    assert "Inactive" in card.text
    assert stores.feedback.text == "The store 'Amazon Store USA' was deactivated."
    card.activate_button.click()
    assert registry.find_store("Amazon Store USA").status.value == "active"
    assert stores.feedback.kind == "success"


def test_delete_asks_first_and_cancel_keeps_the_store(make_store, registry, catalog):
    make_store()
    stores = StoreList(registry, catalog=catalog)
    stores.card_for("Amazon Store USA").delete_button.click()
    assert stores.confirm.is_open
    assert text_of(stores.confirm.title) == "Delete the store 'Amazon Store USA'?"
    assert "cannot be undone" in text_of(stores.confirm.body)
    stores.confirm.keep_button.click()
    assert not stores.confirm.is_open
    assert len(registry.list_stores()) == 1


def test_delete_after_confirmation(make_store, registry, catalog):
    make_store()
    stores = StoreList(registry, catalog=catalog)
    stores.card_for("Amazon Store USA").delete_button.click()
    stores.confirm.confirm_button.click()
    assert registry.list_stores() == []
    assert stores.cards == {}
    assert stores.feedback.text == "The store 'Amazon Store USA' was deleted."


def test_another_kernels_changes_show_after_refresh_or_any_action(make_store, registry, catalog):
    make_store()
    stores = StoreList(registry, catalog=catalog)
    other = Registry(registry.engine.url.render_as_string(hide_password=False))
    other.add_store(StoreDraft(website="uk_store", email="ops@example.com", name="Amazon Store UK",
                               marketplace="UK", id_type="UPC", attribute="upc"), catalog)
    stores.card_for("Amazon Store USA").activate_button.click()  # refused, but re-reads
    assert {c.store.name for c in stores.cards.values()} == {"Amazon Store USA",
                                                             "Amazon Store UK"}
    other.delete_store(other.find_store("Amazon Store UK").id)
    stores.refresh()
    assert [c.store.name for c in stores.cards.values()] == ["Amazon Store USA"]
    other.close()


def test_acting_on_a_store_another_kernel_deleted_says_so_and_drops_the_card(make_store, registry,
                                                                             catalog):
    store = make_store()
    stores = StoreList(registry, catalog=catalog)
    card = stores.card_for("Amazon Store USA")
    registry.delete_store(store.id)
    card.delete_button.click()
    assert stores.feedback.kind == "error"
    assert "no longer exists" in stores.feedback.text
    assert stores.cards == {}


def test_user_text_is_escaped(make_store, registry, catalog):
    make_store(name="<img src=x onerror=alert(1)>")
    stores = StoreList(registry, catalog=catalog)
    card = next(iter(stores.cards.values()))
    assert "<img" not in card.head.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in card.head.value
    assert "<img src=x onerror=alert(1)>" in card.text
    card.delete_button.click()
    assert "<img" not in stores.confirm.title.value


def test_an_expiring_authorization_warns_on_the_card(make_store, registry, catalog):
    connect(registry, make_store(), days=12)
    card = StoreList(registry, catalog=catalog).card_for("Amazon Store USA")
    assert "Authorization expires in 12 days" in card.text


def test_cards_speak_chinese(make_store, registry, catalog):
    make_store()
    stores = StoreList(registry, catalog=catalog, lang="zh-CN", feedback=Feedback("zh-CN"))
    card = stores.card_for("Amazon Store USA")
    assert card.main_button.description == "连接商店"
    assert "未连接" in card.text and "美国" in card.text
    card.activate_button.click()
    assert stores.feedback.text == "商店“Amazon Store USA”处于“未连接”状态，无法执行“启用”。"

"""Viewers in the app, without a browser: they see every store and page, every action that
would change a store is disabled and says why (the operators group), and an operator's app is
unchanged."""

from __future__ import annotations

from datetime import timedelta

import pytest

from asc_widgets.app import OnboardingApp
from asc_widgets.core import DemoCatalog, Registry
from asc_widgets.core.people import Person
from asc_widgets.widgets.common import text_of

WHY = "only members of the 'asc-operators' group can change stores"
WHY_ZH = "只有“asc-operators”组的成员才能更改商店"


@pytest.fixture
def catalog():
    return DemoCatalog(product_count=200)


@pytest.fixture
def stores(make_store, registry):
    """A connected store and one not connected yet, saved by an operator."""
    connected = make_store()
    now = registry.clock.now()
    registry.transition(connected.id, "connect", seller_id="A1", authorized_at=now,
                        expires_at=now + timedelta(days=300))
    waiting = make_store("Amazon Store Canada", website="us_store", marketplace="CA")
    return connected, waiting


@pytest.fixture
def viewer_app(registry, catalog, clock, stores):
    url = registry.engine.url.render_as_string(hide_password=False)
    viewer = Registry(url, clock=clock, person=Person("bob", frozenset({"sales"}),
                                                      operator=False))
    yield OnboardingApp(viewer, catalog)
    viewer.close()


def locked(button) -> bool:
    return button.disabled and WHY in (button.tooltip or "")


def test_a_viewer_sees_every_store_and_why_nothing_can_be_changed(viewer_app):
    app = viewer_app
    assert app.view == "stores"
    assert [s.name for s in app.stores.stores] == ["Amazon Store USA", "Amazon Store Canada"]
    assert "Amazon Store USA" in app.stores.card_for("Amazon Store USA").text
    note = text_of(app.role_note)
    assert "signed in as bob" in note and WHY in note
    assert locked(app.add_button)
    waiting = app.stores.card_for("Amazon Store Canada")
    assert locked(waiting.main_button)  # Connect store
    for card in (waiting, app.stores.card_for("Amazon Store USA")):
        assert all(locked(b) for b in (card.activate_button, card.deactivate_button,
                                       card.delete_button, card.renew_button))


def test_a_viewer_opens_the_dashboard_read_only(viewer_app, registry):
    app = viewer_app
    card = app.stores.card_for("Amazon Store USA")
    assert not card.main_button.disabled  # View Store
    card.main_button.click()
    assert app.view == "dashboard"
    dash = app.dashboard
    assert "Amazon Store USA" in text_of(dash.title)
    assert all(locked(b) for b in (dash.save_button, dash.renew_button, dash.connect_button,
                                   dash.check_button, dash.disconnect_button))
    assert all(block.control.disabled for block in dash.blocks.values())
    # The history is there to read, and names who changed the store.
    assert "tester" in text_of(dash.history)


def test_the_checklist_form_and_listing_rules_are_locked_too(viewer_app, stores):
    app = viewer_app
    app.show_learning()
    checklist = app.parts["learning"]
    assert all(box.disabled and WHY in box.tooltip for box in checklist.boxes.values())
    app.open_form()
    app.form.fill(website="uk_store", email="ops@example.com", name="Third", marketplace="UK",
                  id_type="UPC", attribute="upc")
    assert app.form.is_valid and locked(app.form.connect_button)
    app.open_listing_rules(stores[0].id)
    assert locked(app.listing_rules.save_button) and locked(app.listing_rules.save2_button)


def test_a_click_that_gets_through_is_refused_by_core_with_its_message(viewer_app, registry):
    app = viewer_app
    card = app.stores.card_for("Amazon Store USA")
    card.deactivate_button.disabled = False  # as if the browser ignored the disabled state
    card.deactivate_button.click()
    assert app.feedback.kind == "error"
    assert "bob may look but not change stores" in app.feedback.text
    assert "'asc-operators'" in app.feedback.text
    assert registry.find_store("Amazon Store USA").status.value == "active"


def test_the_reason_follows_the_language(viewer_app):
    app = viewer_app
    app.set_language("zh-CN")
    assert WHY_ZH in text_of(app.role_note)
    assert WHY_ZH in app.add_button.tooltip
    assert WHY_ZH in app.stores.card_for("Amazon Store USA").delete_button.tooltip


def test_an_operator_sees_no_note_and_enabled_actions(registry, catalog, stores):
    app = OnboardingApp(registry, catalog)
    assert text_of(app.role_note) == ""
    assert not app.add_button.disabled and not app.add_button.tooltip
    card = app.stores.card_for("Amazon Store Canada")
    assert not card.main_button.disabled and not card.delete_button.disabled


def test_back_from_the_hub_landing_service_the_app_confirms_the_connection(registry, catalog,
                                                                           stores):
    connected, waiting = stores
    app = OnboardingApp(registry, catalog, lang="zh-CN", query=f"landed={connected.id}")
    assert app.view == "stores" and app.lang == "zh-CN"
    assert app.feedback.kind == "success" and "A1" in app.feedback.text
    quiet = OnboardingApp(registry, catalog, query=f"landed={waiting.id}")
    assert quiet.feedback.kind is None  # not connected: nothing to confirm

"""The composed app, without a browser: views, the first-time checklist, the form in its
modal, connect hook, language, several kernels, and the one error wrapper."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from asc_widgets.app import OnboardingApp, build_app
from asc_widgets.core import DemoCatalog, Registry, StoreDraft
from asc_widgets.widgets.common import text_of

VALID = {"website": "base", "email": "ops@example.com", "name": "Amazon Store USA",
         "marketplace": "US", "id_type": "UPC", "attribute": "upc"}


@pytest.fixture
def catalog():
    return DemoCatalog(product_count=200)


@pytest.fixture
def app(registry, catalog):
    return OnboardingApp(registry, catalog)


def second_kernel(registry):
    return Registry(registry.engine.url.render_as_string(hide_password=False))


def test_without_stores_it_opens_on_learning_and_preparation(app):
    assert app.view == "learning"
    assert "asc-nav-active" in app.nav_buttons["learning"]._dom_classes
    assert app.add_button.description == "Add Amazon Store"
    assert "Sell products in the Amazon marketplace" in text_of(app.banner_text)
    assert [b.description for b in app.nav_buttons.values()] == [
        "Amazon Stores", "Learning and Preparation", "Status"]


def test_the_first_add_shows_the_checklist_modal_then_the_form(app, registry):
    app.add_button.click()
    assert app.checklist_modal.is_open and not app.form_modal.is_open
    app.first_checklist.tick("cron")
    assert registry.checklist()["cron"].checked
    app.continue_button.click()
    assert app.form_modal.is_open and not app.checklist_modal.is_open


def test_adding_through_the_form_shows_the_card_and_a_confirmation(app, registry):
    app.add_button.click()
    app.continue_button.click()
    app.form.fill(**VALID)
    app.form.connect_button.click()
    assert not app.form_modal.is_open
    assert app.view == "stores"
    assert "Amazon Store USA" in app.stores.card_for("Amazon Store USA").text
    assert "Not connected" in app.stores.card_for("Amazon Store USA").text
    assert app.feedback.kind == "success" and "was added" in app.feedback.text


def test_once_a_store_exists_add_opens_the_form_directly(make_store, registry, catalog):
    make_store()
    app = OnboardingApp(registry, catalog)
    assert app.view == "stores"
    app.add_button.click()
    assert app.form_modal.is_open and not app.checklist_modal.is_open
    app.form.cancel_button.click()
    assert not app.form_modal.is_open


def test_navigation_rereads_the_registry(app, registry, catalog):
    other = second_kernel(registry)
    other.add_store(StoreDraft(**VALID), catalog)
    app.nav_buttons["status"].click()
    assert app.view == "status"
    assert "Amazon Store USA" in text_of(app.status.stores_html)
    app.nav_buttons["stores"].click()
    assert "Amazon Store USA" in app.stores.card_for("Amazon Store USA").text
    app.nav_buttons["learning"].click()
    assert app.view == "learning"
    other.close()


def test_two_kernels_see_each_others_stores_after_an_action(registry, catalog):
    first = OnboardingApp(registry, catalog)
    other_registry = second_kernel(registry)
    second = OnboardingApp(other_registry, catalog)
    first.open_form()
    first.form.fill(**VALID)
    first.form.connect_button.click()
    second.add_button.click()  # any action re-reads
    assert "Amazon Store USA" in {c.store.name for c in second.stores.cards.values()}
    other_registry.close()


def test_connect_store_default_is_an_honest_message(make_store, registry, catalog):
    make_store()
    app = OnboardingApp(registry, catalog)
    app.stores.card_for("Amazon Store USA").main_button.click()
    assert app.feedback.kind == "info"
    assert "needs the Amazon connection" in app.feedback.text
    assert registry.find_store("Amazon Store USA").status.value == "not_connected"


def test_the_connect_hook_is_replaceable(make_store, registry, catalog):
    make_store()
    seen = []
    app = OnboardingApp(registry, catalog, on_connect=seen.append)
    app.stores.card_for("Amazon Store USA").main_button.click()
    assert [s.name for s in seen] == ["Amazon Store USA"]
    app.on_connect = lambda store: seen.append(store.id)
    app.stores.card_for("Amazon Store USA").main_button.click()
    assert seen[-1] == registry.find_store("Amazon Store USA").id


def test_a_failing_hook_shows_a_friendly_message_and_logs_details(make_store, registry, catalog,
                                                                  caplog):
    make_store()

    def broken(_store):
        raise ConnectionError("sp-api host unreachable")

    app = OnboardingApp(registry, catalog, on_connect=broken)
    with caplog.at_level(logging.ERROR, logger="asc_widgets"):
        app.stores.card_for("Amazon Store USA").main_button.click()
    assert app.feedback.kind == "error"
    assert "Something went wrong" in app.feedback.text
    assert "unreachable" not in app.feedback.text
    assert any(r.exc_info and "unreachable" in str(r.exc_info[1]) for r in caplog.records)


def test_view_store_opens_the_dashboard_and_back_returns(make_store, registry, catalog):
    store = make_store()
    now = registry.clock.now()
    registry.transition(store.id, "connect", seller_id="A1", authorized_at=now,
                        expires_at=now + timedelta(days=300))
    app = OnboardingApp(registry, catalog)
    app.stores.card_for("Amazon Store USA").main_button.click()
    assert app.view == "dashboard"
    assert "Amazon Store USA" in text_of(app.dashboard.title)
    app.dashboard.back_button.click()
    assert app.view == "stores"


def test_a_dashboard_whose_store_vanished_goes_back_to_the_cards(make_store, registry, catalog):
    store = make_store()
    registry.transition(store.id, "connect", seller_id="A1", authorized_at=registry.clock.now(),
                        expires_at=registry.clock.now() + timedelta(days=300))
    app = OnboardingApp(registry, catalog)
    app.open_dashboard(store.id)
    registry.delete_store(store.id)
    app.dashboard.save_button.click()
    assert "no longer exists" in app.feedback.text
    with pytest.raises(Exception, match="no longer exists"):
        app.refresh()
    assert app.view == "stores"


def test_switching_language_relabels_everything_shown(make_store, registry, catalog):
    make_store()
    app = OnboardingApp(registry, catalog)
    app.language.dropdown.value = "zh-CN"
    assert app.lang == "zh-CN"
    assert app.add_button.description == "添加 Amazon 商店"
    assert app.nav_buttons["stores"].description == "Amazon 商店"
    assert app.stores.card_for("Amazon Store USA").main_button.description == "连接商店"
    assert app.form.connect_button.description == "连接"
    assert "asc-lang-zh-CN" in app.widget._dom_classes


def test_build_app_reads_the_environment_and_the_query_string(tmp_path):
    env = {"ASC_HOME": str(tmp_path / "home"), "QUERY_STRING": "lang=zh-CN&x=1"}
    app = build_app(env)
    assert app.lang == "zh-CN"
    assert app.add_button.description == "添加 Amazon 商店"
    assert (tmp_path / "home" / "registry.sqlite3").exists()
    assert (tmp_path / "home" / "app.log").exists()
    app.registry.close()


def test_messages_with_user_text_are_escaped(app):
    app.open_form()
    app.form.fill(**{**VALID, "name": "<img src=x onerror=alert(1)>"})
    app.form.connect_button.click()
    assert "<img" not in app.feedback.widget.value
    assert "<img src=x onerror=alert(1)>" in app.feedback.text


def test_every_view_is_one_entry_that_opens_and_lights_its_nav(make_store, app, registry, catalog):
    from asc_widgets.app import VIEWS

    store = make_store()
    for name, view in VIEWS.items():
        app.show(name, store.id if view.for_store else None)
        assert app.view == name and app.main.children == (app.parts[view.part].widget,)
        lit = [n for n, b in app.nav_buttons.items() if "asc-nav-active" in b._dom_classes]
        assert lit == [view.nav]
    assert app.state.store_id == store.id


def test_every_built_part_follows_the_shared_language(make_store, app, registry, catalog):
    make_store()
    parts = [app.parts[name] for name in app.parts]  # build them all
    app.set_language("zh-CN")
    assert app.state.lang == "zh-CN" and app.feedback.lang == "zh-CN"
    assert all(getattr(part, "lang", "zh-CN") == "zh-CN" for part in parts)
    assert app.first_checklist.continue_button.description == "继续添加 Amazon 商店"
    assert app.stores.cards and "asc-lang-zh-CN" in app.widget._dom_classes


def test_the_notebook_kit_assembles_the_same_app(tmp_path):
    from asc_widgets.notebook import open_kit

    kit = open_kit({"ASC_HOME": str(tmp_path)}, lang="zh-CN")
    kit.add_store(**VALID)
    app = kit.app()
    assert app.registry is kit.registry and app.lang == "zh-CN" and app.view == "stores"
    assert [s.name for s in app.stores.stores] == ["Amazon Store USA"]
    assert (tmp_path / "app.log").exists()
    kit.registry.close()

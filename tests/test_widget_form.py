"""The Add Amazon Store form, driven without a browser: set values, click, read what shows."""

from __future__ import annotations

import logging

import pytest

from asc_widgets.core import DemoCatalog, Registry, StoreDraft
from asc_widgets.core.catalog import Website
from asc_widgets.core.identifiers import ID_TYPES
from asc_widgets.widgets import Feedback, StoreForm
from asc_widgets.widgets.common import text_of

VALID = {"website": "base", "email": "ops@example.com", "name": "Amazon Store USA",
         "marketplace": "US", "id_type": "UPC", "attribute": "upc"}


@pytest.fixture
def catalog():
    return DemoCatalog(product_count=300)


@pytest.fixture
def form(registry, catalog):
    return StoreForm(registry, catalog)


def test_a_fresh_form_shows_no_errors_and_connect_is_disabled(form):
    assert form.errors == {}
    assert form.connect_button.disabled
    assert form.connect_button.description == "Connect"
    assert form.cancel_button.description == "Cancel"
    assert "Add Amazon sales channel" in form.title.value


def test_labels_are_the_seed_labels(form):
    labels = {field: text_of(block.label) for field, block in form.blocks.items()}
    assert labels == {
        "website": "Magento Website to use for Amazon Listing *",
        "email": "Email Address *",
        "name": "New Store Name *",
        "marketplace": "Amazon Marketplace Country *",
        "id_type": "Product ID on the Amazon market *",
        "attribute": "Map a Magento attribute *",
    }
    assert text_of(form.mapper.heading) == "Map your Magento attributes to Amazon"


def test_only_touched_fields_show_their_message(form):
    form.fill(email="not-an-email")
    assert set(form.errors) == {"email"}
    assert form.errors["email"].startswith("Email Address: 'not-an-email' is not a valid")
    assert form.connect_button.disabled
    form.fill(name="x")
    form.fill(name="")
    assert form.errors["name"] == "New Store Name is required: please fill it in."
    assert set(form.errors) == {"email", "name"}


def test_a_valid_form_enables_connect_and_saving_adds_the_store(form, registry):
    saved = []
    form.on_saved = saved.append
    form.fill(**VALID)
    assert form.errors == {}
    assert not form.connect_button.disabled
    form.connect_button.click()
    [store] = registry.list_stores()
    assert (store.name, store.website, store.marketplace, store.id_type, store.attribute) == (
        "Amazon Store USA", "base", "US", "UPC", "upc")
    assert saved == [store]
    assert form.feedback.kind == "success"
    assert "Amazon Store USA" in form.feedback.text
    assert form.draft() == StoreDraft()  # cleared for the next store
    assert form.errors == {} and form.connect_button.disabled


def test_duplicate_name_and_taken_website_show_cores_messages(form, registry, catalog):
    registry.add_store(StoreDraft(**VALID), catalog)
    form.reset()
    form.fill(**{**VALID, "name": "  amazon store usa "})
    assert form.errors["name"] == ("New Store Name: a store named 'Amazon Store USA' already "
                                   "exists. Choose a different name.")
    assert "already backs the store 'Amazon Store USA'" in form.errors["website"]
    assert form.connect_button.disabled


def test_the_website_is_preselected_when_there_is_only_one(registry):
    class OneSite(DemoCatalog):
        def websites(self):
            return [Website(1, "base", "Main Website")]

    form = StoreForm(registry, OneSite(product_count=50))
    assert form.control("website").value == "base"
    assert form.errors == {}


def test_a_store_saved_by_another_kernel_meanwhile_shows_per_field_and_keeps_the_input(
        form, registry, catalog):
    form.fill(**VALID)
    other = Registry(registry.engine.url.render_as_string(hide_password=False))
    other.add_store(StoreDraft(**{**VALID, "website": "us_store"}), catalog)  # same name
    form.connect_button.click()
    assert "already exists" in form.errors["name"]
    assert form.draft() == StoreDraft(**VALID)  # nothing typed is lost
    assert form.feedback.text == "Please correct the highlighted fields."
    assert [s.website for s in registry.list_stores()] == ["us_store"]
    other.close()


def test_a_race_lost_inside_add_store_shows_per_field(form, registry, catalog, monkeypatch):
    # The other kernel commits between the form's check and our insert: core's add_store
    # raises ValidationError from inside its transaction.
    form.fill(**VALID)
    registry.add_store(StoreDraft(**{**VALID, "website": "uk_store"}), catalog)
    monkeypatch.setattr(registry, "list_stores", lambda: [])
    form.connect_button.click()
    assert "already exists" in form.errors["name"]
    assert form.draft() == StoreDraft(**VALID)
    assert form.feedback.text == "Please correct the highlighted fields."
    assert registry.find_store("Amazon Store USA").website == "uk_store"  # only theirs


def test_an_unexpected_failure_is_reported_and_logged_not_silent(form, registry, monkeypatch,
                                                                 caplog):
    def broken(*_args, **_kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(registry, "add_store", broken)
    form.fill(**VALID)
    with caplog.at_level(logging.ERROR, logger="asc_widgets"):
        form.connect_button.click()
    assert form.feedback.kind == "error"
    assert "Something went wrong" in form.feedback.text
    assert "database on fire" not in form.feedback.text
    assert any("database on fire" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
    assert form.draft() == StoreDraft(**VALID)


def test_cancel_clears_and_calls_back(form):
    cancelled = []
    form.on_cancel = lambda: cancelled.append(True)
    form.fill(name="Half typed")
    form.cancel_button.click()
    assert cancelled == [True]
    assert form.draft().name == "" and form.errors == {}


def test_chinese_labels_and_messages(registry, catalog):
    form = StoreForm(registry, catalog, lang="zh-CN", feedback=Feedback("zh-CN"))
    form.fill(name="x")
    form.fill(name="")
    assert form.errors["name"] == "新商店名称为必填项：请填写。"
    assert form.connect_button.description == "连接"
    form.set_language("en")
    assert form.errors["name"] == "New Store Name is required: please fill it in."


def test_changing_language_keeps_what_was_typed(form):
    form.fill(website="us_store", name="Keep me", marketplace="CA")
    form.set_language("zh-CN")
    assert form.draft().website == "us_store"
    assert form.draft().name == "Keep me"
    assert form.draft().marketplace == "CA"


class TestAttributeMapper:
    def test_it_asks_for_an_attribute_first(self, form):
        assert "Choose an attribute" in text_of(form.mapper.info)

    def test_it_shows_samples_and_counts_for_the_chosen_type(self, form, catalog):
        form.fill(attribute="upc", id_type="UPC")
        values = catalog.products(["upc"])["upc"]
        present = list(values.dropna())
        valid = sum(ID_TYPES["UPC"].is_valid(v) for v in present)  # the one-value rule agrees
        check = form.mapper.profile()
        assert (check.products, check.present, check.valid) == (len(values), len(present),
                                                                 valid)
        info = text_of(form.mapper.info)
        assert f"{len(present)} of {len(values)} products have a value." in info
        assert f"{valid} of them are valid UPC codes." in info
        assert catalog.sample_values("upc", 5)[0] in info
        assert "Not valid, for example:" in info and "(check digit is wrong)" in info
        assert 0 < valid < len(values)  # the demo catalog holds some bad and missing codes
        assert "asc-mapper-warn" in form.mapper.info._dom_classes

    def test_a_bad_mapping_is_visible_before_saving(self, form):
        form.fill(attribute="sku", id_type="UPC")
        check = form.mapper.profile()
        assert check.valid == 0
        info = text_of(form.mapper.info)
        assert f"{check.products} products cannot be matched" in info
        assert "(must contain digits only)" in info

    def test_without_a_type_it_shows_samples_and_asks_for_one(self, form, catalog):
        form.fill(attribute="ean")
        info = text_of(form.mapper.info)
        assert "Choose the Product ID type" in info
        assert catalog.sample_values("ean", 5)[0] in info
        assert form.mapper.profile() is None

    def test_the_check_speaks_chinese(self, form):
        form.fill(attribute="sku", id_type="UPC")
        form.set_language("zh-CN")
        assert "只能包含数字" in text_of(form.mapper.info)

    def test_it_offers_only_sku_and_text_attributes(self, form, catalog):
        offered = [v for _, v in form.control("attribute").options if v]
        assert offered == [a.code for a in catalog.mapping_candidates()]
        assert "color" not in offered and "price" not in offered

"""The Listing Rules page and the Listing Preview, driven through their public actions."""

from __future__ import annotations

import pandas as pd
import pytest

from asc_widgets.core import StoreDraft
from asc_widgets.core.listing import Condition, ListingRule
from asc_widgets.widgets import StoreDashboard
from asc_widgets.widgets.common import text_of
from asc_widgets.widgets.feedback import Feedback
from asc_widgets.widgets.listing_rules import ListingRulesPanel


def find(widget, css: str) -> list:
    """Every widget under widget carrying the CSS class (as a browser test would select)."""
    found = [widget] if css in getattr(widget, "_dom_classes", ()) else []
    for child in getattr(widget, "children", ()):
        found += find(child, css)
    return found


@pytest.fixture
def store(registry, catalog):
    return registry.add_store(StoreDraft(website="us_store", email="ops@example.com",
                                         name="Amazon Store USA", marketplace="US",
                                         id_type="UPC", attribute="upc"), catalog)


@pytest.fixture
def panel(registry, catalog, store, tmp_path):
    closed = []
    page = ListingRulesPanel(registry, catalog, feedback=Feedback(), export_folder=tmp_path,
                             on_close=lambda: closed.append(True), page_size=20)
    page.closed = closed
    page.open(store.id)
    return page


def test_dashboard_button_opens_listing_rules(registry, catalog, store):
    opened = []
    dash = StoreDashboard(registry, catalog, on_listing_rules=opened.append)
    dash.show(store.id)
    assert dash.listing_button.description == "Preview and List Eligible Products"
    dash.listing_button.click()
    assert [s.id for s in opened] == [store.id]
    dash.set_language("zh-CN")
    assert dash.listing_button.description == "预览并刊登符合条件的产品"


def test_builder_adds_edits_nests_and_removes_lines(panel):
    assert "Listing Rules" in text_of(panel.title) and "US Store" in text_of(panel.website)
    first = panel.add_condition()
    panel.set_condition(first, attribute="price", operator=">=", value="20")
    group = panel.add_combination()
    inner = panel.add_condition(group)
    panel.set_condition(inner, attribute="type_id", operator="()", value="simple, virtual")
    panel.set_combination(group, aggregator="any", expected=False)
    extra = panel.add_condition(group)
    panel.remove(extra)
    root = panel.rule_value.conditions
    assert root.conditions[0] == Condition("price", ">=", "20")
    assert (root.conditions[1].aggregator, root.conditions[1].expected) == ("any", False)
    assert root.conditions[1].conditions == (Condition("type_id", "()", "simple, virtual"),)
    # What the user sees: one row per condition, the operators allowed for the attribute.
    rows = find(panel.builder, "asc-rule-condition")
    assert len(rows) == 2
    operators = find(panel.builder, "asc-rule-operator")[0]
    assert [label for label, _ in operators.options][:3] == ["is", "is not",
                                                            "equals or greater than"]
    # Clicking the builder's own buttons does the same.
    find(panel.builder, "asc-rule-add-condition")[-1].click()  # the top combination's
    assert len(panel.rule_value.conditions.conditions) == 3
    third = find(panel.builder, "asc-rule-path-2")[0]
    find(third, "asc-rule-remove")[0].click()
    assert len(panel.rule_value.conditions.conditions) == 2
    # A text attribute offers no "greater than".
    panel.set_condition(first, attribute="name")
    assert panel.rule_value.conditions.conditions[0].operator == "=="


def test_bad_rule_shows_core_messages_beside_the_fields_and_saves_nothing(panel, registry,
                                                                          store):
    line = panel.add_condition()
    panel.set_condition(line, attribute="price", operator=">=", value="cheap")
    assert panel.preview() is None
    errors = [text_of(e) for e in find(panel.builder, "asc-rule-error")]
    assert errors == ["Condition 1: Value for Price must be a number; 'cheap' is not. "
                      "Enter a number such as 19.99."]
    assert "asc-invalid" in find(panel.builder, "asc-rule-value")[0]._dom_classes
    assert panel.feedback.kind == "error"
    panel.set_language("zh-CN")
    assert "价格的值必须是数字" in text_of(find(panel.builder, "asc-rule-error")[0])
    attribute = find(panel.builder, "asc-rule-attribute")[0]
    assert ("价格", "price") in attribute.options and attribute.value == "price"
    assert panel.save_and_close() is None and not panel.closed
    assert [e for e in registry.events(store.id) if e.kind == "rule_saved"] == []


def test_preview_tabs_pages_export_and_save(panel, registry, store):
    line = panel.add_condition()
    panel.set_condition(line, attribute="price", operator="<", value="30")
    result = panel.preview()
    counts = result.counts()
    assert counts["new"] > 40 and counts["eligible"] == counts["ineligible"] == 0
    labels = [label for label, _ in panel.tabs.options]
    assert labels == ["Ineligible Listings - 0", "Eligible Listings - 0",
                      f"New Listings - {counts['new']}"]
    assert "Product ID" in panel.table.value and "Attribute Set" in panel.table.value
    assert panel.table.value.count("<tr") == 21  # a page of 20 rows plus the header
    assert "&lt;NA&gt;" not in panel.table.value
    assert text_of(panel.page_text).startswith("Page 1 of ")
    panel.next_button.click()
    assert text_of(panel.page_text).startswith("Page 2 of ") and not panel.prev_button.disabled
    panel.show_tab("eligible")
    assert "No products in this tab." in text_of(panel.table)
    paths = panel.export()
    assert len(pd.read_csv(paths["new"])) == counts["new"]
    panel.back_button.click()
    assert panel.preview_view.layout.display == "none"
    panel.save_button.click()
    assert panel.closed == [True]
    assert "listing rule of 'Amazon Store USA' was saved" in panel.feedback.text
    # Saved: the next preview of a wider rule keeps those products as Eligible.
    panel.open(store.id)
    panel.set_condition((0,), value="60")
    wider = panel.preview().counts()
    assert wider["eligible"] == counts["new"] and wider["new"] > 0
    panel.set_language("zh-CN")
    assert panel.tabs.options[1][0] == f"符合条件的刊登 - {wider['eligible']}"


def test_check_on_amazon_shows_progress_and_outcomes(registry, catalog, connector,
                                                     connected_store, catalog_search):
    panel = ListingRulesPanel(registry, catalog, feedback=Feedback(),
                              connector=lambda: connector)
    panel.service.rate, panel.service.burst = 500, 20
    panel.open(connected_store.id)
    panel.preview()
    panel.amazon_button.click()
    panel.wait()
    assert panel.feedback.kind == "success", panel.feedback.text
    assert panel.progress.value == panel.progress.max > 0
    assert "codes checked on Amazon" in text_of(panel.progress_text)
    assert "Matched" in panel.table.value or "Not on Amazon" in panel.table.value


def test_check_on_amazon_without_a_connection_says_so(panel):
    panel.preview()
    panel.check_amazon()
    assert panel.feedback.text.startswith("Amazon is not configured for this app")
    assert not panel.running


def test_opening_a_store_with_a_saved_rule_loads_it(registry, catalog, store):
    from asc_widgets.core.listing.service import ListingService

    rule = ListingRule("us_store").conditions
    saved = ListingRule("us_store", type(rule)(conditions=(Condition("sku", "{}", "MB"),)))
    ListingService(registry, catalog).save_rule(store.id, saved)
    panel = ListingRulesPanel(registry, catalog)
    assert panel.open(store.id) == saved
    assert find(panel.builder, "asc-rule-value")[0].value == "MB"

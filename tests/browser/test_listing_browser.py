"""Listing rules in Chromium, as a person does it: View Store, Preview and List Eligible
Products, add a condition (Price less than 30), Preview changes, read the tabs, page, go
back, Save and Close; the rule is then in the registry with who saved it."""

from __future__ import annotations

import re

import pytest
from helpers import card, seed

from asc_widgets.core.listing import Combination, Condition, ListingRule
from asc_widgets.core.listing.service import ListingService
from asc_widgets.core.registry.listing import ListingRepository

pytestmark = pytest.mark.browser


def test_build_a_rule_preview_it_and_save_it(open_app, registry, catalog, screenshot_dir):
    store = seed(registry, catalog, website="us_store", connected=True)
    expected = ListingService(registry, catalog).preview(store.id, ListingRule(
        "us_store", Combination(conditions=(Condition("price", "<", "30"),)))).counts()
    page = open_app()
    card(page, "Amazon Store USA").locator(".asc-view-store").click()
    page.click(".asc-dash-listing")
    rules = page.locator(".asc-rules-view")
    rules.wait_for(state="visible")
    assert "Listing Rules" in rules.inner_text() and "US Store" in rules.inner_text()
    rules.locator(".asc-rule-add-condition").last.click()
    row = rules.locator(".asc-rule-condition").first
    row.wait_for()
    row.locator(".asc-rule-attribute select").select_option(label="Price")
    # A number attribute brings the number operators (8 of them; text has 6).
    operator = rules.locator(".asc-rule-condition").first.locator(".asc-rule-operator select")
    page.wait_for_function("() => document.querySelectorAll('.asc-rule-operator option')"
                           ".length === 8")
    labels = [o.replace("\xa0", " ") for o in operator.locator("option").all_inner_texts()]
    operator.select_option(index=labels.index("less than"))
    row = rules.locator(".asc-rule-condition").first
    value = row.locator(".asc-rule-value input")
    value.fill("30")
    value.press("Enter")
    page.wait_for_timeout(300)  # the value reaches the kernel on Enter
    page.click(".asc-rules-preview")
    tabs = page.locator(".asc-preview-tabs")
    tabs.wait_for(state="visible")
    new_tab = f"New Listings - {expected['new']}"
    page.wait_for_selector(f".asc-preview-tabs button:has-text('{new_tab}')")
    assert "Ineligible Listings - 0" in tabs.inner_text()
    grid = page.locator(".asc-preview-table table")
    headers = grid.locator("th").all_inner_texts()
    assert headers[:7] == ["Product ID", "Name", "Type", "Attribute Set", "SKU",
                           "Visibility", "Status"]
    assert re.match(r"Page 1 of \d+", page.locator(".asc-preview-page").inner_text())
    page.screenshot(path=screenshot_dir / "listing-preview.png", full_page=True)
    page.click(".asc-preview-next")
    page.wait_for_selector(".asc-preview-page:has-text('Page 2 of')")
    page.click(".asc-preview-save")
    page.wait_for_selector(".asc-message:has-text('was saved')")
    saved = ListingRepository(registry).rule(store.id)
    assert saved is not None and saved.rule["conditions"]["conditions"] == [
        {"type": "attribute", "attribute": "price", "operator": "<", "value": "30"}]
    assert page.locator(".asc-dash-listing").is_visible()  # back on the store's dashboard

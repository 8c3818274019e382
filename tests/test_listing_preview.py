"""The Listing Preview: tabs and counts, flags raised before Amazon is asked, paging, saving
rules through the service, explanations and CSV/Excel export."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from asc_widgets.core import StoreDraft
from asc_widgets.core.listing import (
    Combination,
    Condition,
    ListingRule,
    RuleValidationError,
)
from asc_widgets.core.listing.preview import ListingPreview, StoreMapping
from asc_widgets.core.listing.service import ListingService


def products() -> pd.DataFrame:
    return pd.DataFrame({
        "product_id": [1, 2, 3, 4, 5, 6],
        "sku": pd.array(["S1", "S2", "S3", "S4", "S5", "S6"], dtype="string"),
        "name": pd.array(["Lamp", "Kit", "Card", "Mat", "Mug", "Pen"], dtype="string"),
        "type_id": pd.Categorical(["simple", "bundle", "giftcard", "simple", "simple",
                                   "configurable"]),
        "attribute_set": pd.Categorical(["Default"] * 6),
        "visibility": pd.Categorical(["Catalog, Search"] * 6),
        "status": pd.Categorical(["Enabled"] * 6),
        "price": [10.0, 20.0, 30.0, 40.0, 50.0, 60.0],
        "upc": pd.array(["036000291452", "036000291452", None, "036000291453", None,
                         " 036000291452 "], dtype="string"),
    })


UPC = StoreMapping("base", "UPC", "upc", "US")


def test_tabs_follow_listed_and_rule_and_flags_come_before_amazon():
    rule = ListingRule("base", Combination(conditions=(Condition("price", ">=", "30"),)))
    listed = np.array([True, True, False, False, True, False])
    preview = ListingPreview(products(), rule, UPC, listed=listed)
    assert preview.counts() == {"ineligible": 2, "eligible": 1, "new": 3}
    assert preview.tab_label("ineligible") == "Ineligible Listings - 2"
    assert preview.tab_label("new", "zh-CN") == "新刊登 - 3"
    table = preview.table("new")
    assert list(table.columns[:7]) == ["Product ID", "Name", "Type", "Attribute Set", "SKU",
                                      "Visibility", "Status"]
    flags = dict(zip(table["Product ID"], table["Cannot be listed"], strict=True))
    assert flags[3] == "giftcard products cannot be listed by Amazon Sales Channel"
    assert flags[4] == "Invalid UPC in 'upc': check digit is wrong"
    assert pd.isna(flags[6])  # surrounding spaces do not make a UPC invalid
    assert preview.table("eligible", "zh-CN").iloc[0]["无法刊登"] == "“upc”中没有 UPC 值"
    # Only unflagged products that will be listed are worth asking Amazon about.
    assert preview.codes_to_match() == {"00036000291452": "036000291452"}


def test_gcid_mapping_is_flagged_for_every_product():
    preview = ListingPreview(products(), ListingRule("base"),
                             StoreMapping("base", "GCID", "upc", "US"))
    flags = preview.frame["flag"]
    assert flags.notna().all() and flags.eq("gcid").sum() == 4  # the other two: their type
    assert preview.codes_to_match() == {}
    assert "no GCID type" in preview.table("new")["Cannot be listed"].iloc[0]


def test_pages_and_explanations():
    big = pd.concat([products()] * 30, ignore_index=True)
    big["product_id"] = np.arange(1, len(big) + 1)
    rule = ListingRule("base", Combination(conditions=(Condition("type_id", "==", "simple"),)))
    preview = ListingPreview(big, rule, UPC)
    assert preview.counts()["new"] == 90 and preview.pages("new", 40) == 3
    assert len(preview.table("new", page=2, page_size=40)) == 10
    assert preview.explain(2) == ("Excluded by condition 1 (Type is simple; value: bundle).")
    assert preview.explain(999) == "Product 999 is not in the catalog."


def test_export_writes_a_csv_per_tab_and_one_workbook(tmp_path):
    preview = ListingPreview(products(), ListingRule("base"), UPC)
    paths = preview.export(tmp_path, "zh-CN")
    assert set(paths) == {"ineligible", "eligible", "new", "excel"}
    new = pd.read_csv(paths["new"])
    assert len(new) == 6 and "产品 ID" in new.columns
    sheets = pd.read_excel(paths["excel"], sheet_name=None)
    assert set(sheets) == {"ineligible", "eligible", "new"} and len(sheets["new"]) == 6


def test_service_saves_valid_rules_refuses_bad_ones_and_previews_against_the_saved_rule(
        registry, catalog):
    store = registry.add_store(StoreDraft(website="us_store", email="ops@example.com",
                                          name="Amazon Store USA", marketplace="US",
                                          id_type="UPC", attribute="upc"), catalog)
    service = ListingService(registry, catalog)
    assert service.rule(store.id) == ListingRule("us_store") and not service.has_rule(store.id)
    first = service.preview(store.id)
    assert first.counts()["new"] == len(service.products(store)) > 1000
    with pytest.raises(RuleValidationError) as caught:
        service.save_rule(store.id, ListingRule("us_store", Combination(conditions=(
            Condition("price", ">=", ""),))))
    assert "Value for Price is empty" in caught.value.problems[0].message("en")
    assert not service.has_rule(store.id)
    cheap = ListingRule("us_store", Combination(conditions=(Condition("price", "<", "40"),)))
    service.save_rule(store.id, cheap)
    assert service.rule(store.id) == cheap
    [event] = [e for e in registry.events(store.id) if e.kind == "rule_saved"]
    assert event.actor == "tester" and "Price less than 40" in event.details["after"]
    dearer = ListingRule("us_store", Combination(conditions=(Condition("price", "<", "60"),)))
    changed = service.preview(store.id, dearer)
    counts = changed.counts()
    assert counts["ineligible"] == 0 and counts["eligible"] > 0 and counts["new"] > 0
    narrower = service.preview(store.id, ListingRule("us_store", Combination(conditions=(
        Condition("price", "<", "20"),))))
    assert narrower.counts()["ineligible"] > 0 and narrower.counts()["new"] == 0
    with pytest.raises(Exception, match="Amazon is not configured"):
        service.match(first, store.id)


def test_commerce_rest_products_become_the_preview_frame():
    from commerce_fake import FakeCommerce

    from asc_widgets.core.commerce import CommerceCatalog
    from asc_widgets.core.listing import evaluate, listing_products

    with FakeCommerce() as fake:
        catalog = CommerceCatalog.from_env(fake.env(), backoff=0.001)
        frame = listing_products(catalog, "base", ["upc"])
    assert len(frame) > 0 and frame["product_id"].iloc[0] == 1
    first = frame.iloc[0]
    assert (first["type_id"], first["visibility"], first["status"], first["price"]) == (
        "simple", "Catalog, Search", "Enabled", 9.5)
    rule = ListingRule("base", Combination(conditions=(Condition("price", "<", "10"),)))
    assert evaluate(rule, frame).all()
    preview = ListingPreview(frame, rule, UPC)
    assert preview.flag_counts()["missing_id"] > 0  # every 5th product has no UPC

"""The product frame listing rules and the preview work on: one row per product of a website
with the Commerce admin's columns (Product ID, Name, Type, Attribute Set, SKU, Visibility,
Status), the fields rules test (price, quantity, categories) and the mapped identifier.

Option columns are pandas categoricals, so rule evaluation decides each distinct value once.
The demo catalog's extra fields (type, set, visibility...) come from a fixed seed.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from asc_widgets.core.catalog.base import CatalogSource
from asc_widgets.core.catalog.demo import DemoCatalog
from asc_widgets.core.listing.attributes import PRODUCT_TYPES, STATUSES, VISIBILITIES

OPTION_COLUMNS = ("type_id", "attribute_set", "visibility", "status", "category_ids")
NUMBER_COLUMNS = ("price", "qty")
BASE_COLUMNS = ("product_id", "sku", "name", "type_id", "attribute_set", "visibility",
                "status", "price", "qty", "category_ids", "websites")

# The demo's share of each type; bundle, grouped and gift card cannot be listed by ASC.
_TYPE_SHARES = (0.62, 0.14, 0.05, 0.04, 0.06, 0.05, 0.04)
_SETS = ("Default", "Bag", "Gear", "Books", "Electronics")
_VISIBILITY_SHARES = (0.15, 0.05, 0.05, 0.75)
DEMO_CATEGORIES = {3: "Gear", 4: "Bags", 5: "Fitness", 6: "Books", 7: "Kitchen",
                   8: "Electronics", 9: "Outdoor", 10: "Sale"}
_DEMO_WEBSITE_SHARE = {"base": 1.0, "us_store": 0.7, "uk_store": 0.5}


def demo_fields(count: int, seed: int = 7) -> pd.DataFrame:
    """The demo's listing fields for count products, from a fixed seed (vectorised)."""
    rng = np.random.default_rng(seed)
    ids = np.arange(1, count + 1)
    type_id = rng.choice(len(PRODUCT_TYPES), size=count, p=_TYPE_SHARES)
    cat_ids = np.array(sorted(DEMO_CATEGORIES))
    first = rng.choice(cat_ids, size=count)
    second = rng.choice(cat_ids, size=count)
    two = rng.random(count) < 0.35
    first_text = first.astype(str)
    categories = np.where(two & (second != first),
                          np.char.add(np.char.add(first_text, ","), second.astype(str)),
                          first_text)
    shares = rng.random(count)
    websites = np.where(shares < _DEMO_WEBSITE_SHARE["uk_store"], "base,us_store,uk_store",
                        np.where(shares < _DEMO_WEBSITE_SHARE["us_store"], "base,us_store",
                                 "base"))
    price = np.round(rng.gamma(2.0, 18.0, size=count) + 0.99, 2)
    qty = rng.integers(0, 250, size=count).astype("float64")
    qty[rng.random(count) < 0.08] = 0.0
    return pd.DataFrame({
        "product_id": ids,
        "type_id": pd.Categorical.from_codes(type_id, PRODUCT_TYPES),
        "attribute_set": pd.Categorical.from_codes(rng.integers(0, len(_SETS), count), _SETS),
        "visibility": pd.Categorical.from_codes(
            rng.choice(len(VISIBILITIES), size=count, p=_VISIBILITY_SHARES), VISIBILITIES),
        "status": pd.Categorical.from_codes((rng.random(count) < 0.1).astype(int), STATUSES),
        "price": price,
        "qty": qty,
        "category_ids": pd.Categorical(categories),
        "websites": pd.Categorical(websites),
    })


def synthetic_products(count: int, id_attribute: str = "upc", seed: int = 11) -> pd.DataFrame:
    """A large made-up catalog (benchmarks): the demo's fields, names, SKUs and UPC-like
    codes, built without a per-row loop."""
    frame = demo_fields(count, seed)
    ids = frame["product_id"].to_numpy()
    frame.insert(1, "sku", pd.array(np.char.add("SK-", ids.astype(str)), dtype="string"))
    nouns = np.array(["Backpack", "Desk Lamp", "Yoga Mat", "Headphones", "Cookbook",
                      "Refurbished Kettle"])
    frame.insert(2, "name", pd.array(np.char.add(np.char.add(nouns[ids % len(nouns)], " "),
                                                 ids.astype(str)), dtype="string"))
    frame[id_attribute] = pd.array(np.char.zfill((ids * 7919 % 10**11).astype(str), 12),
                                   dtype="string")
    return frame


def listing_products(catalog: CatalogSource, website: str | None = None,
                     attributes: Iterable[str] = ()) -> pd.DataFrame:
    """The products of a website (all when None) with the base columns plus attributes."""
    extra = [a for a in dict.fromkeys(attributes) if a not in BASE_COLUMNS]
    if isinstance(catalog, DemoCatalog):
        products = catalog.products(["name", *extra])
        fields = demo_fields(len(products))
        frame = pd.concat([fields[["product_id"]], products[["sku", "name"]],
                           fields.drop(columns=["product_id"]),
                           products[[c for c in extra if c in products.columns]]], axis=1)
    else:
        # Top-level product fields, plus category_ids (a custom attribute). Quantity and
        # websites live in extension attributes the product list does not carry: NA here.
        wanted = ["id", "name", "type_id", "attribute_set_id", "visibility", "status",
                  "price", "category_ids", *extra]
        raw = catalog.products(wanted)
        frame = _from_commerce(raw, extra)
    if website is not None and "websites" in frame.columns:
        on_site = frame["websites"].astype("string").str.split(",").map(
            lambda ws: website in ws if isinstance(ws, list) else True)
        frame = frame[on_site.to_numpy(dtype=bool)].reset_index(drop=True)
    return frame


_COMMERCE_VISIBILITY = dict(enumerate(VISIBILITIES, start=1))
_COMMERCE_STATUS = {"1": "Enabled", "2": "Disabled"}


def _from_commerce(raw: pd.DataFrame, extra: list[str]) -> pd.DataFrame:
    """Commerce's REST values (visibility 1-4, status 1/2, ids) as the preview shows them."""
    frame = pd.DataFrame({
        "product_id": pd.to_numeric(raw["id"], errors="coerce"),
        "sku": raw["sku"], "name": raw.get("name"),
        "type_id": pd.Categorical(raw.get("type_id")),
        "attribute_set": pd.Categorical(raw.get("attribute_set_id")),
        "visibility": pd.Categorical(pd.to_numeric(raw.get("visibility"), errors="coerce")
                                     .map(_COMMERCE_VISIBILITY)),
        "status": pd.Categorical(raw.get("status").map(_COMMERCE_STATUS)),
        "price": pd.to_numeric(raw.get("price"), errors="coerce"),
        "qty": pd.Series(np.nan, index=raw.index),
        "category_ids": pd.Categorical(raw.get("category_ids")),
    })
    for code in extra:
        frame[code] = raw[code]
    return frame

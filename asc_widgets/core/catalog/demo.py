"""The bundled demo catalog: a few websites and a few thousand products with realistic
identifiers, some missing and some with wrong check digits, generated from a fixed seed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy as np
import pandas as pd
from stdnum import ean as stdnum_ean
from stdnum import isbn as stdnum_isbn

from asc_widgets.core.catalog.base import Attribute, CatalogSource, Website

DEMO_WEBSITES = (
    Website(1, "base", "Main Website"),
    Website(2, "us_store", "US Store"),
    Website(3, "uk_store", "UK Store"),
)

DEMO_ATTRIBUTES = (
    Attribute("sku", "SKU", "text", "static", is_user_defined=False),
    Attribute("name", "Product Name", "text", "varchar", is_user_defined=False),
    Attribute("description", "Description", "textarea", "text", is_user_defined=False),
    Attribute("upc", "UPC", "text", "varchar"),
    Attribute("ean", "EAN", "text", "varchar"),
    Attribute("isbn", "ISBN", "text", "varchar"),
    Attribute("amazon_asin", "Amazon ASIN", "text", "varchar"),
    Attribute("gcid", "GCID", "text", "varchar"),
    Attribute("color", "Color", "select", "int"),
    Attribute("amazon_condition", "Amazon Condition", "select", "int"),
    Attribute("price", "Price", "price", "decimal", is_user_defined=False),
)

_ADJECTIVES = ("Classic", "Compact", "Deluxe", "Eco", "Ultra", "Smart", "Vintage", "Pro")
_NOUNS = ("Backpack", "Water Bottle", "Desk Lamp", "Yoga Mat", "Notebook", "Headphones",
          "Coffee Grinder", "Running Shoes", "Cookbook", "Field Guide")
_ALNUM = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))
_HEX = np.array(list("0123456789ABCDEF"))


def _with_check_digit(body: str) -> str:
    return body + stdnum_ean.calc_check_digit(body)


def _spoil_check_digit(value: str) -> str:
    last = int(value[-1])
    return value[:-1] + str((last + 1) % 10)


def _pick(rng: np.random.Generator, size: int, missing: float, bad: float) -> np.ndarray:
    """Per product: 0 valid, 1 missing, 2 bad."""
    return rng.choice(3, size=size, p=[1 - missing - bad, missing, bad])


@lru_cache(maxsize=4)
def demo_products(count: int = 3000, seed: int = 20240517) -> pd.DataFrame:
    """The demo products (sku, name, description and the identifier attributes) as strings."""
    rng = np.random.default_rng(seed)
    rows = []
    is_book = rng.random(count) < 0.2
    upc_kind = _pick(rng, count, 0.08, 0.05)
    ean_kind = _pick(rng, count, 0.15, 0.04)
    isbn_kind = _pick(rng, count, 0.05, 0.06)
    asin_kind = _pick(rng, count, 0.10, 0.03)
    has_gcid = rng.random(count) < 0.12
    for i in range(count):
        book = bool(is_book[i])
        noun = "Cookbook" if book else _NOUNS[i % len(_NOUNS)]
        name = f"{_ADJECTIVES[i % len(_ADJECTIVES)]} {noun} {i + 1:04d}"
        upc = _with_check_digit(f"{rng.integers(0, 10**11):011d}")
        ean = _with_check_digit(f"{rng.integers(10**11, 10**12):012d}")
        isbn13 = _with_check_digit(f"978{rng.integers(0, 10**9):09d}")
        row = {
            "sku": f"{'BK' if book else 'MB'}-{i + 1:05d}",
            "name": name,
            "description": f"{name}: a demo product for the onboarding kit.",
            "upc": {0: upc, 1: None, 2: _spoil_check_digit(upc)}[upc_kind[i]],
            "ean": {0: ean, 1: None, 2: _spoil_check_digit(ean)}[ean_kind[i]],
            "isbn": None,
            "amazon_asin": None,
            "gcid": None,
        }
        if book:
            row["isbn"] = {0: isbn13, 1: None, 2: _spoil_check_digit(isbn13)}[isbn_kind[i]]
            isbn10 = stdnum_isbn.to_isbn10(isbn13)
            spoiled = isbn10[:-1] + ("0" if isbn10[-1] != "0" else "1")
            row["amazon_asin"] = {0: isbn10, 1: None, 2: spoiled}[asin_kind[i]]
        else:
            asin = "B0" + "".join(rng.choice(_ALNUM, 8))
            row["amazon_asin"] = {0: asin, 1: None, 2: asin[:9].lower()}[asin_kind[i]]
        if has_gcid[i]:
            row["gcid"] = "".join(rng.choice(_HEX, 16))
        rows.append(row)
    # Real catalogs reuse a barcode now and then (a variant copied from its parent).
    for i in rng.choice(count - 1, size=max(1, count // 200), replace=False):
        rows[i + 1]["upc"] = rows[i]["upc"]
        rows[i + 1]["ean"] = rows[i]["ean"]
    return pd.DataFrame(rows).astype("string")


class DemoCatalog(CatalogSource):
    """The embedded default catalog: no set-up, same interface as the Commerce REST source."""

    def __init__(self, product_count: int = 3000):
        self._count = product_count

    def websites(self) -> list[Website]:
        return list(DEMO_WEBSITES)

    def attributes(self) -> list[Attribute]:
        return list(DEMO_ATTRIBUTES)

    def iter_products(self, attribute_codes: Iterable[str], *, chunk_size: int = 10_000
                      ) -> Iterator[pd.DataFrame]:
        frame = demo_products(self._count)
        columns = ["sku"] + [c for c in dict.fromkeys(attribute_codes) if c != "sku"]
        for code in columns:
            if code not in frame.columns:
                # Attributes without text values in the demo (select, price) come back empty.
                frame = frame.assign(**{code: pd.Series(pd.NA, index=frame.index, dtype="string")})
        for start in range(0, len(frame), chunk_size):
            yield frame.iloc[start:start + chunk_size][columns].reset_index(drop=True)

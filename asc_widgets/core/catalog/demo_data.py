"""The demo catalog's products: a few thousand with realistic identifiers, some missing and
some with wrong check digits, generated from a fixed seed (numpy and pandas load here, when the
products are first read)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
from stdnum import ean as stdnum_ean
from stdnum import isbn as stdnum_isbn

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

"""Identifier codes as Amazon matches them: one normal form per product code.

GTIN-compatible codes (UPC-A, EAN-13, EAN-8, GTIN-14, ISBN-13, JAN) become GTIN-14: a UPC-A is
the EAN-13 with a leading 0 and Amazon may answer a UPC search with the EAN or GTIN form, so
results map back by this form, never by string equality. ISBN-10 becomes its ISBN-13 first.
ASINs are upper-cased. GCID has no catalog search type.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from stdnum import isbn as stdnum_isbn

from asc_widgets.core.identifiers_vectorized import check_column

# The kit's ID type -> searchCatalogItems identifiersType (GCID has none).
SEARCH_TYPES = {"UPC": "UPC", "EAN": "EAN", "ISBN": "ISBN", "ASIN": "ASIN"}
GS1_TYPES = frozenset({"UPC", "EAN", "GTIN", "JAN", "ISBN", "MINSAN"})
_EAN8_TAG = 10**13


def search_type(id_type: str) -> str | None:
    return SEARCH_TYPES.get(id_type.upper())


def normal_form(identifier_type: str, identifier: str) -> str | None:
    """The match key of an identifier as Amazon returns it (None when it cannot be one)."""
    text = "".join(str(identifier).split()).replace("-", "").upper()
    if identifier_type.upper() == "ASIN":
        return text or None
    if identifier_type.upper() == "ISBN" and len(text) == 10:
        try:
            text = stdnum_isbn.to_isbn13(text).replace("-", "")
        except Exception:  # noqa: BLE001 - not an ISBN-10: no key
            return None
    if text.isascii() and text.isdigit() and len(text) in (8, 12, 13, 14):
        return text.zfill(14)
    return None


def normalise_column(values: pd.Series, id_type: str) -> tuple[np.ndarray, np.ndarray]:
    """(match keys, search codes) per value of the store's mapped attribute, None where the
    value is missing or invalid for id_type. Search codes are what the kit sends Amazon: the
    canonical UPC-A (12 digits), EAN (13 or 8), ISBN-13, or upper-case ASIN."""
    id_type = id_type.upper()
    checked = check_column(values, (id_type,))
    valid = checked.valid(id_type)
    keys = np.full(len(valid), None, dtype=object)
    codes = np.full(len(valid), None, dtype=object)
    if id_type == "ASIN":
        texts = np.array([t.upper() for t in checked.texts], dtype=object)
        keys[valid] = texts[valid]
        codes[valid] = texts[valid]
        return keys, codes
    if id_type not in SEARCH_TYPES:
        return keys, codes
    numbers = checked.keys[id_type][valid].astype(np.uint64)
    if id_type == "ISBN":  # the profiler's ISBN key is the ISBN-13 without its check digit
        numbers = numbers * np.uint64(10) + _gs1_check_digit(numbers)
    ean8 = numbers >= np.uint64(_EAN8_TAG)
    plain = np.where(ean8, numbers - np.uint64(_EAN8_TAG), numbers)
    as_text = np.char.zfill(plain.astype(str), 14)
    keys[valid] = as_text.astype(object)
    width = {"UPC": 12, "EAN": 13, "ISBN": 13}[id_type]
    search = np.where(ean8, np.char.zfill(plain.astype(str), 8),
                      np.char.zfill(plain.astype(str), width))
    codes[valid] = search.astype(object)
    return keys, codes


def _gs1_check_digit(bodies: np.ndarray) -> np.ndarray:
    """GS1 check digits of 12-digit bodies (weights 1, 3, 1, ... from the left)."""
    digits = (bodies[:, None] // (np.uint64(10) ** np.arange(11, -1, -1, dtype=np.uint64))
              ) % np.uint64(10)
    weights = np.tile(np.array([1, 3], dtype=np.uint64), 6)
    total = (digits * weights).sum(axis=1)
    return (np.uint64(10) - total % np.uint64(10)) % np.uint64(10)

"""Amazon product identifier types and a one-value validator for each.

GS1 (UPC, EAN) and ISBN check digits use python-stdnum; ASIN and GCID are format rules.
A validator returns None for a valid value, else a reason key of the message catalog.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

from stdnum import ean as stdnum_ean
from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

_ALNUM10 = re.compile(r"^[A-Z0-9]{10}$")
_GCID = re.compile(r"^[0-9A-Fa-f]{16}$")
_DIGITS = re.compile(r"^[0-9]+$")  # ASCII only: Amazon and GS1 know no other digits


def _gs1(value: str, lengths: tuple[int, ...]) -> str | None:
    if not _DIGITS.match(value):
        return "id.reason.not_digits"
    if len(value) not in lengths:
        return "id.reason.length"
    try:
        stdnum_ean.validate(value)
    except InvalidChecksum:
        return "id.reason.check_digit"
    return None


def check_upc(value: str) -> str | None:
    return _gs1(value, (12,))


def check_ean(value: str) -> str | None:
    return _gs1(value, (8, 13))


def compact_isbn(value: str) -> str:
    return value.replace("-", "").replace(" ", "").upper()


def check_isbn(value: str) -> str | None:
    compact = compact_isbn(value)
    if len(compact) not in (10, 13):
        return "id.reason.length"
    try:
        stdnum_isbn.validate(compact)
    except InvalidChecksum:
        return "id.reason.check_digit"
    except InvalidComponent:
        return "id.reason.isbn_prefix"
    except (InvalidFormat, InvalidLength):
        return "id.reason.format"
    return None


def check_asin(value: str) -> str | None:
    # Book ASINs are ISBN-10s; all others start with "B" (in practice "B0").
    if not _ALNUM10.match(value):
        return "id.reason.asin_format"
    if value[0].isdigit():
        return None if check_isbn(value) is None else "id.reason.asin_isbn"
    if value[0] != "B":
        return "id.reason.asin_format"
    return None


def check_gcid(value: str) -> str | None:
    return None if _GCID.match(value) else "id.reason.gcid_format"


def _is_na(value: object) -> bool:
    """NaN, or pandas' NA (only possible once pandas is loaded: no import here)."""
    pandas = sys.modules.get("pandas")
    return (isinstance(value, float) and value != value) or (
        pandas is not None and value is pandas.NA)


@dataclass(frozen=True)
class IdentifierType:
    code: str
    label: str
    check: Callable[[str], str | None]

    def reason(self, value: object) -> str | None:
        """None when value is a valid identifier of this type, else a reason key."""
        if value is None or _is_na(value):
            return "id.reason.missing"
        text = str(value).strip()
        if not text or text.lower() == "nan":
            return "id.reason.missing"
        return self.check(text)

    def is_valid(self, value: object) -> bool:
        return self.reason(value) is None


ID_TYPES: dict[str, IdentifierType] = {
    t.code: t
    for t in (
        IdentifierType("ASIN", "ASIN", check_asin),
        IdentifierType("EAN", "EAN", check_ean),
        IdentifierType("GCID", "GCID", check_gcid),
        IdentifierType("ISBN", "ISBN", check_isbn),
        IdentifierType("UPC", "UPC", check_upc),
    )
}


def get_id_type(code: str) -> IdentifierType:
    try:
        return ID_TYPES[(code or "").strip().upper()]
    except KeyError:
        choices = ", ".join(ID_TYPES)
        message = f"unknown Amazon product ID type {code!r}; choose one of {choices}"
        raise KeyError(message) from None

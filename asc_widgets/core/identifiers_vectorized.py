"""Whole-column identifier checks: the verdicts and reason keys of identifiers.py, vectorised.

identifiers.py checks one value at a time (python-stdnum underneath), a few microseconds per
value; profiling a large catalog needs millions of checks. Here a column becomes a fixed-width
byte matrix once and every format and check-digit rule runs as numpy arithmetic over it.
Values the matrix cannot represent faithfully (non-ASCII text, control characters, long text
that might still compact to an ISBN) go through the one-value validators instead, so the
verdicts agree with identifiers.py by construction.

Each value gets a reason code per ID type (an index into REASON_KEYS; 0 = valid) and, when
valid, a uint64 key that is the same for equal identifiers (so duplicates can be counted
without keeping strings): the number itself for UPC/EAN/ISBN (ISBN-10 and ISBN-13 of one book
share a key), base 36 for ASIN, the 64-bit value for GCID.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from stdnum import ean as stdnum_ean
from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import ValidationError

from asc_widgets.core.identifiers import ID_TYPES, compact_isbn, get_id_type

REASON_KEYS: tuple[str | None, ...] = (
    None,
    "id.reason.missing",
    "id.reason.not_digits",
    "id.reason.length",
    "id.reason.check_digit",
    "id.reason.isbn_prefix",
    "id.reason.format",
    "id.reason.asin_format",
    "id.reason.asin_isbn",
    "id.reason.gcid_format",
)
(VALID, MISSING, NOT_DIGITS, LENGTH, CHECK_DIGIT, ISBN_PREFIX, FORMAT, ASIN_FORMAT, ASIN_ISBN,
 GCID_FORMAT) = range(len(REASON_KEYS))
_CODE_OF_KEY = {key: code for code, key in enumerate(REASON_KEYS)}

# Widest value handled in matrix form (a hyphenated ISBN-13 such as "978-0-306-40615-7" has
# 17 characters); one more byte marks longer values, and 24 bytes are three machine words.
WIDTH = 23
_ROW = WIDTH + 1

_ZERO, _NINE = np.uint8(ord("0")), np.uint8(9)
_EAN8_TAG = np.uint64(10**13)  # keeps EAN-8 keys apart from EAN-13 keys with leading zeros
_ISBN10_AS_13 = np.uint64(978 * 10**9)


@dataclass(frozen=True)
class CheckedColumn:
    """The verdicts for one column of values."""

    texts: list[str]  # each value stripped ("" when missing)
    present: np.ndarray  # bool per value
    codes: dict[str, np.ndarray]  # ID type -> int8 reason code per value (VALID = 0)
    keys: dict[str, np.ndarray]  # ID type -> uint64 key per value (meaningful where valid)

    def valid(self, id_type: str) -> np.ndarray:
        return self.codes[id_type] == VALID

    def reasons(self, id_type: str) -> list[str | None]:
        """Reason keys as identifiers.py gives them (None for a valid value)."""
        return [REASON_KEYS[code] for code in self.codes[id_type]]


def check_column(values: Iterable[object], id_types: Iterable[str] = tuple(ID_TYPES)
                 ) -> CheckedColumn:
    """Check every value of a column against each ID type in one pass."""
    wanted = [get_id_type(code).code for code in id_types]
    texts = _stripped_texts(values)
    unusual = _unusual_rows(texts)
    plain = [("" if odd else text) for text, odd in zip(texts, unusual, strict=True)] \
        if unusual.any() else texts
    facts = _Facts(plain, unusual)
    codes: dict[str, np.ndarray] = {}
    keys: dict[str, np.ndarray] = {}
    isbn = _isbn(facts) if {"ISBN", "ASIN"} & set(wanted) else None
    for code in wanted:
        if code == "UPC":
            codes[code], keys[code] = _gs1(facts, (12,))
        elif code == "EAN":
            codes[code], keys[code] = _gs1(facts, (8, 13))
        elif code == "ISBN":
            codes[code], keys[code] = isbn[0].copy(), isbn[1]
        elif code == "ASIN":
            codes[code], keys[code] = _asin(facts, isbn[0])
        elif code == "GCID":
            codes[code], keys[code] = _gcid(facts)

    present = facts.present()
    for code in wanted:
        _fix_long(codes[code], code, facts)
        codes[code][~present] = MISSING
    present |= unusual
    for row in np.flatnonzero(unusual):
        for code in wanted:
            codes[code][row], keys[code][row] = _check_one(code, texts[row])
    return CheckedColumn(texts=texts, present=present, codes=codes, keys=keys)


def reasons(values: Iterable[object], id_type: str) -> list[str | None]:
    """The reason key (None when valid) of each value, as ID_TYPES[id_type].reason would give."""
    code = get_id_type(id_type).code
    return check_column(values, (code,)).reasons(code)


def is_valid(values: Iterable[object], id_type: str) -> np.ndarray:
    code = get_id_type(id_type).code
    return check_column(values, (code,)).valid(code)


# --- preparing the text --------------------------------------------------------------------

def _stripped_texts(values: Iterable[object]) -> list[str]:
    if isinstance(values, pd.Series):
        values = values.array
    if isinstance(values, pd.api.extensions.ExtensionArray):
        missing = np.asarray(values.isna())
        values = np.asarray(values, dtype=object)
        if missing.any():
            values = values.copy()
            values[missing] = ""
    try:
        # str.strip, like identifiers.py, so Unicode spaces count as whitespace the same way.
        return list(map(str.strip, values))
    except TypeError:  # not all str: missing markers, numbers
        return [v.strip() if v.__class__ is str else _other_text(v) for v in values]


def _other_text(value: object) -> str:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return str(value).strip()


def _unusual_rows(texts: list[str]) -> np.ndarray:
    """Values with characters beyond ASCII, or NUL (the byte matrix's padding). Other control
    characters are spotted in the matrix."""
    joined = "".join(texts)
    unusual = np.zeros(len(texts), dtype=bool)
    if not joined.isascii():
        unusual |= ~np.fromiter(map(str.isascii, texts), dtype=bool, count=len(texts))
    if "\x00" in joined:
        unusual |= np.fromiter(("\x00" in t for t in texts), dtype=bool, count=len(texts))
    return unusual


def _any_per_row(mask: np.ndarray) -> np.ndarray:
    """Row-wise any() of an (n, 24) bool matrix: three uint64 words per row, OR-ed."""
    words = mask.view(np.uint64)
    return (words[:, 0] | words[:, 1] | words[:, 2]) != 0


class _Facts:
    """The values as an (n, 24) byte matrix (0-padded, row i = value i) plus facts the rules
    share. Rows holding control characters join the one-value path (unusual)."""

    def __init__(self, plain: list[str], unusual: np.ndarray):
        count = len(plain)
        raw = np.array(plain, dtype=f"S{_ROW}") if count else np.empty(0, dtype=f"S{_ROW}")
        self.matrix = raw.view(np.uint8).reshape(count, _ROW)
        self.length = np.strings.str_len(raw).astype(np.int64)  # _ROW: longer than WIDTH
        control = _any_per_row((self.matrix - np.uint8(1)) < np.uint8(31))  # bytes 1-31
        if control.any():
            unusual |= control
            self.matrix[control] = 0
            self.length[control] = 0
        self.count = count
        self.all_digits = ~_any_per_row(((self.matrix - _ZERO) > _NINE) & (self.matrix != 0))
        self.long_rows = np.flatnonzero(self.length > WIDTH)
        self.long_all_digits = self._inspect_long(plain, unusual)

    def _inspect_long(self, plain: list[str], unusual: np.ndarray) -> np.ndarray:
        """Whether each value longer than WIDTH is all digits. Those that could still compact
        to an ISBN (10 or 13 characters once '-' and ' ' go) join the one-value path."""
        all_digits = np.zeros(len(self.long_rows), dtype=bool)
        for i, row in enumerate(self.long_rows):
            text = plain[row]
            all_digits[i] = text.isdigit()  # ASCII only here, so isdigit means [0-9]
            if len(text) - text.count("-") - text.count(" ") in (10, 13):
                unusual[row] = True
        return all_digits

    def rows(self, length: int, extra: np.ndarray | None = None) -> np.ndarray:
        mask = self.length == length
        return np.flatnonzero(mask if extra is None else mask & extra)

    def present(self) -> np.ndarray:
        # identifiers.py treats the text "nan" (any case) as no value; | 0x20 lower-cases ASCII.
        present = self.length > 0
        rows = self.rows(3)
        lower = self.matrix[rows, :3] | np.uint8(0x20)
        present[rows] = ~((lower[:, 0] == ord("n")) & (lower[:, 1] == ord("a"))
                          & (lower[:, 2] == ord("n")))
        return present


# --- rules ---------------------------------------------------------------------------------
# Each rule gathers the rows of the lengths it cares about and works on them position by
# position (a contiguous (position, value) copy), in small integer types.

def _columns(chars: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(chars.T)


def _gs1(facts: _Facts, sizes: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    codes = np.where(facts.all_digits, LENGTH, NOT_DIGITS).astype(np.int8)
    keys = np.zeros(facts.count, dtype=np.uint64)
    for size in sizes:
        rows = facts.rows(size, facts.all_digits)
        digits = _columns(facts.matrix[rows, :size]) - _ZERO
        ok = _gs1_ok(digits)
        codes[rows] = np.where(ok, VALID, CHECK_DIGIT)
        keys[rows[ok]] = _positional(digits[:, ok], 10) + (_EAN8_TAG if size == 8 else 0)
    return codes, keys


def _gs1_ok(digits: np.ndarray) -> np.ndarray:
    # Weights 3,1,3,... from the right, the check digit itself weighing 1: total % 10 == 0.
    size = len(digits)
    return _weighted(digits, [3 if (size - 1 - i) % 2 else 1 for i in range(size)]) % 10 == 0


def _isbn(facts: _Facts) -> tuple[np.ndarray, np.ndarray]:
    matrix = facts.matrix
    separator = (matrix == ord("-")) | (matrix == ord(" "))
    compact_length = facts.length.copy()
    spaced = np.flatnonzero(_any_per_row(separator) & (facts.length <= WIDTH))
    compact_length[spaced] -= separator[spaced].sum(axis=1)
    spaced = spaced[np.isin(compact_length[spaced], (10, 13))]
    if len(spaced):
        matrix = matrix.copy()
        matrix[spaced] = _remove(matrix[spaced], separator[spaced])
    codes = np.full(facts.count, LENGTH, dtype=np.int8)
    keys = np.zeros(facts.count, dtype=np.uint64)

    rows = np.flatnonzero(compact_length == 10)
    chars = _columns(matrix[rows, :10])
    body = chars[:9] - _ZERO
    total = _weighted(body, range(1, 10)) % 11
    expected = np.where(total == 10, ord("X"), ord("0") + total)
    last = np.where(chars[9] == ord("x"), ord("X"), chars[9])  # compact_isbn upper-cases
    verdict = np.where(_any_above_nine(body), FORMAT,
                       np.where(last == expected, VALID, CHECK_DIGIT))
    codes[rows] = verdict
    ok = verdict == VALID
    keys[rows[ok]] = _ISBN10_AS_13 + _positional(body[:, ok], 10)

    rows = np.flatnonzero(compact_length == 13)
    digits = _columns(matrix[rows, :13]) - _ZERO
    prefix_ok = (digits[0] == 9) & (digits[1] == 7) & ((digits[2] == 8) | (digits[2] == 9))
    # stdnum's order: format, then check digit, then the 978/979 prefix.
    verdict = np.where(_any_above_nine(digits), FORMAT,
                       np.where(~_gs1_ok(digits), CHECK_DIGIT,
                                np.where(prefix_ok, VALID, ISBN_PREFIX)))
    codes[rows] = verdict
    ok = verdict == VALID
    keys[rows[ok]] = _positional(digits[:12, ok], 10)
    return codes, keys


def _remove(chars: np.ndarray, drop: np.ndarray) -> np.ndarray:
    """Each row of chars without its dropped characters, the rest shifted left."""
    keep = (chars != 0) & ~drop
    target = np.cumsum(keep, axis=1) - 1
    shifted = np.zeros_like(chars)
    row, column = np.nonzero(keep)
    shifted[row, target[row, column]] = chars[row, column]
    return shifted


def _asin(facts: _Facts, isbn_codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes = np.full(facts.count, ASIN_FORMAT, dtype=np.int8)
    keys = np.zeros(facts.count, dtype=np.uint64)
    rows = facts.rows(10)
    chars = _columns(facts.matrix[rows, :10])
    digit = (chars - _ZERO) <= _NINE
    shaped = np.logical_and.reduce(digit | ((chars - np.uint8(ord("A"))) <= np.uint8(25)), axis=0)
    # Book ASINs are ISBN-10s (a 10-character alphanumeric value has nothing to compact).
    book = shaped & digit[0]
    verdict = np.where(book, np.where(isbn_codes[rows] == VALID, VALID, ASIN_ISBN), ASIN_FORMAT)
    verdict[shaped & (chars[0] == ord("B"))] = VALID
    codes[rows] = verdict
    ok = verdict == VALID
    values = np.where(digit[:, ok], chars[:, ok] - _ZERO, chars[:, ok] - np.uint8(ord("A") - 10))
    keys[rows[ok]] = _positional(values, 36)
    return codes, keys


def _gcid(facts: _Facts) -> tuple[np.ndarray, np.ndarray]:
    codes = np.full(facts.count, GCID_FORMAT, dtype=np.int8)
    keys = np.zeros(facts.count, dtype=np.uint64)
    rows = facts.rows(16)
    chars = _columns(facts.matrix[rows, :16])
    digit = (chars - _ZERO) <= _NINE
    lower = chars | np.uint8(0x20)  # lower-case view of ASCII letters
    shaped = np.logical_and.reduce(digit | ((lower - np.uint8(ord("a"))) <= np.uint8(5)), axis=0)
    codes[rows[shaped]] = VALID
    nibbles = np.where(digit[:, shaped], chars[:, shaped] - _ZERO,
                       lower[:, shaped] - np.uint8(ord("a") - 10))
    keys[rows[shaped]] = _positional(nibbles, 16)
    return codes, keys


def _any_above_nine(digits: np.ndarray) -> np.ndarray:
    return np.logical_or.reduce(digits > _NINE, axis=0)


def _weighted(digits: np.ndarray, weights: Iterable[int]) -> np.ndarray:
    """Sum over positions of weight * digit, for each value (digits is (position, value))."""
    total = np.zeros(digits.shape[1], dtype=np.int32)
    for row, weight in zip(digits, weights, strict=False):
        total += row * np.int32(weight)
    return total


def _positional(digits: np.ndarray, base: int) -> np.ndarray:
    """The number each value's digits spell (most significant position first), as uint64."""
    total = np.zeros(digits.shape[1], dtype=np.uint64)
    radix = np.uint64(base)
    for row in digits:
        total *= radix
        total += row
    return total


def _fix_long(codes: np.ndarray, id_type: str, facts: _Facts) -> None:
    """Verdicts for values longer than WIDTH: too long for every ID type."""
    rows = facts.long_rows
    if not len(rows):
        return
    if id_type in ("UPC", "EAN"):
        codes[rows] = np.where(facts.long_all_digits, LENGTH, NOT_DIGITS)
    else:
        codes[rows] = {"ISBN": LENGTH, "ASIN": ASIN_FORMAT, "GCID": GCID_FORMAT}[id_type]


# --- the one-value path --------------------------------------------------------------------

def _check_one(id_type: str, text: str) -> tuple[int, np.uint64]:
    try:
        reason = ID_TYPES[id_type].check(text)
    except ValidationError:
        # identifiers.py lets stdnum's InvalidFormat escape for digits python-stdnum cannot
        # map to ASCII (Arabic-Indic digits, say): they are not the digits a GTIN needs.
        reason = "id.reason.not_digits"
    code = _CODE_OF_KEY[reason]
    return code, (_key_of(id_type, text) if code == VALID else np.uint64(0))


def _key_of(id_type: str, text: str) -> np.uint64:
    if id_type in ("UPC", "EAN"):
        number = stdnum_ean.compact(text)  # maps full-width digits to ASCII like the check did
        return np.uint64(int(number) + (10**13 if len(number) == 8 else 0))
    if id_type == "ISBN":
        number = stdnum_isbn.compact(compact_isbn(text))
        return np.uint64(978 * 10**9 + int(number[:9]) if len(number) == 10 else int(number[:12]))
    return np.uint64(int(text, 36 if id_type == "ASIN" else 16))

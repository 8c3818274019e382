"""The vectorised checks give the same verdict and reason key as identifiers.py, and
identifiers.py agrees with python-stdnum."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import ean as stdnum_ean
from stdnum import isbn as stdnum_isbn

from asc_widgets.core.i18n import t
from asc_widgets.core.identifiers import ID_TYPES, check_ean, check_isbn, check_upc
from asc_widgets.core.identifiers_vectorized import (
    REASON_KEYS,
    check_column,
    is_valid,
    reasons,
)

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def scalar_reason(code: str, value: object) -> str | None:
    """identifiers.py's one-value verdict."""
    return ID_TYPES[code].reason(value)


def assert_same_verdicts(values: list[object]) -> None:
    column = check_column(values)
    for code in ID_TYPES:
        got = column.reasons(code)
        expected = [scalar_reason(code, v) for v in values]
        mismatches = [(v, e, g) for v, e, g in zip(values, expected, got, strict=True) if e != g]
        assert not mismatches, f"{code}: (value, identifiers.py, vectorised) {mismatches[:5]}"
    present = [scalar_reason("UPC", v) != "id.reason.missing" for v in values]
    assert column.present.tolist() == present


# --- value generators ----------------------------------------------------------------------

digits = st.text("0123456789", min_size=1, max_size=14)


def with_gs1(body: str) -> str:
    return body + stdnum_ean.calc_check_digit(body)


def isbn10(body: str) -> str:
    total = sum((i + 1) * int(d) for i, d in enumerate(body)) % 11
    return body + ("X" if total == 10 else str(total))


def spoil(value: str) -> str:
    last = value[-1]
    return value[:-1] + ("0" if last in "X9" else str(int(last) + 1))


gs1_valid = st.one_of(
    st.text("0123456789", min_size=7, max_size=7).map(with_gs1),
    st.text("0123456789", min_size=11, max_size=11).map(with_gs1),
    st.text("0123456789", min_size=12, max_size=12).map(with_gs1),
)
isbn_valid = st.one_of(
    st.text("0123456789", min_size=9, max_size=9).map(isbn10),
    st.sampled_from(["978", "979", "977"]).flatmap(
        lambda p: st.text("0123456789", min_size=9, max_size=9).map(lambda b: with_gs1(p + b))),
)


@st.composite
def hyphenated(draw: st.DrawFn) -> str:
    value = draw(isbn_valid)
    out = ""
    for char in value:
        out += char + draw(st.sampled_from(["", "", "", "-", " ", "--"]))
    return out


@st.composite
def padded(draw: st.DrawFn, inner: st.SearchStrategy[str]) -> str:
    space = st.text(" \t\n\r\x0b\x0c\x1c\u00a0\u2003\u3000", max_size=3)
    return draw(space) + draw(inner) + draw(space)


asin_like = st.one_of(
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=8, max_size=8).map(lambda s: "B0" + s),
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789", min_size=9, max_size=11),
)
gcid_like = st.text("0123456789abcdefABCDEFG", min_size=15, max_size=17)
identifier_like = st.one_of(
    gs1_valid, gs1_valid.map(spoil), isbn_valid, isbn_valid.map(spoil), hyphenated(),
    asin_like, gcid_like, digits,
    st.text("0123456789Xx- ", max_size=25),
    st.sampled_from(["", " ", "nan", "NaN", "NAN", "None", "-", "X"]),
)
values = st.one_of(
    identifier_like,
    padded(identifier_like),
    st.text(max_size=30),  # anything, including control characters and other scripts
    st.text("0123456789\u0660\u0661\u0662\uff10\uff11\uff15-", max_size=14),  # other digits
    st.none(),
)


@SETTINGS
@given(st.lists(values, max_size=40))
def test_vectorised_verdicts_equal_identifiers_py(batch: list[object]) -> None:
    assert_same_verdicts(batch)


@SETTINGS
@given(st.lists(st.one_of(gs1_valid, gs1_valid.map(spoil), digits), max_size=30))
def test_identifiers_gs1_agrees_with_stdnum(batch: list[str]) -> None:
    for value in batch:
        stdnum_ok = stdnum_ean.is_valid(value)
        if len(value) == 12:
            assert (check_upc(value) is None) == stdnum_ok, value
        if len(value) in (8, 13):
            assert (check_ean(value) is None) == stdnum_ok, value
        else:
            assert check_ean(value) is not None


@SETTINGS
@given(st.lists(st.one_of(isbn_valid, isbn_valid.map(spoil), hyphenated(),
                          st.text("0123456789X", min_size=10, max_size=13)), max_size=30))
def test_identifiers_isbn_agrees_with_stdnum(batch: list[str]) -> None:
    for value in batch:
        compact = value.replace("-", "").replace(" ", "")
        if len(compact) in (10, 13):  # stdnum also takes 9-digit SBNs; identifiers.py does not
            assert (check_isbn(value) is None) == stdnum_isbn.is_valid(value), value


# --- explicit cases ------------------------------------------------------------------------

EDGE_CASES = [
    None, pd.NA, np.nan, "", "   ", "nan", " NaN ", "None",
    "036000291452", "036000291453", "03600029145", "0360002914520", "12345670", "12345678",
    "4006381333931", "4006381333932", "978-0-306-40615-7", "978 0 306 40615 7",
    "9780306406157", "9780306406158", "9770306406158", "0-306-40615-2", "0306406152",
    "030640615x", "030640615X", "123456789X", "12345678XX", "97803064061X7",
    "B00EXAMPLE", "B00example", "b00EXAMPLE", "A00EXAMPLE", "0306406152", "0306406153",
    "0123456789abcdef", "0123456789ABCDEF", "0123456789abcdeg", "0123456789abcde",
    "  036000291452\n", "\u00a0036000291452\u3000", "0360002\t91452", "036000\x00291452",
    "\uff10\uff13\uff16\uff10\uff10\uff10\uff12\uff19\uff11\uff14\uff15\uff12",  # full-width
    "\u0660" * 12,  # Arabic-Indic digits
    "9" * 40, "978-0-306-40615-7" + "-" * 10, "-" * 30 + "0306406152",
    "A product description that is long enough to be text, not an identifier.",
    12345670, 4006381333931.0,
]


def test_edge_cases_match_identifiers_py() -> None:
    assert_same_verdicts(EDGE_CASES)


def test_known_verdicts() -> None:
    assert reasons(["036000291452", "036000291453", "12-34"], "UPC") == [
        None, "id.reason.check_digit", "id.reason.not_digits"]
    assert reasons(["978-0-306-40615-7", "9770306406158", "0-306-40615-X"], "isbn") == [
        None, "id.reason.isbn_prefix", "id.reason.check_digit"]
    assert reasons(["0306406152", "0306406153", "B00EXAMPLE", "C00EXAMPLE"], "ASIN") == [
        None, "id.reason.asin_isbn", None, "id.reason.asin_format"]
    assert is_valid(["0123456789abcdef", "0123456789abcdeg", None], "GCID").tolist() == [
        True, False, False]


def test_non_ascii_digits_are_reported_not_raised() -> None:
    for digits in ("\u0660" * 12, "\uff10" * 12):  # Arabic-Indic, full-width
        assert ID_TYPES["UPC"].reason(digits) == "id.reason.not_digits"
        assert reasons([digits], "UPC") == ["id.reason.not_digits"]


def test_series_and_numpy_inputs() -> None:
    series = pd.Series(["036000291452", None, "x"], dtype="string")
    assert reasons(series, "UPC") == [None, "id.reason.missing", "id.reason.not_digits"]
    array = np.array(["036000291452", None], dtype=object)
    assert reasons(array, "UPC") == [None, "id.reason.missing"]
    assert check_column([], ID_TYPES).present.shape == (0,)


def test_equal_identifiers_share_a_key_and_different_ones_do_not() -> None:
    column = check_column(["978-0-306-40615-7", "9780306406157", "0306406152", "0-306-40615-2",
                           "9780306406164", "0123456789ABCDEF", "0123456789abcdef",
                           "12345670", "0000012345670"])
    isbn = column.keys["ISBN"]
    assert isbn[0] == isbn[1] == isbn[2] == isbn[3]  # one book, four spellings
    assert isbn[4] != isbn[0]
    gcid = column.keys["GCID"]
    assert gcid[5] == gcid[6] == np.uint64(0x0123456789ABCDEF)
    ean = column.keys["EAN"]
    assert column.valid("EAN")[7] and column.valid("EAN")[8]
    assert ean[7] != ean[8]  # EAN-8 and the EAN-13 with the same digits are different IDs


def test_every_reason_key_is_translated() -> None:
    for key in REASON_KEYS[1:]:
        assert t(key, "en") and t(key, "zh-CN") != t(key, "en")

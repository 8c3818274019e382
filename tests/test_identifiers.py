import pytest
from stdnum import ean as stdnum_ean
from stdnum import isbn as stdnum_isbn

from asc_widgets.core.identifiers import ID_TYPES, get_id_type


@pytest.mark.parametrize(("code", "value", "reason"), [
    ("UPC", "036000291452", None),
    ("UPC", "036000291453", "id.reason.check_digit"),
    ("UPC", "03600029145", "id.reason.length"),
    ("UPC", "03600029145A", "id.reason.not_digits"),
    ("EAN", "4006381333931", None),
    ("EAN", "96385074", None),  # EAN-8
    ("EAN", "4006381333932", "id.reason.check_digit"),
    ("EAN", "400638133393", "id.reason.length"),
    ("ISBN", "978-0-306-40615-7", None),
    ("ISBN", "0306406152", None),
    ("ISBN", "080442957X", None),
    ("ISBN", "9780306406158", "id.reason.check_digit"),
    ("ISBN", "0306406153", "id.reason.check_digit"),
    ("ISBN", "9770306406158", "id.reason.isbn_prefix"),
    ("ISBN", "12345", "id.reason.length"),
    ("ASIN", "B07XJ8C8F5", None),
    ("ASIN", "0306406152", None),  # a book's ASIN is its ISBN-10
    ("ASIN", "0306406153", "id.reason.asin_isbn"),
    ("ASIN", "b07xj8c8f5", "id.reason.asin_format"),
    ("ASIN", "A07XJ8C8F5", "id.reason.asin_format"),
    ("ASIN", "B07XJ8C8F", "id.reason.asin_format"),
    ("GCID", "0a1b2c3d4e5f6789", None),
    ("GCID", "0a1b2c3d4e5f678", "id.reason.gcid_format"),
    ("GCID", "0a1b2c3d4e5f678g", "id.reason.gcid_format"),
])
def test_each_type_accepts_valid_and_names_the_reason_for_invalid(code, value, reason):
    assert ID_TYPES[code].reason(value) == reason
    assert ID_TYPES[code].is_valid(value) is (reason is None)


@pytest.mark.parametrize("value", [None, "", "   ", float("nan")])
def test_missing_values_are_reported_as_missing(value):
    for id_type in ID_TYPES.values():
        assert id_type.reason(value) == "id.reason.missing"


def test_surrounding_spaces_are_ignored():
    assert ID_TYPES["UPC"].is_valid("  036000291452 ")


def test_gs1_and_isbn_verdicts_agree_with_python_stdnum(catalog):
    products = catalog.products(["upc", "ean", "isbn"])
    for column, code, reference in [("upc", "UPC", stdnum_ean.is_valid),
                                    ("ean", "EAN", stdnum_ean.is_valid),
                                    ("isbn", "ISBN", stdnum_isbn.is_valid)]:
        values = products[column].dropna().tolist()
        assert values, column
        for value in values:
            assert ID_TYPES[code].is_valid(value) == bool(reference(value)), (code, value)


def test_unknown_type_is_refused_with_the_choices():
    with pytest.raises(KeyError, match="ASIN, EAN, GCID, ISBN, UPC"):
        get_id_type("SKU")
    assert get_id_type(" upc ").code == "UPC"

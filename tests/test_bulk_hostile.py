"""Bulk files that are broken or hostile: each gets a row-level message, and nothing saved
before is lost or changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from asc_widgets.core.bulk import BulkSourceError, bulk_add, validate_rows

HEADER = "website,email,name,marketplace,id_type,attribute\n"
GOOD_ROW = "uk_store,uk@example.com,Amazon Store UK,UK,EAN,ean\n"


@pytest.fixture
def saved(registry, catalog, draft):
    """A store saved before the file arrives: it must come out of every test unchanged."""
    return registry.add_store(draft, catalog)


def assert_unchanged(registry, saved) -> None:
    assert registry.list_stores() == [saved]


def test_excel_cp1252_bytes_are_refused_naming_the_row_and_the_encoding(registry, catalog,
                                                                          saved, tmp_path):
    content = (HEADER + GOOD_ROW + "us_store,ops2@example.com,Caf\u00e9 Store,US,UPC,upc\n"
               ).encode("cp1252")
    path = tmp_path / "stores.csv"
    path.write_bytes(content)
    for source in (path, content):
        report = bulk_add(source, catalog, registry)
        assert not report.applied and report.added == []
        [error] = report.errors.to_dict("records")
        assert error["row"] == 3 and error["field"] == "file"
        assert "Row 3 is not utf-8 text (byte 0xE9)" in error["message"]
        assert "CSV UTF-8 (Comma delimited)" in error["message"]
        assert "encoding='cp1252'" in error["message"]
    assert_unchanged(registry, saved)
    zh = bulk_add(content, catalog, registry, lang="zh-CN").errors["message"].item()
    assert zh.startswith("第 3 行不是 utf-8 文本")


def test_the_named_encoding_reads_a_cp1252_or_chinese_excel_file(registry, catalog, saved,
                                                                  tmp_path):
    path = tmp_path / "stores.csv"
    path.write_bytes((HEADER + "uk_store,uk@example.com,Caf\u00e9 UK,UK,EAN,ean\n"
                      ).encode("cp1252"))
    report = bulk_add(path, catalog, registry, encoding="cp1252")
    assert report.ok and [s.name for s in report.added] == ["Caf\u00e9 UK"]
    chinese = (HEADER + "us_store,cn@example.com,\u4e9a\u9a6c\u900a\u5546\u5e97,US,UPC,upc\n"
               ).encode("gb18030")
    report = bulk_add(chinese, catalog, registry, encoding="gb18030")
    assert [s.name for s in report.added] == ["\u4e9a\u9a6c\u900a\u5546\u5e97"]
    assert registry.get_store(saved.id) == saved


def test_a_utf8_file_with_a_bom_from_excel_reads_its_header(registry, catalog, saved, tmp_path):
    path = tmp_path / "stores.csv"
    path.write_bytes("\ufeff".encode() + (HEADER + GOOD_ROW).encode())
    report = bulk_add(path, catalog, registry)
    assert report.ok and [s.name for s in report.added] == ["Amazon Store UK"]


def test_lone_surrogates_and_control_characters_are_row_errors(registry, catalog, saved):
    text = (HEADER + "uk_store,uk@example.com,Bad \udc80 name,UK,EAN,ean\n"
            + "us_store,us@example.com,\"Two\nlines\",US,UPC,upc\n"
            + "us_store,us@example.com,Nul\x00Store,US,UPC,upc\n")
    report = bulk_add(text, catalog, registry)
    assert report.added == []
    records = report.errors.to_dict("records")
    assert [(r["row"], r["field"]) for r in records] == [(2, "name"), (4, "name"), (5, "name")]
    assert "contains a control character" in records[0]["message"]
    assert "position 5" in records[0]["message"]
    assert_unchanged(registry, saved)


def test_a_row_with_extra_fields_is_a_row_error_not_read_one_column_over(registry, catalog,
                                                                         saved):
    text = HEADER + "us_store,us@example.com,Store, Inc.,US,UPC,upc\n" + GOOD_ROW
    report = bulk_add(text, catalog, registry)
    assert [s.name for s in report.added] == ["Amazon Store UK"]
    [error] = report.errors.to_dict("records")
    assert error["row"] == 2 and error["field"] == "file"
    assert "Row 2 has 7 values but the header has 6 columns" in error["message"]
    assert registry.get_store(saved.id) == saved


def test_every_row_one_column_over_is_not_taken_as_an_index(registry, catalog, saved):
    text = HEADER + "x,uk_store,uk@example.com,Amazon Store UK,UK,EAN,ean\n"
    report = bulk_add(text, catalog, registry)
    assert report.added == [] and report.errors["row"].tolist() == [2]
    assert_unchanged(registry, saved)


@pytest.mark.parametrize("text", ["", HEADER.strip(), "stores.csv"])
def test_short_text_is_csv_text_never_a_file_name(registry, catalog, saved, text, tmp_path,
                                                  monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("stores.csv").write_text(HEADER + GOOD_ROW)  # must not be read: text is text
    valid, present, errors = validate_rows(text, catalog, registry)
    assert valid == {} and present == []
    if text == HEADER.strip():
        assert errors.empty
    else:
        assert "add it to the header row" in errors["message"].iloc[0]
    assert bulk_add(text, catalog, registry).added == []
    assert_unchanged(registry, saved)


def test_a_source_of_another_kind_is_refused_by_name(registry, catalog, saved):
    with pytest.raises(BulkSourceError, match="got int"):
        bulk_add(42, catalog, registry)
    assert_unchanged(registry, saved)


def test_a_file_that_is_not_csv_at_all_is_refused(registry, catalog, saved):
    huge_field = "x" * 200_000  # beyond the csv module's field limit: not a store list
    report = bulk_add(HEADER + GOOD_ROW + f"{huge_field},a,b,c,d,e\n", catalog, registry)
    assert report.added == [] and not report.applied
    [error] = report.errors.to_dict("records")
    assert error["row"] == 3 and error["field"] == "file"
    assert error["message"].startswith("The file cannot be read as CSV (row 3: field larger")
    assert_unchanged(registry, saved)

import pandas as pd
import pytest

from asc_widgets.core import StoreDraft
from asc_widgets.core.bulk import bulk_add, validate_rows

pytestmark = pytest.mark.both_backends  # batches are one registry transaction on either

GOOD = """website,email,name,marketplace,id_type,attribute
base,ops@example.com,Amazon Store USA,US,UPC,upc
uk_store,uk@example.com,Amazon Store UK,UK,EAN,ean
"""

MIXED = """website,email,name,marketplace,id_type,attribute
base,ops@example.com,Amazon Store USA,US,UPC,upc
us_store,not-an-email,Amazon Store CA,CA,UPC,upc
uk_store,uk@example.com,amazon store usa,UK,EAN,color
nowhere,,,DE,SKU,upc
"""


def test_valid_file_adds_every_store_and_a_rerun_adds_nothing(registry, catalog, tmp_path):
    path = tmp_path / "stores.csv"
    path.write_text(GOOD)
    first = bulk_add(path, catalog, registry)
    assert first.ok and [s.name for s in first.added] == ["Amazon Store USA", "Amazon Store UK"]
    again = bulk_add(path, catalog, registry)
    assert again.ok and again.added == [] and again.already_present == [2, 3]
    assert len(registry.list_stores()) == 2


def test_errors_are_reported_per_row_and_field_and_valid_rows_are_added(registry, catalog):
    report = bulk_add(MIXED, catalog, registry)
    assert [s.name for s in report.added] == ["Amazon Store USA"]
    errors = report.errors
    assert list(errors.columns) == ["row", "field", "message"]
    by_row = errors.groupby("row")["field"].apply(list).to_dict()
    assert by_row == {3: ["email"], 4: ["name", "attribute"],
                      5: ["website", "email", "name", "marketplace", "id_type"]}
    name_clash = errors[(errors.row == 4) & (errors.field == "name")].message.item()
    assert "a store named 'Amazon Store USA' already exists" in name_clash
    assert report.summary().to_dict("records") == [
        {"added": 1, "already present": 0, "rows with errors": 3, "applied": True}]


def test_all_or_nothing_adds_none_when_a_row_is_wrong(registry, catalog):
    report = bulk_add(MIXED, catalog, registry, all_or_nothing=True)
    assert not report.applied and report.added == [] and registry.list_stores() == []
    assert bulk_add(GOOD, catalog, registry, all_or_nothing=True).applied
    assert len(registry.list_stores()) == 2


def test_duplicates_inside_one_file_are_caught(registry, catalog):
    text = GOOD + "us_store,x@example.com,AMAZON STORE UK ,US,UPC,upc\n"
    valid, present, errors = validate_rows(text, catalog, registry)
    assert sorted(valid) == [2, 3] and present == []
    assert errors.to_dict("records")[0]["row"] == 4
    assert errors.to_dict("records")[0]["field"] == "name"


def test_missing_columns_are_named(registry, catalog):
    report = bulk_add("website,email,name\nbase,a@b.co,X\n", catalog, registry)
    assert report.errors["field"].tolist() == ["marketplace", "id_type", "attribute"]
    assert "add it to the header row" in report.errors["message"][0]
    assert registry.list_stores() == []


def test_headers_are_forgiving_and_messages_translate(registry, catalog):
    frame = pd.DataFrame([{"Website": "base", " Email ": "bad", "Name": "S", "Marketplace": "us",
                           "ID_Type": "upc", "Attribute": "upc"}])
    report = bulk_add(frame, catalog, registry, lang="zh-CN")
    assert report.errors["message"].item().startswith("电子邮件地址：")


def test_a_row_clashing_with_a_store_added_meanwhile_is_reported(registry, catalog, monkeypatch):
    from asc_widgets.core import bulk
    real = bulk.validate_rows

    def validate_then_someone_adds(*args, **kwargs):
        result = real(*args, **kwargs)
        registry.add_store(StoreDraft(website="base", email="a@example.com", name="Sneaky",
                                      marketplace="US", id_type="UPC", attribute="upc"), catalog)
        return result

    monkeypatch.setattr(bulk, "validate_rows", validate_then_someone_adds)
    report = bulk_add(GOOD, catalog, registry)
    assert [s.name for s in report.added] == ["Amazon Store UK"]
    assert report.errors.to_dict("records")[0]["row"] == 2
    assert report.errors.to_dict("records")[0]["field"] == "website"

import pytest

from asc_widgets.core import StoreDraft, ValidationError
from asc_widgets.core.stores import validate_draft


def problems(draft, catalog, existing=()):
    return {p.field: p for p in validate_draft(draft, catalog, existing)}


def test_a_complete_draft_has_no_problems(draft, catalog):
    assert validate_draft(draft, catalog) == []


def test_every_field_is_required_and_all_are_reported_at_once(catalog):
    found = validate_draft(StoreDraft(), catalog)
    assert [p.field for p in found] == ["website", "email", "name", "marketplace", "id_type",
                                        "attribute"]
    assert found[1].message() == "Email Address is required: please fill it in."
    assert all(p.key == "problem.required" for p in found)


def test_several_bad_inputs_at_once_each_name_their_field(catalog):
    bad = StoreDraft(website="nope", email="ops@", name="x" * 65, marketplace="DE",
                     id_type="SKU", attribute="color")
    found = problems(bad, catalog)
    assert set(found) == {"website", "email", "name", "marketplace", "id_type", "attribute"}
    assert "Magento Website to use for Amazon Listing" in found["website"].message()
    assert "'nope' does not exist" in found["website"].message()
    assert found["email"].message().startswith("Email Address: 'ops@' is not a valid email")
    assert "65 characters" in found["name"].message() and "64" in found["name"].message()
    assert "Choose United States, Canada, Mexico or United Kingdom" in \
        found["marketplace"].message()
    assert "Choose ASIN, EAN, GCID, ISBN or UPC" in found["id_type"].message()
    assert "select attribute" in found["attribute"].message()


def test_website_backs_at_most_one_store(draft, registry, catalog):
    registry.add_store(draft, catalog)
    found = problems(StoreDraft(**{**draft.__dict__, "name": "Other"}), catalog,
                     registry.list_stores())
    assert set(found) == {"website"}
    assert "already backs the store 'Amazon Store USA'" in found["website"].message()


def test_name_is_trimmed_and_unique_case_insensitively(draft, registry, catalog):
    registry.add_store(draft, catalog)
    clash = StoreDraft(**{**draft.__dict__, "website": "us_store", "name": "  amazon STORE usa "})
    found = problems(clash, catalog, registry.list_stores())
    assert set(found) == {"name"}
    assert "a store named 'Amazon Store USA' already exists" in found["name"].message()


def test_name_length_counts_after_trimming(draft, catalog):
    assert validate_draft(StoreDraft(**{**draft.__dict__, "name": "  " + "n" * 64 + "  "}),
                          catalog) == []
    assert set(problems(StoreDraft(**{**draft.__dict__, "name": "   "}), catalog)) == {"name"}


@pytest.mark.parametrize("email", ["ops@example.com", "first.last+amazon@shop.co.uk"])
def test_valid_emails_pass_without_a_network_lookup(draft, catalog, email):
    assert validate_draft(StoreDraft(**{**draft.__dict__, "email": email}), catalog) == []


@pytest.mark.parametrize("email", ["ops", "ops@@example.com", "ops@example", "ops @example.com"])
def test_invalid_emails_are_refused(draft, catalog, email):
    assert set(problems(StoreDraft(**{**draft.__dict__, "email": email}), catalog)) == {"email"}


def test_codes_are_case_insensitive_and_the_attribute_must_exist(draft, catalog):
    lower = StoreDraft(**{**draft.__dict__, "marketplace": "uk", "id_type": "ean"})
    assert validate_draft(lower, catalog) == []
    unknown = StoreDraft(**{**draft.__dict__, "attribute": "barcode"})
    assert "attribute 'barcode' does not exist" in problems(unknown, catalog)["attribute"].message()
    assert validate_draft(StoreDraft(**{**draft.__dict__, "attribute": "sku"}), catalog) == []
    assert validate_draft(StoreDraft(**{**draft.__dict__, "attribute": "description"}),
                          catalog) == []


def test_messages_speak_simplified_chinese(catalog):
    found = problems(StoreDraft(email="bad"), catalog)
    assert found["name"].message("zh-CN") == "新商店名称为必填项：请填写。"
    assert found["email"].message("zh-CN").startswith("电子邮件地址：")


def test_validation_error_carries_every_problem(catalog):
    error = ValidationError(validate_draft(StoreDraft(name="x"), catalog))
    assert set(error.by_field()) == {"website", "email", "marketplace", "id_type", "attribute"}
    assert "Email Address is required" in str(error)

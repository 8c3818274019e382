"""Listing rules: the model, validation messages, vectorised evaluation and explanations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from asc_widgets.core.listing import (
    MAX_DEPTH,
    Combination,
    Condition,
    ListingRule,
    RuleValidationError,
    check_rule,
    describe_rule,
    evaluate,
    explain,
    listing_products,
    rule_attributes,
    validate_rule,
)


@pytest.fixture
def products() -> pd.DataFrame:
    return pd.DataFrame({
        "product_id": [1, 2, 3, 4, 5],
        "sku": pd.array(["A-1", "A-2", "B-3", "B-4", "C-5"], dtype="string"),
        "name": pd.array(["Blue Backpack", "Red Kettle", "Refurbished Lamp", None, "Yoga Mat"],
                         dtype="string"),
        "type_id": pd.Categorical(["simple", "bundle", "simple", "configurable", None]),
        "status": pd.Categorical(["Enabled", "Enabled", "Disabled", "Enabled", "Enabled"]),
        "price": [9.5, 20.0, 100.0, None, 35.0],
        "category_ids": pd.Categorical(["3", "3,12", "15", "12", None]),
    })


def rule(*conditions, aggregator="all", expected=True) -> ListingRule:
    return ListingRule("base", Combination(aggregator, expected, tuple(conditions)))


def eligible_ids(r: ListingRule, frame: pd.DataFrame) -> list[int]:
    return frame["product_id"][evaluate(r, frame)].tolist()


def test_no_conditions_means_every_product(products):
    assert eligible_ids(rule(), products) == [1, 2, 3, 4, 5]


def test_numbers_compare_as_numbers_and_missing_values_meet_no_positive_condition(products):
    # As text "100.0" < "20" would hold; as numbers it does not.
    assert eligible_ids(rule(Condition("price", ">=", "20")), products) == [2, 3, 5]
    assert eligible_ids(rule(Condition("price", "<", "20")), products) == [1]
    assert eligible_ids(rule(Condition("price", "()", "20, 35")), products) == [2, 5]
    assert eligible_ids(rule(Condition("price", "!=", "20")), products) == [1, 3, 4, 5]


def test_text_operators_are_case_insensitive(products):
    assert eligible_ids(rule(Condition("name", "{}", "BACKPACK")), products) == [1]
    assert eligible_ids(rule(Condition("name", "!{}", "refurbished")), products) == [1, 2, 4, 5]
    assert eligible_ids(rule(Condition("sku", "()", "a-1, c-5")), products) == [1, 5]


def test_option_and_category_membership(products):
    assert eligible_ids(rule(Condition("type_id", "!()", "bundle, grouped")), products) == \
        [1, 3, 4, 5]
    assert eligible_ids(rule(Condition("category_ids", "==", "12, 15")), products) == [2, 3, 4]
    assert eligible_ids(rule(Condition("category_ids", "!=", "3")), products) == [3, 4, 5]


def test_any_false_and_nested_combinations(products):
    nested = rule(Condition("status", "==", "Enabled"),
                  Combination("any", True, (Condition("price", ">", "30"),
                                            Condition("category_ids", "==", "3"))))
    assert eligible_ids(nested, products) == [1, 2, 5]
    # If ALL of these conditions are FALSE: neither disabled nor a bundle.
    none_of = rule(Condition("status", "==", "Disabled"), Condition("type_id", "==", "bundle"),
                   expected=False)
    assert eligible_ids(none_of, products) == [1, 4, 5]
    any_false = rule(Condition("price", ">", "10"), Condition("status", "==", "Enabled"),
                     aggregator="any", expected=False)
    assert eligible_ids(any_false, products) == [1, 3, 4]


def test_explain_names_the_condition_that_excluded_the_product(products):
    r = rule(Condition("status", "==", "Enabled"), Condition("price", ">=", "20"))
    why = explain(r, products, 0)
    assert not why.eligible
    assert [b.path for b in why.blamed] == [(1,)]
    assert why.message("en") == \
        "Excluded by condition 2 (Price equals or greater than 20; value: 9.5)."
    assert "条件 2" in why.message("zh-CN") and "等于或大于" in why.message("zh-CN")
    assert explain(r, products, 1).message("en") == "Meets the listing rule."
    nested = rule(Combination("any", True, (Condition("price", ">", "30"),
                                            Condition("name", "{}", "kettle"))))
    blamed = explain(nested, products, 0).blamed
    assert [b.path for b in blamed] == [(0, 0), (0, 1)]


def test_rules_round_trip_in_commerce_shape():
    r = rule(Condition("price", ">=", "20"),
             Combination("any", False, (Condition("sku", "{}", "x"),)))
    data = r.to_dict()
    assert data["conditions"]["conditions"][1] == {
        "type": "combine", "aggregator": "any", "value": "0",
        "conditions": [{"type": "attribute", "attribute": "sku", "operator": "{}",
                        "value": "x"}]}
    assert ListingRule.from_dict(data) == r


def test_validation_names_line_field_and_fix_in_both_languages(catalog):
    attrs = rule_attributes(catalog)
    bad = rule(Condition("colour", "==", "red"), Condition("name", ">", "a"),
               Combination("all", True, (Condition("price", ">=", "cheap"),
                                         Condition("status", "==", ""),
                                         Condition("status", "==", "Sold"))))
    problems = validate_rule(bad, attrs, ["base"])
    assert [(p.path, p.field) for p in problems] == [
        ((0,), "rule_attribute"), ((1,), "rule_operator"), ((2, 0), "rule_value"),
        ((2, 1), "rule_value"), ((2, 2), "rule_value")]
    messages = [p.message("en") for p in problems]
    assert messages[0] == ("Condition 1: Product Attribute: 'colour' is not an attribute rules "
                           "can use. Choose one from the list.")
    assert "'greater than' cannot be used with Product Name (a text attribute)" in messages[1]
    assert "must be a number; 'cheap' is not" in messages[2]
    assert messages[3] == "Condition 3.2: Value for Enable Product is empty: enter a value."
    assert "Use one of: Enabled, Disabled" in messages[4]
    assert problems[1].message("zh-CN").startswith("条件 2：运算符")
    assert "价格的值必须是数字" in problems[2].message("zh-CN")  # the kit's fields speak Chinese
    with pytest.raises(RuleValidationError) as caught:
        check_rule(bad, attrs, ["base"])
    assert caught.value.by_path("en")[((0,), "rule_attribute")] == messages[0]


def test_unknown_website_and_too_deep_nesting_are_refused(catalog):
    node = Combination(conditions=(Condition("price", ">", "1"),))
    for _ in range(MAX_DEPTH):
        node = Combination(conditions=(node,))
    problems = validate_rule(ListingRule("nowhere", node), rule_attributes(catalog), ["base"])
    fields = [p.field for p in problems]
    assert fields == ["rule_website", "rule_conditions"]
    assert f"more than {MAX_DEPTH} levels" in problems[1].message("en")
    assert check_rule(rule(Condition("price", ">", "1")), rule_attributes(catalog), ["base"])


def test_demo_catalog_products_of_a_website(catalog):
    everything = listing_products(catalog, "base", ["upc"])
    us = listing_products(catalog, "us_store", ["upc"])
    assert len(everything) == 3000 and 0 < len(us) < len(everything)
    assert list(everything.columns[:7]) == ["product_id", "sku", "name", "type_id",
                                           "attribute_set", "visibility", "status"]
    mask = evaluate(rule(Condition("type_id", "==", "bundle")), everything)
    assert 0 < mask.sum() < len(everything) and mask.dtype == np.bool_


def test_describe_rule_in_both_languages():
    r = rule(Condition("price", ">=", "20"),
             Combination("any", False, (Condition("sku", "{}", "x"),)))
    assert describe_rule(r).splitlines() == [
        "If ALL of these conditions are TRUE:", "  1. Price equals or greater than 20",
        "  If ANY of these conditions are FALSE:", "    2.1. SKU contains x"]
    assert "如果以下条件全部为真" in describe_rule(r, lang="zh-CN")
    assert describe_rule(rule()) == "No conditions: every product of the website is eligible."

"""Listing rules, the Listing Preview and the Amazon catalog dry run (core; no widgets).

    from asc_widgets.core.listing import Condition, Combination, ListingRule, evaluate
    rule = ListingRule("base", Combination("all", True, (Condition("price", ">=", "20"),)))
    eligible = evaluate(rule, listing_products(catalog, "base"))
"""

from asc_widgets.core.listing.attributes import (
    OPERATORS,
    UNSUPPORTED_TYPES,
    RuleAttribute,
    rule_attributes,
)
from asc_widgets.core.listing.evaluate import (
    Explanation,
    describe_rule,
    evaluate,
    explain,
)
from asc_widgets.core.listing.products import listing_products, synthetic_products
from asc_widgets.core.listing.rules import (
    ALL,
    ANY,
    MAX_DEPTH,
    Combination,
    Condition,
    ListingRule,
    RuleProblem,
    RuleValidationError,
    check_rule,
    validate_rule,
)

__all__ = [
    "ALL", "ANY", "MAX_DEPTH", "OPERATORS", "UNSUPPORTED_TYPES", "Combination", "Condition",
    "Explanation", "ListingRule", "RuleAttribute", "RuleProblem", "RuleValidationError",
    "check_rule", "describe_rule", "evaluate", "explain", "listing_products",
    "rule_attributes", "synthetic_products", "validate_rule",
]

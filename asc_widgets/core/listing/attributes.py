"""What a listing rule can test: attribute kinds, the operators each kind allows, and the
attributes a catalog offers (the product's own fields plus the catalog's attributes)."""

from __future__ import annotations

from dataclasses import dataclass

from asc_widgets.core.catalog.base import CatalogSource

TEXT, NUMBER, OPTION, CATEGORY = "text", "number", "option", "category"

# Commerce's rule operators (its codes) and the attribute kinds each applies to.
OPERATORS: dict[str, frozenset[str]] = {
    "==": frozenset({TEXT, NUMBER, OPTION, CATEGORY}),
    "!=": frozenset({TEXT, NUMBER, OPTION, CATEGORY}),
    ">=": frozenset({NUMBER}),
    "<=": frozenset({NUMBER}),
    ">": frozenset({NUMBER}),
    "<": frozenset({NUMBER}),
    "{}": frozenset({TEXT}),
    "!{}": frozenset({TEXT}),
    "()": frozenset({TEXT, NUMBER, OPTION, CATEGORY}),
    "!()": frozenset({TEXT, NUMBER, OPTION, CATEGORY}),
}
LIST_OPERATORS = frozenset({"()", "!()"})
# A product without a value meets none of the positive operators and all of these.
NEGATIVE_OPERATORS = frozenset({"!=", "!{}", "!()"})

PRODUCT_TYPES = ("simple", "configurable", "virtual", "downloadable", "bundle", "grouped",
                 "giftcard")
# ASC cannot list these: it matches existing ASINs and never builds kits or gift cards.
UNSUPPORTED_TYPES = frozenset({"bundle", "grouped", "giftcard"})
VISIBILITIES = ("Not Visible Individually", "Catalog", "Search", "Catalog, Search")
STATUSES = ("Enabled", "Disabled")


@dataclass(frozen=True)
class RuleAttribute:
    code: str
    label: str
    kind: str
    options: tuple[str, ...] = ()  # the allowed values of an option attribute (when known)
    label_key: str | None = None  # the kit's own fields are labelled in every language

    def display(self, lang: str = "en") -> str:
        from asc_widgets.core.i18n import t

        return t(self.label_key, lang) if self.label_key else self.label

    def label_param(self) -> dict[str, str]:
        """The attribute as a message parameter ({attribute}), said in the reader's language."""
        return {"attribute_key": self.label_key} if self.label_key else {"attribute": self.label}

    def operators(self) -> list[str]:
        return [op for op, kinds in OPERATORS.items() if self.kind in kinds]


# The product's own fields, which every catalog has (columns of the listing product frame).
PRODUCT_FIELDS: tuple[RuleAttribute, ...] = (
    RuleAttribute("sku", "SKU", TEXT, (), "rule.attr.sku"),
    RuleAttribute("name", "Product Name", TEXT, (), "rule.attr.name"),
    RuleAttribute("type_id", "Type", OPTION, PRODUCT_TYPES, "rule.attr.type_id"),
    RuleAttribute("attribute_set", "Attribute Set", OPTION, (), "rule.attr.attribute_set"),
    RuleAttribute("visibility", "Visibility", OPTION, VISIBILITIES, "rule.attr.visibility"),
    RuleAttribute("status", "Enable Product", OPTION, STATUSES, "rule.attr.status"),
    RuleAttribute("price", "Price", NUMBER, (), "rule.attr.price"),
    RuleAttribute("qty", "Quantity", NUMBER, (), "rule.attr.qty"),
    RuleAttribute("category_ids", "Category", CATEGORY, (), "rule.attr.category_ids"),
)
_NUMBER_INPUTS = frozenset({"price", "weight"})
_NUMBER_BACKENDS = frozenset({"decimal", "int"})


def rule_attributes(catalog: CatalogSource | None = None) -> dict[str, RuleAttribute]:
    """The attributes a rule may use: the product fields, then the catalog's text, number and
    select attributes (the ones Commerce offers for promo rule conditions)."""
    found = {a.code: a for a in PRODUCT_FIELDS}
    for attribute in (catalog.attributes() if catalog is not None else ()):
        if attribute.code in found:
            continue
        if attribute.frontend_input in ("text", "textarea"):
            kind = TEXT
        elif attribute.frontend_input in _NUMBER_INPUTS or (
                attribute.frontend_input == "text" and attribute.backend_type in _NUMBER_BACKENDS):
            kind = NUMBER
        elif attribute.frontend_input in ("select", "boolean"):
            kind = OPTION
        elif attribute.frontend_input == "multiselect":
            kind = CATEGORY
        else:
            continue
        found[attribute.code] = RuleAttribute(attribute.code, attribute.label, kind)
    return found

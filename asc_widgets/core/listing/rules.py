"""A listing rule: the store's website and conditions in Commerce's form.

``If ALL|ANY of these conditions are TRUE|FALSE`` over lines that are an attribute condition
(attribute, operator, value) or a nested combination of the same form. No conditions: every
product of the website. Rules are plain values, saved as JSON in Commerce's shape.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from asc_widgets.core.listing.attributes import (
    CATEGORY,
    LIST_OPERATORS,
    NUMBER,
    OPERATORS,
    OPTION,
    RuleAttribute,
)
from asc_widgets.core.stores import FieldProblem, ValidationError

ALL, ANY = "all", "any"
MAX_DEPTH = 4  # combinations inside combinations: deeper than this is refused
MAX_CONDITIONS = 200


@dataclass(frozen=True)
class Condition:
    """attribute OPERATOR value; list operators take comma-separated values."""

    attribute: str
    operator: str
    value: str

    def values(self, kind: str | None = None) -> list[str]:
        """The value(s): a list for list operators and for categories ("is 12, 15")."""
        if self.operator in LIST_OPERATORS or kind == CATEGORY:
            return [v.strip() for v in self.value.split(",") if v.strip()]
        return [self.value.strip()] if self.value.strip() else []


@dataclass(frozen=True)
class Combination:
    """If ALL|ANY of these conditions are TRUE|FALSE."""

    aggregator: str = ALL
    expected: bool = True
    conditions: tuple[Condition | Combination, ...] = ()

    def depth(self) -> int:
        nested = [c.depth() for c in self.conditions if isinstance(c, Combination)]
        return 1 + max(nested, default=0)


@dataclass(frozen=True)
class ListingRule:
    website: str
    conditions: Combination = field(default_factory=Combination)

    def to_dict(self) -> dict[str, Any]:
        return {"website": self.website, "conditions": _node_to_dict(self.conditions)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ListingRule:
        root = _node_from_dict(data.get("conditions") or {"type": "combine"})
        if not isinstance(root, Combination):
            root = Combination(conditions=(root,))
        return cls(website=str(data.get("website") or ""), conditions=root)


def _node_to_dict(node: Condition | Combination) -> dict[str, Any]:
    if isinstance(node, Condition):
        return {"type": "attribute", "attribute": node.attribute, "operator": node.operator,
                "value": node.value}
    return {"type": "combine", "aggregator": node.aggregator, "value": "1" if node.expected
            else "0", "conditions": [_node_to_dict(c) for c in node.conditions]}


def _node_from_dict(data: Mapping[str, Any]) -> Condition | Combination:
    if data.get("type") == "attribute":
        return Condition(str(data.get("attribute") or ""), str(data.get("operator") or ""),
                         str(data.get("value") if data.get("value") is not None else ""))
    children = tuple(_node_from_dict(c) for c in data.get("conditions") or ())
    expected = str(data.get("value", "1")).strip().lower() not in ("0", "false")
    return Combination(str(data.get("aggregator") or ALL).lower(), expected, children)


def path_label(path: Sequence[int]) -> str:
    """Lines as the form numbers them: 1, 2, 2.1 ..."""
    return ".".join(str(i + 1) for i in path)


@dataclass(frozen=True)
class RuleProblem(FieldProblem):
    """A field-level problem of one line of the rule; path numbers the line (0-based)."""

    path: tuple[int, ...] = ()

    def message(self, lang: str = "en") -> str:
        from asc_widgets.core.i18n import t

        text = super().message(lang)
        if not self.path:
            return text
        return t("rule.problem.at_line", lang, line=path_label(self.path), problem=text)


class RuleValidationError(ValidationError):
    """The rule has problems (each a RuleProblem naming its line and field); nothing saved."""

    def by_path(self, lang: str = "en") -> dict[tuple[tuple[int, ...], str], str]:
        return {(p.path, p.field): p.message(lang) for p in self.problems}


def validate_rule(rule: ListingRule, attributes: Mapping[str, RuleAttribute],
                  websites: Sequence[str] | None = None) -> list[RuleProblem]:
    """Every problem of the rule: unknown attribute, operator not valid for the attribute's
    kind, empty or mistyped value, nesting deeper than MAX_DEPTH."""
    problems: list[RuleProblem] = []
    if not rule.website:
        problems.append(RuleProblem("rule_website", "problem.required"))
    elif websites is not None and rule.website not in websites:
        problems.append(RuleProblem("rule_website", "problem.website_unknown",
                                    {"value": rule.website}))
    count = [0]
    _check_node(rule.conditions, (), 1, attributes, problems, count)
    if count[0] > MAX_CONDITIONS:
        problems.append(RuleProblem("rule_conditions", "rule.problem.too_many",
                                    {"limit": MAX_CONDITIONS}))
    return problems


def check_rule(rule: ListingRule, attributes: Mapping[str, RuleAttribute],
               websites: Sequence[str] | None = None) -> ListingRule:
    """The rule itself when valid; RuleValidationError otherwise."""
    problems = validate_rule(rule, attributes, websites)
    if problems:
        raise RuleValidationError(problems)
    return rule


def _check_node(node: Combination, path: tuple[int, ...], depth: int,
                attributes: Mapping[str, RuleAttribute], problems: list[RuleProblem],
                count: list[int]) -> None:
    if node.aggregator not in (ALL, ANY):
        problems.append(RuleProblem("rule_aggregator", "rule.problem.aggregator",
                                    {"value": node.aggregator}, path))
    if depth > MAX_DEPTH:
        problems.append(RuleProblem("rule_conditions", "rule.problem.too_deep",
                                    {"limit": MAX_DEPTH}, path))
        return
    for index, child in enumerate(node.conditions):
        here = (*path, index)
        count[0] += 1
        if isinstance(child, Combination):
            _check_node(child, here, depth + 1, attributes, problems, count)
        else:
            problems.extend(check_condition(child, attributes, here))


def check_condition(condition: Condition, attributes: Mapping[str, RuleAttribute],
                    path: tuple[int, ...] = ()) -> list[RuleProblem]:
    attribute = attributes.get(condition.attribute)
    if attribute is None:
        return [RuleProblem("rule_attribute", "rule.problem.attribute_unknown",
                            {"value": condition.attribute}, path)]
    if condition.operator not in OPERATORS:
        return [RuleProblem("rule_operator", "rule.problem.operator_unknown",
                            {"value": condition.operator}, path)]
    if attribute.kind not in OPERATORS[condition.operator]:
        return [RuleProblem("rule_operator", "rule.problem.operator_kind", {
            "operator_key": f"rule.op.{condition.operator}", **attribute.label_param(),
            "kind_key": f"rule.kind.{attribute.kind}"}, path)]
    values = condition.values(attribute.kind)
    if not values:
        return [RuleProblem("rule_value", "rule.problem.value_empty",
                            attribute.label_param(), path)]
    problems = []
    if attribute.kind == NUMBER:
        bad = [v for v in values if parse_number(v) is None]
        if bad:
            problems.append(RuleProblem("rule_value", "rule.problem.value_number",
                                        {**attribute.label_param(), "value": bad[0]}, path))
    elif attribute.kind == OPTION and attribute.options:
        known = {o.casefold() for o in attribute.options}
        bad = [v for v in values if v.casefold() not in known]
        if bad:
            problems.append(RuleProblem("rule_value", "rule.problem.value_option", {
                **attribute.label_param(), "value": bad[0],
                "choices": ", ".join(attribute.options)}, path))
    return problems


def parse_number(text: str) -> float | None:
    try:
        number = float(text.replace(" ", ""))
    except (ValueError, AttributeError):
        return None
    return number if math.isfinite(number) else None

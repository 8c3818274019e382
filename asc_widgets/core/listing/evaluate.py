"""Evaluate a listing rule over a product frame as whole-column operations, and explain one
product's outcome.

Typed comparisons: number attributes compare as numbers, list operators test set membership,
text compares case-insensitively. Option and category columns (pandas categoricals) are
decided once per distinct value and spread back by their codes, so a million products cost a
few array operations. A product without a value meets no positive condition and every
negative one (is not, does not contain, is not one of).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from asc_widgets.core.i18n import t
from asc_widgets.core.listing.attributes import (
    CATEGORY,
    NEGATIVE_OPERATORS,
    NUMBER,
    PRODUCT_FIELDS,
    RuleAttribute,
)
from asc_widgets.core.listing.rules import (
    ALL,
    Combination,
    Condition,
    ListingRule,
    parse_number,
    path_label,
)

_DEFAULT_ATTRIBUTES = {a.code: a for a in PRODUCT_FIELDS}
_COMPARE = {">=": np.greater_equal, "<=": np.less_equal, ">": np.greater, "<": np.less}


class _Columns:
    """Typed views of the frame's columns, made once per evaluation."""

    def __init__(self, frame: pd.DataFrame, attributes: Mapping[str, RuleAttribute]):
        self.frame = frame
        self.attributes = attributes
        self._numbers: dict[str, np.ndarray] = {}
        self._folded: dict[str, pd.Series] = {}

    def column(self, code: str) -> pd.Series:
        if code in self.frame.columns:
            return self.frame[code]
        return pd.Series(pd.NA, index=self.frame.index, dtype="string")

    def numbers(self, code: str) -> np.ndarray:
        if code not in self._numbers:
            self._numbers[code] = pd.to_numeric(self.column(code), errors="coerce").to_numpy(
                dtype="float64", na_value=np.nan)
        return self._numbers[code]

    def folded(self, code: str) -> pd.Series:
        if code not in self._folded:
            self._folded[code] = self.column(code).astype("string").str.casefold()
        return self._folded[code]


def evaluate(rule: ListingRule | Combination, frame: pd.DataFrame,
             attributes: Mapping[str, RuleAttribute] | None = None) -> np.ndarray:
    """A boolean array: which rows of frame meet the rule."""
    root = rule.conditions if isinstance(rule, ListingRule) else rule
    columns = _Columns(frame, attributes or _DEFAULT_ATTRIBUTES)
    return _combination(root, columns)


def _combination(node: Combination, columns: _Columns) -> np.ndarray:
    n = len(columns.frame)
    if not node.conditions:
        return np.ones(n, dtype=bool)
    result = np.ones(n, dtype=bool) if node.aggregator == ALL else np.zeros(n, dtype=bool)
    for child in node.conditions:
        met = _node(child, columns)
        wanted = met if node.expected else ~met
        result = (result & wanted) if node.aggregator == ALL else (result | wanted)
    return result


def _node(node: Condition | Combination, columns: _Columns) -> np.ndarray:
    return _combination(node, columns) if isinstance(node, Combination) else \
        _condition(node, columns)


def _condition(condition: Condition, columns: _Columns) -> np.ndarray:
    attribute = columns.attributes.get(condition.attribute) or RuleAttribute(
        condition.attribute, condition.attribute, "text")
    op = condition.operator
    values = condition.values(attribute.kind)
    negative = op in NEGATIVE_OPERATORS
    column = columns.column(attribute.code)
    if isinstance(column.dtype, pd.CategoricalDtype):
        # Decide each distinct value once, then spread by code (-1: missing).
        categories = pd.Series(column.cat.categories.astype(str))
        per_category = _decide(categories, attribute.kind, op, values)
        codes = column.cat.codes.to_numpy()
        met = np.append(per_category, negative)[codes]  # code -1 picks the last: missing
        return met
    if attribute.kind == NUMBER:
        numbers = columns.numbers(attribute.code)
        present = ~np.isnan(numbers)
        targets = np.array([parse_number(v) for v in values], dtype="float64")
        if op in _COMPARE:
            met = _COMPARE[op](numbers, targets[0]) if len(targets) else present & False
        else:
            met = np.isin(numbers, targets)
            if negative:
                met = ~met
        return np.where(present, met, negative)
    folded = columns.folded(attribute.code)
    met = _decide_text(folded, attribute.kind, op, values)
    return np.where(folded.isna().to_numpy(), negative, met)


def _decide(texts: pd.Series, kind: str, op: str, values: list[str]) -> np.ndarray:
    """Per value of texts (no missing ones): does it meet the condition?"""
    if kind == NUMBER:
        numbers = pd.to_numeric(texts, errors="coerce").to_numpy(dtype="float64")
        targets = np.array([parse_number(v) for v in values], dtype="float64")
        if op in _COMPARE:
            return _COMPARE[op](numbers, targets[0])
        met = np.isin(numbers, targets)
        return ~met if op in NEGATIVE_OPERATORS else met
    return _decide_text(texts.str.casefold(), kind, op, values)


def _decide_text(folded: pd.Series, kind: str, op: str, values: list[str]) -> np.ndarray:
    wanted = [v.casefold() for v in values]
    if kind == CATEGORY:
        # A product's categories are a comma list: "is 12, 15" = in any of them.
        pattern = r"(?:^|,)\s*(?:" + "|".join(re.escape(v) for v in wanted) + r")\s*(?:,|$)"
        met = folded.str.contains(pattern, regex=True).fillna(False).to_numpy(dtype=bool)
    elif op in ("{}", "!{}"):
        met = folded.str.contains(wanted[0], regex=False).fillna(False).to_numpy(dtype=bool)
    elif op in (">=", "<=", ">", "<"):
        met = _COMPARE[op](folded.fillna("").to_numpy(dtype=object), wanted[0])
    else:
        met = folded.isin(wanted).to_numpy(dtype=bool)
    return ~met if op in NEGATIVE_OPERATORS else met


# --- explaining one product -----------------------------------------------------------------

@dataclass(frozen=True)
class Blame:
    path: tuple[int, ...]
    condition: Condition
    value: object


@dataclass(frozen=True)
class Explanation:
    """Why one product meets the rule or not: the conditions that excluded it."""

    product: object
    eligible: bool
    blamed: tuple[Blame, ...]
    attributes: Mapping[str, RuleAttribute]

    def message(self, lang: str = "en") -> str:
        if self.eligible:
            return t("rule.explain.meets", lang)
        parts = [t("rule.explain.condition", lang, line=path_label(b.path),
                   text=describe_condition(b.condition, self.attributes, lang),
                   value=_shown(b.value, lang)) for b in self.blamed]
        return t("rule.explain.excluded", lang,
                 conditions=t("rule.explain.and", lang).join(parts))


def _shown(value: object, lang: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return t("rule.explain.no_value", lang)
    return str(value)


def explain(rule: ListingRule, frame: pd.DataFrame, row: int,
            attributes: Mapping[str, RuleAttribute] | None = None) -> Explanation:
    """Explain the product at position row of frame (see ``explain_product`` for an id)."""
    attributes = attributes or _DEFAULT_ATTRIBUTES
    one = frame.iloc[[row]].reset_index(drop=True)
    columns = _Columns(one, attributes)
    eligible = bool(_combination(rule.conditions, columns)[0])
    blamed = () if eligible else tuple(_blame(rule.conditions, (), columns))
    product = frame["product_id"].iloc[row] if "product_id" in frame.columns else row
    return Explanation(product, eligible, blamed, attributes)


def _blame(node: Combination, path: tuple[int, ...], columns: _Columns) -> list[Blame]:
    """The lines that make node fail for the single row in columns."""
    outcomes = []
    for index, child in enumerate(node.conditions):
        met = bool(_node(child, columns)[0])
        outcomes.append((index, child, met == node.expected))
    if node.aggregator == ALL:
        culprits = [o for o in outcomes if not o[2]][:1]  # the first line that fails
    else:
        culprits = [o for o in outcomes if not o[2]]  # none passed: each failed
    found: list[Blame] = []
    for index, child, _ in culprits:
        here = (*path, index)
        if isinstance(child, Combination) and node.expected:
            found.extend(_blame(child, here, columns))
        elif isinstance(child, Condition):
            value = columns.column(child.attribute).iloc[0] \
                if child.attribute in columns.frame.columns else None
            found.append(Blame(here, child, value))
        else:
            found.append(Blame(here, Condition("", "", ""), None))
    return found


def describe_condition(condition: Condition, attributes: Mapping[str, RuleAttribute],
                       lang: str = "en") -> str:
    attribute = attributes.get(condition.attribute)
    label = attribute.display(lang) if attribute else condition.attribute
    if not condition.operator:
        return t("field.rule_conditions", lang)
    return f"{label} {t(f'rule.op.{condition.operator}', lang)} {condition.value}"


def describe_rule(rule: ListingRule, attributes: Mapping[str, RuleAttribute] | None = None,
                  lang: str = "en") -> str:
    """The rule as the form shows it, one line per condition."""
    attributes = attributes or _DEFAULT_ATTRIBUTES
    if not rule.conditions.conditions:
        return t("rule.every_product", lang)
    lines: list[str] = []
    _describe(rule.conditions, (), attributes, lang, lines)
    return "\n".join(lines)


def _describe(node: Combination, path: tuple[int, ...], attributes, lang, lines) -> None:
    indent = "  " * len(path)
    lines.append(indent + t("rule.sentence", lang, aggregator=t(f"rule.agg.{node.aggregator}",
                                                                 lang),
                            expected=t(f"rule.expected.{str(node.expected).lower()}", lang)))
    for index, child in enumerate(node.conditions):
        here = (*path, index)
        if isinstance(child, Combination):
            _describe(child, here, attributes, lang, lines)
        else:
            lines.append(f"{indent}  {path_label(here)}. "
                         f"{describe_condition(child, attributes, lang)}")

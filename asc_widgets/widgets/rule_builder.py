"""The Listing Rules condition builder: the rule being edited, drawn as nested combinations and
Product Attribute lines, with core's problems shown beside the fields.

Paths number lines from 0: ``(1, 0)`` is the first line of the combination on line 2.
"""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as w

from asc_widgets.core.i18n import t
from asc_widgets.core.listing import (
    ALL,
    ANY,
    Combination,
    Condition,
    ListingRule,
    RuleValidationError,
)
from asc_widgets.core.listing.rules import path_label
from asc_widgets.core.listing.service import ListingService
from asc_widgets.widgets.common import (
    esc,
    lean,
    make_button,
    make_hbox,
    make_html,
    make_vbox,
    set_options,
)
from asc_widgets.widgets.feedback import Feedback

Path_ = tuple[int, ...]
_CONDITION_FIELDS = ("rule_attribute", "rule_operator", "rule_value")


def _node_at(root: Combination, path: Path_) -> Combination | Condition:
    node: Combination | Condition = root
    for index in path:
        node = node.conditions[index]  # type: ignore[union-attr]
    return node


def _replace_at(root: Combination, path: Path_, new: Combination | Condition | None
                ) -> Combination:
    """root with the node at path replaced by new (removed when None)."""
    if not path:
        return new  # type: ignore[return-value]
    head, rest = path[0], path[1:]
    children = list(root.conditions)
    if rest:
        children[head] = _replace_at(children[head], rest, new)  # type: ignore[arg-type]
    elif new is None:
        del children[head]
    else:
        children[head] = new
    return replace(root, conditions=tuple(children))


def _path_class(path: Path_) -> str:
    return f"asc-rule-path-{'-'.join(map(str, path)) or 'root'}"


def _error(message: str) -> w.HTML:
    return make_html("asc-error", "asc-rule-error",
                     value=f'<span role="alert">{esc(message)}</span>')


class RuleBuilder:
    """The rule's conditions as widgets (``widget``); every edit is a public method."""

    def __init__(self, service: ListingService, feedback: Feedback, lang: str = "en"):
        self.service = service
        self.feedback = feedback
        self.lang = lang
        self.rule_value = ListingRule("")
        self.problems: dict[tuple[Path_, str], str] = {}
        self.widget = make_vbox([], "asc-rules-builder", "asc-panel")

    def load(self, rule: ListingRule) -> None:
        self.rule_value = rule
        self.problems = {}

    # ---- edits ----------------------------------------------------------------------------
    def add_condition(self, path: Path_ = ()) -> Path_:
        """Add a Product Attribute line to the combination at path; returns its path."""
        first = next(iter(self.service.attributes()))
        return self._add(path, Condition(first, "==", ""))

    def add_combination(self, path: Path_ = ()) -> Path_:
        return self._add(path, Combination(ALL, True, ()))

    def _add(self, path: Path_, node: Combination | Condition) -> Path_:
        parent = _node_at(self.rule_value.conditions, path)
        if not isinstance(parent, Combination):
            raise ValueError("conditions are added to a combination")
        grown = replace(parent, conditions=(*parent.conditions, node))
        self._set_root(_replace_at(self.rule_value.conditions, path, grown) if path else grown)
        return (*path, len(grown.conditions) - 1)

    def remove(self, path: Path_) -> None:
        if not path:
            raise ValueError("the top combination cannot be removed")
        self._set_root(_replace_at(self.rule_value.conditions, path, None))

    def set_condition(self, path: Path_, *, attribute: str | None = None,
                      operator: str | None = None, value: str | None = None) -> None:
        node = _node_at(self.rule_value.conditions, path)
        if not isinstance(node, Condition):
            raise ValueError(f"line {path_label(path)} is not a condition")
        changed = Condition(attribute if attribute is not None else node.attribute,
                            operator if operator is not None else node.operator,
                            value if value is not None else node.value)
        attributes = self.service.attributes()
        if attribute is not None and changed.attribute in attributes:
            allowed = attributes[changed.attribute].operators()
            if changed.operator not in allowed:  # keep the line valid when the kind changes
                changed = replace(changed, operator=allowed[0])
        self._set_root(_replace_at(self.rule_value.conditions, path, changed),
                       redraw=attribute is not None)

    def set_combination(self, path: Path_, *, aggregator: str | None = None,
                        expected: bool | None = None) -> None:
        node = _node_at(self.rule_value.conditions, path)
        if not isinstance(node, Combination):
            raise ValueError(f"line {path_label(path)} is not a combination")
        changed = replace(node, aggregator=aggregator or node.aggregator,
                          expected=node.expected if expected is None else expected)
        self._set_root(_replace_at(self.rule_value.conditions, path, changed) if path
                       else changed, redraw=False)

    def _set_root(self, root: Combination, redraw: bool = True) -> None:
        self.rule_value = replace(self.rule_value, conditions=root)
        if redraw:
            self.problems = {}
            self.render()

    # ---- checking -------------------------------------------------------------------------
    def check(self, store_id: int) -> bool:
        """Show core's problems beside the fields; True when the rule is valid."""
        problems = self._validate(store_id)
        self.render()
        if problems:
            self.feedback.error("error.validation")
        return not problems

    def _validate(self, store_id: int) -> list:
        problems = self.service.validate(store_id, self.rule_value)
        self.problems = RuleValidationError(problems).by_path(self.lang) if problems else {}
        return problems

    def set_language(self, lang: str, store_id: int | None) -> None:
        """Switch language; problems already shown are asked again in the new language."""
        self.lang = lang
        if self.problems and store_id is not None:
            self._validate(store_id)

    # ---- drawing --------------------------------------------------------------------------
    def render(self) -> None:
        heading = make_html("asc-rules-conditions-label",
                            value=f"<label>{esc(t('field.rule_conditions', self.lang))}</label>")
        self.widget.children = [heading, self._combination_box(self.rule_value.conditions, ())]

    def _combination_box(self, node: Combination, path: Path_) -> w.VBox:
        lines = []
        for index, child in enumerate(node.conditions):
            here = (*path, index)
            lines.append(self._combination_box(child, here) if isinstance(child, Combination)
                         else self._condition_row(child, here))
        problem = self.problems.get((path, "rule_conditions"))
        box = make_vbox([make_hbox(self._combination_head(node, path), "asc-rule-head"),
                         *lines, *([_error(problem)] if problem else []),
                         self._add_buttons(path)], "asc-rule-combination")
        box.add_class(_path_class(path))
        return box

    def _combination_head(self, node: Combination, path: Path_) -> list[w.DOMWidget]:
        """The sentence "If ALL of these conditions are TRUE" with its two dropdowns."""
        lang, guard = self.lang, self.feedback.guard
        aggregator = lean(w.Dropdown, "asc-rule-aggregator",
                          options=[(t(f"rule.agg.{a}", lang), a) for a in (ALL, ANY)],
                          value=node.aggregator)
        expected = lean(w.Dropdown, "asc-rule-expected",
                        options=[(t("rule.expected.true", lang), True),
                                 (t("rule.expected.false", lang), False)],
                        value=node.expected)
        aggregator.observe(guard(lambda c: self.set_combination(path, aggregator=c["new"]),
                                 "rules.aggregator"), "value")
        expected.observe(guard(lambda c: self.set_combination(path, expected=c["new"]),
                               "rules.expected"), "value")
        before, _, after = t("rule.sentence", lang, aggregator="\0", expected="\1") \
            .partition("\0")
        middle, _, end = after.partition("\1")
        head = [make_html("asc-rule-text", value=esc(before)), aggregator,
                make_html("asc-rule-text", value=esc(middle)), expected,
                make_html("asc-rule-text", value=esc(end))]
        if path:
            head.append(self._remove_button(path))
        return head

    def _add_buttons(self, path: Path_) -> w.HBox:
        lang, guard = self.lang, self.feedback.guard
        add = make_button("asc-rule-add-condition", "asc-button-link",
                          description=f"+ {t('ui.rules.add_condition', lang)}")
        add_group = make_button("asc-rule-add-combination", "asc-button-link",
                                description=f"+ {t('ui.rules.add_combination', lang)}")
        add.on_click(guard(lambda _b: self.add_condition(path), "rules.add"))
        add_group.on_click(guard(lambda _b: self.add_combination(path), "rules.add_group"))
        return make_hbox([add, add_group], "asc-rule-add")

    def _remove_button(self, path: Path_) -> w.Button:
        button = make_button("asc-rule-remove", "asc-button-link",
                             description=t("ui.rules.remove", self.lang))
        button.on_click(self.feedback.guard(lambda _b: self.remove(path), "rules.remove"))
        return button

    def _condition_row(self, node: Condition, path: Path_) -> w.VBox:
        attribute, operator, value = self._condition_fields(node)
        guard = self.feedback.guard
        attribute.observe(guard(lambda c: self.set_condition(path, attribute=c["new"]),
                                "rules.attribute"), "value")
        operator.observe(guard(lambda c: self.set_condition(path, operator=c["new"]),
                               "rules.operator"), "value")
        value.observe(guard(lambda c: self.set_condition(path, value=c["new"]),
                            "rules.value"), "value")
        row = make_hbox([make_html("asc-rule-line", value=esc(path_label(path))), attribute,
                         operator, value, self._remove_button(path)], "asc-rule-condition")
        fields = dict(zip(_CONDITION_FIELDS, (attribute, operator, value), strict=True))
        errors = []
        for field in _CONDITION_FIELDS:
            if (path, field) in self.problems:
                errors.append(_error(self.problems[(path, field)]))
                fields[field].add_class("asc-invalid")
        box = make_vbox([row, *errors], "asc-rule-condition-box")
        box.add_class(_path_class(path))
        return box

    def _condition_fields(self, node: Condition) -> tuple[w.Dropdown, w.Dropdown, w.Text]:
        """The line's attribute, operator and value controls, showing node."""
        lang = self.lang
        attributes = self.service.attributes()
        known = attributes.get(node.attribute)
        attribute = lean(w.Dropdown, "asc-rule-attribute",
                         options=[(a.display(lang), a.code) for a in attributes.values()])
        if known is None:
            attribute.options = [*attribute.options, (node.attribute, node.attribute)]
        attribute.value = node.attribute
        allowed = known.operators() if known is not None else [node.operator]
        operator = lean(w.Dropdown, "asc-rule-operator")
        set_options(operator, [(t(f"rule.op.{op}", lang), op) for op in allowed])
        if node.operator in allowed:
            operator.value = node.operator
        value = lean(w.Text, "asc-rule-value", value=node.value, continuous_update=False)
        if known is not None and known.options:
            value.placeholder = ", ".join(known.options)
        return attribute, operator, value

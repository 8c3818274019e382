"""Listing Rules (Preview and List Eligible Products): the condition builder, Preview changes,
the Listing Preview's tabs with paging and export, the Amazon check with progress and cancel,
and Save and Close. Every rule, message and number comes from core (core/listing).

Public actions (each what a click does): ``open(store_id)``, ``add_condition(path)``,
``add_combination(path)``, ``remove(path)``, ``set_condition(path, attribute=, operator=,
value=)``, ``set_combination(path, aggregator=, expected=)``, ``preview()``, ``show_tab(tab)``,
``next_page()``, ``previous_page()``, ``check_amazon()`` (in the background; ``wait()`` joins
it), ``cancel_check()``, ``export()``, ``back()``, ``save_and_close()``, ``close()``,
``set_language(lang)``. Paths number lines from 0: ``(1, 0)`` is the first line of the
combination on line 2.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import ipywidgets as w

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.i18n import t
from asc_widgets.core.listing import (
    ALL,
    ANY,
    Combination,
    Condition,
    ListingRule,
    RuleValidationError,
)
from asc_widgets.core.listing.preview import TABS, ListingPreview
from asc_widgets.core.listing.rules import path_label
from asc_widgets.core.listing.service import ListingService
from asc_widgets.core.registry import Registry
from asc_widgets.widgets.common import (
    esc,
    lean,
    lock_for_viewers,
    make_button,
    make_hbox,
    make_html,
    make_vbox,
    set_options,
    set_visible,
)
from asc_widgets.widgets.feedback import Feedback

PAGE_SIZE = 50
# The page's own few rules (the app's stylesheet stays untouched).
_STYLE = """<style>
.asc-preview-grid { border-collapse: collapse; font-size: 13px; width: 100%; }
.asc-preview-grid th, .asc-preview-grid td { padding: 3px 6px; line-height: 1.3;
  text-align: left; vertical-align: top; border-bottom: 1px solid #e1e1e1; }
.asc-preview-grid th { background: #f4f4f4; }
.asc-rule-combination { border-left: 2px solid #d8d8d8; padding-left: 8px; gap: 4px; }
.asc-rule-text { align-self: center; margin: 0 4px; }
.asc-rule-line { align-self: center; min-width: 2.5em; }
</style>"""
Path_ = tuple[int, ...]


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


class ListingRulesPanel:
    def __init__(self, registry: Registry, catalog: CatalogSource, *, lang: str = "en",
                 feedback: Feedback | None = None,
                 connector: Callable[[], object | None] | None = None,
                 on_close: Callable[[], None] | None = None,
                 export_folder: Path | str | None = None, page_size: int = PAGE_SIZE,
                 service: ListingService | None = None):
        self.registry = registry
        self.catalog = catalog
        self.lang = lang
        self.feedback = feedback or Feedback(lang)
        self.connector = connector or (lambda: None)
        self.on_close = on_close
        self.export_folder = Path(export_folder) if export_folder else None
        self.page_size = page_size
        self.service = service or ListingService(registry, catalog)
        self.store = None
        self.rule_value = ListingRule("")
        self.problems: dict[tuple[Path_, str], str] = {}
        self.result: ListingPreview | None = None
        self.tab = "new"
        self.page = 0
        self.exported: dict[str, Path] = {}
        self._thread: threading.Thread | None = None
        self._cancel: threading.Event | None = None
        guard = self.feedback.guard

        self.title = make_html("asc-rules-title")
        self.website = make_html("asc-rules-website", "asc-panel")
        self.builder = make_vbox([], "asc-rules-builder", "asc-panel")
        self.preview_button = make_button("asc-rules-preview", "asc-button-secondary")
        self.save_button = make_button("asc-rules-save", "asc-button-primary")
        self.close_button = make_button("asc-rules-close", "asc-button-link")
        self.preview_button.on_click(guard(lambda _b: self.preview(), "rules.preview"))
        self.save_button.on_click(guard(lambda _b: self.save_and_close(), "rules.save"))
        self.close_button.on_click(guard(lambda _b: self.close(), "rules.close"))
        self.rules_view = make_vbox([
            self.title, self.website, self.builder,
            make_hbox([self.close_button, self.preview_button, self.save_button],
                      "asc-form-buttons")], "asc-rules-view", own_layout=True)

        # The Listing Preview.
        self.preview_title = make_html("asc-preview-title")
        self.tabs = lean(w.ToggleButtons, "asc-preview-tabs", options=[("", "new")])
        self._syncing = False  # True while the page itself sets the tabs
        self.tabs.observe(guard(self._tab_clicked, "preview.tab"), "value")
        self.caption = make_html("asc-preview-caption")
        self.table = make_html("asc-preview-table")
        self.page_text = make_html("asc-preview-page")
        self.prev_button = make_button("asc-preview-prev", "asc-button-link")
        self.next_button = make_button("asc-preview-next", "asc-button-link")
        self.prev_button.on_click(guard(lambda _b: self.previous_page(), "preview.prev"))
        self.next_button.on_click(guard(lambda _b: self.next_page(), "preview.next"))
        self.amazon_button = make_button("asc-preview-amazon", "asc-button-secondary",
                                         own_layout=True)
        self.cancel_button = make_button("asc-preview-cancel", "asc-button-link",
                                         own_layout=True)
        self.amazon_button.on_click(guard(lambda _b: self.check_amazon(), "preview.amazon"))
        self.cancel_button.on_click(guard(lambda _b: self.cancel_check(), "preview.cancel"))
        self.progress = lean(w.IntProgress, "asc-match-progress", own_layout=True, min=0,
                             max=1, value=0)
        self.progress_text = make_html("asc-match-progress-text")
        self.export_button = make_button("asc-preview-export", "asc-button-link")
        self.export_button.on_click(guard(lambda _b: self.export(), "preview.export"))
        self.export_text = make_html("asc-preview-exported")
        self.back_button = make_button("asc-preview-back", "asc-button-secondary")
        self.save2_button = make_button("asc-preview-save", "asc-button-primary")
        self.back_button.on_click(guard(lambda _b: self.back(), "preview.back"))
        self.save2_button.on_click(guard(lambda _b: self.save_and_close(), "preview.save"))
        self.preview_view = make_vbox([
            self.preview_title,
            make_hbox([self.amazon_button, self.cancel_button, self.progress],
                      "asc-match-bar"),
            self.progress_text, self.tabs, self.caption, self.table,
            make_hbox([self.prev_button, self.page_text, self.next_button], "asc-preview-pager"),
            make_hbox([self.export_button, self.export_text], "asc-preview-export-bar"),
            make_hbox([self.back_button, self.save2_button], "asc-form-buttons"),
        ], "asc-preview-view", own_layout=True)
        self.widget = make_vbox([make_html("asc-listing-style", value=_STYLE), self.rules_view,
                                 self.preview_view], "asc-listing-rules")
        set_visible(self.preview_view, False)
        self.set_language(lang)

    # ---- opening and closing --------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the store (another kernel may have changed or deleted it)."""
        if self.store is not None:
            self.store = self.registry.get_store(self.store.id)

    def open(self, store_id: int) -> ListingRule:
        """Load the store's saved rule (or the empty rule) into the builder."""
        self.store = self.registry.get_store(store_id)
        self.rule_value = self.service.rule(store_id)
        self.problems = {}
        self.result = None
        self._show_rules()
        self.render()
        return self.rule_value

    def close(self) -> None:
        self.cancel_check()
        if self.on_close is not None:
            self.on_close()

    def back(self) -> None:
        """From the preview back to the rule."""
        self._show_rules()

    # ---- the condition builder ------------------------------------------------------------
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
            self._render_builder()

    # ---- preview, Amazon, save ------------------------------------------------------------
    def _checked(self) -> bool:
        """Show core's problems beside the fields; True when the rule is valid."""
        problems = self.service.validate(self.store.id, self.rule_value)
        self.problems = RuleValidationError(problems).by_path(self.lang) if problems else {}
        self._render_builder()
        if problems:
            self.feedback.error("error.validation")
        return not problems

    def preview(self) -> ListingPreview | None:
        """Preview changes: the Listing Preview of the rule as it stands (not saved)."""
        if self.store is None or not self._checked():
            return None
        self.feedback.clear()
        self.result = self.service.preview(self.store.id, self.rule_value)
        self.tab = "new" if self.result.counts()["new"] or not self.result.counts()[
            "eligible"] else "eligible"
        self.page = 0
        self.exported = {}
        self.progress_text.value = ""
        set_visible(self.progress, False)
        set_visible(self.rules_view, False)
        set_visible(self.preview_view, True)
        self._render_preview()
        return self.result

    def check_amazon(self) -> None:
        """Ask Amazon's catalog about the products that would be listed, in the background
        (progress shown, Cancel stops it; what was matched is kept)."""
        if self.result is None or self.running:
            return
        if self.connector() is None:
            self.feedback.info("listing.no_amazon")
            return
        if self.service.connector is None:
            self.service.connector = self.connector()
        self.service.access_tokens(self.store)  # raises at once when not connected
        self._cancel = threading.Event()
        self.progress.max = max(1, len(self.result.codes_to_match()))
        self.progress.value = 0
        set_visible(self.progress, True)
        set_visible(self.cancel_button, True)
        self.amazon_button.disabled = True
        self._thread = threading.Thread(target=self._match, name="asc-listing-match",
                                        daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = 60) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _match(self) -> None:
        preview, cancel = self.result, self._cancel
        try:
            report = self.service.match(preview, self.store.id, progress=self._progress,
                                        cancel=cancel)
        except Exception as exc:  # noqa: BLE001 - shown like every callback error
            self.feedback.report(exc, "preview.match")
        else:
            kind = "error" if report.error is not None else (
                "info" if report.cancelled else "success")
            self.feedback.show(kind, report.message(self.lang))
            self.progress_text.value = f"<p>{esc(report.message(self.lang))}</p>"
        finally:
            self.amazon_button.disabled = False
            set_visible(self.cancel_button, False)
            if preview is self.result:
                self._render_preview()

    def _progress(self, progress) -> None:
        self.progress.max = max(1, progress.total)
        self.progress.value = progress.done
        self.progress_text.value = f"<p>{esc(progress.message(self.lang))}</p>"

    def cancel_check(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def save_and_close(self) -> ListingRule | None:
        """Save and Close: core checks and keeps the rule (logged), then the page closes."""
        if self.store is None or not self._checked():
            return None
        self.service.save_rule(self.store.id, self.rule_value)
        self.feedback.success("ui.rules.saved", name=self.store.name)
        self.close()
        return self.rule_value

    # ---- the preview's tabs, pages and export ---------------------------------------------
    def show_tab(self, tab: str) -> None:
        if tab not in TABS:
            raise ValueError(f"tab must be one of {TABS}")
        if tab != self.tab:
            self.tab, self.page = tab, 0
        self._render_preview()

    def _tab_clicked(self, change) -> None:
        if not self._syncing and change["new"] in TABS:
            self.show_tab(change["new"])

    def next_page(self) -> None:
        if self.result is not None and self.page + 1 < self.result.pages(self.tab,
                                                                         self.page_size):
            self.page += 1
            self._render_preview()

    def previous_page(self) -> None:
        if self.page > 0:
            self.page -= 1
            self._render_preview()

    def export(self) -> dict[str, Path]:
        """Write the three tabs as CSV files and one Excel workbook."""
        if self.result is None:
            return {}
        folder = self.export_folder or Path.cwd()
        self.exported = self.result.export(folder / f"listing-preview-store-{self.store.id}",
                                           self.lang)
        names = ", ".join(str(p) for p in self.exported.values())
        self.export_text.value = f"<span>{esc(t('ui.preview.exported', self.lang))} " \
                                 f"{esc(names)}</span>"
        return self.exported

    # ---- language and drawing -------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.preview_button.description = t("ui.rules.preview", lang)
        self.save_button.description = t("ui.rules.save", lang)
        self.close_button.description = t("ui.rules.close", lang)
        self.prev_button.description = f"← {t('ui.preview.prev', lang)}"
        self.next_button.description = f"{t('ui.preview.next', lang)} →"
        self.amazon_button.description = t("ui.preview.amazon", lang)
        self.cancel_button.description = t("ui.preview.cancel", lang)
        self.export_button.description = t("ui.preview.export", lang)
        self.back_button.description = t("ui.preview.back", lang)
        self.save2_button.description = t("ui.preview.save", lang)
        lock_for_viewers(self.registry.person, lang, self.save_button, self.save2_button)
        if self.problems and self.store is not None:
            problems = self.service.validate(self.store.id, self.rule_value)
            self.problems = RuleValidationError(problems).by_path(lang) if problems else {}
        self.render()

    def render(self) -> None:
        lang = self.lang
        self.title.value = f"<h2>{esc(t('ui.rules.title', lang))}</h2>"
        if self.store is not None:
            site = self.catalog.website(self.store.website)
            self.website.value = (
                f"<label>{esc(t('field.rule_website', lang))}</label>"
                f"<p>{esc(site.display if site else self.store.website)}</p>")
        self._render_builder()
        if self.result is not None:
            self._render_preview()

    def _show_rules(self) -> None:
        set_visible(self.preview_view, False)
        set_visible(self.rules_view, True)

    def _render_builder(self) -> None:
        heading = make_html("asc-rules-conditions-label",
                            value=f"<label>{esc(t('field.rule_conditions', self.lang))}</label>")
        self.builder.children = [heading, self._combination_box(self.rule_value.conditions, ())]

    def _combination_box(self, node: Combination, path: Path_) -> w.VBox:
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
        lines = []
        for index, child in enumerate(node.conditions):
            here = (*path, index)
            lines.append(self._combination_box(child, here) if isinstance(child, Combination)
                         else self._condition_row(child, here))
        problem = self.problems.get((path, "rule_conditions"))
        add = make_button("asc-rule-add-condition", "asc-button-link",
                          description=f"+ {t('ui.rules.add_condition', lang)}")
        add_group = make_button("asc-rule-add-combination", "asc-button-link",
                                description=f"+ {t('ui.rules.add_combination', lang)}")
        add.on_click(guard(lambda _b: self.add_condition(path), "rules.add"))
        add_group.on_click(guard(lambda _b: self.add_combination(path), "rules.add_group"))
        box = make_vbox([make_hbox(head, "asc-rule-head"), *lines,
                         *([self._error(problem)] if problem else []),
                         make_hbox([add, add_group], "asc-rule-add")], "asc-rule-combination")
        box.add_class(f"asc-rule-path-{'-'.join(map(str, path)) or 'root'}")
        return box

    def _condition_row(self, node: Condition, path: Path_) -> w.VBox:
        lang, guard = self.lang, self.feedback.guard
        attributes = self.service.attributes()
        attribute = lean(w.Dropdown, "asc-rule-attribute",
                         options=[(a.display(lang), a.code) for a in attributes.values()])
        if node.attribute in attributes:
            attribute.value = node.attribute
        else:
            attribute.options = [*attribute.options, (node.attribute, node.attribute)]
            attribute.value = node.attribute
        allowed = attributes[node.attribute].operators() if node.attribute in attributes \
            else [node.operator]
        operator = lean(w.Dropdown, "asc-rule-operator")
        set_options(operator, [(t(f"rule.op.{op}", lang), op) for op in allowed])
        if node.operator in allowed:
            operator.value = node.operator
        value = lean(w.Text, "asc-rule-value", value=node.value, continuous_update=False)
        options = attributes[node.attribute].options if node.attribute in attributes else ()
        if options:
            value.placeholder = ", ".join(options)
        attribute.observe(guard(lambda c: self.set_condition(path, attribute=c["new"]),
                                "rules.attribute"), "value")
        operator.observe(guard(lambda c: self.set_condition(path, operator=c["new"]),
                               "rules.operator"), "value")
        value.observe(guard(lambda c: self.set_condition(path, value=c["new"]),
                            "rules.value"), "value")
        row = make_hbox([make_html("asc-rule-line", value=esc(path_label(path))), attribute,
                         operator, value, self._remove_button(path)], "asc-rule-condition")
        errors = [self._error(self.problems[(path, field)])
                  for field in ("rule_attribute", "rule_operator", "rule_value")
                  if (path, field) in self.problems]
        for field in ("rule_attribute", "rule_operator", "rule_value"):
            if (path, field) in self.problems:
                {"rule_attribute": attribute, "rule_operator": operator,
                 "rule_value": value}[field].add_class("asc-invalid")
        box = make_vbox([row, *errors], "asc-rule-condition-box")
        box.add_class(f"asc-rule-path-{'-'.join(map(str, path))}")
        return box

    def _remove_button(self, path: Path_) -> w.Button:
        button = make_button("asc-rule-remove", "asc-button-link",
                             description=t("ui.rules.remove", self.lang))
        button.on_click(self.feedback.guard(lambda _b: self.remove(path), "rules.remove"))
        return button

    @staticmethod
    def _error(message: str) -> w.HTML:
        return make_html("asc-error", "asc-rule-error",
                         value=f'<span role="alert">{esc(message)}</span>')

    def _render_preview(self) -> None:
        result, lang = self.result, self.lang
        if result is None:
            return
        self.preview_title.value = (f"<h2>{esc(t('ui.preview.title', lang))}</h2>"
                                    f"<p>{esc(self.store.name)}</p>")
        options = [(result.tab_label(tab, lang), tab) for tab in TABS]
        self._syncing = True
        try:
            if [tuple(o) for o in self.tabs.options] != options:
                self.tabs.options = options
            if self.tabs.value != self.tab:
                self.tabs.value = self.tab
        finally:
            self._syncing = False
        self.caption.value = f"<p>{esc(t(f'preview.caption.{self.tab}', lang))}</p>"
        table = result.table(self.tab, lang, page=self.page, page_size=self.page_size)
        if len(table):
            shown = table.astype(object).where(table.notna(), "")  # empty cells, not <NA>
            self.table.value = shown.to_html(index=False, escape=True,
                                             classes="asc-preview-grid", border=0)
        else:
            self.table.value = f"<p>{esc(t('ui.preview.empty', lang))}</p>"
        pages = result.pages(self.tab, self.page_size)
        self.page_text.value = esc(t("ui.preview.page", lang, page=self.page + 1, pages=pages))
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page + 1 >= pages
        set_visible(self.cancel_button, self.running)

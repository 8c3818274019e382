"""Listing Rules (Preview and List Eligible Products): the condition builder, Preview changes,
the Listing Preview's tabs with paging and export, the Amazon check with progress and cancel,
and Save and Close. Every rule, message and number comes from core (core/listing).
The panel composes three parts, each with one job: the condition builder (RuleBuilder), the
preview's tabs, pages and export (PreviewPages) and the Amazon check (AmazonCheck).

Public actions (each what a click does): ``open(store_id)``, ``add_condition(path)``,
``add_combination(path)``, ``remove(path)``, ``set_condition(path, attribute=, operator=,
value=)``, ``set_combination(path, aggregator=, expected=)``, ``preview()``, ``show_tab(tab)``,
``next_page()``, ``previous_page()``, ``check_amazon()`` (in the background; ``wait()`` joins
it), ``cancel_check()``, ``export()``, ``back()``, ``save_and_close()``, ``close()``,
``set_language(lang)``. Paths number lines from 0: ``(1, 0)`` is the first line of the
combination on line 2.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.i18n import t
from asc_widgets.core.listing import ListingRule
from asc_widgets.core.listing.preview import ListingPreview
from asc_widgets.core.listing.service import ListingService
from asc_widgets.core.registry import Registry
from asc_widgets.widgets.amazon_check import AmazonCheck
from asc_widgets.widgets.common import (
    esc,
    lock_for_viewers,
    make_button,
    make_hbox,
    make_html,
    make_vbox,
    set_visible,
)
from asc_widgets.widgets.feedback import Feedback
from asc_widgets.widgets.listing_preview import PAGE_SIZE, PreviewPages
from asc_widgets.widgets.rule_builder import Path_, RuleBuilder

__all__ = ["PAGE_SIZE", "ListingRulesPanel", "Path_"]

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
        self.on_close = on_close
        self.service = service or ListingService(registry, catalog)
        self.store = None
        self.conditions = RuleBuilder(self.service, self.feedback, lang)
        self.pages = PreviewPages(self.feedback, lang=lang, page_size=page_size,
                                  export_folder=export_folder,
                                  on_render=self._preview_drawn)
        self.matching = AmazonCheck(self.service, self.feedback,
                                    connector=connector or (lambda: None),
                                    on_check=self.check_amazon, done=self._check_done,
                                    lang=lang)
        self.rules_view = self._rules_view()
        self.preview_view = self._preview_view()
        self.widget = make_vbox([make_html("asc-listing-style", value=_STYLE), self.rules_view,
                                 self.preview_view], "asc-listing-rules")
        set_visible(self.preview_view, False)
        self.set_language(lang)

    def _rules_view(self):
        """The rule: website, condition builder, Close / Preview changes / Save and Close."""
        guard = self.feedback.guard
        self.title = make_html("asc-rules-title")
        self.website = make_html("asc-rules-website", "asc-panel")
        self.builder = self.conditions.widget
        self.preview_button = make_button("asc-rules-preview", "asc-button-secondary")
        self.save_button = make_button("asc-rules-save", "asc-button-primary")
        self.close_button = make_button("asc-rules-close", "asc-button-link")
        self.preview_button.on_click(guard(lambda _b: self.preview(), "rules.preview"))
        self.save_button.on_click(guard(lambda _b: self.save_and_close(), "rules.save"))
        self.close_button.on_click(guard(lambda _b: self.close(), "rules.close"))
        return make_vbox([
            self.title, self.website, self.builder,
            make_hbox([self.close_button, self.preview_button, self.save_button],
                      "asc-form-buttons")], "asc-rules-view", own_layout=True)

    def _preview_view(self):
        """The Listing Preview: Amazon check, tabs and pages, export, Back / Save and Close."""
        guard, pages, matching = self.feedback.guard, self.pages, self.matching
        self.preview_title = make_html("asc-preview-title")
        # The parts' widgets under the names tests and notebooks know.
        self.tabs, self.table, self.page_text = pages.tabs, pages.table, pages.page_text
        self.prev_button, self.next_button = pages.prev_button, pages.next_button
        self.amazon_button, self.cancel_button = matching.amazon_button, matching.cancel_button
        self.progress, self.progress_text = matching.progress, matching.progress_text
        self.back_button = make_button("asc-preview-back", "asc-button-secondary")
        self.save2_button = make_button("asc-preview-save", "asc-button-primary")
        self.back_button.on_click(guard(lambda _b: self.back(), "preview.back"))
        self.save2_button.on_click(guard(lambda _b: self.save_and_close(), "preview.save"))
        return make_vbox([
            self.preview_title, matching.bar, matching.progress_text, pages.tabs,
            pages.caption, pages.table, pages.pager, pages.export_bar,
            make_hbox([self.back_button, self.save2_button], "asc-form-buttons"),
        ], "asc-preview-view", own_layout=True)

    # ---- opening and closing --------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the store (another kernel may have changed or deleted it)."""
        if self.store is not None:
            self.store = self.registry.get_store(self.store.id)

    def open(self, store_id: int) -> ListingRule:
        """Load the store's saved rule (or the empty rule) into the builder."""
        self.store = self.registry.get_store(store_id)
        self.conditions.load(self.service.rule(store_id))
        self.pages.result = None
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

    # ---- the condition builder (RuleBuilder) ----------------------------------------------
    @property
    def rule_value(self) -> ListingRule:
        return self.conditions.rule_value

    @property
    def problems(self) -> dict[tuple[Path_, str], str]:
        return self.conditions.problems

    def add_condition(self, path: Path_ = ()) -> Path_:
        """Add a Product Attribute line to the combination at path; returns its path."""
        return self.conditions.add_condition(path)

    def add_combination(self, path: Path_ = ()) -> Path_:
        return self.conditions.add_combination(path)

    def remove(self, path: Path_) -> None:
        self.conditions.remove(path)

    def set_condition(self, path: Path_, *, attribute: str | None = None,
                      operator: str | None = None, value: str | None = None) -> None:
        self.conditions.set_condition(path, attribute=attribute, operator=operator,
                                      value=value)

    def set_combination(self, path: Path_, *, aggregator: str | None = None,
                        expected: bool | None = None) -> None:
        self.conditions.set_combination(path, aggregator=aggregator, expected=expected)

    # ---- preview, Amazon, save ------------------------------------------------------------
    @property
    def result(self) -> ListingPreview | None:
        return self.pages.result

    def preview(self) -> ListingPreview | None:
        """Preview changes: the Listing Preview of the rule as it stands (not saved)."""
        if self.store is None or not self.conditions.check(self.store.id):
            return None
        self.feedback.clear()
        self.pages.load(self.service.preview(self.store.id, self.rule_value), self.store.id)
        self.matching.reset()
        set_visible(self.rules_view, False)
        set_visible(self.preview_view, True)
        self._render_preview()
        return self.result

    def check_amazon(self) -> None:
        """Ask Amazon's catalog about the products that would be listed, in the background
        (progress shown, Cancel stops it; what was matched is kept)."""
        if self.result is not None:
            self.matching.start(self.result, self.store)

    def _check_done(self, preview: ListingPreview) -> None:
        if preview is self.result:
            self._render_preview()

    @property
    def running(self) -> bool:
        return self.matching.running

    def wait(self, timeout: float | None = 60) -> None:
        self.matching.wait(timeout)

    def cancel_check(self) -> None:
        self.matching.cancel()

    def save_and_close(self) -> ListingRule | None:
        """Save and Close: core checks and keeps the rule (logged), then the page closes."""
        if self.store is None or not self.conditions.check(self.store.id):
            return None
        self.service.save_rule(self.store.id, self.rule_value)
        self.feedback.success("ui.rules.saved", name=self.store.name)
        self.close()
        return self.rule_value

    # ---- the preview's tabs, pages and export (PreviewPages) ------------------------------
    def show_tab(self, tab: str) -> None:
        self.pages.show_tab(tab)

    def next_page(self) -> None:
        self.pages.next_page()

    def previous_page(self) -> None:
        self.pages.previous_page()

    def export(self) -> dict[str, Path]:
        """Write the three tabs as CSV files and one Excel workbook."""
        return self.pages.export()

    # ---- language and drawing -------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.preview_button.description = t("ui.rules.preview", lang)
        self.save_button.description = t("ui.rules.save", lang)
        self.close_button.description = t("ui.rules.close", lang)
        self.back_button.description = t("ui.preview.back", lang)
        self.save2_button.description = t("ui.preview.save", lang)
        self.pages.set_language(lang)
        self.matching.set_language(lang)
        self.conditions.set_language(lang, self.store.id if self.store is not None else None)
        lock_for_viewers(self.registry.person, lang, self.save_button, self.save2_button)
        self.render()

    def render(self) -> None:
        lang = self.lang
        self.title.value = f"<h2>{esc(t('ui.rules.title', lang))}</h2>"
        if self.store is not None:
            site = self.catalog.website(self.store.website)
            self.website.value = (
                f"<label>{esc(t('field.rule_website', lang))}</label>"
                f"<p>{esc(site.display if site else self.store.website)}</p>")
        self.conditions.render()
        if self.result is not None:
            self._render_preview()

    def _show_rules(self) -> None:
        set_visible(self.preview_view, False)
        set_visible(self.rules_view, True)

    def _render_preview(self) -> None:
        self.pages.render()  # then _preview_drawn

    def _preview_drawn(self) -> None:
        self.preview_title.value = (f"<h2>{esc(t('ui.preview.title', self.lang))}</h2>"
                                    f"<p>{esc(self.store.name)}</p>")
        self.matching.show_cancel()

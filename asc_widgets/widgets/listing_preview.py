"""The Listing Preview's three tabs, one page of the chosen tab at a time, and the export of
all three (CSV files and one Excel workbook). Numbers and labels come from core's
ListingPreview."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from asc_widgets.core.i18n import t
from asc_widgets.core.listing.preview import TABS, ListingPreview
from asc_widgets.widgets.common import esc, lean, make_button, make_hbox, make_html
from asc_widgets.widgets.feedback import Feedback

PAGE_SIZE = 50


class PreviewPages:
    """Tabs, table, pager and export bar of one Listing Preview (``result``); on_render is
    called after each drawing (the page around it draws its own parts)."""

    def __init__(self, feedback: Feedback, *, lang: str = "en", page_size: int = PAGE_SIZE,
                 export_folder: Path | str | None = None,
                 on_render: Callable[[], None] | None = None):
        self.lang = lang
        self.on_render = on_render
        self.page_size = page_size
        self.export_folder = Path(export_folder) if export_folder else None
        self.result: ListingPreview | None = None
        self.store_id: int | None = None
        self.tab = "new"
        self.page = 0
        self.exported: dict[str, Path] = {}
        guard = feedback.guard
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
        self.export_button = make_button("asc-preview-export", "asc-button-link")
        self.export_button.on_click(guard(lambda _b: self.export(), "preview.export"))
        self.export_text = make_html("asc-preview-exported")
        self.pager = make_hbox([self.prev_button, self.page_text, self.next_button],
                               "asc-preview-pager")
        self.export_bar = make_hbox([self.export_button, self.export_text],
                                    "asc-preview-export-bar")

    def load(self, result: ListingPreview, store_id: int) -> None:
        """Show a new preview from its first page: New Listings, unless it has none and
        other products are eligible."""
        counts = result.counts()
        self.result, self.store_id = result, store_id
        self.tab = "new" if counts["new"] or not counts["eligible"] else "eligible"
        self.page = 0
        self.exported = {}

    def show_tab(self, tab: str) -> None:
        if tab not in TABS:
            raise ValueError(f"tab must be one of {TABS}")
        if tab != self.tab:
            self.tab, self.page = tab, 0
        self.render()

    def _tab_clicked(self, change) -> None:
        if not self._syncing and change["new"] in TABS:
            self.show_tab(change["new"])

    def next_page(self) -> None:
        if self.result is not None and self.page + 1 < self.result.pages(self.tab,
                                                                         self.page_size):
            self.page += 1
            self.render()

    def previous_page(self) -> None:
        if self.page > 0:
            self.page -= 1
            self.render()

    def export(self) -> dict[str, Path]:
        """Write the three tabs as CSV files and one Excel workbook."""
        if self.result is None:
            return {}
        folder = self.export_folder or Path.cwd()
        self.exported = self.result.export(folder / f"listing-preview-store-{self.store_id}",
                                           self.lang)
        names = ", ".join(str(p) for p in self.exported.values())
        self.export_text.value = f"<span>{esc(t('ui.preview.exported', self.lang))} " \
                                 f"{esc(names)}</span>"
        return self.exported

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.prev_button.description = f"← {t('ui.preview.prev', lang)}"
        self.next_button.description = f"{t('ui.preview.next', lang)} →"
        self.export_button.description = t("ui.preview.export", lang)

    def render(self) -> None:
        result, lang = self.result, self.lang
        if result is None:
            return
        self._sync_tabs([(result.tab_label(tab, lang), tab) for tab in TABS])
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
        if self.on_render is not None:
            self.on_render()

    def _sync_tabs(self, options: list[tuple[str, str]]) -> None:
        """Set the tab labels and the chosen tab without it counting as a click."""
        self._syncing = True
        try:
            if [tuple(o) for o in self.tabs.options] != options:
                self.tabs.options = options
            if self.tabs.value != self.tab:
                self.tabs.value = self.tab
        finally:
            self._syncing = False

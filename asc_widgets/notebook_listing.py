"""The analysts' Kit, its listing part: listing rules, the Listing Preview and the Amazon
catalog dry run. A mixin of notebook.Kit (registry, catalog, lang, connector)."""

from __future__ import annotations

from asc_widgets.core.stores import Store


class ListingTools:
    # ---- listing rules and the Amazon dry run ----------------------------------------------
    @property
    def listing(self):
        """Rules, previews and catalog matching (core.listing.service.ListingService) through
        this kit's registry, catalog and Amazon connection."""
        if getattr(self, "_listing", None) is None:
            from asc_widgets.core.listing.service import ListingService

            self._listing = ListingService.from_settings(
                self.registry, self.catalog, self.settings.catalog_search, self.connector)
        return self._listing

    def listing_rules_panel(self, store: Store | str):
        """The app's Listing Rules page for a store (condition builder, preview, Amazon check,
        save); display ``panel.view``."""
        import ipywidgets as w

        from asc_widgets.widgets.feedback import Feedback
        from asc_widgets.widgets.listing_rules import ListingRulesPanel
        from asc_widgets.widgets.style import stylesheet

        if isinstance(store, str):
            store = self.registry.find_store(store)
        feedback = Feedback(self.lang)
        panel = ListingRulesPanel(self.registry, self.catalog, lang=self.lang,
                                  feedback=feedback, connector=lambda: self.connector,
                                  export_folder=self.settings.home / "exports",
                                  service=self.listing)
        panel.open(store.id)
        panel.view = w.VBox([stylesheet(), feedback.widget, panel.widget])
        return panel

    def match(self, preview, store: Store | str):
        """Ask Amazon's catalog about the preview's codes, showing progress (done / total,
        time left) under the cell; returns core's MatchReport."""
        import ipywidgets as w
        from IPython.display import display

        if isinstance(store, str):
            store = self.registry.find_store(store)
        bar = w.IntProgress(min=0, max=1, value=0)
        text = w.HTML()
        display(w.VBox([bar, text]))

        def progress(p) -> None:
            bar.max, bar.value = max(1, p.total), p.done
            text.value = p.message(self.lang)

        report = self.listing.match(preview, store.id, progress=progress)
        text.value = report.message(self.lang)
        return report

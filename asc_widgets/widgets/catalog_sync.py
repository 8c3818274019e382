"""The catalog snapshot's age and the Sync catalog action, for a Commerce catalog.

The demo catalog has no snapshot and gets no panel (catalog_sync_panel returns None). The
sync itself, its progress and its messages are core's (core/commerce/sync.py); this shows
them: products read / total and the time left while it runs, the result or the error after.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from asc_widgets.core.i18n import t
from asc_widgets.widgets.common import (
    esc,
    lean,
    make_button,
    make_hbox,
    make_html,
    make_vbox,
    set_visible,
)
from asc_widgets.widgets.feedback import Feedback

PROGRESS_INTERVAL = 0.25  # seconds between progress redraws (each is a message to the browser)


def catalog_sync_panel(catalog: Any, *, lang: str = "en", feedback: Feedback | None = None,
                       on_synced: Callable[[], None] | None = None) -> CatalogSyncPanel | None:
    """The panel for a catalog with a snapshot (SnapshotCatalog), else None."""
    if callable(getattr(catalog, "sync", None)) and callable(getattr(catalog, "snapshot_info",
                                                                     None)):
        return CatalogSyncPanel(catalog, lang=lang, feedback=feedback, on_synced=on_synced)
    return None


class CatalogSyncPanel:
    """``sync()`` (the Sync catalog button) brings the snapshot up to date, showing progress;
    ``refresh()`` redraws the snapshot's age; ``set_language(lang)``."""

    def __init__(self, catalog: Any, *, lang: str = "en", feedback: Feedback | None = None,
                 on_synced: Callable[[], None] | None = None):
        self.catalog = catalog
        self.on_synced = on_synced
        self.lang = lang
        self.feedback = feedback or Feedback(lang)
        self.running = False
        self.last_result = None
        self.title = make_html("asc-catalog-sync-title")
        self.age = make_html("asc-catalog-snapshot-age")
        self.button = make_button("asc-catalog-sync")
        self.button.on_click(self.feedback.guard(lambda _b: self.sync(), "catalog.sync"))
        self.bar = lean(w.IntProgress, "asc-catalog-sync-bar", own_layout=True, min=0, max=1)
        self.progress_text = make_html("asc-catalog-sync-progress", own_layout=True)
        self.widget = make_vbox([self.title, make_hbox([self.age, self.button],
                                                       "asc-catalog-sync-row"),
                                 self.bar, self.progress_text], "asc-catalog-sync-panel",
                                "asc-panel")
        self._shown_at = 0.0
        self._show_progress(False)
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.title.value = f"<h4>{esc(t('ui.catalog_sync.title', lang))}</h4>"
        self.button.description = t("ui.catalog_sync." + ("running" if self.running
                                                           else "button"), lang)
        self.refresh()

    def refresh(self) -> None:
        try:
            info = self.catalog.snapshot_info()
        except Exception as exc:  # another store's or an unreadable snapshot: say so here
            self.age.value = esc(self.feedback.message_for(exc))
            return
        text = info.describe(self.lang) if info else t("snapshot.age_none", self.lang)
        self.age.value = f"<span>{esc(text)}</span>"

    def sync(self) -> None:
        """Sync the catalog now. Errors (CatalogSyncError) propagate to the caller's guard,
        which shows their message; the snapshot and this panel stay as they were."""
        self.running = True
        self.button.disabled = True
        self.button.description = t("ui.catalog_sync.running", self.lang)
        self.bar.value, self.bar.max = 0, 1
        self.progress_text.value = ""
        self._show_progress(True)
        try:
            result = self.catalog.sync(progress=self._on_progress)
        finally:
            self.running = False
            self.button.disabled = False
            self.button.description = t("ui.catalog_sync.button", self.lang)
            self._show_progress(False)
            self.refresh()
        self.last_result = result
        if self.on_synced:
            self.on_synced()
        self.feedback.show("success", result.describe(self.lang))

    def _on_progress(self, progress: Any) -> None:
        now = time.monotonic()
        if now - self._shown_at < PROGRESS_INTERVAL and progress.read < progress.total:
            return
        self._shown_at = now
        self.progress_text.value = f"<span>{esc(progress.describe(self.lang))}</span>"
        self.bar.max = max(progress.total, 1)
        self.bar.value = min(progress.read, self.bar.max)

    def _show_progress(self, visible: bool) -> None:
        set_visible(self.bar, visible)
        set_visible(self.progress_text, visible)

"""The Listing Preview's Amazon check: asks Amazon's catalog about the products that would be
listed, in a background thread, with a progress bar, its text and a Cancel button. Core
(ListingService.match) does the asking and words the progress and the outcome."""

from __future__ import annotations

import threading
from collections.abc import Callable

import ipywidgets as w

from asc_widgets.core.i18n import t
from asc_widgets.core.listing.preview import ListingPreview
from asc_widgets.core.listing.service import ListingService
from asc_widgets.widgets.common import esc, lean, make_button, make_hbox, make_html, set_visible
from asc_widgets.widgets.feedback import Feedback


class AmazonCheck:
    """One check at a time; ``done(preview)`` is called when it ends (in its thread)."""

    def __init__(self, service: ListingService, feedback: Feedback, *,
                 connector: Callable[[], object | None], on_check: Callable[[], None],
                 done: Callable[[ListingPreview], None], lang: str = "en"):
        self.service = service
        self.feedback = feedback
        self.connector = connector
        self.done = done
        self.lang = lang
        self._thread: threading.Thread | None = None
        self._cancel: threading.Event | None = None
        guard = feedback.guard
        self.amazon_button = make_button("asc-preview-amazon", "asc-button-secondary",
                                         own_layout=True)
        self.cancel_button = make_button("asc-preview-cancel", "asc-button-link",
                                         own_layout=True)
        self.amazon_button.on_click(guard(lambda _b: on_check(), "preview.amazon"))
        self.cancel_button.on_click(guard(lambda _b: self.cancel(), "preview.cancel"))
        self.progress = lean(w.IntProgress, "asc-match-progress", own_layout=True, min=0,
                             max=1, value=0)
        self.progress_text = make_html("asc-match-progress-text")
        self.bar = make_hbox([self.amazon_button, self.cancel_button, self.progress],
                             "asc-match-bar")

    def reset(self) -> None:
        """A new preview: no progress shown."""
        self.progress_text.value = ""
        set_visible(self.progress, False)

    def start(self, preview: ListingPreview, store) -> None:
        """Check preview's codes for store in the background (progress shown, Cancel stops
        it; what was matched is kept)."""
        if self.running:
            return
        if self.connector() is None:
            self.feedback.info("listing.no_amazon")
            return
        if self.service.connector is None:
            self.service.connector = self.connector()
        self.service.access_tokens(store)  # raises at once when not connected
        self._cancel = threading.Event()
        self.progress.max = max(1, len(preview.codes_to_match()))
        self.progress.value = 0
        set_visible(self.progress, True)
        set_visible(self.cancel_button, True)
        self.amazon_button.disabled = True
        self._thread = threading.Thread(target=self._match,
                                        args=(preview, store.id, self._cancel),
                                        name="asc-listing-match", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = 60) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _match(self, preview: ListingPreview, store_id: int, cancel: threading.Event) -> None:
        try:
            report = self.service.match(preview, store_id, progress=self._progress,
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
            self.done(preview)

    def _progress(self, progress) -> None:
        self.progress.max = max(1, progress.total)
        self.progress.value = progress.done
        self.progress_text.value = f"<p>{esc(progress.message(self.lang))}</p>"

    def show_cancel(self) -> None:
        """Cancel is shown only while a check runs."""
        set_visible(self.cancel_button, self.running)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.amazon_button.description = t("ui.preview.amazon", lang)
        self.cancel_button.description = t("ui.preview.cancel", lang)

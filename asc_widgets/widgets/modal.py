"""A modal (overlay) host: shows one content widget above the page until closed; and the one
confirmation dialog (cards: delete; dashboard: disconnect)."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from asc_widgets.widgets.common import (
    esc,
    lean,
    make_button,
    make_hbox,
    make_html,
    make_vbox,
    set_visible,
)


class Modal:
    """An overlay showing one content widget (``open(content)``) until ``close()``.

    host: the container the overlay joins when first opened (or ``prepare()``d); until then the
    modal has no widgets, so a page that hides it keeps it out of its first view. Without a
    host the overlay is built at once and the caller places ``widget``."""

    def __init__(self, name: str = "asc-modal", *, host: w.Box | None = None):
        self.name, self.host = name, host
        self.content: w.DOMWidget | None = None
        self._widget: w.Box | None = None
        if host is None:
            self._build()

    def _build(self) -> w.Box:
        if self._widget is None:
            self.panel = make_vbox([], "asc-modal-panel")
            self._widget = lean(w.Box, "asc-modal", self.name, children=[self.panel],
                                hidden=True)
            if self.host is not None:
                self.host.children = (*self.host.children, self._widget)
        return self._widget

    @property
    def widget(self) -> w.Box:
        """The overlay (built, and added to the host, when first asked for)."""
        return self._build()

    def prepare(self) -> None:
        """Build the overlay now (hidden), so opening it later only shows it."""
        self._build()

    @property
    def is_open(self) -> bool:
        return self.content is not None

    def open(self, content: w.DOMWidget) -> None:
        self.content = content
        self._build()
        self.panel.children = [content]
        set_visible(self.widget, True)

    def close(self) -> None:
        self.content = None
        if self._widget is None:
            return
        self.panel.children = []
        set_visible(self.widget, False)


class ConfirmDialog(Modal):
    """Asks before an action that cannot be undone: a title, a body, Keep and the action's
    button (CSS classes asc-cancel-<action>, asc-confirm-<action>). ``ask()`` opens it; the
    buttons call on_keep / on_confirm through the feedback's guard. Its widgets are built when
    first asked for (a page shows it rarely: they stay out of the page's first view)."""

    def __init__(self, name: str, action: str, *, guard: Callable[..., Callable],
                 on_confirm: Callable[[], object], on_keep: Callable[[], object],
                 host: w.Box | None = None):
        super().__init__(name, host=host)
        self._action, self._guard = action, guard
        self._on_confirm, self._on_keep = on_confirm, on_keep
        self._texts = {"title": "", "body": "", "keep": "", "confirm": ""}
        self._dialog: w.VBox | None = None

    @property
    def dialog(self) -> w.VBox:
        if self._dialog is None:
            action, guard = self._action, self._guard
            self._title = make_html("asc-confirm-title")
            self._body = make_html("asc-confirm-body")
            self._keep_button = make_button(f"asc-cancel-{action}", "asc-button-secondary")
            self._confirm_button = make_button(f"asc-confirm-{action}")
            self._keep_button.on_click(guard(lambda _b: self._on_keep(), f"{action}.cancel"))
            self._confirm_button.on_click(guard(lambda _b: self._on_confirm(),
                                                f"{action}.confirm"))
            self._dialog = make_vbox([
                self._title, self._body,
                make_hbox([self._keep_button, self._confirm_button], "asc-form-buttons"),
            ], "asc-confirm-dialog")
            self._show_texts()
        return self._dialog

    def _built(name: str) -> property:
        def part(self):
            _ = self.dialog  # builds the dialog's widgets when first asked for
            return getattr(self, name)
        return property(part)

    title, body = _built("_title"), _built("_body")
    keep_button, confirm_button = _built("_keep_button"), _built("_confirm_button")
    del _built

    def set_texts(self, *, title: str, body: str, keep: str, confirm: str) -> None:
        self._texts = {"title": title, "body": body, "keep": keep, "confirm": confirm}
        if self._dialog is not None:
            self._show_texts()

    def _show_texts(self) -> None:
        texts = self._texts
        self._title.value = f"<h3>{esc(texts['title'])}</h3>"
        self._body.value = f"<p>{esc(texts['body'])}</p>"
        self._keep_button.description = texts["keep"]
        self._confirm_button.description = texts["confirm"]

    def ask(self) -> None:
        self.open(self.dialog)

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
    def __init__(self, name: str = "asc-modal"):
        self.panel = make_vbox([], "asc-modal-panel")
        self.widget = lean(w.Box, "asc-modal", name, children=[self.panel], own_layout=True)
        self.content: w.DOMWidget | None = None
        set_visible(self.widget, False)

    @property
    def is_open(self) -> bool:
        return self.content is not None

    def open(self, content: w.DOMWidget) -> None:
        self.content = content
        self.panel.children = [content]
        set_visible(self.widget, True)

    def close(self) -> None:
        self.content = None
        self.panel.children = []
        set_visible(self.widget, False)


class ConfirmDialog(Modal):
    """Asks before an action that cannot be undone: a title, a body, Keep and the action's
    button (CSS classes asc-cancel-<action>, asc-confirm-<action>). ``ask()`` opens it; the
    buttons call on_keep / on_confirm through the feedback's guard."""

    def __init__(self, name: str, action: str, *, guard: Callable[..., Callable],
                 on_confirm: Callable[[], object], on_keep: Callable[[], object]):
        super().__init__(name)
        self.title = make_html("asc-confirm-title")
        self.body = make_html("asc-confirm-body")
        self.keep_button = make_button(f"asc-cancel-{action}", "asc-button-secondary")
        self.confirm_button = make_button(f"asc-confirm-{action}")
        self.keep_button.on_click(guard(lambda _b: on_keep(), f"{action}.cancel"))
        self.confirm_button.on_click(guard(lambda _b: on_confirm(), f"{action}.confirm"))
        self.dialog = make_vbox([
            self.title, self.body,
            make_hbox([self.keep_button, self.confirm_button], "asc-form-buttons"),
        ], "asc-confirm-dialog")

    def set_texts(self, *, title: str, body: str, keep: str, confirm: str) -> None:
        self.title.value = f"<h3>{esc(title)}</h3>"
        self.body.value = f"<p>{esc(body)}</p>"
        self.keep_button.description = keep
        self.confirm_button.description = confirm

    def ask(self) -> None:
        self.open(self.dialog)

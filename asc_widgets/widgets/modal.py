"""A modal (overlay) host: shows one content widget above the page until closed."""

from __future__ import annotations

import ipywidgets as w

from asc_widgets.widgets.common import lean, make_vbox, set_visible


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

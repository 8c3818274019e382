"""The Voila onboarding app (placeholder until the components land)."""

from __future__ import annotations


def show_app() -> None:
    import ipywidgets as widgets
    from IPython.display import display

    display(widgets.HTML("<h2>Amazon Sales Channel</h2>").add_class("asc-app"))

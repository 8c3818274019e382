"""Small helpers every component uses: escaping, local time, CSS classes, field blocks."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

import ipywidgets as w

from asc_widgets.core.status import local_zone

TIME_FORMAT = "%Y-%m-%d %H:%M"


def esc(value: object) -> str:
    """The one place user or catalog text becomes HTML: escaped, quotes included."""
    return html.escape("" if value is None else str(value), quote=True)


def local_time(value: datetime | None, empty: str = "") -> str:
    """A UTC datetime from the registry as local wall-clock time."""
    if value is None:
        return empty
    return value.astimezone(local_zone()).strftime(TIME_FORMAT)


def classed(widget: w.DOMWidget, *names: str) -> w.DOMWidget:
    """Add stable CSS classes (``asc-...``) for styling and browser tests (all in one update
    to the browser, not one each)."""
    new = tuple(n for n in dict.fromkeys(names) if n not in widget._dom_classes)
    if new:
        widget._dom_classes = (*widget._dom_classes, *new)
    return widget


# Every ipywidget brings a Layout model and most a Style model: three models for one control,
# each a message to the browser. Controls whose layout and style never change share one of
# each (per kernel), which roughly halves what a page sends.
_SHARED: dict[type, w.Widget] = {}


def _shared(kind: type) -> w.Widget:
    if kind not in _SHARED or _SHARED[kind].comm is None:
        _SHARED[kind] = kind()
    return _SHARED[kind]


def lean(kind: type, *classes: str, own_layout: bool = False, hidden: bool = False,
         **kwargs) -> w.DOMWidget:
    """A widget with the shared layout and style (own_layout: one it may change, e.g. to hide
    it; hidden: its own layout, hidden from the start), and stable CSS classes."""
    if hidden:
        kwargs.setdefault("layout", w.Layout(display="none"))
    elif not own_layout:
        kwargs.setdefault("layout", _shared(w.Layout))
    style = kind.class_traits().get("style")
    if style is not None and isinstance(getattr(style, "klass", None), type):
        kwargs.setdefault("style", _shared(style.klass))
    # Classes given at construction travel with the widget's state (one message per widget),
    # not as one more update each.
    return kind(**kwargs, _dom_classes=tuple(dict.fromkeys(classes)))


def make_html(*classes: str, value: str = "", own_layout: bool = False,
              hidden: bool = False) -> w.HTML:
    return lean(w.HTML, *classes, value=value, own_layout=own_layout, hidden=hidden)


def make_button(*classes: str, **kwargs) -> w.Button:
    """A button with the kit's look (class ``asc-button``) wherever it is shown."""
    return lean(w.Button, "asc-button", *classes, **kwargs)


def make_vbox(children, *classes: str, own_layout: bool = False) -> w.VBox:
    return lean(w.VBox, *classes, children=list(children), own_layout=own_layout)


def make_hbox(children, *classes: str) -> w.HBox:
    return lean(w.HBox, *classes, children=list(children))


def set_visible(widget: w.DOMWidget, visible: bool) -> None:
    """Show or hide a widget (it needs its own layout: see lean)."""
    if widget.layout is _SHARED.get(w.Layout):
        raise ValueError("set_visible on a widget with the shared layout; give it own_layout")
    widget.layout.display = None if visible else "none"


@contextmanager
def then_changed(component) -> Iterator[None]:
    """Run the block, then, whatever happened, let the component re-read the registry and
    tell its on_changed hook (a refused action may still mean another kernel changed it)."""
    try:
        yield
    finally:
        component.refresh()
        notify(component.on_changed)


def notify(callback: Callable[..., object] | None, *args: object) -> None:
    """Call a component's optional hook (on_changed, on_back, ...) when one is given."""
    if callback is not None:
        callback(*args)


def css_name(field: str) -> str:
    """A field name as it appears in CSS classes: id_type -> id-type."""
    return field.replace("_", "-")


class FieldBlock:
    """A form field as the reference draws it: label above, input, help line, error line."""

    def __init__(self, field: str, control: w.DOMWidget, *, required: bool = True,
                 prefix: str = "asc"):
        self.field = field
        self.required = required
        self.control = classed(control, f"{prefix}-field-{css_name(field)}", "asc-input")
        self.label = make_html("asc-label")
        self.help = make_html("asc-help", own_layout=True)
        self.error = make_html("asc-error", f"{prefix}-error-{css_name(field)}", hidden=True)
        self.widget = make_vbox([self.label, self.control, self.error, self.help],
                           "asc-fieldblock", f"{prefix}-block-{css_name(field)}")

    def set_label(self, text: str, help_text: str = "") -> None:
        star = ' <span class="asc-required">*</span>' if self.required else ""
        self.label.value = f"<label>{esc(text)}{star}</label>"
        self.help.value = f"<span>{esc(help_text)}</span>" if help_text else ""
        set_visible(self.help, bool(help_text))

    def show_error(self, message: str | None) -> None:
        self.error.value = f'<span role="alert">{esc(message)}</span>' if message else ""
        set_visible(self.error, bool(message))
        if message:
            self.control.add_class("asc-invalid")
        else:
            self.control.remove_class("asc-invalid")

    @property
    def message(self) -> str:
        """The error text shown now ('' when none)."""
        return _strip_tags(self.error.value)


def _strip_tags(value: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", value or ""))


def text_of(widget: w.DOMWidget) -> str:
    """The visible text of an HTML/Label widget (tags removed, entities decoded): for tests."""
    return _strip_tags(getattr(widget, "value", ""))


def set_options(dropdown: w.Dropdown, options: list[tuple[str, str]]) -> None:
    """Replace a dropdown's options (labels in another language, say), keeping its value."""
    value = dropdown.value
    dropdown.options = options
    values = [v for _, v in options]
    dropdown.value = value if value in values else (values[0] if values else None)


def lock_for_viewers(person, lang: str, *controls: w.DOMWidget) -> bool:
    """Disable the controls that change stores when the acting person (core/people.py) only
    reads, each saying why in its tooltip; core refuses such changes anyway. Returns whether
    they were locked."""
    reason = person.read_only_reason(lang)
    if reason is None:
        return False
    for control in controls:
        control.disabled = True
        control.tooltip = reason
        control.add_class("asc-read-only")
    return True

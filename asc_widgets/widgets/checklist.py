"""The pre-setup checklist (onboarding.md section 2): ticks persist in the registry, so every
kernel (every visitor) sees the same ticks."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from asc_widgets.core.checklist import CHECKLIST_ITEMS, checklist_label
from asc_widgets.core.i18n import t
from asc_widgets.core.registry import Registry
from asc_widgets.widgets.common import (
    css_name,
    esc,
    lean,
    lock_for_viewers,
    make_button,
    make_hbox,
    make_html,
    make_vbox,
)
from asc_widgets.widgets.feedback import Feedback


class Checklist:
    """One checkbox per pre-setup task. ``refresh()`` re-reads the ticks; ``tick(item, bool)``
    is what clicking a box does."""

    def __init__(self, registry: Registry, *, lang: str = "en",
                 feedback: Feedback | None = None):
        self.registry = registry
        self.lang = lang
        self.feedback = feedback or Feedback(lang)
        self._quiet = False
        self.title = make_html("asc-checklist-title")
        self.intro = make_html("asc-checklist-intro")
        self.progress = make_html("asc-checklist-progress")
        self.boxes: dict[str, w.Checkbox] = {}
        for item in CHECKLIST_ITEMS:
            box = lean(w.Checkbox, "asc-check", f"asc-check-{css_name(item)}", indent=False)
            box.observe(self.feedback.guard(self._ticked(item), f"checklist.{item}"),
                        names="value")
            self.boxes[item] = box
        self.items = make_vbox(self.boxes.values(), "asc-checklist-items")
        self.widget = make_vbox([self.title, self.intro, self.items, self.progress],
                                "asc-checklist")
        self.set_language(lang)
        self.refresh()

    @property
    def checked(self) -> dict[str, bool]:
        return {item: box.value for item, box in self.boxes.items()}

    def refresh(self) -> None:
        ticks = self.registry.checklist()
        self._quiet = True
        try:
            for item, box in self.boxes.items():
                tick = ticks.get(item)
                box.value = bool(tick and tick.checked)
        finally:
            self._quiet = False
        self._render_progress()

    def tick(self, item: str, checked: bool = True) -> None:
        self.boxes[item].value = checked

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.title.value = f"<h3>{esc(t('ui.checklist.title', lang))}</h3>"
        self.intro.value = f"<p>{esc(t('ui.checklist.intro', lang))}</p>"
        for item, box in self.boxes.items():
            box.description = checklist_label(item, lang)
        lock_for_viewers(self.registry.person, lang, *self.boxes.values())
        self._render_progress()

    def _ticked(self, item: str):
        def on_tick(change) -> None:
            if self._quiet:
                return
            self.registry.set_checked(item, bool(change["new"]))
            self._render_progress()
        return on_tick

    def _render_progress(self) -> None:
        done = sum(self.checked.values())
        text = t("ui.checklist.progress", self.lang, done=done, total=len(self.boxes))
        self.progress.value = f"<span>{esc(text)}</span>"


class ChecklistDialog(Checklist):
    """The checklist shown before the first store is added, with Close and Continue to Add
    Amazon Store (``on_continue``, ``on_close``)."""

    def __init__(self, registry: Registry, *, lang: str = "en", feedback: Feedback | None = None,
                 on_continue: Callable[[], None], on_close: Callable[[], None]):
        self.continue_button = make_button("asc-checklist-continue", "asc-button-primary")
        self.close_button = make_button("asc-checklist-close", "asc-button-secondary")
        super().__init__(registry, lang=lang, feedback=feedback)
        guard = self.feedback.guard
        self.continue_button.on_click(guard(lambda _b: on_continue(), "app.continue"))
        self.close_button.on_click(guard(lambda _b: on_close(), "app.close_checklist"))
        self.widget.add_class("asc-first-checklist")
        self.widget.children = (*self.widget.children, make_hbox(
            [self.close_button, self.continue_button], "asc-form-buttons"))

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        self.continue_button.description = t("ui.checklist.continue", lang)
        self.close_button.description = t("ui.checklist.close", lang)

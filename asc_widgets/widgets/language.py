"""The language selector, and the language asked for in the page URL (?lang=zh-CN)."""

from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import parse_qs

import ipywidgets as w

from asc_widgets.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, normalize_language, t
from asc_widgets.widgets.common import esc, lean, make_hbox, make_html, notify
from asc_widgets.widgets.feedback import Feedback


def language_from_query(query_string: str | None = None) -> str:
    """The ``lang`` of a query string (Voila passes the page's as QUERY_STRING)."""
    if query_string is None:
        query_string = os.environ.get("QUERY_STRING", "")
    values = parse_qs(query_string or "").get("lang")
    return normalize_language(values[0]) if values else DEFAULT_LANGUAGE


class LanguageSelector:
    """A dropdown of the supported languages, each named in its own language."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE, *,
                 on_change: Callable[[str], None] | None = None,
                 feedback: Feedback | None = None):
        self.on_change = on_change
        self.feedback = feedback or Feedback(lang)
        self.dropdown = lean(w.Dropdown, "asc-lang", value=lang,
                             options=[(name, code) for code, name in LANGUAGES.items()])
        self.label = make_html("asc-lang-label")
        self.widget = make_hbox([self.label, self.dropdown], "asc-lang-box")
        self.dropdown.observe(self.feedback.guard(self._changed, "language"), names="value")
        self.set_language(lang)

    @property
    def value(self) -> str:
        return self.dropdown.value

    def select(self, lang: str) -> None:
        self.dropdown.value = normalize_language(lang)

    def set_language(self, lang: str) -> None:
        self.label.value = f"<span>{esc(t('ui.language', lang))}</span>"
        if self.dropdown.value != lang:
            self.dropdown.value = lang

    def _changed(self, change) -> None:
        notify(self.on_change, change["new"])

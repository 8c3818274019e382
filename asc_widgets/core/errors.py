"""The one error type of the kit: every error a person may read is an ``AscError``.

An ``AscError`` carries a message key of the catalog (core/i18n.py) and its parameters;
``message(lang)`` is the text in that language, ``str(error)`` the English text (plus, for
some errors, facts for the log such as an HTTP status). Parameters never hold secrets.

A parameter whose name ends in ``_key`` is itself a catalog key, said in the same language
(``marketplace_key="market.UK"`` fills ``{marketplace}`` with "United Kingdom" or "英国");
one ending in ``_keys`` is a list of them, and a list or tuple value is said as a list
("ASIN, EAN or UPC"): messages take their lists and limits as parameters.
The widgets show ``message(lang)`` of any ``AscError`` and a generic text for anything else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from asc_widgets.core.i18n import DEFAULT_LANGUAGE, list_text, t


def render(key: str, lang: str = DEFAULT_LANGUAGE, params: Mapping[str, Any] | None = None,
           ) -> str:
    """The text of key in lang; parameters named *_key (*_keys) are catalog keys (lists of
    them) said in lang too; list values are said as lists."""
    filled = {}
    for name, value in (params or {}).items():
        if name.endswith("_keys"):
            filled[name[:-5]] = list_text([t(k, lang) for k in value], lang)
        elif name.endswith("_key"):
            filled[name[:-4]] = t(value, lang) if value else ""
        elif isinstance(value, list | tuple):
            filled[name] = list_text(value, lang)
        else:
            filled[name] = value
    return t(key, lang, **filled)


class AscError(Exception):
    """Base of every kit error: ``AscError(key, **params)``, ``message(lang)``.

    Subclasses name their default key in the class attribute ``key``."""

    key = "error.unexpected"

    def __init__(self, key: str | None = None, /, **params: Any):
        self.key = key or type(self).key
        self.params = params
        super().__init__(self.key)

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return render(self.key, lang, self.params)

    def __str__(self) -> str:
        return self.message(DEFAULT_LANGUAGE)

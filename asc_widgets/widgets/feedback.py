"""The message area at the top of the page and the ONE wrapper every callback goes through.

A callback that raises never fails silently: a kit error (``AscError``: a refused lifecycle
action, a vanished store, an Amazon failure, wrong fields...) shows its own message, translated;
anything else shows a friendly generic message and the details go to the log.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from asc_widgets.core.errors import AscError
from asc_widgets.core.i18n import t
from asc_widgets.widgets.common import esc, make_html, set_visible

log = logging.getLogger("asc_widgets.widgets")

KINDS = ("success", "info", "error")


class Feedback:
    """Shows confirmations and errors; ``guard(fn)`` wraps every callback."""

    def __init__(self, lang: str = "en"):
        self.lang = lang
        self.widget = make_html("asc-message", own_layout=True)
        self.kind: str | None = None
        self.text = ""
        set_visible(self.widget, False)

    # ---- showing ------------------------------------------------------------------------
    def show(self, kind: str, text: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown message kind {kind!r}")
        for other in KINDS:
            self.widget.remove_class(f"asc-message-{other}")
        self.widget.add_class(f"asc-message-{kind}")
        role = "alert" if kind == "error" else "status"
        self.widget.value = f'<div role="{role}">{esc(text)}</div>'
        self.kind, self.text = kind, text
        set_visible(self.widget, True)

    def success(self, key: str, **params: Any) -> None:
        self.show("success", t(key, self.lang, **params))

    def info(self, key: str, **params: Any) -> None:
        self.show("info", t(key, self.lang, **params))

    def error(self, key: str, **params: Any) -> None:
        self.show("error", t(key, self.lang, **params))

    def clear(self) -> None:
        self.widget.value = ""
        self.kind, self.text = None, ""
        set_visible(self.widget, False)

    # ---- the error wrapper --------------------------------------------------------------
    def message_for(self, exc: BaseException) -> str:
        """What staff read for an exception: a kit error's own message, else a generic one."""
        if isinstance(exc, AscError):
            return exc.message(self.lang)
        return t("ui.error.unexpected", self.lang)

    def report(self, exc: BaseException, where: str = "") -> None:
        if isinstance(exc, AscError):
            log.warning("%s refused: %s", where or "action", exc)
        else:
            log.error("%s failed", where or "action", exc_info=exc)
        self.show("error", self.message_for(exc))

    def guard(self, fn: Callable[..., Any], where: str | None = None) -> Callable[..., Any]:
        """fn, wrapped: exceptions become a message here and a log record, never silence."""
        name = where or getattr(fn, "__qualname__", repr(fn))

        @functools.wraps(fn)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                self.report(exc, name)
                return None

        return guarded

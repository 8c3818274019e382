"""The Status view: core's stores and authorization tables, styled by core, as HTML."""

from __future__ import annotations

from asc_widgets.core.i18n import t
from asc_widgets.core.registry import CheckLog, Registry
from asc_widgets.core.status import authorizations_table, stores_table, style_table
from asc_widgets.widgets.common import esc, make_html, make_vbox


class StatusView:
    """``refresh()`` re-reads the registry and redraws both tables."""

    def __init__(self, registry: Registry, *, lang: str = "en"):
        self.registry = registry
        self.lang = lang
        self.stores_html = make_html("asc-status-stores", "asc-panel")
        self.auth_html = make_html("asc-status-auth", "asc-panel")
        self.widget = make_vbox([self.stores_html, self.auth_html], "asc-status-view")
        self.refresh()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.refresh()

    def refresh(self) -> None:
        lang = self.lang
        stores = self.registry.list_stores()
        now = self.registry.clock.now()
        sections = (
            (self.stores_html, "ui.status.stores", stores_table(stores, lang=lang)),
            (self.auth_html, "ui.status.authorizations",
             authorizations_table(stores, now, lang=lang,
                                  checks=CheckLog(self.registry).checks())),
        )
        for widget, title, frame in sections:
            body = (style_table(frame, lang=lang).to_html() if len(frame)
                    else f"<p>{esc(t('ui.status.empty', lang))}</p>")
            widget.value = f"<h4>{esc(t(title, lang))}</h4>{body}"

"""The store dashboard (View Store): details, mapping, status, authorization, history,
settings (email and name, through Registry.edit_store) and the next step."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.i18n import t
from asc_widgets.core.lifecycle import authorization_state, days_left
from asc_widgets.core.registry import Event, Registry
from asc_widgets.core.stores import EDITABLE_FIELDS, Store, ValidationError
from asc_widgets.widgets.common import (
    FieldBlock,
    esc,
    lean,
    local_time,
    make_button,
    make_hbox,
    make_html,
    make_vbox,
)
from asc_widgets.widgets.feedback import Feedback
from asc_widgets.widgets.store_cards import market_text, status_badge


def _maybe(key: str, lang: str, fallback: str) -> str:
    try:
        return t(key, lang)
    except KeyError:  # an event kind or detail key that has no label (yet): show it as is
        return fallback


def _rows(rows: list[tuple[str, str]]) -> str:
    """A two-column table; labels are escaped here, values arrive as safe HTML."""
    return ('<table class="asc-kv">' + "".join(
        f"<tr><th>{esc(label)}</th><td>{value}</td></tr>" for label, value in rows)
        + "</table>")


def _own_events(events: list[Event]) -> list[Event]:
    """The events since the store's latest "created": the SQLite registry can give a new store
    the id of a deleted one, and events are keyed by that id (reported to core)."""
    starts = [i for i, event in enumerate(events) if event.kind == "created"]
    return events[starts[-1]:] if starts else events


def event_details(event: Event, lang: str) -> str:
    """An event's details as text, field names translated: 'New Store Name: a -> b'."""
    parts = []
    for key, value in event.details.items():
        label = _maybe(f"field.{key}", lang, key)
        if isinstance(value, dict) and {"from", "to"} <= set(value):
            parts.append(f"{label}: {value['from']} → {value['to']}")
        else:
            parts.append(f"{label}: {value}")
    return "; ".join(parts)


class StoreDashboard:
    """One store's page. ``show(store_id)`` loads it; ``save()`` applies the settings;
    ``back()`` returns to the cards."""

    def __init__(self, registry: Registry, catalog: CatalogSource, *, lang: str = "en",
                 feedback: Feedback | None = None,
                 on_back: Callable[[], None] | None = None,
                 on_changed: Callable[[], None] | None = None):
        self.registry = registry
        self.catalog = catalog
        self.lang = lang
        self.feedback = feedback or Feedback(lang)
        self.on_back = on_back
        self.on_changed = on_changed
        self.store: Store | None = None
        self.back_button = make_button("asc-back", "asc-button-link")
        self.title = make_html("asc-dash-name")
        self.details = make_html("asc-dash-details", "asc-panel")
        self.mapping = make_html("asc-dash-mapping", "asc-panel")
        self.auth = make_html("asc-dash-auth", "asc-panel")
        self.history = make_html("asc-dash-history", "asc-panel")
        self.settings_title = make_html("asc-settings-title")
        self.settings_note = make_html("asc-settings-note")
        self.blocks = {f: FieldBlock(f, lean(w.Text, continuous_update=True), prefix="asc-settings")
                       for f in EDITABLE_FIELDS}
        self.save_button = make_button("asc-settings-save", "asc-button-primary")
        self.next_step = make_html("asc-next-step")
        self.back_button.on_click(self.feedback.guard(lambda _b: self.back(), "dashboard.back"))
        self.save_button.on_click(self.feedback.guard(lambda _b: self.save(), "dashboard.save"))
        settings = make_vbox([self.settings_title, self.settings_note]
                        + [b.widget for b in self.blocks.values()] + [self.save_button],
                        "asc-dash-settings", "asc-panel")
        columns = make_hbox([make_vbox([self.details, self.mapping], "asc-dash-col"),
                        make_vbox([self.auth, settings], "asc-dash-col")], "asc-dash-columns")
        self.widget = make_vbox([self.back_button, self.title, columns, self.history,
                            self.next_step], "asc-dashboard")
        self.set_language(lang)

    # ---- actions ------------------------------------------------------------------------
    def show(self, store_id: int) -> Store:
        self.store = self.registry.get_store(store_id)
        self._fill_settings()
        self.render()
        return self.store

    def refresh(self) -> None:
        """Re-read the store (another kernel may have changed it)."""
        if self.store is not None:
            self.store = self.registry.get_store(self.store.id)
            self.render()

    def save(self) -> Store | None:
        """Save email and name through the registry; core's messages beside the fields."""
        if self.store is None:
            return None
        changes = {f: self.blocks[f].control.value for f in EDITABLE_FIELDS}
        try:
            store = self.registry.edit_store(self.store.id, self.catalog, **changes)
        except ValidationError as exc:
            shown = exc.by_field(self.lang)
            for field, block in self.blocks.items():
                block.show_error(shown.get(field))
            self.feedback.error("error.validation")
            return None
        for block in self.blocks.values():
            block.show_error(None)
        unchanged = all(getattr(store, f) == getattr(self.store, f) for f in EDITABLE_FIELDS)
        self.store = store
        self._fill_settings()
        self.render()
        if unchanged:
            self.feedback.info("ui.msg.unchanged")
        else:
            self.feedback.success("ui.msg.saved", name=store.name)
            if self.on_changed is not None:
                self.on_changed()
        return store

    def back(self) -> None:
        if self.on_back is not None:
            self.on_back()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.back_button.description = f"← {t('ui.dash.back', lang)}"
        self.settings_title.value = f"<h4>{esc(t('ui.dash.settings', lang))}</h4>"
        self.settings_note.value = f"<p>{esc(t('ui.dash.settings_note', lang))}</p>"
        for field, block in self.blocks.items():
            block.set_label(t(f"field.{field}", lang))
        self.save_button.description = t("ui.dash.save", lang)
        self.next_step.value = (
            f'<div class="asc-next"><span class="asc-next-label">'
            f"{esc(t('ui.dash.next_title', lang))}</span>"
            f"<strong>{esc(t('ui.dash.next', lang))} →</strong>"
            f"<p>{esc(t('ui.dash.next_body', lang))}</p></div>")
        self.render()

    # ---- rendering ----------------------------------------------------------------------
    def _fill_settings(self) -> None:
        if self.store is not None:
            for field, block in self.blocks.items():
                block.control.value = getattr(self.store, field)
                block.show_error(None)

    def render(self) -> None:
        store, lang = self.store, self.lang
        if store is None:
            return
        now = self.registry.clock.now()
        self.title.value = (f"<h2><span>{esc(store.market.flag)}</span> {esc(store.name)}</h2>"
                            + status_badge(store.status.value, store.status.label(lang)))
        site = self.catalog.website(store.website)
        self.details.value = f"<h4>{esc(t('ui.dash.details', lang))}</h4>" + _rows([
            (t("field.website", lang), esc(site.display if site else store.website)),
            (t("field.marketplace", lang), esc(market_text(store, lang))),
            (t("ui.card.status", lang), status_badge(store.status.value,
                                                     store.status.label(lang))),
            (t("field.email", lang), esc(store.email)),
            (t("ui.card.created", lang), esc(local_time(store.created_at))),
            (t("ui.card.updated", lang), esc(local_time(store.updated_at))),
        ])
        attribute = self.catalog.attribute(store.attribute)
        self.mapping.value = f"<h4>{esc(t('ui.dash.mapping', lang))}</h4>" + _rows([
            (t("field.id_type", lang), esc(store.id_type)),
            (t("field.attribute", lang),
             esc(f"{attribute.label} ({attribute.code})" if attribute else store.attribute)),
        ])
        state = authorization_state(store.status, store.expires_at, now)
        none = t("ui.dash.none", lang)
        left = days_left(store.expires_at, now)
        rows = [
            (t("ui.dash.seller_id", lang), esc(store.seller_id or none)),
            (t("ui.dash.authorized_at", lang), esc(local_time(store.authorized_at, none))),
            (t("ui.dash.expires_at", lang), esc(local_time(store.expires_at, none))),
            (t("ui.dash.days_left", lang), esc(none if left is None else left)),
            (t("ui.dash.state", lang), status_badge(state.value, state.label(lang))),
        ]
        if store.last_error:
            rows.append((t("ui.dash.last_error", lang), esc(store.last_error)))
        self.auth.value = f"<h4>{esc(t('ui.dash.authorization', lang))}</h4>" + _rows(rows)
        self.history.value = f"<h4>{esc(t('ui.dash.history', lang))}</h4>" + self._history()

    def _history(self) -> str:
        lang = self.lang
        events = list(reversed(_own_events(self.registry.events(self.store.id))))
        if not events:
            return f"<p>{esc(t('ui.dash.no_events', lang))}</p>"
        head = "".join(f"<th>{esc(t(f'ui.dash.col.{c}', lang))}</th>"
                       for c in ("when", "event", "actor", "details"))
        body = "".join(
            "<tr>"
            f"<td>{esc(local_time(e.at))}</td>"
            f"<td>{esc(_maybe(f'event.{e.kind}', lang, e.kind))}</td>"
            f"<td>{esc(e.actor)}</td>"
            f"<td>{esc(event_details(e, lang))}</td>"
            "</tr>" for e in events)
        return (f'<table class="asc-events"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")

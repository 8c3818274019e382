"""The store dashboard (View Store): details, mapping, status, authorization (with Renew
authorization, Check connection and Disconnect, through core's Connector), history, settings
(email and name, through Registry.edit_store) and the next step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import ipywidgets as w

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.i18n import t
from asc_widgets.core.lifecycle import (
    CHECKABLE,
    HEALTHY,
    StoreStatus,
    authorization_state,
    days_left,
)
from asc_widgets.core.registry import Event, Registry
from asc_widgets.core.stores import EDITABLE_FIELDS, Store, ValidationError
from asc_widgets.widgets import listing_messages as _listing_messages  # noqa: F401
from asc_widgets.widgets.common import (
    FieldBlock,
    esc,
    lean,
    local_time,
    make_button,
    make_hbox,
    make_html,
    make_vbox,
    set_visible,
)
from asc_widgets.widgets.feedback import Feedback
from asc_widgets.widgets.modal import Modal
from asc_widgets.widgets.store_cards import market_text, renewal_warning, status_badge

if TYPE_CHECKING:  # imported when first used: core.authorization pulls in the HTTP stack
    from asc_widgets.core.authorization import Connector



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


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "-"


def error_text(key: str | None, lang: str, **params: object) -> str:
    """A stored error (Store.last_error: a message key of core's catalog) as text. The key is
    stored without its parameters (reported to core): the ones not known here show as '-'."""
    if not key:
        return ""
    if key.startswith("amazon."):
        # Core registers its Amazon messages with core.amazon, which the page does not import
        # until it talks to Amazon (reported to core: i18n does not load them itself).
        from asc_widgets.core.amazon import messages as _amazon_messages  # noqa: F401
    try:
        text = t(key, lang)
    except KeyError:
        return key
    return text.format_map(_Blank(params))


def _detail_value(key: str, value: object, lang: str) -> str:
    if key.endswith("_at") and isinstance(value, str):
        try:
            return local_time(datetime.fromisoformat(value))
        except ValueError:
            return value
    if key == "operation" and isinstance(value, str):
        return _maybe(f"action.{value}", lang, value)
    return str(value)


def event_details(event: Event, lang: str) -> str:
    """An event's details as text, field names translated: 'New Store Name: a -> b'."""
    parts = []
    for key, value in event.details.items():
        label = _maybe(f"field.{key}", lang, None) or _maybe(f"ui.detail.{key}", lang, key)
        if isinstance(value, dict) and {"from", "to"} <= set(value):
            parts.append(f"{label}: {value['from']} → {value['to']}")
        elif value is not None:
            parts.append(f"{label}: {_detail_value(key, value, lang)}")
    return "; ".join(parts)


class StoreDashboard:
    """One store's page. ``show(store_id)`` loads it; ``save()`` applies the settings;
    ``back()`` returns to the cards. Authorization: ``renew()`` (Renew authorization, or
    Connect store once disconnected: the app's ``on_connect(store)``), ``check()``,
    ``request_disconnect()`` then ``confirm_disconnect()`` / ``cancel_disconnect()``.
    ``connector()`` gives core's Connector (None: the Amazon connection is not set up).
    ``listing_rules()``: Preview and List Eligible Products (the app's ``on_listing_rules``)."""

    def __init__(self, registry: Registry, catalog: CatalogSource, *, lang: str = "en",
                 feedback: Feedback | None = None,
                 on_back: Callable[[], None] | None = None,
                 on_changed: Callable[[], None] | None = None,
                 on_connect: Callable[[Store], None] | None = None,
                 connector: Callable[[], Connector | None] | None = None,
                 on_listing_rules: Callable[[Store], None] | None = None):
        self.registry = registry
        self.catalog = catalog
        self.lang = lang
        self.feedback = feedback or Feedback(lang)
        self.on_back = on_back
        self.on_changed = on_changed
        self.on_connect = on_connect
        self.connector = connector or (lambda: None)
        self.on_listing_rules = on_listing_rules
        self.store: Store | None = None
        guard = self.feedback.guard
        self.back_button = make_button("asc-back", "asc-button-link")
        self.title = make_html("asc-dash-name")
        self.details = make_html("asc-dash-details", "asc-panel")
        self.mapping = make_html("asc-dash-mapping", "asc-panel")
        self.auth = make_html("asc-dash-auth")
        self.renew_button = make_button("asc-renew", "asc-button-primary", own_layout=True)
        self.connect_button = make_button("asc-dash-connect", "asc-button-primary",
                                          own_layout=True)
        self.check_button = make_button("asc-check-connection", "asc-button-secondary",
                                         own_layout=True)
        self.disconnect_button = make_button("asc-disconnect", "asc-button-link",
                                             own_layout=True)
        self.renew_button.on_click(guard(lambda _b: self.renew(), "dashboard.renew"))
        self.connect_button.on_click(guard(lambda _b: self.renew(), "dashboard.connect"))
        self.check_button.on_click(guard(lambda _b: self.check(), "dashboard.check"))
        self.disconnect_button.on_click(guard(lambda _b: self.request_disconnect(),
                                              "dashboard.disconnect"))
        auth_panel = make_vbox([self.auth, make_hbox(
            [self.renew_button, self.connect_button, self.check_button,
             self.disconnect_button], "asc-dash-auth-buttons")], "asc-dash-auth-panel",
            "asc-panel")
        self.confirm_title = make_html("asc-confirm-title")
        self.confirm_body = make_html("asc-confirm-body")
        self.keep_button = make_button("asc-cancel-disconnect", "asc-button-secondary")
        self.confirm_button = make_button("asc-confirm-disconnect")
        self.keep_button.on_click(guard(lambda _b: self.cancel_disconnect(),
                                        "disconnect.cancel"))
        self.confirm_button.on_click(guard(lambda _b: self.confirm_disconnect(),
                                           "disconnect.confirm"))
        self.confirm = Modal("asc-disconnect-confirm")
        self._confirm_content = make_vbox([
            self.confirm_title, self.confirm_body,
            make_hbox([self.keep_button, self.confirm_button], "asc-form-buttons"),
        ], "asc-confirm-dialog")
        self.history = make_html("asc-dash-history", "asc-panel")
        self.settings_title = make_html("asc-settings-title")
        self.settings_note = make_html("asc-settings-note")
        self.blocks = {f: FieldBlock(f, lean(w.Text, continuous_update=True), prefix="asc-settings")
                       for f in EDITABLE_FIELDS}
        self.save_button = make_button("asc-settings-save", "asc-button-primary")
        self.next_step = make_html("asc-next-step")
        self.listing_button = make_button("asc-dash-listing", "asc-button-primary",
                                          own_layout=True)
        self.listing_button.on_click(guard(lambda _b: self.listing_rules(),
                                           "dashboard.listing_rules"))
        set_visible(self.listing_button, on_listing_rules is not None)
        self.back_button.on_click(self.feedback.guard(lambda _b: self.back(), "dashboard.back"))
        self.save_button.on_click(self.feedback.guard(lambda _b: self.save(), "dashboard.save"))
        settings = make_vbox([self.settings_title, self.settings_note]
                        + [b.widget for b in self.blocks.values()] + [self.save_button],
                        "asc-dash-settings", "asc-panel")
        columns = make_hbox([make_vbox([self.details, self.mapping], "asc-dash-col"),
                        make_vbox([auth_panel, settings], "asc-dash-col")], "asc-dash-columns")
        self.widget = make_vbox([self.back_button, self.title, columns, self.history,
                            self.next_step, self.listing_button, self.confirm.widget],
                                "asc-dashboard")
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

    def listing_rules(self) -> None:
        """Preview and List Eligible Products: the app opens the store's Listing Rules."""
        if self.store is not None and self.on_listing_rules is not None:
            self.on_listing_rules(self.registry.get_store(self.store.id))

    def back(self) -> None:
        self.cancel_disconnect()
        if self.on_back is not None:
            self.on_back()

    # ---- authorization ------------------------------------------------------------------
    def renew(self) -> None:
        """Renew authorization (Connect store once disconnected): the consent flow."""
        if self.store is None:
            return
        store = self.registry.get_store(self.store.id)
        if self.on_connect is not None:
            self.on_connect(store)

    def check(self) -> Store | None:
        """Check connection now: core refreshes the token and reads the participations; a
        revoked authorization marks the store revoked, another refusal marks it error."""
        connector = self._connector()
        if connector is None:
            return None
        try:
            store = connector.check(self.store.id)
        finally:
            self._changed()
        if store.status in HEALTHY:
            self.feedback.success("ui.msg.check_ok", name=store.name,
                                  marketplace=market_text(store, self.lang))
        else:
            self.feedback.show("error", self._error_text(store))
        return store

    def request_disconnect(self) -> None:
        """Ask first: the stored authorization is deleted."""
        if self.store is None:
            return
        self.store = self.registry.get_store(self.store.id)
        self._render_confirm()
        self.confirm.open(self._confirm_content)

    def confirm_disconnect(self):
        """Disconnect through core, then say where to remove the app in Seller Central."""
        self.confirm.close()
        connector = self._connector()
        if connector is None:
            return None
        try:
            result = connector.disconnect(self.store.id)
        finally:
            self._changed()
        self.feedback.show("success", result.message(self.lang))
        return result

    def cancel_disconnect(self) -> None:
        self.confirm.close()

    def _connector(self) -> Connector | None:
        if self.store is None:
            return None
        connector = self.connector()
        if connector is None:
            self.feedback.info("ui.msg.connect_unavailable", name=self.store.name)
        return connector

    def _changed(self) -> None:
        self.refresh()
        if self.on_changed is not None:
            self.on_changed()

    def _error_text(self, store: Store) -> str:
        return error_text(store.last_error, self.lang,
                          marketplace=t(f"market.{store.marketplace}", self.lang))

    def _render_confirm(self) -> None:
        name = self.store.name if self.store else ""
        self.confirm_title.value = (
            f"<h3>{esc(t('ui.disconnect.title', self.lang, name=name))}</h3>")
        self.confirm_body.value = f"<p>{esc(t('ui.disconnect.body', self.lang))}</p>"

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.back_button.description = f"← {t('ui.dash.back', lang)}"
        self.settings_title.value = f"<h4>{esc(t('ui.dash.settings', lang))}</h4>"
        self.settings_note.value = f"<p>{esc(t('ui.dash.settings_note', lang))}</p>"
        for field, block in self.blocks.items():
            block.set_label(t(f"field.{field}", lang))
        self.save_button.description = t("ui.dash.save", lang)
        self.renew_button.description = t("ui.card.renew", lang)
        self.connect_button.description = t("ui.card.connect", lang)
        self.check_button.description = t("ui.dash.check", lang)
        self.listing_button.description = t("ui.dash.listing", lang)
        self.disconnect_button.description = t("ui.dash.disconnect", lang)
        self.keep_button.description = t("ui.disconnect.keep", lang)
        self.confirm_button.description = t("ui.disconnect.confirm", lang)
        self._render_confirm()
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
        # The stored error says what happened and what to do; else the state's warning.
        warning = (f"{t('ui.dash.last_error', lang)}: {self._error_text(store)}"
                   if store.last_error else renewal_warning(state, left, lang))
        self.auth.value = (
            f"<h4>{esc(t('ui.dash.authorization', lang))}</h4>" + _rows(rows)
            + (f'<div class="asc-dash-warning asc-auth-{esc(state.value)}" role="status">'
               f"{esc(warning)}</div>" if warning else ""))
        connected = store.status is not StoreStatus.NOT_CONNECTED
        set_visible(self.renew_button, connected)
        set_visible(self.connect_button, not connected)
        set_visible(self.check_button, store.status in CHECKABLE)
        set_visible(self.disconnect_button, connected)
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

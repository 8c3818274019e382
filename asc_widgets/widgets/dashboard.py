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
    authorization_state,
    can_check,
    days_left,
    event_label,
    is_connected,
    is_healthy,
)
from asc_widgets.core.registry import CheckLog, Event, Registry
from asc_widgets.core.status import unattended_check_text
from asc_widgets.core.stores import EDITABLE_FIELDS, Store, ValidationError
from asc_widgets.widgets.common import (
    FieldBlock,
    esc,
    lean,
    local_time,
    lock_for_viewers,
    make_button,
    make_hbox,
    make_html,
    make_vbox,
    notify,
    set_visible,
    then_changed,
)
from asc_widgets.widgets.feedback import Feedback
from asc_widgets.widgets.modal import ConfirmDialog
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


def details_html(store: Store, catalog: CatalogSource, lang: str) -> str:
    site = catalog.website(store.website)
    return f"<h4>{esc(t('ui.dash.details', lang))}</h4>" + _rows([
        (t("field.website", lang), esc(site.display if site else store.website)),
        (t("field.marketplace", lang), esc(market_text(store, lang))),
        (t("ui.card.status", lang), status_badge(store.status.value, store.status.label(lang))),
        (t("field.email", lang), esc(store.email)),
        (t("ui.card.created", lang), esc(local_time(store.created_at))),
        (t("ui.card.updated", lang), esc(local_time(store.updated_at))),
    ])


def mapping_html(store: Store, catalog: CatalogSource, lang: str) -> str:
    attribute = catalog.attribute(store.attribute)
    return f"<h4>{esc(t('ui.dash.mapping', lang))}</h4>" + _rows([
        (t("field.id_type", lang), esc(store.id_type)),
        (t("field.attribute", lang),
         esc(f"{attribute.label} ({attribute.code})" if attribute else store.attribute)),
    ])


def authorization_html(store: Store, now: datetime, lang: str) -> str:
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
    warning = (f"{t('ui.dash.last_error', lang)}: {store.last_error_message(lang)}"
               if store.last_error else renewal_warning(state, left, lang))
    return (f"<h4>{esc(t('ui.dash.authorization', lang))}</h4>" + _rows(rows)
            + (f'<div class="asc-dash-warning asc-auth-{esc(state.value)}" role="status">'
               f"{esc(warning)}</div>" if warning else ""))


def history_html(events: list[Event], lang: str) -> str:
    """The store's history, newest first."""
    title = f"<h4>{esc(t('ui.dash.history', lang))}</h4>"
    if not events:
        return title + f"<p>{esc(t('ui.dash.no_events', lang))}</p>"
    head = "".join(f"<th>{esc(t(f'ui.dash.col.{c}', lang))}</th>"
                   for c in ("when", "event", "actor", "details"))
    body = "".join(
        "<tr>"
        f"<td>{esc(local_time(e.at))}</td>"
        f"<td>{esc(event_label(e.kind, lang))}</td>"
        f"<td>{esc(e.actor)}</td>"
        f"<td>{esc(event_details(e, lang))}</td>"
        "</tr>" for e in reversed(events))
    return (title + f'<table class="asc-events"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


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
        self.registry, self.catalog, self.lang = registry, catalog, lang
        self.feedback = feedback or Feedback(lang)
        self.on_back, self.on_changed, self.on_connect = on_back, on_changed, on_connect
        self.connector = connector or (lambda: None)
        self.on_listing_rules = on_listing_rules
        self.store: Store | None = None
        self.back_button = make_button("asc-back", "asc-button-link")
        self.back_button.on_click(self.feedback.guard(lambda _b: self.back(), "dashboard.back"))
        self.title = make_html("asc-dash-name")
        self.details = make_html("asc-dash-details", "asc-panel")
        self.mapping = make_html("asc-dash-mapping", "asc-panel")
        self.history = make_html("asc-dash-history", "asc-panel")
        self.next_step = make_html("asc-next-step")
        self.listing_button = make_button("asc-dash-listing", "asc-button-primary",
                                          own_layout=True)
        self.listing_button.on_click(self.feedback.guard(lambda _b: self.listing_rules(),
                                                         "dashboard.listing_rules"))
        set_visible(self.listing_button, on_listing_rules is not None)
        columns = make_hbox([make_vbox([self.details, self.mapping], "asc-dash-col"),
                             make_vbox([self._authorization_panel(), self._settings_panel()],
                                       "asc-dash-col")], "asc-dash-columns")
        self.widget = make_vbox([self.back_button, self.title, columns, self.history,
                                 self.next_step, self.listing_button, self.confirm.widget],
                                "asc-dashboard")
        self.set_language(lang)

    def _authorization_panel(self) -> w.VBox:
        """The authorization rows and Renew / Connect / Check / Disconnect (asking first)."""
        guard = self.feedback.guard
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
        panel = make_vbox([self.auth, make_hbox(
            [self.renew_button, self.connect_button, self.check_button,
             self.disconnect_button], "asc-dash-auth-buttons")], "asc-dash-auth-panel",
            "asc-panel")
        self.confirm = ConfirmDialog("asc-disconnect-confirm", "disconnect", guard=guard,
                                     on_confirm=self.confirm_disconnect,
                                     on_keep=self.cancel_disconnect)
        return panel

    def _settings_panel(self) -> w.VBox:
        """Email and name, saved through Registry.edit_store."""
        self.settings_title = make_html("asc-settings-title")
        self.settings_note = make_html("asc-settings-note")
        self.blocks = {f: FieldBlock(f, lean(w.Text, continuous_update=True), prefix="asc-settings")
                       for f in EDITABLE_FIELDS}
        self.save_button = make_button("asc-settings-save", "asc-button-primary")
        self.save_button.on_click(self.feedback.guard(lambda _b: self.save(), "dashboard.save"))
        return make_vbox([self.settings_title, self.settings_note]
                         + [b.widget for b in self.blocks.values()] + [self.save_button],
                         "asc-dash-settings", "asc-panel")

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
            notify(self.on_changed)
        return store

    def listing_rules(self) -> None:
        """Preview and List Eligible Products: the app opens the store's Listing Rules."""
        if self.store is not None and self.on_listing_rules is not None:
            self.on_listing_rules(self.registry.get_store(self.store.id))

    def back(self) -> None:
        self.cancel_disconnect()
        notify(self.on_back)

    # ---- authorization ------------------------------------------------------------------
    def renew(self) -> None:
        """Renew authorization (Connect store once disconnected): the consent flow."""
        if self.store is None:
            return
        store = self.registry.get_store(self.store.id)
        notify(self.on_connect, store)

    def check(self) -> Store | None:
        """Check connection now: core refreshes the token and reads the participations; a
        revoked authorization marks the store revoked, another refusal marks it error."""
        store = self._through_connector("check")
        if store is None:
            return None
        if is_healthy(store.status):
            self.feedback.success("ui.msg.check_ok", name=store.name,
                                  marketplace=market_text(store, self.lang))
        else:
            self.feedback.show("error", store.last_error_message(self.lang))
        return store

    def request_disconnect(self) -> None:
        """Ask first: the stored authorization is deleted."""
        if self.store is None:
            return
        self.store = self.registry.get_store(self.store.id)
        self._render_confirm()
        self.confirm.ask()

    def confirm_disconnect(self):
        """Disconnect through core, then say where to remove the app in Seller Central."""
        self.confirm.close()
        result = self._through_connector("disconnect")
        if result is None:
            return None
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

    def _through_connector(self, operation: str):
        """Connector.<operation>(store id), the page re-read afterwards whatever happens;
        None when no connector is set up (the person has been told)."""
        connector = self._connector()
        if connector is None:
            return None
        with then_changed(self):
            return getattr(connector, operation)(self.store.id)

    def _render_confirm(self) -> None:
        name = self.store.name if self.store else ""
        self.confirm.set_texts(title=t("ui.disconnect.title", self.lang, name=name),
                               body=t("ui.disconnect.body", self.lang),
                               keep=t("ui.disconnect.keep", self.lang),
                               confirm=t("ui.disconnect.confirm", self.lang))

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
        lock_for_viewers(self.registry.person, lang, self.save_button, self.renew_button,
                         self.connect_button, self.check_button, self.disconnect_button,
                         *(block.control for block in self.blocks.values()))
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
        self.title.value = (f"<h2><span>{esc(store.market.flag)}</span> {esc(store.name)}</h2>"
                            + status_badge(store.status.value, store.status.label(lang)))
        self.details.value = details_html(store, self.catalog, lang)
        self.mapping.value = mapping_html(store, self.catalog, lang)
        checks = CheckLog(self.registry)
        unattended = unattended_check_text(checks.last_run(), checks.check(store.id),
                                           lang=lang)
        self.auth.value = (authorization_html(store, self.registry.clock.now(), lang)
                           + f'<div class="asc-dash-unattended">{esc(unattended)}</div>')
        connected = is_connected(store.status)
        set_visible(self.renew_button, connected)
        set_visible(self.connect_button, not connected)
        set_visible(self.check_button, can_check(store.status))
        set_visible(self.disconnect_button, connected)
        self.history.value = history_html(self.registry.events(store.id), lang)

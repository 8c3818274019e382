"""The Amazon Stores page: one card per store, its buttons and action menu, and the delete
confirmation. Every action goes through the registry (core's lifecycle rules and messages)."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.i18n import t
from asc_widgets.core.lifecycle import (
    AuthState,
    authorization_state,
    days_left,
    is_connected,
    offers_renewal,
)
from asc_widgets.core.people import Person
from asc_widgets.core.registry import Registry, StoreNotFound
from asc_widgets.core.status import STATUS_COLOURS
from asc_widgets.core.stores import Store
from asc_widgets.widgets.common import (
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
    text_of,
    then_changed,
)
from asc_widgets.widgets.feedback import Feedback
from asc_widgets.widgets.modal import ConfirmDialog


def status_badge(status_value: str, label: str) -> str:
    """A coloured dot and a label (colours: core.status.STATUS_COLOURS)."""
    colour = STATUS_COLOURS.get(status_value, "#8a8a8a")
    return (f'<span class="asc-status asc-status-{esc(status_value)}">'
            f'<span class="asc-dot" style="background:{esc(colour)}"></span>'
            f'{esc(label)}</span>')


def market_text(store: Store, lang: str) -> str:
    return f"{store.market.flag} {t(f'market.{store.marketplace}', lang)}"


# Authorization states whose card warns and offers Renew authorization (core decides the state:
# lifecycle.authorization_state, expiring from 30 days before the expiry).


def renewal_warning(state: AuthState, days: int | None, lang: str) -> str:
    """The card's and the dashboard's warning for an authorization state ('' when none)."""
    if state is AuthState.EXPIRING:
        return t("ui.card.auth_expiring", lang, days=days)
    if state is AuthState.EXPIRED:
        return t("ui.card.auth_expired", lang)
    if state is AuthState.REVOKED:
        return t("ui.card.auth_revoked", lang)
    if state is AuthState.ERROR:
        return t("ui.card.auth_error", lang)
    return ""


class StoreCard:
    """A store's card: one HTML head (flag, name, details, renewal warning), the Connect store
    / View Store button, Renew authorization while the authorization is expiring, expired or
    revoked, and the action menu. Buttons call ``handlers[action](store_id)``."""

    def __init__(self, store: Store | None, handlers: dict[str, Callable[[int], None]],
                 feedback: Feedback):
        self.store = store
        self.auth_state: AuthState | None = None
        self.head = make_html("asc-card-head")
        self.main_button = make_button("asc-button-secondary", "asc-card-main")
        self.renew_button = make_button("asc-renew", "asc-button-primary", own_layout=True)
        set_visible(self.renew_button, False)
        self.action_button = make_button("asc-action", "asc-button-link")
        self.activate_button = make_button("asc-activate", "asc-menu-item")
        self.deactivate_button = make_button("asc-deactivate", "asc-menu-item")
        self.delete_button = make_button("asc-delete", "asc-menu-item")
        self.menu = make_vbox([self.activate_button, self.deactivate_button, self.delete_button],
                         "asc-card-menu", own_layout=True)
        set_visible(self.menu, False)
        buttons = {
            self.main_button: "main", self.renew_button: "renew",
            self.activate_button: "activate",
            self.deactivate_button: "deactivate", self.delete_button: "delete",
        }
        handlers = {**handlers, "main": self._main}
        self._handlers = handlers
        for button, action in buttons.items():
            button.on_click(feedback.guard(self._call(handlers[action]), f"card.{action}"))
        self.action_button.on_click(feedback.guard(lambda _b: self.toggle_menu(), "card.menu"))
        foot = make_hbox([self.main_button, self.action_button], "asc-card-foot")
        self.widget = make_vbox([self.head, self.renew_button, foot, self.menu],
                                "asc-store-card")

    @property
    def connected(self) -> bool:
        return self.store is not None and is_connected(self.store.status)

    @property
    def main_action(self) -> str:
        """What the card's button does now: "connect" (not connected) or "view"."""
        return "view" if self.connected else "connect"

    def _main(self, store_id: int) -> None:
        self._handlers[self.main_action](store_id)

    def _call(self, handler: Callable[[int], None]):
        def on_click(_button) -> None:
            set_visible(self.menu, False)
            if self.store is not None:
                handler(self.store.id)
        return on_click

    @property
    def menu_open(self) -> bool:
        return self.menu.layout.display != "none"

    def toggle_menu(self) -> None:
        set_visible(self.menu, not self.menu_open)

    def update(self, store: Store, lang: str, website_names: dict[str, str],
               now, person: Person | None = None) -> None:
        if self.store is None or self.store.id != store.id:
            if self.store is not None:
                self.widget.remove_class(f"asc-store-{self.store.id}")
            self.widget.add_class(f"asc-store-{store.id}")
        self.store = store
        rows = [
            (t("ui.card.website", lang), esc(website_names.get(store.website, store.website))),
            (t("ui.card.marketplace", lang), esc(market_text(store, lang))),
            (t("ui.card.status", lang), status_badge(store.status.value, store.status.label(lang))),
            (t("ui.card.updated", lang), esc(local_time(store.updated_at))),
            (t("ui.card.created", lang), esc(local_time(store.created_at))),
        ]
        state = authorization_state(store.status, store.expires_at, now)
        warning = renewal_warning(state, days_left(store.expires_at, now), lang)
        self.auth_state = state
        set_visible(self.renew_button, offers_renewal(state))
        self.renew_button.description = t("ui.card.renew", lang)
        self.head.value = (
            '<div class="asc-card-top">'
            f'<div class="asc-card-flag" aria-hidden="true">{esc(store.market.flag)}</div>'
            f'<div><h4 class="asc-card-name">{esc(store.name)}</h4>'
            '<table class="asc-card-details">' + "".join(
                f"<tr><th>{esc(label)}</th><td>{value}</td></tr>" for label, value in rows)
            + "</table></div></div>"
            + (f'<div class="asc-card-warning" role="status">{esc(warning)}</div>'
               if warning else ""))
        connected = self.connected
        (self.main_button.remove_class if connected else self.main_button.add_class)(
            "asc-connect-store")
        (self.main_button.add_class if connected else self.main_button.remove_class)(
            "asc-view-store")
        self.main_button.description = t("ui.card.view" if connected else "ui.card.connect",
                                         lang)
        self.action_button.description = f"{t('ui.card.action', lang)} ▾"
        self.activate_button.description = t("ui.card.activate", lang)
        self.deactivate_button.description = t("ui.card.deactivate", lang)
        self.delete_button.description = t("ui.card.delete", lang)
        if person is not None:
            self._lock_for(person, lang)

    def _lock_for(self, person: Person, lang: str) -> None:
        """A viewer may view a connected store, nothing else (the buttons say why)."""
        changes = [self.renew_button, self.activate_button, self.deactivate_button,
                   self.delete_button]
        if self.connected:
            self.main_button.disabled, self.main_button.tooltip = False, None
            self.main_button.remove_class("asc-read-only")
        else:
            changes.append(self.main_button)
        lock_for_viewers(person, lang, *changes)

    @property
    def text(self) -> str:
        """The card's visible text (for tests and notebooks)."""
        return text_of(self.head)


class StoreList:
    """The store cards, re-read from the registry on ``refresh()`` and after every action.

    Actions (what the buttons do): ``connect(id)``, ``renew(id)``, ``view(id)``, ``activate(id)``,
    ``deactivate(id)``, ``request_delete(id)`` then ``confirm_delete()`` / ``cancel_delete()``.
    ``on_connect(store)`` and ``on_view(store)`` are the app's; ``on_changed()`` runs after
    any change so other views can re-read too.
    """

    def __init__(self, registry: Registry, *, catalog: CatalogSource | None = None,
                 lang: str = "en", feedback: Feedback | None = None,
                 on_connect: Callable[[Store], None] | None = None,
                 on_view: Callable[[Store], None] | None = None,
                 on_changed: Callable[[], None] | None = None):
        self.registry = registry
        self.lang = lang
        self.feedback = feedback or Feedback(lang)
        self.on_connect = on_connect
        self.on_view = on_view
        self.on_changed = on_changed
        self.website_names = ({site.code: site.display for site in catalog.websites()}
                              if catalog is not None else {})
        self.cards: dict[int, StoreCard] = {}
        self._spare: StoreCard | None = None
        self.stores: list[Store] = []
        self.pending_delete: Store | None = None
        self.empty = make_html("asc-stores-empty", own_layout=True)
        self.grid = lean(w.Box, "asc-store-grid")
        self.widget = make_vbox([self.empty, self.grid], "asc-store-list")
        # Joins the list when first asked (delete is rare: not part of the first view).
        self.confirm = ConfirmDialog("asc-confirm", "delete", guard=self.feedback.guard,
                                     on_confirm=self.confirm_delete, on_keep=self.cancel_delete,
                                     host=self.widget)
        self.set_language(lang)

    # ---- reading ------------------------------------------------------------------------
    def refresh(self) -> list[Store]:
        """Re-read the stores (another kernel may have changed them) and redraw the cards."""
        self.stores = self.registry.list_stores()
        now = self.registry.clock.now()
        for store in self.stores:
            card = self.cards.get(store.id)
            if card is None:
                card = self.cards[store.id] = self._new_card()
            card.update(store, self.lang, self.website_names, now, self.registry.person)
        gone = set(self.cards) - {s.id for s in self.stores}
        for store_id in gone:
            self.cards.pop(store_id).widget.close()
        return self._draw()

    def show_added(self, store: Store) -> list[Store]:
        """Show a store just saved (the one the registry returned) without re-reading them all:
        its card joins the list."""
        if store.id not in self.cards:
            self.stores = [*self.stores, store]
            self.cards[store.id] = self._new_card()
        self.cards[store.id].update(store, self.lang, self.website_names,
                                    self.registry.clock.now(), self.registry.person)
        return self._draw()

    def _draw(self) -> list[Store]:
        children = tuple(self.cards[s.id].widget for s in self.stores)
        if children != self.grid.children:
            self.grid.children = children
        self.empty.value = f"<p>{esc(t('ui.stores.empty', self.lang))}</p>"
        set_visible(self.empty, not self.stores)
        return self.stores

    def prepare_card(self) -> None:
        """Build the next card ahead (while the form is open), so a new store shows at once."""
        if self._spare is None:
            self._spare = self._new_card()

    def _new_card(self) -> StoreCard:
        card, self._spare = self._spare, None
        return card or StoreCard(None, self._handlers(), self.feedback)

    def card_for(self, name: str) -> StoreCard:
        return next(card for card in self.cards.values() if card.store.name == name)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._render_confirm()
        self.refresh()

    # ---- actions ------------------------------------------------------------------------
    def connect(self, store_id: int) -> None:
        store = self._fresh(store_id)
        with then_changed(self):
            notify(self.on_connect, store)

    def renew(self, store_id: int) -> None:
        """Renew authorization: the same consent flow as Connect store (core's start() knows
        it is a renewal), so it goes through the same hook."""
        self.connect(store_id)

    def view(self, store_id: int) -> None:
        store = self._fresh(store_id)
        notify(self.on_view, store)

    def activate(self, store_id: int) -> None:
        self._transition(store_id, "activate", "ui.msg.activated")

    def deactivate(self, store_id: int) -> None:
        self._transition(store_id, "deactivate", "ui.msg.deactivated")

    def request_delete(self, store_id: int) -> None:
        """Ask first: deleting cannot be undone."""
        self.pending_delete = self._fresh(store_id)
        self._render_confirm()
        self.confirm.ask()

    def confirm_delete(self) -> None:
        store, self.pending_delete = self.pending_delete, None
        self.confirm.close()
        if store is None:
            return
        with then_changed(self):
            self.registry.delete_store(store.id)
            self.feedback.success("ui.msg.deleted", name=store.name)

    def cancel_delete(self) -> None:
        self.pending_delete = None
        self.confirm.close()

    # ---- internals ----------------------------------------------------------------------
    def _handlers(self) -> dict[str, Callable[[int], None]]:
        return {"connect": self.connect, "view": self.view, "renew": self.renew,
                "activate": self.activate,
                "deactivate": self.deactivate, "delete": self.request_delete}

    def _fresh(self, store_id: int) -> Store:
        """The store as saved now; a store another kernel deleted refreshes the cards."""
        try:
            return self.registry.get_store(store_id)
        except StoreNotFound:
            self.refresh()
            notify(self.on_changed)
            raise

    def _transition(self, store_id: int, action: str, message_key: str) -> None:
        with then_changed(self):
            store = self.registry.transition(store_id, action)
            self.feedback.success(message_key, name=store.name)

    def _render_confirm(self) -> None:
        store = self.pending_delete
        name = store.name if store else ""
        self.confirm.set_texts(title=t("ui.delete.title", self.lang, name=name),
                               body=t("ui.delete.body", self.lang),
                               keep=t("ui.delete.keep", self.lang),
                               confirm=t("ui.delete.confirm", self.lang))

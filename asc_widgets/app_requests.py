"""The app's requests and its connecting: what a page's query string asks for (?lang=,
Seller Central's redirect back, a connection finished by the Hub's landing service, a
reminder's link to a store) and Connect store / Renew authorization through core's Connector.
A mixin of app.OnboardingApp (its feedback, parts, views and connector)."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs

from asc_widgets.core.stores import Store
from asc_widgets.widgets.language import language_from_query

log = logging.getLogger("asc_widgets.app")

# What Seller Central's redirect carries: any of these in the page's query string means the
# page is a landing of the consent flow (core checks the rest).
LANDING_PARAMS = ("state", "spapi_oauth_code", "selling_partner_id", "error")


class RequestsAndConnecting:
    # ---- the request -------------------------------------------------------------------
    def apply_request(self, query: str | None) -> None:
        """What depends on the page's request, applied once Voila hands it over: a preheated
        kernel built the app before anyone asked. The language of ``?lang=``, the stores as they
        are now (another kernel may have added one while this one waited) and Seller Central's
        redirect (``state`` / ``spapi_oauth_code`` / ``error``)."""
        query = (query or "").lstrip("?")
        if "lang" in parse_qs(query):
            self.set_language(language_from_query(query))
        self.show("stores" if self.stores.refresh() else "learning")
        self._follow(query)

    def _follow(self, query: str) -> None:
        """Seller Central's redirect back (finished through core), or a reminder's link to a
        store (?store=<id>: its dashboard)."""
        if is_landing(query):
            if self._connector_factory is not None:
                self.land(query)
            else:
                log.warning("a Seller Central redirect reached an app without a connector")
        elif (landed := landed_in_query(query)) is not None:
            self.feedback.guard(self.landed, "app.landed")(*landed)
        elif (store_id := store_in_query(query)) is not None:
            self.feedback.guard(self.open_dashboard, "app.open_store")(store_id)

    # ---- connecting ---------------------------------------------------------------------
    def connect_not_configured(self, store: Store) -> None:
        """The Connect store handler of an app built without a connector."""
        self.feedback.info("ui.msg.connect_unavailable", name=store.name)

    def open_connect(self, store: Store) -> None:
        """Connect store / Renew authorization: core issues the consent URL, the panel shows
        how to authorize and the link to Seller Central."""
        self.feedback.clear()
        self.connect_panel.open(store)
        self.connect_modal.open(self.connect_panel.widget)

    def land(self, query: str) -> None:
        """The redirect back from Seller Central: core finishes the flow (or refuses a state
        that is unknown, used, expired or for another store); the home page shows the
        confirmation or core's message."""
        self.feedback.guard(self._land, "app.landing")(query)

    def landed(self, store_id: int, renewed: bool = False) -> None:
        """Back from a connection finished elsewhere (JupyterHub's landing service, which
        completed it through core): the home page confirms it, as after land()."""
        from asc_widgets.core.authorization import ConnectResult

        store = self.registry.get_store(store_id)
        if self.stores.refresh():
            self.show_stores()
        if store.seller_id and store.expires_at:
            self.feedback.show("success", ConnectResult(store, renewed).message(self.lang))

    def _land(self, query: str) -> None:
        # Seller Central sends everyone to the same address: answer in the language the flow
        # was started in, unless the address itself asks for one.
        asked = "lang" in parse_qs(query)
        try:
            result = self.connector.complete(query)
        except Exception as exc:
            if not asked and getattr(exc, "started_lang", None):
                self.set_language(exc.started_lang)
            raise
        finally:
            if self.stores.refresh():
                self.show_stores()
        if not asked and result.lang:
            self.set_language(result.lang)
        self.feedback.show("success", result.message(self.lang))

    def _connect_closed(self) -> None:
        self.connect_modal.close()
        self.refresh()


def is_landing(query: str) -> bool:
    """Whether a page's query string is Seller Central's redirect back to the app."""
    return any(parse_qs((query or "").lstrip("?"), keep_blank_values=True).get(name)
               is not None for name in LANDING_PARAMS)


def landed_in_query(query: str | None) -> tuple[int, bool] | None:
    """A connection finished by the Hub's landing service (?landed=<id>[&renewed=1])."""
    values = parse_qs((query or "").lstrip("?"))
    store = (values.get("landed") or [""])[0]
    if not store.isdigit():
        return None
    return int(store), (values.get("renewed") or [""])[0] == "1"


def store_in_query(query: str | None) -> int | None:
    """The store a link opens (?store=<id>, as the reminders' links carry), if any."""
    value = (parse_qs((query or "").lstrip("?")).get("store") or [""])[0]
    return int(value) if value.isdigit() else None

"""The Voila onboarding app: home (store cards), the add-store form, the pre-setup checklist,
the store dashboard and the status tables, composed from the components in widgets/.

The app composes; components own their state. ``VIEWS`` names each page (the part showing it,
how it opens, the navigation entry it lights); ``Parts`` builds each component when first
needed; ``AppState`` holds the language and the current store, which the built components
follow. Adding a view is one entry in VIEWS and one builder.

``build_app()`` is the one assembler (the app notebook through ``build_page()``, the analysts'
``Kit.app()`` and the tests): settings, registry, catalog, the log file and core's Connector,
built lazily so the page opens fast.

The app notebook builds the page before the visitor's request comes (``build_page()``: Voila
preheats kernels) and applies the request once it does (``answer_request(page, query)``: the
language of ``?lang=``, the stores as they are now, Seller Central's landing or a reminder's
store link); ``show_app()`` does both at once.

The first view is lean: the page's widgets reach the browser in one bulk transfer when its
script asks for them, so the page holds only what the home view shows (header, banner,
navigation, the store cards or Learning and Preparation). What stays hidden until a click (the
form, the checklist shown before the first store, their overlays) is built right after that
transfer (``prepare_hidden_parts()``, queued by ``answer_request`` through
``widgets.first_view.after_first_view``): its widgets then arrive one message each while the
person reads the page, and Add Amazon Store opens them at once. A click coming earlier builds
what it needs itself; nothing waits for the other. The connect overlay and the confirmation
dialogs are built when first opened.

Connecting a store to Seller Central (Connect store, Renew authorization) goes through the hook
``on_connect(store)`` (replaceable: pass it, or set ``app.on_connect``). With a ``connector``
(a function building core's Connector when first needed) the default hook opens the connect
panel; without one it says honestly that the Amazon connection is not set up.

Seller Central sends the person back to the app's own URL with ``state``,
``selling_partner_id`` and ``spapi_oauth_code`` (or ``error``): given that query string (Voila
passes the page's as QUERY_STRING), the app finishes the flow through core when it starts and
shows the confirmation or core's refusal on the home page.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode

from asc_widgets.app_requests import (
    RequestsAndConnecting,
    is_landing,
)
from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.config import CatalogSearchSettings, Settings, catalog_from_env
from asc_widgets.core.i18n import t
from asc_widgets.core.registry import Registry, RegistryUnavailable, StoreNotFound
from asc_widgets.core.stores import Store
from asc_widgets.widgets.catalog_sync import catalog_sync_panel
from asc_widgets.widgets.checklist import Checklist, ChecklistDialog
from asc_widgets.widgets.common import (
    esc,
    lock_for_viewers,
    make_button,
    make_hbox,
    make_html,
    make_vbox,
)
from asc_widgets.widgets.connect import ConnectPanel
from asc_widgets.widgets.dashboard import StoreDashboard
from asc_widgets.widgets.feedback import Feedback
from asc_widgets.widgets.first_view import after_first_view
from asc_widgets.widgets.language import LanguageSelector, language_from_query
from asc_widgets.widgets.modal import Modal
from asc_widgets.widgets.state import AppState, Parts, follow_language
from asc_widgets.widgets.status_view import StatusView
from asc_widgets.widgets.store_cards import StoreList
from asc_widgets.widgets.store_form import StoreForm
from asc_widgets.widgets.style import stylesheet

if TYPE_CHECKING:  # core.authorization pulls in the HTTP stack: imported when first used
    import ipywidgets as w

    from asc_widgets.core.authorization import Connector

log = logging.getLogger("asc_widgets.app")

ConnectHandler = Callable[[Store], None]
ConnectorFactory = Callable[[], "Connector"]
LOG_FILE_NAME = "app.log"


@dataclass(frozen=True)
class View:
    """A page: the part that shows it, how it opens (given the store id, for the dashboard)
    and the navigation entry it lights."""

    part: str
    nav: str
    open: Callable[[Any, int | None], Any]
    for_store: bool = False  # opens for one store (its id given)


def _refresh(part: Any, _store_id: int | None) -> Any:
    return part.refresh()


def _show_store(part: Any, store_id: int | None) -> None:
    part.show(store_id)


def _open_listing(part: Any, store_id: int | None) -> None:
    part.open(store_id)


VIEWS: dict[str, View] = {
    "stores": View("stores", "stores", _refresh),
    "learning": View("learning", "learning", _refresh),
    "status": View("status", "status", _refresh),
    "dashboard": View("dashboard", "stores", _show_store, for_store=True),
    "listing": View("listing_rules", "stores", _open_listing, for_store=True),
}
NAV = ("stores", "learning", "status")


class OnboardingApp(RequestsAndConnecting):
    """The whole app as one widget tree (``app.widget``).

    Views: ``show(name)`` (``show_stores()``, ``show_learning()``, ``show_status()``),
    ``open_dashboard(store_id)``; the form: ``add_store()`` (the Add Amazon Store button: the
    checklist first while no store exists), ``open_form()``, ``close_form()``,
    ``prepare_hidden_parts()`` (build them ahead of the click, after the first view);
    ``set_language(lang)``; ``refresh()`` re-reads the registry for the current view.
    Connecting: ``open_connect(store)`` (the default hook with a connector), ``land(query)``
    (the redirect back from Seller Central), ``connector`` (core's, built when first needed).
    """

    def __init__(self, registry: Registry, catalog: CatalogSource, *, lang: str = "en",
                 on_connect: ConnectHandler | None = None,
                 connector: ConnectorFactory | None = None, query: str | None = None):
        self.registry, self.catalog = registry, catalog
        self.state = AppState(lang=lang)
        self.state.observe(self._language_changed, names="lang")
        self._connector: Connector | None = None
        self._connector_factory = connector
        self.on_connect: ConnectHandler = on_connect or (
            self.open_connect if connector is not None else self.connect_not_configured)
        self.feedback = Feedback(self.lang)
        self.view: str | None = None
        self.export_folder: Path | None = None  # where previews are exported (build_app)
        self.catalog_search = CatalogSearchSettings()  # how previews ask Amazon (build_app)
        self.parts = Parts(self.state, part_builders(self))
        self._build_page()
        self._label()
        # Amazon Stores once a store exists; Learning and Preparation while there is none.
        self.show("stores" if self.stores.stores else "learning")
        # The form and the checklist are not built here: they stay out of the first view
        # (prepare_hidden_parts, after it; see the module's docstring).
        if query:
            self._follow(query)

    def _build_page(self) -> None:
        guard = self.feedback.guard
        self.title = make_html("asc-title")
        self.language = LanguageSelector(self.lang, on_change=self.set_language,
                                         feedback=self.feedback)
        self.banner_text = make_html("asc-banner-text")
        self.add_button = make_button("asc-add-store")
        # Who may change stores is core's rule; a viewer is told once, here, and by each
        # disabled button's tooltip.
        self.role_note = make_html("asc-role-note")
        self.add_button.on_click(guard(lambda _b: self.add_store(), "app.add_store"))
        self.nav_buttons = {name: make_button("asc-nav-button", f"asc-nav-{name}")
                            for name in NAV}
        for name, button in self.nav_buttons.items():
            button.on_click(guard(self._nav(name), f"app.nav.{name}"))
        self.main = make_vbox([self.stores.widget], "asc-main")
        # A Commerce catalog's snapshot: its age and Sync catalog (None for the demo catalog).
        self.catalog_sync = catalog_sync_panel(self.catalog, lang=self.lang,
                                               feedback=self.feedback,
                                               on_synced=self._catalog_synced)
        if self.catalog_sync is not None:
            follow_language(self.state, self.catalog_sync)
        self.widget = make_vbox([
            stylesheet(),
            make_hbox([self.title, self.language.widget], "asc-header"),
            self.feedback.widget,
            self.role_note,
            make_hbox([self.banner_text, self.add_button], "asc-banner"),
            *([self.catalog_sync.widget] if self.catalog_sync else []),
            make_hbox([make_vbox(self.nav_buttons.values(), "asc-nav"), self.main], "asc-body"),
        ], "asc-app", f"asc-lang-{self.lang}")
        # The overlays join the page when first opened or prepared: not in its first view.
        self.form_modal = Modal("asc-form-modal", host=self.widget)
        self.checklist_modal = Modal("asc-checklist-modal", host=self.widget)
        self.connect_modal = Modal("asc-connect-modal", host=self.widget)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    def _catalog_synced(self) -> None:
        form = self.parts.built("form")
        if form is not None:
            form.mapper.catalog_changed()

    # ---- the parts, built when first needed ---------------------------------------------
    @property
    def lang(self) -> str:
        return self.state.lang

    stores = property(lambda self: self.parts["stores"], doc="Amazon Stores: the cards")
    learning = property(lambda self: self.parts["learning"], doc="Learning and Preparation")
    status = property(lambda self: self.parts["status"], doc="the status tables")
    dashboard = property(lambda self: self.parts["dashboard"], doc="View Store")
    form = property(lambda self: self.parts["form"], doc="the Add Amazon Store form")
    first_checklist = property(lambda self: self.parts["first_checklist"],
                               doc="the checklist shown before the first store is added")
    connect_panel = property(lambda self: self.parts["connect_panel"],
                             doc="Connect store / Renew authorization")

    @property
    def continue_button(self):
        return self.first_checklist.continue_button

    @property
    def listing_rules(self):
        """The Listing Rules page (pandas and the rule engine load with it)."""
        return self.parts["listing_rules"]

    def open_listing_rules(self, store_id: int) -> None:
        """Preview and List Eligible Products: the store's Listing Rules."""
        self.show("listing", store_id)

    @property
    def connector(self) -> Connector:
        """Core's Connector, built on first use (it brings the HTTP stack and the secret key).
        A misconfigured Amazon connection raises core's AmazonConfigError (shown by guard)."""
        if self._connector is None:
            if self._connector_factory is None:
                raise RuntimeError("no Amazon connector is configured for this app")
            self._connector = self._connector_factory()
        return self._connector

    def _configured_connector(self) -> Connector | None:
        return None if self._connector_factory is None else self.connector

    # ---- views --------------------------------------------------------------------------
    def show(self, name: str, store_id: int | None = None) -> None:
        """Open the view called name (see VIEWS); store_id: the store, for the dashboard."""
        view = VIEWS[name]
        view.open(self.parts[view.part], store_id)
        if store_id is not None:
            self.state.store_id = store_id
        self._display(name)

    def _display(self, name: str) -> None:
        """Put the view's part on screen as it is (no re-reading)."""
        view = VIEWS[name]
        part = self.parts[view.part]
        self.view = name
        if self.main.children != (part.widget,):
            self.main.children = (part.widget,)
        for nav, button in self.nav_buttons.items():
            (button.add_class if nav == view.nav else button.remove_class)("asc-nav-active")

    def show_stores(self) -> None:
        self.show("stores")

    def show_learning(self) -> None:
        self.show("learning")

    def show_status(self) -> None:
        self.show("status")

    def open_dashboard(self, store_id: int) -> None:
        self.show("dashboard", store_id)

    def refresh(self) -> None:
        """Re-read the registry for what is on screen (other kernels write to it too)."""
        try:
            self.parts[VIEWS[self.view or "stores"].part].refresh()
        except StoreNotFound:
            self.show_stores()
            raise

    def prepare_hidden_parts(self) -> None:
        """Build what the home view hides until Add Amazon Store is clicked: the form and,
        while no store exists, the checklist shown before it. The app page calls this once
        its first view is in the browser (``answer_request``); a click that comes first
        builds them itself."""
        _ = self.form
        self.form_modal.prepare()
        if not self.stores.stores:
            _ = self.first_checklist
            self.checklist_modal.prepare()

    # ---- the form -----------------------------------------------------------------------
    def add_store(self) -> None:
        """Add Amazon Store: the pre-setup checklist first while no store exists yet."""
        if not self.stores.refresh():
            self.first_checklist.refresh()
            self.checklist_modal.open(self.first_checklist.widget)
        else:
            self.open_form()

    def open_form(self) -> None:
        self.checklist_modal.close()
        self.form.reset()
        self.form_modal.open(self.form.widget)
        self.stores.prepare_card()

    def close_form(self) -> None:
        self.form_modal.close()

    # ---- language -----------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """Every built part follows (it observes the shared state); the rest is built in it."""
        self.state.lang = lang

    def _language_changed(self, change) -> None:
        self.widget.remove_class(f"asc-lang-{change['old']}")
        self.widget.add_class(f"asc-lang-{change['new']}")
        self.feedback.lang = change["new"]
        self.feedback.clear()
        self.language.set_language(change["new"])
        self._label()

    # ---- internals ----------------------------------------------------------------------
    def _label(self) -> None:
        lang = self.lang
        self.title.value = f"<h1>{esc(t('ui.app.title', lang))}</h1>"
        self.banner_text.value = (
            '<div style="display:flex;align-items:center">'
            '<span class="asc-logo" aria-hidden="true">a</span><div>'
            f"<div class=\"asc-banner-title\">{esc(t('ui.banner.title', lang))}</div>"
            f"<div class=\"asc-banner-subtitle\">{esc(t('ui.banner.subtitle', lang))}</div>"
            "</div></div>")
        self.add_button.description = t("ui.add_store", lang)
        reason = self.registry.person.read_only_reason(lang)
        self.role_note.value = (f'<div class="asc-read-only-note" role="note">{esc(reason)}</div>'
                                if reason else "")
        lock_for_viewers(self.registry.person, lang, self.add_button)
        for name, button in self.nav_buttons.items():
            button.description = t(f"ui.nav.{name}", lang)

    def _nav(self, view: str):
        def on_click(_button) -> None:
            self.feedback.clear()
            self.show(view)
        return on_click

    def _connect(self, store: Store) -> None:
        self.on_connect(store)

    def _saved(self, store: Store) -> None:
        """The form saved a store: its card joins the list from the store the registry
        returned, without reading every store again."""
        self.close_form()
        self.stores.show_added(store)
        self._display("stores")

    def _changed(self) -> None:
        if self.view == "dashboard":
            try:
                self.dashboard.refresh()
            except StoreNotFound:
                self.show_stores()


def part_builders(app: OnboardingApp) -> dict[str, Callable[[], Any]]:
    """How each part of the app is built (when first needed), wired to the app's hooks."""
    reg, feedback = app.registry, app.feedback
    return {
        "stores": lambda: StoreList(
            reg, catalog=app.catalog, lang=app.lang, feedback=feedback,
            on_connect=app._connect, on_view=lambda store: app.open_dashboard(store.id),
            on_changed=app._changed),
        "learning": lambda: Checklist(reg, lang=app.lang, feedback=feedback),
        "status": lambda: StatusView(reg, lang=app.lang),
        "dashboard": lambda: StoreDashboard(
            reg, app.catalog, lang=app.lang, feedback=feedback, on_back=app.show_stores,
            on_changed=app._changed, on_connect=app._connect,
            connector=app._configured_connector,
            on_listing_rules=lambda store: app.open_listing_rules(store.id)),
        "form": lambda: StoreForm(reg, app.catalog, lang=app.lang, feedback=feedback,
                                  on_saved=app._saved, on_cancel=app.close_form),
        "first_checklist": lambda: ChecklistDialog(
            reg, lang=app.lang, feedback=feedback, on_continue=app.open_form,
            on_close=app.checklist_modal.close),
        "listing_rules": lambda: _listing_rules_panel(app),
        "connect_panel": lambda: ConnectPanel(lambda: app.connector, lang=app.lang,
                                              feedback=feedback,
                                              on_close=app._connect_closed),
    }


def _listing_rules_panel(app: OnboardingApp) -> Any:
    """The Listing Rules page; pandas and the rule engine load with it, on first use."""
    from asc_widgets.core.listing.service import ListingService
    from asc_widgets.widgets.listing_rules import ListingRulesPanel

    service = ListingService.from_settings(app.registry, app.catalog, app.catalog_search)
    return ListingRulesPanel(app.registry, app.catalog, lang=app.lang, feedback=app.feedback,
                             service=service,
                             connector=app._configured_connector,
                             export_folder=app.export_folder,
                             on_close=lambda: app.open_dashboard(app.listing_rules.store.id))


def _log_to_file(home: Path) -> None:
    """Voila drops a kernel's stderr: keep the app's log in ASC_HOME/app.log instead."""
    logger = logging.getLogger("asc_widgets")
    if any(getattr(h, "_asc_app_log", False) for h in logger.handlers):
        return
    try:
        home.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(home / LOG_FILE_NAME, encoding="utf-8")
    except OSError:
        log.warning("cannot write the app log under %s", home)
        return
    handler._asc_app_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def build_app(environ: Mapping[str, str] | None = None, *,
              registry: Registry | None = None, catalog: CatalogSource | None = None,
              connector: ConnectorFactory | None = None,
              on_connect: ConnectHandler | None = None,
              query: str | None = None) -> OnboardingApp:
    """The one assembler: the app from the environment's settings (read once, here), with the
    registry, catalog and Connector factory they describe unless given (a notebook's Kit and
    the tests pass their own), the log file, and the page's query string (``query``, else
    QUERY_STRING): ?lang= and Seller Central's redirect."""
    env = os.environ if environ is None else environ
    settings = Settings.from_env(env)
    _log_to_file(settings.home)
    registry = registry or Registry.from_settings(settings)
    query = (env.get("QUERY_STRING", "") if query is None else query).lstrip("?")

    def settings_connector() -> Connector:
        from asc_widgets.core.authorization import Connector

        return Connector.from_settings(settings, registry, env)

    app = OnboardingApp(registry, catalog or catalog_from_env(env),
                        lang=language_from_query(query), on_connect=on_connect,
                        connector=connector or settings_connector, query=query)
    app.export_folder = settings.home / "exports"
    app.catalog_search = settings.catalog_search
    return app


class UnavailablePage:
    """Shown instead of the app when its registry cannot be opened (ASC_HOME missing,
    read-only or full, the database unreachable): what is wrong where, not a traceback."""

    def __init__(self, error: RegistryUnavailable, lang: str = "en"):
        self.error = error
        self.feedback = Feedback(lang)
        self.title = make_html("asc-title")
        self.widget = make_vbox([stylesheet(), self.title, self.feedback.widget], "asc-app",
                                "asc-app-unavailable", f"asc-lang-{lang}")
        self.lang = lang
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        self.widget.remove_class(f"asc-lang-{self.lang}")
        self.lang = self.feedback.lang = lang
        self.widget.add_class(f"asc-lang-{lang}")
        self.title.value = f"<h1>{esc(t('ui.app.title', lang))}</h1>"
        self.feedback.show("error", self.error.message(lang))

    def apply_request(self, query: str | None) -> None:
        query = (query or "").lstrip("?")
        if "lang" in parse_qs(query):
            self.set_language(language_from_query(query))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def build_page(environ: Mapping[str, str] | None = None, *,
               on_connect: ConnectHandler | None = None,
               query: str | None = None) -> OnboardingApp | UnavailablePage:
    """The app (build_app), or the page saying why the registry cannot be opened."""
    try:
        return build_app(environ, on_connect=on_connect, query=query)
    except RegistryUnavailable as exc:
        env = os.environ if environ is None else environ
        log.error("the registry cannot be opened: %s", exc)
        return UnavailablePage(exc, language_from_query(
            (env.get("QUERY_STRING", "") if query is None else query).lstrip("?")))


def app_page(environ: Mapping[str, str] | None = None, *,
             on_connect: ConnectHandler | None = None, query: str | None = None) -> w.Widget:
    """The widget of build_page()."""
    return build_page(environ, on_connect=on_connect, query=query).widget


def answer_request(page: OnboardingApp | UnavailablePage, query: str | None) -> None:
    """The visitor's request, given to a page built before it came (a preheated kernel):
    applied, then Seller Central's one-time answer is dropped from the address bar. The parts
    the home view hides are built once the first view is in the browser (after_first_view):
    they stay out of the page's first bulk widget transfer."""
    page.apply_request(query)
    if isinstance(page, OnboardingApp):
        after_first_view(page.prepare_hidden_parts)
    script = address_cleaner(query or "")
    if script:
        from IPython.display import Javascript, display

        display(Javascript(script))


def address_cleaner(query: str) -> str | None:
    """For a landing page: JavaScript taking Seller Central's answer (its one-time code and
    state) out of the address bar and the history, keeping ?lang=; else None."""
    query = (query or "").lstrip("?")
    if not is_landing(query):
        return None
    kept = {k: v for k, v in parse_qs(query, keep_blank_values=True).items() if k == "lang"}
    target = f"?{urlencode(kept, doseq=True)}" if kept else ""
    return ("window.history.replaceState(window.history.state, '', "
            f"window.location.pathname + {json.dumps(target)});")


def show_app(*, on_connect: ConnectHandler | None = None, query: str | None = None) -> None:
    """Build the app, display it and answer the request (the page's QUERY_STRING unless
    given) at once: the app notebook's two cells (build_page, answer_request) in one call."""
    from IPython.display import display

    query = os.environ.get("QUERY_STRING", "") if query is None else query
    page = build_page(on_connect=on_connect, query="")
    display(page.widget)
    answer_request(page, query)

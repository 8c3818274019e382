"""The Voila onboarding app: home (store cards), the add-store form, the pre-setup checklist,
the store dashboard and the status tables, composed from the components in widgets/.

The notebook calls ``show_app()``; tests and notebooks can build ``OnboardingApp`` directly.

Connecting a store to Seller Central (Connect store, Renew authorization) goes through the hook
``on_connect(store)`` (replaceable: pass it, or set ``app.on_connect``). With a ``connector``
(core's Connector, or a function building it when first needed) the default hook opens the
connect panel; without one it says honestly that the Amazon connection is not set up.
``show_app()`` / ``build_app()`` give the real Connector, built lazily so the page opens fast.

Seller Central sends the person back to the app's own URL with ``state``,
``selling_partner_id`` and ``spapi_oauth_code`` (or ``error``): given that query string (Voila
passes the page's as QUERY_STRING), the app finishes the flow through core when it starts and
shows the confirmation or core's refusal on the home page.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

import ipywidgets as w

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.config import Settings, catalog_from_env
from asc_widgets.core.i18n import normalize_language, t
from asc_widgets.core.registry import Registry, RegistryUnavailable, StoreNotFound
from asc_widgets.core.stores import Store
from asc_widgets.widgets import messages as _messages  # noqa: F401  (registers the labels)
from asc_widgets.widgets.checklist import Checklist
from asc_widgets.widgets.common import esc, make_button, make_hbox, make_html, make_vbox
from asc_widgets.widgets.connect import ConnectPanel
from asc_widgets.widgets.dashboard import StoreDashboard
from asc_widgets.widgets.feedback import Feedback
from asc_widgets.widgets.language import LanguageSelector, language_from_query
from asc_widgets.widgets.modal import Modal
from asc_widgets.widgets.status_view import StatusView
from asc_widgets.widgets.store_cards import StoreList
from asc_widgets.widgets.store_form import StoreForm
from asc_widgets.widgets.style import stylesheet

if TYPE_CHECKING:  # core.authorization pulls in the HTTP stack: imported when first used
    from asc_widgets.core.authorization import Connector

log = logging.getLogger("asc_widgets.app")

ConnectHandler = Callable[[Store], None]
# What Seller Central's redirect carries: any of these in the page's query string means the
# page is a landing of the consent flow (core checks the rest).
LANDING_PARAMS = ("state", "spapi_oauth_code", "selling_partner_id", "error")
NAV = ("stores", "learning", "status")
LOG_FILE_NAME = "app.log"


class OnboardingApp:
    """The whole app as one widget tree (``app.widget``).

    Views: ``show_stores()``, ``show_learning()``, ``show_status()``,
    ``open_dashboard(store_id)``; the form: ``add_store()`` (the Add Amazon Store button: the
    checklist first while no store exists), ``open_form()``, ``close_form()``;
    ``set_language(lang)``; ``refresh()`` re-reads the registry for the current view.
    Connecting: ``open_connect(store)`` (the default hook with a connector), ``land(query)``
    (the redirect back from Seller Central), ``connector`` (core's, built when first needed).
    The views, the form's neighbours and the Connector are built when first needed, so the page
    opens quickly.
    """

    def __init__(self, registry: Registry, catalog: CatalogSource, *, lang: str = "en",
                 on_connect: ConnectHandler | None = None,
                 connector: Connector | Callable[[], Connector] | None = None,
                 query: str | None = None):
        self.registry = registry
        self.catalog = catalog
        self.lang = normalize_language(lang)
        self._connector: Connector | None = None
        self._connector_factory: Callable[[], Connector] | None = None
        if connector is not None and hasattr(connector, "start"):
            self._connector = connector  # type: ignore[assignment]
        elif connector is not None:
            self._connector_factory = connector
        configured = connector is not None
        self.on_connect: ConnectHandler = on_connect or (
            self.open_connect if configured else self.connect_not_configured)
        self.feedback = Feedback(self.lang)
        guard = self.feedback.guard
        self.view: str | None = None
        self._form: StoreForm | None = None
        self._dashboard: StoreDashboard | None = None
        self._status: StatusView | None = None
        self._learning: Checklist | None = None
        self._first_checklist: Checklist | None = None
        self._connect_panel: ConnectPanel | None = None

        self.title = make_html("asc-title")
        self.language = LanguageSelector(self.lang, on_change=self.set_language,
                                         feedback=self.feedback)
        self.banner_text = make_html("asc-banner-text")
        self.add_button = make_button("asc-add-store")
        self.add_button.on_click(guard(lambda _b: self.add_store(), "app.add_store"))
        self.nav_buttons = {name: make_button("asc-nav-button", f"asc-nav-{name}")
                            for name in NAV}
        for name, button in self.nav_buttons.items():
            button.on_click(guard(self._nav(name), f"app.nav.{name}"))
        self.stores = StoreList(registry, catalog=catalog, lang=self.lang,
                                feedback=self.feedback, on_connect=self._connect,
                                on_view=lambda store: self.open_dashboard(store.id),
                                on_changed=self._changed)
        self.main = make_vbox([self.stores.widget], "asc-main")
        self.form_modal = Modal("asc-form-modal")
        self.checklist_modal = Modal("asc-checklist-modal")
        self.connect_modal = Modal("asc-connect-modal")
        self.widget = make_vbox([
            stylesheet(),
            make_hbox([self.title, self.language.widget], "asc-header"),
            self.feedback.widget,
            make_hbox([self.banner_text, self.add_button], "asc-banner"),
            make_hbox([make_vbox(self.nav_buttons.values(), "asc-nav"), self.main], "asc-body"),
            self.form_modal.widget,
            self.checklist_modal.widget,
            self.connect_modal.widget,
        ], "asc-app", f"asc-lang-{self.lang}")
        self._label()
        # Amazon Stores once a store exists; Learning and Preparation while there is none.
        if self.stores.stores:
            self.show_stores()
        else:
            self.show_learning()
        # Build the form now: its widgets then reach the browser with the page's first batch
        # (one bulk state transfer) rather than one message each after the first click.
        _ = self.form
        if query and is_landing(query):
            if configured:
                self.land(query)
            else:
                log.warning("a Seller Central redirect reached an app without a connector")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    # ---- lazily built parts -------------------------------------------------------------
    @property
    def form(self) -> StoreForm:
        if self._form is None:
            self._form = StoreForm(self.registry, self.catalog, lang=self.lang,
                                   feedback=self.feedback, on_saved=self._saved,
                                   on_cancel=self.close_form)
        return self._form

    @property
    def dashboard(self) -> StoreDashboard:
        if self._dashboard is None:
            self._dashboard = StoreDashboard(self.registry, self.catalog, lang=self.lang,
                                             feedback=self.feedback, on_back=self.show_stores,
                                             on_changed=self._changed,
                                             on_connect=self._connect,
                                             connector=self._configured_connector)
        return self._dashboard

    @property
    def connect_panel(self) -> ConnectPanel:
        if self._connect_panel is None:
            self._connect_panel = ConnectPanel(lambda: self.connector, lang=self.lang,
                                               feedback=self.feedback,
                                               on_close=self._connect_closed)
        return self._connect_panel

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
        if self._connector is None and self._connector_factory is None:
            return None
        return self.connector

    @property
    def status(self) -> StatusView:
        if self._status is None:
            self._status = StatusView(self.registry, lang=self.lang)
        return self._status

    @property
    def learning(self) -> Checklist:
        if self._learning is None:
            self._learning = Checklist(self.registry, lang=self.lang, feedback=self.feedback)
        return self._learning

    @property
    def first_checklist(self) -> Checklist:
        """The checklist in the modal shown before the first store is added."""
        if self._first_checklist is None:
            checklist = Checklist(self.registry, lang=self.lang, feedback=self.feedback)
            checklist.widget.add_class("asc-first-checklist")
            self.continue_button = make_button("asc-checklist-continue", "asc-button-primary")
            self.close_checklist_button = make_button("asc-checklist-close", "asc-button-secondary")
            guard = self.feedback.guard
            self.continue_button.on_click(guard(lambda _b: self.open_form(), "app.continue"))
            self.close_checklist_button.on_click(
                guard(lambda _b: self.checklist_modal.close(), "app.close_checklist"))
            checklist.widget.children = (*checklist.widget.children, make_hbox(
                [self.close_checklist_button, self.continue_button], "asc-form-buttons"))
            self._first_checklist = checklist
            self._label()
        return self._first_checklist

    # ---- views --------------------------------------------------------------------------
    def show_stores(self) -> None:
        self.stores.refresh()
        self._show("stores", self.stores.widget)

    def show_learning(self) -> None:
        self.learning.refresh()
        self._show("learning", self.learning.widget)

    def show_status(self) -> None:
        self.status.refresh()
        self._show("status", self.status.widget)

    def open_dashboard(self, store_id: int) -> None:
        self.dashboard.show(store_id)
        self._show("dashboard", self.dashboard.widget)

    def refresh(self) -> None:
        """Re-read the registry for what is on screen (other kernels write to it too)."""
        if self.view == "dashboard":
            try:
                self.dashboard.refresh()
            except StoreNotFound:
                self.show_stores()
                raise
        elif self.view == "learning":
            self.learning.refresh()
        elif self.view == "status":
            self.status.refresh()
        else:
            self.stores.refresh()

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

    # ---- language -----------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        lang = normalize_language(lang)
        if lang == self.lang:
            return
        self.widget.remove_class(f"asc-lang-{self.lang}")
        self.lang = self.feedback.lang = lang
        self.widget.add_class(f"asc-lang-{lang}")
        self.feedback.clear()
        self.language.set_language(lang)
        self._label()
        for part in (self.stores, self._form, self._dashboard, self._status, self._learning,
                     self._first_checklist, self._connect_panel):
            if part is not None:
                part.set_language(lang)

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
        for name, button in self.nav_buttons.items():
            button.description = t(f"ui.nav.{name}", lang)
        if self._first_checklist is not None:
            self.continue_button.description = t("ui.checklist.continue", lang)
            self.close_checklist_button.description = t("ui.checklist.close", lang)

    def _show(self, view: str, widget: w.DOMWidget) -> None:
        self.view = view
        if self.main.children != (widget,):
            self.main.children = (widget,)
        for name, button in self.nav_buttons.items():
            active = name == view or (view == "dashboard" and name == "stores")
            (button.add_class if active else button.remove_class)("asc-nav-active")

    def _nav(self, view: str):
        def on_click(_button) -> None:
            self.feedback.clear()
            {"stores": self.show_stores, "learning": self.show_learning,
             "status": self.show_status}[view]()
        return on_click

    def _connect(self, store: Store) -> None:
        self.on_connect(store)

    def _saved(self, _store: Store) -> None:
        self.close_form()
        self.show_stores()

    def _changed(self) -> None:
        if self.view == "dashboard" and self._dashboard is not None:
            try:
                self.dashboard.refresh()
            except StoreNotFound:
                self.show_stores()


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


def is_landing(query: str) -> bool:
    """Whether a page's query string is Seller Central's redirect back to the app."""
    return any(parse_qs((query or "").lstrip("?"), keep_blank_values=True).get(name)
               is not None for name in LANDING_PARAMS)


def build_app(environ: Mapping[str, str] | None = None, *,
              on_connect: ConnectHandler | None = None,
              query: str | None = None) -> OnboardingApp:
    """The app from the environment: settings, registry, catalog, core's Connector (built when
    first needed), and the page's query string (``query``, else QUERY_STRING): ?lang= and
    Seller Central's redirect."""
    env = os.environ if environ is None else environ
    settings = Settings.from_env(env)
    _log_to_file(settings.home)
    registry = Registry.from_settings(settings)
    query = (env.get("QUERY_STRING", "") if query is None else query).lstrip("?")

    def connector() -> Connector:
        from asc_widgets.core.authorization import Connector

        return Connector.from_settings(settings, registry, env)

    return OnboardingApp(registry, catalog_from_env(env), lang=language_from_query(query),
                         on_connect=on_connect, connector=connector, query=query)


def show_app(*, on_connect: ConnectHandler | None = None, query: str | None = None) -> None:
    """What the app notebook calls: build the app and display it."""
    from IPython.display import display

    try:
        app = build_app(on_connect=on_connect, query=query)
    except RegistryUnavailable as exc:
        # The shared database cannot be reached: say where and why on the page, not a traceback.
        display(unavailable_page(exc, query).widget)
        return
    display(app.widget)


def unavailable_page(exc: RegistryUnavailable, query: str | None = None) -> Feedback:
    """The page shown when the registry database cannot be reached when the app opens."""
    lang = language_from_query((os.environ.get("QUERY_STRING", "") if query is None
                                else query).lstrip("?"))
    page = Feedback(lang)
    page.show("error", exc.message(lang))
    return page

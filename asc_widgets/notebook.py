"""What the analysts' notebooks use: one object holding the configured kit, so each cell stays a
line or two. Everything here is a thin call into core (or, for widgets, asc_widgets.widgets)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from asc_widgets.core import (
    CatalogSource,
    Registry,
    Settings,
    authorizations_table,
    catalog_from_env,
    stores_table,
    style_table,
)
from asc_widgets.core.bulk import BulkReport, bulk_add
from asc_widgets.core.i18n import t
from asc_widgets.core.registry import CheckLog
from asc_widgets.core.status import export_status
from asc_widgets.core.stores import Store, StoreDraft


@dataclass
class Kit:
    settings: Settings
    registry: Registry
    catalog: CatalogSource
    lang: str = "en"
    environ: Mapping[str, str] = field(default_factory=dict, repr=False)
    _connector: object = field(default=None, repr=False)
    _sandbox: object = field(default=None, repr=False)

    def __repr__(self) -> str:
        source = type(self.catalog).__name__
        return (f"Kit(home={str(self.settings.home)!r}, registry={self.registry.engine.url!r}, "
                f"catalog={source}, stores={len(self.registry.list_stores())})")

    # ---- catalog --------------------------------------------------------------------------
    def websites(self) -> pd.DataFrame:
        return pd.DataFrame([{"code": w.code, "name": w.name, "id": w.id}
                             for w in self.catalog.websites()])

    def attributes(self) -> pd.DataFrame:
        return pd.DataFrame([{"code": a.code, "label": a.label, "input": a.frontend_input,
                              "mapping candidate": a.is_mapping_candidate}
                             for a in self.catalog.attributes()])

    def catalog_status(self) -> str:
        """The Commerce catalog snapshot's size and age, or that the demo catalog needs none."""
        if not callable(getattr(self.catalog, "snapshot_info", None)):
            return t("catalog.demo_no_sync", self.lang)
        info = self.catalog.snapshot_info()
        return info.describe(self.lang) if info else t("snapshot.age_none", self.lang)

    def sync_catalog(self, progress=print):
        """Bring the Commerce catalog snapshot up to date (the first time everything, later only
        what changed) and return core's SyncResult; progress(line) gets a line every few
        seconds. None for the demo catalog."""
        if not callable(getattr(self.catalog, "sync", None)):
            return None
        import time

        shown = [0.0]

        def report(state) -> None:
            if time.monotonic() - shown[0] >= 5 or state.read >= state.total:
                shown[0] = time.monotonic()
                progress(state.describe(self.lang))

        result = self.catalog.sync(progress=report if progress else None)
        if progress:
            progress(result.describe(self.lang))
        return result

    def catalog_sync_panel(self):
        """The app's Sync catalog panel as a widget (None for the demo catalog)."""
        from asc_widgets.widgets.catalog_sync import catalog_sync_panel

        return catalog_sync_panel(self.catalog, lang=self.lang)

    # ---- stores ---------------------------------------------------------------------------
    def store_form(self):
        """The Add Amazon Store form as a widget (the same component the app uses)."""
        import ipywidgets as w

        from asc_widgets.widgets.feedback import Feedback
        from asc_widgets.widgets.store_form import StoreForm
        from asc_widgets.widgets.style import stylesheet

        feedback = Feedback(self.lang)
        form = StoreForm(self.registry, self.catalog, lang=self.lang, feedback=feedback)
        return w.VBox([stylesheet(), feedback.widget, form.widget])

    def validate(self, **fields: str) -> list[str]:
        """Every problem of a store with these form fields, as messages (empty: valid)."""
        draft = StoreDraft(**fields)
        return [p.message(self.lang) for p in self.registry.validate(draft, self.catalog)]

    def add_store(self, **fields: str) -> Store:
        """Add a store from the form's fields (website, email, name, marketplace, id_type,
        attribute); raises ValidationError with every field's message."""
        return self.registry.add_store(StoreDraft(**fields), self.catalog)

    def bulk_add(self, source, *, all_or_nothing: bool = False,
                 encoding: str = "utf-8") -> BulkReport:
        """Add stores from a CSV file (a pathlib.Path), CSV text (a str) or a DataFrame, one
        row per store."""
        return bulk_add(source, self.catalog, self.registry, all_or_nothing=all_or_nothing,
                        lang=self.lang, encoding=encoding)

    # ---- status ---------------------------------------------------------------------------
    def now(self):
        return self.registry.clock.now()

    def stores_table(self, styled: bool = True):
        table = stores_table(self.registry.list_stores(), lang=self.lang)
        return style_table(table, lang=self.lang) if styled else table

    def authorizations_table(self, styled: bool = True):
        table = authorizations_table(self.registry.list_stores(), self.now(), lang=self.lang,
                                     checks=CheckLog(self.registry).checks())
        return style_table(table, lang=self.lang) if styled else table

    def plot_expiry_timeline(self, ax=None):
        """Each connected store's authorization from grant to expiry, today and the 30-day
        warning line marked."""
        from asc_widgets.core.plots import expiry_timeline

        return expiry_timeline(self.registry.list_stores(), self.now(), ax=ax)

    def export_status(self, folder: str | Path | None = None) -> dict[str, Path]:
        target = Path(folder) if folder else self.settings.home / "exports"
        return export_status(self.registry.list_stores(), self.now(), target, lang=self.lang,
                             checks=CheckLog(self.registry).checks())

    # ---- Amazon ---------------------------------------------------------------------------
    @property
    def connector(self):
        """Connect / renew / check / disconnect (core.authorization.Connector). In sandbox mode
        without `make app` running, a sandbox is started in this kernel on the same state."""
        if self._connector is None:
            from asc_widgets.core.authorization import Connector

            env = dict(self.environ)
            if self.settings.uses_sandbox:
                env["ASC_SANDBOX_URL"] = self.sandbox_root()
            self._connector = Connector.from_settings(self.settings, self.registry, env)
        return self._connector

    def sandbox_root(self) -> str:
        """The Amazon sandbox's root URL: the app's (make app) when it answers, else one
        started here on a free loopback port, keeping its state under ASC_HOME."""
        from asc_widgets.core.amazon.settings import sandbox_urls

        configured = self.environ.get("ASC_SANDBOX_URL") or sandbox_urls(
            self.settings.app_url).root
        if _answers(configured):
            return configured
        if self._sandbox is None:
            from asc_widgets.sandbox import SandboxServer

            self.settings.home.mkdir(parents=True, exist_ok=True)
            self._sandbox = SandboxServer(self.settings.sandbox_state,
                                          clock=self.registry.clock).start()
            self._sandbox.sandbox.register_redirect_uri(self.settings.app_url)
        return self._sandbox.urls.root

    def connect_panel(self, store: Store | str):
        """The app's connect panel for a store (by name or Store): the Seller Central link and,
        for JupyterLab, the box to paste the address the browser landed on."""
        import ipywidgets as w

        from asc_widgets.widgets.connect import ConnectPanel
        from asc_widgets.widgets.feedback import Feedback
        from asc_widgets.widgets.style import stylesheet

        if isinstance(store, str):
            store = self.registry.find_store(store)
        feedback = Feedback(self.lang)
        panel = ConnectPanel(lambda: self.connector, lang=self.lang, feedback=feedback)
        panel.open(store)
        panel.view = w.VBox([stylesheet(), feedback.widget, panel.widget])
        return panel

    def app(self, query: str = ""):
        """The onboarding app in this notebook, assembled like Voila's (build_app) on this
        kit's registry, catalog and Connector."""
        from asc_widgets.app import build_app

        return build_app({**self.environ, "ASC_HOME": str(self.settings.home)},
                         registry=self.registry, catalog=self.catalog,
                         connector=lambda: self.connector, query=query or f"lang={self.lang}")

    def sandbox_consent(self, consent_url: str, seller: str = "seller@example.com") -> str:
        """Sandbox only: the address Seller Central would send the browser to after `seller`
        clicks Continue on consent_url (for demos and tests without a browser)."""
        from urllib.parse import parse_qs, urlencode, urlsplit

        if self._sandbox is None:
            raise RuntimeError("sandbox_consent needs the sandbox started by this kit "
                               "(use the Seller Central link instead)")
        query = parse_qs(urlsplit(consent_url).query)
        marketplace = urlsplit(consent_url).path.split("/sellercentral/")[1].split("/")[0]
        redirect = query["redirect_uri"][0]
        code, seller_id = self._sandbox.sandbox.grant_code(seller, marketplace, redirect)
        return f"{redirect}?" + urlencode({"state": query["state"][0],
                                           "selling_partner_id": seller_id,
                                           "spapi_oauth_code": code})

    # ---- listing rules and the Amazon dry run ----------------------------------------------
    @property
    def listing(self):
        """Rules, previews and catalog matching (core.listing.service.ListingService) through
        this kit's registry, catalog and Amazon connection."""
        if getattr(self, "_listing", None) is None:
            from asc_widgets.core.listing.service import ListingService

            self._listing = ListingService(self.registry, self.catalog, self.connector)
        return self._listing

    def listing_rules_panel(self, store: Store | str):
        """The app's Listing Rules page for a store (condition builder, preview, Amazon check,
        save); display ``panel.view``."""
        import ipywidgets as w

        from asc_widgets.widgets.feedback import Feedback
        from asc_widgets.widgets.listing_rules import ListingRulesPanel
        from asc_widgets.widgets.style import stylesheet

        if isinstance(store, str):
            store = self.registry.find_store(store)
        feedback = Feedback(self.lang)
        panel = ListingRulesPanel(self.registry, self.catalog, lang=self.lang,
                                  feedback=feedback, connector=lambda: self.connector,
                                  export_folder=self.settings.home / "exports",
                                  service=self.listing)
        panel.open(store.id)
        panel.view = w.VBox([stylesheet(), feedback.widget, panel.widget])
        return panel

    def match(self, preview, store: Store | str):
        """Ask Amazon's catalog about the preview's codes, showing progress (done / total,
        time left) under the cell; returns core's MatchReport."""
        import ipywidgets as w
        from IPython.display import display

        if isinstance(store, str):
            store = self.registry.find_store(store)
        bar = w.IntProgress(min=0, max=1, value=0)
        text = w.HTML()
        display(w.VBox([bar, text]))

        def progress(p) -> None:
            bar.max, bar.value = max(1, p.total), p.done
            text.value = p.message(self.lang)

        report = self.listing.match(preview, store.id, progress=progress)
        text.value = report.message(self.lang)
        return report


def open_kit(environ: Mapping[str, str] | None = None, *, lang: str = "en") -> Kit:
    """The kit as configured by the environment (see the README's Configuration)."""
    env = dict(os.environ if environ is None else environ)
    settings = Settings.from_env(env)
    return Kit(settings, Registry.from_settings(settings), catalog_from_env(env), lang=lang,
               environ=env)


def _answers(url: str) -> bool:
    import urllib.error
    import urllib.request

    try:
        urllib.request.urlopen(url, timeout=1).close()
        return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False

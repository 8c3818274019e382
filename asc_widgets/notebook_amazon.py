"""The analysts' Kit, its Amazon part: the Connector, the Amazon sandbox started in the kernel
when `make app` is not running, the connect and renewal panels, and the demo seller's consent
for notebooks run without a browser. A mixin of notebook.Kit (settings, registry, catalog,
lang, environ)."""

from __future__ import annotations

from asc_widgets.core.i18n import t
from asc_widgets.core.stores import Store


class AmazonTools:
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
        from asc_widgets.widgets.common import make_vbox
        from asc_widgets.widgets.connect import ConnectPanel
        from asc_widgets.widgets.feedback import Feedback
        from asc_widgets.widgets.style import stylesheet

        store = self._store(store)
        feedback = Feedback(self.lang)
        panel = ConnectPanel(lambda: self.connector, lang=self.lang, feedback=feedback,
                             context="notebook")
        panel.open(store)
        panel.view = make_vbox([stylesheet(), feedback.widget, panel.widget], "asc-kit")
        return panel

    def app(self, query: str = ""):
        """The onboarding app in this notebook, assembled like Voila's (build_app) on this
        kit's registry, catalog and Connector. In a notebook every widget reaches the page
        as its own message, so the form is built at once, ready for the first click."""
        from asc_widgets.app import build_app

        app = build_app({**self.environ, "ASC_HOME": str(self.settings.home)},
                        registry=self.registry, catalog=self.catalog,
                        connector=lambda: self.connector, query=query or f"lang={self.lang}")
        app.prepare_hidden_parts()
        return app

    def renewal_panel(self, store: Store | str | None = None):
        """The connect panel renewing a connected store's authorization: the named one, or by
        default the one expiring first. The seller signs in and consents again, as when
        connecting."""
        if store is None:
            connected = [s for s in self.registry.list_stores() if s.seller_id and s.expires_at]
            if not connected:
                raise LookupError(t("kit.none_connected", self.lang))
            store = min(connected, key=lambda s: s.expires_at)
        return self.connect_panel(store)

    def demo_seller_consent(self, store: Store | str, panel, *, chosen: bool = True) -> str:
        """Sandbox only, and only when chosen (``chosen``, or ASC_DEMO_SELLER=1 in the
        environment, as `make test` sets it): the sandbox's demo seller consents on the panel's
        link and the panel completes, as if the browser flow had been followed. Says so
        plainly when it is not chosen, the store is already connected or the panel has no open
        link."""
        if not (chosen or self.environ.get("ASC_DEMO_SELLER") == "1"):
            return t("kit.demo_skipped", self.lang)
        store = self._store(store)
        if store.seller_id:
            return t("kit.already_connected", self.lang, name=store.name,
                     seller_id=store.seller_id)
        if panel.url is None or panel.store is None or panel.store.id != store.id:
            return t("kit.no_flow", self.lang, name=store.name)
        panel.paste.value = self.sandbox_consent(panel.url)
        result = panel.complete()
        return result.message(self.lang)

    def _store(self, store: Store | str) -> Store:
        if isinstance(store, Store):
            return store
        found = self.registry.find_store(store)
        if found is None:
            names = ", ".join(repr(s.name) for s in self.registry.list_stores()) or "-"
            raise LookupError(t("kit.no_store", self.lang, name=store, names=names))
        return found

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


def _answers(url: str) -> bool:
    """Whether something answers HTTP at url (any status)."""
    import urllib.error
    import urllib.request

    try:
        urllib.request.urlopen(url, timeout=1).close()
        return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False

"""The connect panel: Connect store / Renew authorization for one store, shown in a modal.

``open(store)`` asks core for the consent URL (``Connector.start``) and shows how to authorize:
sign in with the primary user's credentials, then a link opening Seller Central in a NEW TAB
(a plain ``<a target="_blank">``: a window.open from a kernel round-trip would be blocked).
Seller Central sends that tab back to the app's own URL, where the app finishes the flow (see
``OnboardingApp.land``). Where the tab cannot come back (JupyterLab: no redirect target), the
person pastes the address the browser landed on and clicks Complete (``Connector.complete``).
In a notebook (``context="notebook"``) the panel speaks of the notebook (run the cell again)
instead of the app's cards and buttons, and collapses to its title and the outcome once done.

That address holds a single-use code: the box is emptied before anything else happens and the
address is never shown again. Every rule (state, exchange, verification) is core's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from asc_widgets.core.i18n import t
from asc_widgets.core.lifecycle import AUTHORIZATION_LIFETIME
from asc_widgets.core.registry.repository import AUTH_STATE_TTL
from asc_widgets.core.stores import Store
from asc_widgets.widgets.common import (
    esc,
    lean,
    make_button,
    make_hbox,
    make_html,
    make_vbox,
    notify,
    set_visible,
)
from asc_widgets.widgets.feedback import Feedback

if TYPE_CHECKING:  # core.authorization pulls in the HTTP stack: imported when first used
    from asc_widgets.core.authorization import Connector, ConnectResult


def consent_link(url: str, label: str) -> str:
    """The link-button to Seller Central: a new tab, no opener, no referrer, escaped."""
    return (f'<a class="asc-consent-link" href="{esc(url)}" target="_blank" '
            f'rel="noopener noreferrer">{esc(label)} <span aria-hidden="true">↗</span></a>')


class ConnectPanel:
    """The panel's content (``widget``); the app shows it in its modal.

    ``open(store)`` starts a flow; ``complete()`` finishes it from the pasted address;
    ``close()`` leaves. ``on_close()`` runs whenever the panel is done (the app closes the modal
    and re-reads the registry: the other tab may have connected the store meanwhile).
    Once done, the steps, link and paste box are hidden until the next ``open``.
    """

    CONTEXTS = ("app", "notebook")

    def __init__(self, connector: Callable[[], Connector], *, lang: str = "en",
                 feedback: Feedback | None = None,
                 on_close: Callable[[], None] | None = None, context: str = "app"):
        if context not in self.CONTEXTS:
            raise ValueError(f"context must be one of {self.CONTEXTS}, not {context!r}")
        self.connector = connector
        self.context = context
        self.lang = lang
        self.feedback = feedback or Feedback(lang)
        self.on_close = on_close
        self.store: Store | None = None
        self.url: str | None = None  # the consent URL shown (a state, never a code)
        guard = self.feedback.guard
        self.title = make_html("asc-connect-title")
        self.steps = make_html("asc-connect-steps")
        self.link = make_html("asc-consent")
        self.paste_help = make_html("asc-connect-paste-help")
        self.paste = lean(w.Text, "asc-paste-url", "asc-input", continuous_update=True)
        self.complete_button = make_button("asc-complete", "asc-button-secondary", disabled=True)
        self.close_button = make_button("asc-connect-close", "asc-button-secondary")
        self.paste.observe(guard(self._pasted, "connect.paste"), names="value")
        self.complete_button.on_click(guard(lambda _b: self.complete(), "connect.complete"))
        self.close_button.on_click(guard(lambda _b: self.close(), "connect.close"))
        self.done_note = make_html("asc-connect-done", own_layout=True)
        self.body = make_vbox([
            self.steps, self.link,
            make_vbox([self.paste_help, make_hbox([self.paste, self.complete_button],
                                                  "asc-connect-paste-row")],
                      "asc-connect-paste"),
            make_hbox([self.close_button], "asc-form-buttons"),
        ], "asc-connect-body", own_layout=True)
        set_visible(self.done_note, False)
        self.widget = make_vbox([self.title, self.body, self.done_note],
                                "asc-connect-panel", f"asc-connect-{context}")
        self.set_language(lang)

    @property
    def is_open(self) -> bool:
        return self.store is not None

    # ---- actions ------------------------------------------------------------------------
    def open(self, store: Store) -> str:
        """Start the flow for the store (core issues a single-use state); returns the URL."""
        url = self.connector().start(store.id, lang=self.lang)
        self.store, self.url = store, url
        self.paste.value = ""
        set_visible(self.body, True)
        set_visible(self.done_note, False)
        self.render()
        return url

    def complete(self) -> ConnectResult | None:
        """Finish from the pasted address. Whatever happens, the box is emptied first and the
        panel closes: the state is spent (or the address was not Seller Central's answer), so
        another try starts with a new Connect store, as core's messages say."""
        pasted, self.paste.value = self.paste.value.strip(), ""
        store = self.store
        if store is None or not pasted:
            return None
        try:
            result = self.connector().complete(pasted, store_id=store.id)
        finally:
            self.close()
        self.feedback.show("success", result.message(self.lang))
        return result

    def close(self) -> None:
        """Leave: the consent link is dropped and the panel collapses to its title (in a
        notebook, with how to start again)."""
        self.store, self.url = None, None
        self.paste.value = ""
        self.link.value = ""
        set_visible(self.body, False)
        if self.context == "notebook":
            self.done_note.value = (f'<p class="asc-connect-note">'
                                    f'{esc(t("ui.connect.again_notebook", self.lang))}</p>')
            set_visible(self.done_note, True)
        notify(self.on_close)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        paste_title = ("ui.connect.paste_title_notebook" if self.context == "notebook"
                       else "ui.connect.paste_title")
        self.paste_help.value = (
            f"<h4>{esc(t(paste_title, lang))}</h4>"
            f"<p>{esc(t('ui.connect.paste_help', lang))}</p>")
        self.paste.placeholder = t("ui.connect.paste_placeholder", lang)
        self.complete_button.description = t("ui.connect.complete", lang)
        self.close_button.description = t("ui.connect.close", lang)
        self.render()

    # ---- rendering ----------------------------------------------------------------------
    def render(self) -> None:
        store, lang = self.store, self.lang
        if store is None or self.url is None:
            return
        renewing = bool(store.seller_id)
        title = "ui.connect.title_renew" if renewing else "ui.connect.title"
        self.title.value = f"<h3>{esc(t(title, lang, name=store.name))}</h3>"
        in_notebook = self.context == "notebook"
        steps = [t("ui.connect.step_open", lang), t("ui.connect.step_signin", lang),
                 t("ui.connect.step_consent", lang),
                 t("ui.connect.step_back_notebook" if in_notebook else "ui.connect.step_back",
                   lang)]
        notes = []
        if renewing:
            notes.append(t("ui.connect.renew_note", lang, seller_id=store.seller_id,
                           days=AUTHORIZATION_LIFETIME.days))
        notes.append(t("ui.connect.time_limit_notebook" if in_notebook
                       else "ui.connect.time_limit", lang,
                       minutes=int(AUTH_STATE_TTL.total_seconds() // 60)))
        market = f"{store.market.flag} {t(f'market.{store.marketplace}', lang)}"
        self.steps.value = (
            f"<p>{esc(t('ui.connect.intro', lang, marketplace=market))}</p>"
            "<ol>" + "".join(f"<li>{esc(step)}</li>" for step in steps) + "</ol>"
            + "".join(f'<p class="asc-connect-note">{esc(note)}</p>' for note in notes))
        self.link.value = consent_link(self.url, t("ui.connect.link", lang))

    def _pasted(self, change) -> None:
        self.complete_button.disabled = not (change["new"] or "").strip()

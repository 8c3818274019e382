"""``python -m asc_widgets.hub.landing --port P``: the Hub-managed service Amazon sends every
seller back to (its fixed address, ``<hub>/services/asc-landing/``, is the one redirect URI
registered with Amazon; each person's server lives at ``/user/<name>/``).

The person is signed in through the Hub (HubOAuth); their groups come from the Hub API as in
their own server (core/people.py), so only operators finish a connection. Core completes it
(the pending state is in the shared registry, whichever server started the flow) and the
person is sent back to their app, which confirms it (``?landed=<store id>``). A refusal is
shown here, in the language the flow was started in, with a link back to the app.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
from urllib.parse import parse_qs, urlencode

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import web

from asc_widgets.core.config import Settings
from asc_widgets.core.errors import AscError
from asc_widgets.core.i18n import normalize_language, t
from asc_widgets.core.people import acting_person
from asc_widgets.core.registry import Registry

APP_PATH = "voila/render/onboarding_app.ipynb"


def app_address(base_url: str, person: str, query: dict[str, str]) -> str:
    """The person's app in the Hub, with a query for it."""
    return url_path_join(base_url, "user", person, APP_PATH) + "?" + urlencode(query)


class Landing:
    """Finishes consents through core, acting for the signed-in person."""

    def __init__(self, settings: Settings, environ=None):
        self.settings = settings
        self.environ = dict(os.environ if environ is None else environ)
        self.engine = Registry.from_settings(settings, actor="asc-landing").engine

    def complete(self, person_name: str, query: str):
        """ConnectResult for the person, or the AscError core raised."""
        from asc_widgets.core.authorization import Connector

        person = acting_person({**self.environ, "JUPYTERHUB_USER": person_name},
                               group=self.settings.operators_group)
        registry = Registry(self.engine, person=person)
        connector = Connector.from_settings(self.settings, registry, self.environ)
        return connector.complete(query)


class LandingHandler(HubOAuthenticated, web.RequestHandler):
    def initialize(self, landing: Landing):
        self.landing = landing

    def set_default_headers(self):
        # The landing address carries Seller Central's one-time code: never sent on.
        self.set_header("Referrer-Policy", "no-referrer")

    @web.authenticated
    async def get(self):
        name = self.current_user["name"]
        query = self.request.query
        asked = (parse_qs(query).get("lang") or [""])[0]
        try:
            result = await asyncio.to_thread(self.landing.complete, name, query)
        except AscError as exc:
            lang = normalize_language(asked or getattr(exc, "started_lang", None) or "en")
            self.set_status(400)
            self.finish(refusal_page(exc.message(lang), lang,
                                     app_address(hub_base_url(), name, {"lang": lang})))
            return
        back = {"landed": str(result.store.id), "lang": asked or result.lang or "en"}
        if result.renewed:
            back["renewed"] = "1"
        self.redirect(app_address(hub_base_url(), name, back))


def hub_base_url() -> str:
    """Where the Hub is served (JUPYTERHUB_BASE_URL, given to every service), e.g. "/"."""
    return os.environ.get("JUPYTERHUB_BASE_URL") or "/"


def refusal_page(message: str, lang: str, back: str) -> str:
    from html import escape

    return (f'<!doctype html><html lang="{escape(lang)}"><meta charset="utf-8">'
            f"<title>{escape(t('ui.app.title', lang))}</title>"
            f'<body><p class="asc-landing-refused" role="alert">{escape(message)}</p>'
            f'<p><a class="asc-landing-back" href="{escape(back)}">'
            f"{escape(t('ui.dash.back', lang))}</a></p></body></html>")


def make_app(landing: Landing) -> web.Application:
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/asc-landing/")
    return web.Application([
        (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
        (prefix, LandingHandler, {"landing": landing}),
        (prefix.rstrip("/"), LandingHandler, {"landing": landing}),
    ], cookie_secret=os.urandom(32))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m asc_widgets.hub.landing")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    landing = Landing(Settings.from_env())

    async def forever():
        make_app(landing).listen(args.port, address="127.0.0.1")
        print(f"asc-landing on 127.0.0.1:{args.port}", flush=True)
        await asyncio.Event().wait()

    with contextlib.suppress(KeyboardInterrupt):  # the Hub stops its services so
        asyncio.run(forever())


if __name__ == "__main__":
    main()

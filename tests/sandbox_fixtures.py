"""Helpers for the Amazon sandbox and client tests (the fixtures are in sandbox_plugin.py).

``ConsentBrowser`` drives the sandbox's consent pages with requests; ``authorize`` runs the
whole flow and returns the redirect URL.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import requests

from asc_widgets.core.amazon import AmazonSettings, consent_url
from asc_widgets.sandbox import DEMO_OTP, DEMO_PASSWORD

SANDBOX_START = "2026-03-01T12:00:00+00:00"
APP_URL = "http://127.0.0.1:9/app/"  # the redirect target: never fetched by these helpers


_FLOW = re.compile(r'name="flow" value="([^"]+)"')


class ConsentBrowser:
    """Walks the sandbox's consent pages with requests, like a user in a browser."""

    def __init__(self, url: str):
        self.url = url
        self.action = url.split("?", 1)[0]
        self.session = requests.Session()
        self.response = self.session.get(url, timeout=5)
        match = _FLOW.search(self.response.text)
        self.flow = match.group(1) if match else None

    @property
    def text(self) -> str:
        return self.response.text

    def error(self) -> str | None:
        match = re.search(r'id="asc-sandbox-error"[^>]*>(.*?)</div>', self.text, re.S)
        return match.group(1) if match else None

    def submit(self, action: str, **fields: str) -> requests.Response:
        self.response = self.session.post(self.action, data={"flow": self.flow,
                                                             "action": action, **fields},
                                          allow_redirects=False, timeout=5)
        return self.response

    def sign_in(self, email: str = "seller@example.com", password: str = DEMO_PASSWORD):
        return self.submit("signin", email=email, password=password)

    def verify(self, code: str = DEMO_OTP):
        return self.submit("otp", otp=code)

    def tick_and_next(self, tick: bool = True):
        return self.submit("consent", **({"understand": "yes"} if tick else {}))

    def continue_(self):
        return self.submit("confirm")

    def cancel(self):
        return self.submit("cancel")

    @property
    def location(self) -> str | None:
        return self.response.headers.get("Location")


def authorize(settings: AmazonSettings, marketplace: str = "US", state: str = "state-1",
              email: str = "seller@example.com", password: str = DEMO_PASSWORD) -> str:
    """The whole consent flow; returns the redirect URL (with the code)."""
    browser = ConsentBrowser(consent_url(marketplace, state, settings))
    browser.sign_in(email, password)
    if "asc-sandbox-otp" in browser.text:
        browser.verify()
    browser.tick_and_next()
    browser.continue_()
    assert browser.response.status_code == 302, browser.text
    location = browser.location
    assert location and urlsplit(location).path == urlsplit(settings.redirect_uri).path
    return location

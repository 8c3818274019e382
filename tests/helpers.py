"""Helpers shared by test modules (fixtures are in conftest.py; test modules never import
each other): the scan of a widget tree's texts for untranslated English, and what the browser
suites do the same way (find a card, seed a store, sign in and consent at Seller Central)."""

from __future__ import annotations

import html
import json
import re
import subprocess
from datetime import timedelta
from urllib.parse import urlsplit

import ipywidgets as w
from sandbox_fixtures import APP_URL, ConsentBrowser

from asc_widgets.core import StoreDraft

# Names that stay as they are in Chinese UI text: brands, products, codes.
KEEP = {"Amazon", "Magento", "Commerce", "Seller", "Central", "ASIN", "EAN", "GCID", "ISBN",
        "UPC", "SKU", "ID", "Cron", "English"}


# ---- the text scan ----------------------------------------------------------------------------
def walk_widgets(root: w.Widget):
    """Every widget of a tree, once each."""
    seen, stack = set(), [root]
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        stack.extend(getattr(widget, "children", ()))
        yield widget


def widget_texts(root: w.Widget):
    """Every text a widget tree shows: descriptions, placeholders, tooltips, HTML and label
    values (tags and styles removed, tooltips kept), dropdown option labels."""
    for widget in walk_widgets(root):
        for name in ("description", "placeholder", "tooltip"):
            value = getattr(widget, name, None)
            if isinstance(value, str) and value:
                yield value
        if isinstance(widget, w.HTML | w.Label | w.HTMLMath):
            yield from html_texts(widget.value)
        if isinstance(widget, w.Dropdown | w.Select | w.SelectMultiple):
            yield from widget._options_labels


def html_texts(value: str):
    value = re.sub(r"<style.*?</style>", " ", value or "", flags=re.S)
    yield from (html.unescape(m) for m in re.findall(r'title="([^"]*)"', value))
    yield html.unescape(re.sub(r"<[^>]+>", " ", value))


def english_words(texts, data: set[str]) -> set[str]:
    found = set()
    for text in texts:
        for item in sorted(data, key=len, reverse=True):
            text = text.replace(item, " ")
        found.update(word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in KEEP)
    return found


# ---- browser suites ---------------------------------------------------------------------------
def exact(text: str) -> re.Pattern:
    return re.compile(f"^{re.escape(text)}$")


def card(page, name: str):
    return page.locator(".asc-store-card").filter(
        has=page.locator(".asc-card-name", has_text=exact(name)))


def seed(registry, catalog, name="Amazon Store USA", website="base", marketplace="US",
         connected=False):
    store = registry.add_store(StoreDraft(website=website, email="ops@example.com", name=name,
                                          marketplace=marketplace, id_type="UPC",
                                          attribute="upc"), catalog)
    return connect_store(registry, store) if connected else store


def connect_store(registry, store, *, seller_id: str = "A3SELLER0UK", days_left: int = 200):
    """The store marked connected in the registry (no Amazon involved), expiring in
    days_left days."""
    now = registry.clock.now()
    return registry.transition(store.id, "connect", seller_id=seller_id, authorized_at=now,
                               expires_at=now + timedelta(days=days_left))


def sign_in(page, email: str = "seller@example.com", password: str = "sandbox") -> None:
    """Seller Central's sign-in form (the sandbox's)."""
    page.fill("#asc-sandbox-email", email)
    page.fill("#asc-sandbox-password", password)
    page.click("#asc-sandbox-signin")


def pass_two_step(page, code: str = "123456") -> None:
    page.fill("#asc-sandbox-otp", code)
    page.click("#asc-sandbox-otp-signin")


def consent(page) -> None:
    """Tick "I understand...", Next, then Continue on "You are almost done"."""
    page.check("#asc-sandbox-understand")
    page.click("#asc-sandbox-next")
    page.locator("#asc-sandbox-almost-done").wait_for()
    page.click("#asc-sandbox-continue")


# ---- the connect flow without a browser (the sandbox over HTTP) ---------------------------
US_SELLER = "A1SBXDEMONA0001"


def consent_url_of(app) -> str:
    """The href of the panel's link, as the browser reads it."""
    match = re.search(r'<a class="asc-consent-link" href="([^"]*)"', app.connect_panel.link.value)
    assert match, app.connect_panel.link.value
    return html.unescape(match.group(1))


def seller_central(url: str, email="seller@example.com", *, cancel=False) -> str:
    """A person at Seller Central: sign in, two-step code, I understand..., Next, Continue
    (or Cancel). Returns the address the browser is sent to."""
    browser = ConsentBrowser(url)
    browser.sign_in(email)
    if "asc-sandbox-otp" in browser.text:
        browser.verify()
    if cancel:
        browser.cancel()
    else:
        browser.tick_and_next()
        browser.continue_()
    assert browser.response.status_code == 302, browser.text
    return browser.location


def click_connect(app, name="Amazon Store USA") -> str:
    app.stores.card_for(name).main_button.click()
    assert app.connect_modal.is_open, app.feedback.text
    return consent_url_of(app)


def landing_query(location: str) -> str:
    assert location.startswith(APP_URL)
    return urlsplit(location).query


# ---- the store form in a browser -----------------------------------------------------------
WEBSITES = {"base": "Main Website (base)", "us_store": "US Store (us_store)",
            "uk_store": "UK Store (uk_store)"}
MARKETS = {"US": "🇺🇸 United States", "CA": "🇨🇦 Canada", "UK": "🇬🇧 United Kingdom"}


def fill_form(page, *, website=None, email=None, name=None, marketplace=None, id_type=None,
              attribute=None) -> None:
    form = page.locator(".asc-store-form")
    if website:
        form.locator(".asc-field-website select").select_option(label=WEBSITES[website])
    if email is not None:
        form.locator(".asc-field-email input").fill(email)
    if name is not None:
        form.locator(".asc-field-name input").fill(name)
    if marketplace:
        form.locator(".asc-field-marketplace select").select_option(label=MARKETS[marketplace])
    if id_type:
        form.locator(".asc-field-id-type select").select_option(label=id_type)
    if attribute:
        form.locator(".asc-field-attribute select").select_option(label=attribute)


# ---- servers the tests start ---------------------------------------------------------------
def stop_process(proc) -> None:
    """Stop a server the test started: terminate, then kill if it does not stop in 20 s."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# ---- stores in a given state ---------------------------------------------------------------
def connected_uk_store(registry, catalog, *, days_left: int):
    """The UK store (EAN mapped) connected to seller A3SELLER0UK, its authorization expiring in
    days_left days."""
    store = registry.add_store(StoreDraft(website="uk_store", email="uk@example.com",
                                          name="Amazon Store UK", marketplace="UK",
                                          id_type="EAN", attribute="ean"), catalog)
    return connect_store(registry, store, days_left=days_left)


# ---- the page's kernel messages, as the browser receives them -----------------------------
def kernel_message(payload: str | bytes) -> tuple[str, dict]:
    """(msg_type, content) of a kernel websocket frame: JSON, or jupyter_server's binary v1
    protocol (offsets, then channel, header, parent header, metadata, content, buffers)."""
    if isinstance(payload, str):
        message = json.loads(payload)
        return message["header"]["msg_type"], message.get("content", {})
    count = int.from_bytes(payload[:8], "little")
    offsets = [int.from_bytes(payload[8 * (i + 1):8 * (i + 2)], "little") for i in range(count)]
    parts = [payload[offsets[i]:offsets[i + 1]] for i in range(1, count - 1)]
    return json.loads(parts[0])["msg_type"], json.loads(parts[3])

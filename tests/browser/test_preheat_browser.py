"""Preheated kernels in the real app: a kernel that ran the app notebook before anyone asked
serves the language and the Seller Central landing of the request it is given and shows the
stores as they are then; no page asks any host but the kit's own server; visits leave no
more kernels than the pool plus the pages still open."""

from __future__ import annotations

import http.cookiejar
import json
import time
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest
from helpers import card, seed
from sandbox_fixtures import ConsentBrowser

from asc_widgets.core import Registry, Settings, StoreStatus

pytestmark = pytest.mark.browser

PAGE_READY_MS = 90_000
READY_LINE = "is ready and waits for a visitor"


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"not within {timeout} s: {what}")


def waiting_kernels(home: Path) -> list[str]:
    """Kernels that built the app and wait for a visitor (the app's log says so)."""
    log = home / "app.log"
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    ready = [line.split("preheated kernel ")[1].split()[0] for line in lines if READY_LINE in line]
    served = {line.split("preheated kernel ")[1].split()[0] for line in lines
              if "serves a visitor" in line}
    return [k for k in ready if k not in served]


def kernel_processes(server_pid: int) -> list[psutil.Process]:
    parent = psutil.Process(server_pid)
    return [p for p in parent.children(recursive=True)
            if any("ipykernel_launcher" in part for part in _cmdline(p))]


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []


def page_kernel_id(page) -> str:
    return json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]


def landing_url(app_url: str, home: Path, registry: Registry, store_id: int) -> str:
    """Start the connect flow through core (as the app's Connect store does) and walk the
    sandbox Seller Central; returns the address Seller Central sends the browser to."""
    from asc_widgets.core.authorization import Connector

    env = {"ASC_HOME": str(home), "ASC_PORT": str(urlsplit(app_url).port)}
    connector = Connector.from_settings(Settings.from_env(env), registry, env)
    seller_central = ConsentBrowser(connector.start(store_id, lang="en"))
    seller_central.sign_in()
    if "asc-sandbox-otp" in seller_central.text:
        seller_central.verify()
    seller_central.tick_and_next()
    seller_central.continue_()
    assert seller_central.response.status_code == 302, seller_central.text
    return seller_central.location


@pytest.fixture
def preheated(start_app, tmp_path):
    """A server of its own with one preheated kernel and a 5 s cell limit (the kernel waits
    for its visitor longer than that: the waiting cell has no limit)."""
    with start_app(tmp_path, ASC_KERNEL_POOL_SIZE="1", ASC_CELL_TIMEOUT_SECONDS="5") as served:
        registry = Registry.from_settings(Settings.from_env({"ASC_HOME": str(tmp_path)}),
                                          actor="another kernel")
        yield served[0], tmp_path, registry
        registry.close()


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(30_000)
    page.goto(url)
    page.wait_for_selector(".asc-add-store", timeout=PAGE_READY_MS)
    return page


def leave(page):
    page.goto("about:blank")  # Voila shuts the page's kernel down on unload
    page.close()


def test_a_preheated_kernel_serves_the_language_landing_and_stores_of_its_request(
        preheated, browser, catalog):
    url, home, registry = preheated
    first = wait_for(lambda: waiting_kernels(home), 90, "a preheated kernel built the app")[0]
    # While it waits (longer than the 5 s cell limit), another kernel adds a store.
    time.sleep(6)
    seed(registry, catalog, name="Added While Waiting", website="uk_store", marketplace="UK")
    page = open_page(browser, url + "?lang=zh-CN")
    try:
        assert page_kernel_id(page) == first  # the preheated kernel served this page
        assert "asc-lang-zh-CN" in page.locator(".asc-app").get_attribute("class")
        assert page.locator(".asc-add-store").inner_text() == "添加 Amazon 商店"
        assert "连接商店" in card(page, "Added While Waiting").inner_text()
        assert "asc-nav-active" in page.locator(".asc-nav-stores").get_attribute("class")
    finally:
        leave(page)

    # The pool refills; that kernel is handed Seller Central's redirect for a store added
    # (and a flow started) after it built the app.
    second = wait_for(lambda: [k for k in waiting_kernels(home) if k != first], 90,
                      "the pool refilled")[0]
    store = seed(registry, catalog)  # Amazon Store USA
    landing = landing_url(url, home, registry, store.id)
    assert landing.startswith(url)
    page = open_page(browser, landing + "&lang=zh-CN")
    try:
        assert page_kernel_id(page) == second
        message = page.locator(".asc-message")
        message.locator("text=已连接到 Amazon 卖家").wait_for()
        assert "Amazon Store USA" in message.inner_text()
        assert "查看商店" in card(page, "Amazon Store USA").inner_text()
        assert card(page, "Added While Waiting").count() == 1
    finally:
        leave(page)
    assert registry.get_store(store.id).status is StoreStatus.ACTIVE


def test_the_page_asks_no_host_but_the_kit_server(open_app, app_url, registry, catalog):
    seed(registry, catalog)
    page = open_app()
    page.click(".asc-add-store")
    page.wait_for_selector(".asc-store-form .asc-field-name input", state="visible")
    page.click(".asc-store-form .asc-cancel")
    page.click(".asc-nav-status")
    page.wait_for_selector(".asc-status-view", state="visible")
    page.wait_for_load_state("networkidle")
    own = urlsplit(app_url).netloc
    assert len(page.requests) > 50  # scripts, styles, the kernel's websocket: all recorded
    assert any(url.startswith("ws://" + own) for url in page.requests)
    assert [url for url in page.requests
            if urlsplit(url).netloc != own and not url.startswith("data:")] == []


def visit(url: str) -> tuple[str, urllib.request.OpenerDirector, str]:
    """A page open over plain HTTP: Voila hands a kernel to the request and runs the app for
    it; the page's scripts never run, so nothing connects to that kernel."""
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    with opener.open(url, timeout=120) as response:
        html = response.read().decode()
    config = html.split('<script id="jupyter-config-data" type="application/json">', 1)[1]
    kernel_id = json.loads(config.split("</script>", 1)[0])["kernelId"]
    xsrf = next(c.value for c in cookies if c.name == "_xsrf")
    return kernel_id, opener, xsrf


def close_tab(url: str, kernel_id: str, opener, xsrf: str) -> None:
    """What the page's unload beacon sends when a tab closes."""
    body = urllib.parse.urlencode({"_xsrf": xsrf}).encode()
    with opener.open(f"{url}voila/api/shutdown/{kernel_id}", data=body, timeout=30) as response:
        assert response.status == 204


@pytest.mark.timeout(900)
def test_fifty_visits_leave_no_more_kernels_than_the_pool_and_the_open_pages(
        start_app, tmp_path, browser):
    pool = 2
    with start_app(tmp_path, ASC_KERNEL_POOL_SIZE=str(pool), ASC_KERNEL_CULL_IDLE_SECONDS="3",
                   ASC_KERNEL_CULL_INTERVAL_SECONDS="1") as (url, server):
        wait_for(lambda: len(waiting_kernels(tmp_path)) == pool, 120, "the pool is heated")
        staying = open_page(browser, url)  # one person keeps the app open all along
        try:
            served = set()
            for number in range(50):
                kernel_id, opener, xsrf = visit(url)
                served.add(kernel_id)
                if number % 2:  # half close the tab, half just walk away (culled when idle)
                    close_tab(url, kernel_id, opener, xsrf)
            assert len(served) == 50  # every visit had a kernel of its own

            expected = pool + 1  # the refilled pool and the page still open
            wait_for(lambda: len(kernel_processes(server.pid)) == expected
                     and len(waiting_kernels(tmp_path)) == pool, 120,
                     f"{expected} kernels left, {pool} of them waiting in the pool")
            time.sleep(3)  # and it stays so: nothing else is starting or lingering
            assert len(kernel_processes(server.pid)) == expected
            # The open page's kernel was not culled: it still answers.
            staying.click(".asc-add-store")
            staying.wait_for_selector(".asc-checklist-modal .asc-first-checklist",
                                      state="visible")
        finally:
            leave(staying)

"""Browser tests: the real app (``python -m asc_widgets.serve``) in headless Chromium.

One app server for the whole session (a Voila kernel starts per page, a few seconds each),
on a free port with a temporary ASC_HOME. Each test starts from an empty registry (stores and
checklist ticks cleared through core, as another kernel would) and seeds what it needs.
A failing test leaves a screenshot of each of its pages and tabs under test-artifacts/ (one
teardown, ``close_pages``, for every suite). Screenshots the tests take on purpose go to
test-artifacts/screenshots/, never over the tracked docs/screenshots/:
scripts/refresh_screenshots.py sets ASC_SCREENSHOT_DIR to refresh those.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ASC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = Path(os.environ.get("ASC_SCREENSHOT_DIR") or ARTIFACTS / "screenshots")
PAGE_READY_MS = 90_000  # a kernel start on a busy 2-core machine
VIEWPORT = {"width": 1280, "height": 900}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            # A missing path: the server answers 404 without starting a kernel.
            urllib.request.urlopen(url + "asc-probe-404", timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.25)
    raise TimeoutError(f"the app at {url} did not answer within {timeout} s")


@pytest.fixture(scope="session")
def app_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("asc-home")


@pytest.fixture(scope="session")
def app_url(app_home):
    """The app served like `make app`, on a free port."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (make chromium)")
    port = _free_port()
    env = {**os.environ, "ASC_PORT": str(port), "ASC_HOME": str(app_home)}
    env.pop("QUERY_STRING", None)
    log_path = app_home / "server.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "asc_widgets.serve"], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(url, proc, log_path)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def registry(app_home):
    """The app's registry, opened here as another kernel would."""
    from asc_widgets.core import Registry, Settings

    reg = Registry.from_settings(Settings.from_env({"ASC_HOME": str(app_home)}), actor="tests")
    yield reg
    reg.close()


@pytest.fixture(scope="session")
def catalog():
    from asc_widgets.core import DemoCatalog

    return DemoCatalog()


@pytest.fixture(autouse=True)
def empty_registry(registry):
    from asc_widgets.core.checklist import CHECKLIST_ITEMS

    for store in registry.list_stores():
        registry.delete_store(store.id)
    for item in CHECKLIST_ITEMS:
        registry.set_checked(item, False)


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_app(browser, app_url, request):
    """open_app(query="") -> a page showing the app (its own kernel). Each page records the
    JavaScript dialogs it saw in page.dialogs (dismissed) and page errors in page.errors."""
    pages = []

    def opener(query: str = ""):
        page = browser.new_page(viewport=VIEWPORT)
        page.dialogs, page.errors = [], []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message),
                                          dialog.dismiss()))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.set_default_timeout(30_000)
        pages.append(page)
        page.goto(app_url + (f"?{query}" if query else ""))
        page.wait_for_selector(".asc-add-store", timeout=PAGE_READY_MS)
        return page

    yield opener
    close_pages(request, pages)


@pytest.fixture
def tabs(request):
    """Pages the app opens itself (Seller Central tabs): closed afterwards, like open_app's."""
    opened = []
    yield opened
    close_pages(request, opened, "tab")


def close_pages(request, pages, kind: str = "page") -> None:
    """The one teardown of browser pages: a screenshot of each when the test failed, then
    about:blank (Voila shuts a page's kernel down on unload) and close."""
    report = getattr(request.node, "rep_call", None)
    failed = report is not None and report.failed
    for i, page in enumerate(pages):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            with contextlib.suppress(Exception):
                page.screenshot(path=ARTIFACTS / f"{request.node.name}-{kind}{i}.png",
                                full_page=True)
        with contextlib.suppress(Exception):
            page.goto("about:blank")
        page.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


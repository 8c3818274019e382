"""Browser tests: the real app (``python -m asc_widgets.serve``) in headless Chromium.

One app server for the whole session (a Voila kernel starts per page, a few seconds each),
on a free port with a temporary ASC_HOME. Each test starts from an empty registry (stores and
checklist ticks cleared through core, as another kernel would) and seeds what it needs.
A failing test leaves a screenshot of each of its pages and tabs under test-artifacts/ (one
teardown, ``close_pages``, for every suite). Screenshots the tests take on purpose go to
test-artifacts/screenshots/, never over the tracked docs/screenshots/:
scripts/refresh_screenshots.py sets ASC_SCREENSHOT_DIR to refresh those.

The analysts' path runs in a real JupyterLab (``jupyterlab_url``): started on loopback at a
free port without a token, on a copy of the notebooks (autosave never touches the tracked
ones) and its own ASC_HOME.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import stop_process

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


@contextlib.contextmanager
def serve_app(home: Path, **settings: str):
    """The app served like `make app` on a free port, with ASC_HOME=home and extra settings
    (e.g. ASC_KERNEL_POOL_SIZE); yields (url, process). Its log: home/server.log."""
    port = _free_port()
    env = {**os.environ, "ASC_PORT": str(port), "ASC_HOME": str(home), **settings}
    env.pop("QUERY_STRING", None)
    log_path = home / "server.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "asc_widgets.serve"], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(url, proc, log_path)
        yield url, proc
    finally:
        stop_process(proc)


@pytest.fixture(scope="session")
def start_app():
    """serve_app, for tests that need a server of their own (other settings, other home)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (make chromium)")
    return serve_app


@pytest.fixture(scope="session")
def app_url(app_home):
    """The app served like `make app`, on a free port."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (make chromium)")
    with serve_app(app_home) as (url, _proc):
        yield url


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
def new_page(browser, request):
    """new_page(viewport=VIEWPORT) -> a page recording the JavaScript dialogs it saw in
    page.dialogs (dismissed), page errors in page.errors and the URLs it asked for in
    page.requests. When the test fails, each page leaves a screenshot under test-artifacts/."""
    pages = []

    def opener(viewport: dict | None = None):
        page = browser.new_page(viewport=viewport or VIEWPORT)
        page.dialogs, page.errors = [], []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message),
                                          dialog.dismiss()))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.requests = []  # every URL the page asked for, websockets included
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("websocket", lambda socket: page.requests.append(socket.url))
        page.set_default_timeout(30_000)
        pages.append(page)
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


@pytest.fixture
def open_app(new_page, app_url):
    """open_app(query="") -> a page showing the app (its own kernel), see new_page."""

    def opener(query: str = ""):
        page = new_page()
        page.goto(app_url + (f"?{query}" if query else ""))
        page.wait_for_selector(".asc-add-store", timeout=PAGE_READY_MS)
        return page

    return opener


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    """A real JupyterLab 4 on loopback (free port, no token), serving a copy of the analyst
    notebooks with their data, kernels on a fresh ASC_HOME. ASC_PORT points at a free port
    where nothing listens: the kit starts the Amazon sandbox in the kernel, and Seller
    Central's redirect ends on an address that does not load, as in a real JupyterLab.
    Yields (url, notebooks folder, ASC_HOME)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (make chromium)")
    base = tmp_path_factory.mktemp("jupyterlab")
    notebooks, home, settings = base / "notebooks", base / "home", base / "settings"
    notebooks.mkdir()
    for path in (ROOT / "notebooks").glob("0*.ipynb"):
        shutil.copy(path, notebooks)
    shutil.copytree(ROOT / "notebooks" / "data", notebooks / "data")
    settings.mkdir()
    # No news or update checks (loopback only), no pop-up asking about them; a notebook
    # starts its kernel without asking which and keeps every cell in the page.
    (settings / "overrides.json").write_text(json.dumps({
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                        "checkForUpdates": False},
        "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True,
                                                   "windowingMode": "none"}}))
    port = _free_port()
    env = {**os.environ, "ASC_HOME": str(home), "ASC_PORT": str(_free_port()),
           "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
           "JUPYTER_CONFIG_DIR": str(base / "config")}
    for name in ("QUERY_STRING", "ASC_APP_URL", "ASC_SANDBOX_URL", "ASC_DEMO_SELLER"):
        env.pop(name, None)
    log_path = base / "jupyterlab.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen([
            sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.allow_root=True",
            f"--ServerApp.root_dir={notebooks}", f"--LabApp.app_settings_dir={settings}",
            f"--LabApp.user_settings_dir={base / 'user-settings'}",
            f"--LabApp.workspaces_dir={base / 'workspaces'}", "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly"],
            cwd=notebooks, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(url, proc, log_path)
        yield url, notebooks, home
    finally:
        stop_process(proc)


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


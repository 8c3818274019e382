"""Sync catalog in the real app (Voila + Chromium), reading the fake Commerce store over HTTP."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for commerce_fake
from commerce_fake import FakeCommerce, make_products  # noqa: E402

# This folder's conftest helpers (start the app as its app_url fixture does), loaded by path:
# `import conftest` could find tests/conftest.py instead.
_spec = importlib.util.spec_from_file_location("browser_helpers",
                                               Path(__file__).with_name("conftest.py"))
helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(helpers)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def commerce_app(tmp_path_factory):
    """The app configured for the fake Commerce store (slow pages, so progress shows)."""
    if not Path(helpers.CHROMIUM).exists():
        pytest.skip(f"no Chromium at {helpers.CHROMIUM} (make chromium)")
    home = tmp_path_factory.mktemp("asc-commerce-home")
    with FakeCommerce(products=make_products(1000), page_latency=0.4) as fake:
        port = helpers._free_port()
        env = {**os.environ, "ASC_PORT": str(port), "ASC_HOME": str(home),
               **fake.env(ASC_COMMERCE_PAGE_SIZE="100")}
        env.pop("QUERY_STRING", None)
        log_path = home / "server.log"
        with open(log_path, "w") as log:
            proc = subprocess.Popen([sys.executable, "-m", "asc_widgets.serve"], cwd=helpers.ROOT,
                                    env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        try:
            helpers._wait_until_up(url, proc, log_path)
            yield url, fake
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_sync_catalog_shows_progress_then_the_snapshot_age(browser, commerce_app) -> None:
    url, fake = commerce_app
    page = browser.new_page(viewport=helpers.VIEWPORT)
    page.set_default_timeout(60_000)
    try:
        page.goto(url)
        age = page.locator(".asc-catalog-snapshot-age")
        age.wait_for()
        assert "No catalog snapshot yet" in age.inner_text()
        page.locator("button.asc-catalog-sync").click()
        progress = page.locator(".asc-catalog-sync-progress")
        progress.get_by_text("of 1,000 products read").wait_for()
        assert "Reading the whole catalog" in progress.inner_text()
        page.locator(".asc-message").get_by_text("Catalog synced: 1,000 products read").wait_for()
        assert "Catalog snapshot: 1,000 products, synced" in age.inner_text()
        assert not progress.is_visible()
        # Only what changed is read the second time.
        fake.change_products([3], upc="036000291452")
        before = len(fake.product_requests())
        page.locator("button.asc-catalog-sync").click()
        page.locator(".asc-message").get_by_text("1 products changed").wait_for()
        assert len(fake.product_requests()) - before <= 3
    finally:
        page.goto("about:blank")
        page.close()

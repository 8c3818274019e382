"""Sync catalog in the real app (Voila + Chromium), reading the fake Commerce store over HTTP."""

from __future__ import annotations

import pytest
from commerce_fake import FakeCommerce, make_products

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def commerce_app(tmp_path_factory, start_app):
    """The app configured for the fake Commerce store (slow pages, so progress shows)."""
    home = tmp_path_factory.mktemp("asc-commerce-home")
    with FakeCommerce(products=make_products(1000), page_latency=0.4) as fake, \
            start_app(home, **fake.env(ASC_COMMERCE_PAGE_SIZE="100")) as (url, _proc):
        yield url, fake


def test_sync_catalog_shows_progress_then_the_snapshot_age(new_page, commerce_app) -> None:
    url, fake = commerce_app
    page = new_page()
    page.set_default_timeout(60_000)
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

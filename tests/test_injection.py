"""Injection: spreadsheet formulas in exports, and a hostile seller id in the redirect."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import openpyxl
import pandas as pd
import pytest
from sandbox_fixtures import ConsentBrowser

from asc_widgets.core import StoreDraft, StoreStatus
from asc_widgets.core.authorization import ConnectError
from asc_widgets.core.status import export_status

HOSTILE_NAMES = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)"]


@pytest.fixture
def clock(sandbox_clock):
    return sandbox_clock


def add(registry, catalog, name, website, marketplace):
    return registry.add_store(StoreDraft(website=website, email="ops@example.com", name=name,
                                         marketplace=marketplace, id_type="UPC",
                                         attribute="upc"), catalog)


def test_exports_write_formula_like_text_as_text(registry, catalog, tmp_path):
    sites = [("base", "US"), ("us_store", "CA"), ("uk_store", "UK")]
    stores = [add(registry, catalog, name, site, market)
              for name, (site, market) in zip(HOSTILE_NAMES, sites, strict=False)]
    paths = export_status(stores, registry.clock.now(), tmp_path)

    names = pd.read_csv(paths["stores"], dtype=str, keep_default_na=False)["name"].tolist()
    assert names == ["'" + n for n in HOSTILE_NAMES[:3]]
    stores_csv = paths["stores"].read_text()
    assert "\n=" not in stores_csv and "\n+" not in stores_csv and "\n-" not in stores_csv

    book = openpyxl.load_workbook(paths["excel"])
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    sheet_names = [book["stores"].cell(row=i, column=1) for i in range(2, 5)]
    assert [c.value for c in sheet_names] == HOSTILE_NAMES[:3]  # the text, kept as typed
    assert all(c.data_type == "s" for c in sheet_names)
    assert registry.list_stores() == stores  # exporting changes nothing


@pytest.mark.parametrize("seller_id", [
    "<img src=x onerror=alert(1)>" + "A" * 530, "=HYPERLINK(\"http://evil\")", "a1sbxdemo0001",
    "A1SBX DEMO", "A" * 40, "ABC"])
def test_a_seller_id_not_in_amazons_format_is_refused_and_nothing_is_saved(
        connector, registry, catalog, seller_id):
    store = add(registry, catalog, "Amazon Store USA", "base", "US")
    browser = ConsentBrowser(connector.start(store.id))
    browser.sign_in("seller@example.com")
    if "asc-sandbox-otp" in browser.text:
        browser.verify()
    browser.tick_and_next()
    browser.continue_()
    query = parse_qs(urlsplit(browser.location).query)
    query["selling_partner_id"] = [seller_id]
    tampered = urlencode({k: v[0] for k, v in query.items()})
    with pytest.raises(ConnectError) as caught:
        connector.complete(tampered)
    assert caught.value.key == "auth.callback_invalid"
    assert caught.value.message().startswith("This page address is not a complete answer")
    saved = registry.get_store(store.id)
    assert saved == store and saved.status is StoreStatus.NOT_CONNECTED
    assert registry.get_secret(store.id, "refresh_token") is None
    assert registry.events(store.id)[-1].kind == "failed"
    with pytest.raises(ConnectError) as again:  # the state is spent
        connector.complete(browser.location)
    assert again.value.key == "auth.state_reused"
